// The brute force: puts each crate on truck A or truck B in turn, 2^n
// assignments, without remembering which (crate, weight) states failed.
class Solution {
    bool go(const vector<int>& c, size_t i, int a, int b) {
        if (i == c.size()) return a == b;
        return go(c, i + 1, a + c[i], b) || go(c, i + 1, a, b + c[i]);
    }
public:
    bool canBalance(vector<int>& crates) { return go(crates, 0, 0, 0); }
};
