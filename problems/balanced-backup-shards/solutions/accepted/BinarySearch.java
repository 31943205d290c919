class Solution {
    public long minLargestShard(int[] sizes, int k) {
        long lo = 0, hi = 0;
        for (int s : sizes) { lo = Math.max(lo, s); hi += s; }
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2, load = 0;
            int count = 1;
            for (int s : sizes) {
                if (load + s > mid) { count++; load = 0; }
                load += s;
            }
            if (count <= k) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
