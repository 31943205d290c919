// The brute force: at every depot try "collect" and "skip" without
// remembering results, O(2^n) (exponential even with the neighbour pruning).
class Solution {
    int best(const vector<int>& p, int i, int end) {
        if (i >= end) return 0;
        return max(best(p, i + 1, end), p[i] + best(p, i + 2, end));
    }
public:
    int maxPickup(vector<int>& parcels) {
        int n = parcels.size();
        if (n == 1) return parcels[0];
        return max(best(parcels, 0, n - 1), best(parcels, 1, n));
    }
};
