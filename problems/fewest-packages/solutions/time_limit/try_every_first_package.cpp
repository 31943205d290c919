// The brute force: tries every size as the next package and recurses on the
// rest without remembering results; exponential in amount / smallest size.
class Solution {
    int go(const vector<int>& sizes, int left) {
        if (left == 0) return 0;
        int best = -1;
        for (int s : sizes) {
            if (s > left) continue;
            int sub = go(sizes, left - s);
            if (sub >= 0 && (best < 0 || sub + 1 < best)) best = sub + 1;
        }
        return best;
    }
public:
    int fewestPackages(vector<int>& sizes, int amount) { return go(sizes, amount); }
};
