// Finds the right multisets but lists them heaviest class first, ignoring
// the required order ([[7],[2,2,3]] instead of [[2,2,3],[7]]).
class Solution {
    vector<int> ws, chosen;
    vector<vector<int>> out;
    void go(size_t start, int left) {
        if (left == 0) {
            out.push_back(chosen);
            return;
        }
        for (size_t i = start; i < ws.size(); i++)
            if (ws[i] <= left) {
                chosen.push_back(ws[i]);
                go(i, left - ws[i]);
                chosen.pop_back();
            }
    }
public:
    vector<vector<int>> loadCombinations(vector<int>& weights, int target) {
        ws = weights;
        sort(ws.rbegin(), ws.rend());
        go(0, target);
        for (auto& way : out) sort(way.begin(), way.end());
        return out;
    }
};
