// Brute force: from every start, extend until a code repeats. O(n * answer),
// quadratic when the log is mostly distinct.
class Solution {
public:
    int longestDistinctRun(vector<int>& codes) {
        int n = codes.size(), best = 0;
        for (int i = 0; i < n; i++) {
            unordered_set<int> seen;
            int j = i;
            while (j < n && seen.insert(codes[j]).second) j++;
            best = max(best, j - i);
        }
        return best;
    }
};
