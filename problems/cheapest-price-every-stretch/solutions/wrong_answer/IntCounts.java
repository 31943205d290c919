// Bug: multiplies the two stretch counts as `int` before widening; with
// 50000 days on each side the count wraps around.
class Solution {
    public long sumOfStretchMinimums(int[] prices) {
        int n = prices.length;
        int[] left = new int[n];
        int[] stack = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            while (size > 0 && prices[stack[size - 1]] >= prices[i]) size--;
            left[i] = i - (size > 0 ? stack[size - 1] : -1);
            stack[size++] = i;
        }
        size = 0;
        long total = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (size > 0 && prices[stack[size - 1]] > prices[i]) size--;
            int right = (size > 0 ? stack[size - 1] : n) - i;
            total += (long) prices[i] * (left[i] * right);
            stack[size++] = i;
        }
        return total;
    }
}
