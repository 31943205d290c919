class Solution {
    public long largestBanner(int[] heights) {
        int n = heights.length;
        int[] stack = new int[n + 1];
        int size = 0;
        long best = 0;
        for (int i = 0; i <= n; i++) {
            int h = i == n ? 0 : heights[i];
            while (size > 0 && heights[stack[size - 1]] >= h) {
                int top = stack[--size];
                int left = size > 0 ? stack[size - 1] + 1 : 0;
                best = Math.max(best, (long) heights[top] * (i - left));
            }
            stack[size++] = i;
        }
        return best;
    }
}
