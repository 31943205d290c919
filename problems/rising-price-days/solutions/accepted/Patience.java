class Solution {
    public int longestRise(int[] prices) {
        int[] tails = new int[prices.length];
        int len = 0;
        for (int p : prices) {
            int lo = 0, hi = len; // first tail >= p
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tails[mid] < p) lo = mid + 1; else hi = mid;
            }
            tails[lo] = p;
            if (lo == len) len++;
        }
        return len;
    }
}
