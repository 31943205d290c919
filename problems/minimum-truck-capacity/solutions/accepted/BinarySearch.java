class Solution {
    public int minTruckCapacity(int[] weights, int days) {
        long lo = 0, hi = 0;
        for (int w : weights) { lo = Math.max(lo, w); hi += w; }
        while (lo < hi) {
            long mid = (lo + hi) / 2, load = 0;
            int count = 1;
            for (int w : weights) {
                if (load + w > mid) { count++; load = 0; }
                load += w;
            }
            if (count <= days) hi = mid; else lo = mid + 1;
        }
        return (int) lo;
    }
}
