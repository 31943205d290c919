class Solution {
    public long sumOfStretchMinimums(int[] prices) {
        int n = prices.length;
        int[] stack = new int[n + 1];
        int size = 0;
        long total = 0;
        for (int i = 0; i <= n; i++) {
            int p = i < n ? prices[i] : 0;
            while (size > 0 && prices[stack[size - 1]] >= p) {
                int top = stack[--size];
                int below = size > 0 ? stack[size - 1] : -1;
                total += (long) prices[top] * (top - below) * (i - top);
            }
            stack[size++] = i;
        }
        return total;
    }
}
