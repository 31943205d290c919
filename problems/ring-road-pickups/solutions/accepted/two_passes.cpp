class Solution {
    // Best total on the straight stretch parcels[lo..hi).
    static int line(const vector<int>& p, int lo, int hi) {
        int take = 0, skip = 0;
        for (int i = lo; i < hi; i++) {
            int t = skip + p[i];
            skip = max(take, skip);
            take = t;
        }
        return max(take, skip);
    }
public:
    int maxPickup(vector<int>& parcels) {
        int n = parcels.size();
        if (n == 1) return parcels[0];
        return max(line(parcels, 0, n - 1), line(parcels, 1, n));
    }
};
