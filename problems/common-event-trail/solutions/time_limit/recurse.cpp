// The brute force: the LCS recurrence without memoisation; on mismatches it
// branches twice, exponential in the log lengths.
class Solution {
    int go(const vector<int>& a, const vector<int>& b, int i, int j) {
        if (i == (int)a.size() || j == (int)b.size()) return 0;
        if (a[i] == b[j]) return 1 + go(a, b, i + 1, j + 1);
        return max(go(a, b, i + 1, j), go(a, b, i, j + 1));
    }
public:
    int commonTrail(vector<int>& logA, vector<int>& logB) { return go(logA, logB, 0, 0); }
};
