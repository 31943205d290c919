class Solution {
    public int shortestStreak(int[] sales, int quota) {
        int best = 0, left = 0;
        long window = 0;
        for (int right = 0; right < sales.length; right++) {
            window += sales[right];
            while (window >= quota) {
                if (best == 0 || right - left + 1 < best) best = right - left + 1;
                window -= sales[left++];
            }
        }
        return best;
    }
}
