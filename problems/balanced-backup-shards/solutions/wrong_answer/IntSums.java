// Bug: keeps the running loads and the search bounds in `int`; the total of
// large segments wraps around past 2^31 - 1.
class Solution {
    public long minLargestShard(int[] sizes, int k) {
        int lo = 0, hi = 0;
        for (int s : sizes) { lo = Math.max(lo, s); hi += s; }
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2, load = 0, count = 1;
            for (int s : sizes) {
                if (load + s > mid) { count++; load = 0; }
                load += s;
            }
            if (count <= k) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
