// The brute force: tries every class at every step, so it walks every ORDER
// of loading (exponentially many more than multisets) and removes duplicates
// with a set at the end.
class Solution {
    vector<int> ws, chosen;
    set<vector<int>> found;

    void go(int left) {
        if (left == 0) {
            vector<int> way = chosen;
            sort(way.begin(), way.end());
            found.insert(way);
            return;
        }
        for (int w : ws) {
            if (w <= left) {
                chosen.push_back(w);
                go(left - w);
                chosen.pop_back();
            }
        }
    }

public:
    vector<vector<int>> loadCombinations(vector<int>& weights, int target) {
        ws = weights;
        go(target);
        return vector<vector<int>>(found.begin(), found.end());
    }
};
