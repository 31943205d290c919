class Solution {
    private static int line(int[] p, int lo, int hi) {
        int take = 0, skip = 0;
        for (int i = lo; i < hi; i++) {
            int t = skip + p[i];
            skip = Math.max(take, skip);
            take = t;
        }
        return Math.max(take, skip);
    }

    public int maxPickup(int[] parcels) {
        int n = parcels.length;
        if (n == 1) return parcels[0];
        return Math.max(line(parcels, 0, n - 1), line(parcels, 1, n));
    }
}
