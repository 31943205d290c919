// Brute force: from every starting bin, walk right until the order is
// covered. O(n^2) when the last needed item is far away (or missing).
class Solution {
public:
    vector<int> shortestPickingRun(vector<int>& shelf, vector<int>& order) {
        unordered_map<int, int> base;
        for (int code : order) base[code]++;
        int n = shelf.size(), bestL = -1, bestR = -1;
        for (int l = 0; l < n; l++) {
            unordered_map<int, int> need = base;
            long long missing = order.size();
            for (int r = l; r < n; r++) {
                auto it = need.find(shelf[r]);
                if (it != need.end() && it->second > 0) { it->second--; missing--; }
                if (missing == 0) {
                    if (bestL < 0 || r - l < bestR - bestL) { bestL = l; bestR = r; }
                    break;
                }
            }
        }
        return {bestL, bestR};
    }
};
