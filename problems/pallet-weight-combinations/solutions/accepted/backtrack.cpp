class Solution {
    vector<int> ws, chosen;
    vector<vector<int>> out;
    // Picks in non-decreasing order, so each multiset appears once, in
    // lexicographic order.
    void go(size_t start, int left) {
        if (left == 0) {
            out.push_back(chosen);
            return;
        }
        for (size_t i = start; i < ws.size() && ws[i] <= left; i++) {
            chosen.push_back(ws[i]);
            go(i, left - ws[i]);
            chosen.pop_back();
        }
    }
public:
    vector<vector<int>> loadCombinations(vector<int>& weights, int target) {
        ws = weights;
        sort(ws.begin(), ws.end());
        go(0, target);
        return out;
    }
};
