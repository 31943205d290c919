// Longest chain of compatible slots by DP over all pairs (sorted by end):
// correct, but O(n^2).
class Solution {
public:
    int fewestCancellations(vector<vector<int>>& slots) {
        sort(slots.begin(), slots.end(), [](const vector<int>& a, const vector<int>& b) { return a[1] < b[1]; });
        int n = slots.size();
        vector<int> best(n, 1);
        for (int i = 0; i < n; i++) {
            int start = slots[i][0];
            for (int j = 0; j < i; j++)
                if (slots[j][1] <= start && best[j] + 1 > best[i]) best[i] = best[j] + 1;
        }
        return n - *max_element(best.begin(), best.end());
    }
};
