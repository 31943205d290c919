// Bug: prefix totals in `int`; once the running total passes 2^31 - 1 it
// wraps negative and the binary search over "sorted" prefixes breaks.
class Solution {
    public int shortestStreak(int[] sales, int quota) {
        int n = sales.length;
        int[] prefix = new int[n + 1];
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sales[i];
        int best = 0;
        for (int end = 1; end <= n; end++) {
            int limit = prefix[end] - quota;
            if (limit < 0) continue;
            int lo = 0, hi = end - 1;  // largest start with prefix[start] <= limit
            if (prefix[0] > limit) continue;
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (prefix[mid] <= limit) lo = mid; else hi = mid - 1;
            }
            if (best == 0 || end - lo < best) best = end - lo;
        }
        return best;
    }
}
