class Solution {
public:
    vector<int> shortestPickingRun(vector<int>& shelf, vector<int>& order) {
        unordered_map<int, int> need;
        need.reserve(2 * (shelf.size() + order.size()));
        for (int code : order) need[code]++;
        long long missing = order.size();
        int bestL = -1, bestR = -1, left = 0;
        for (int right = 0; right < (int)shelf.size(); right++) {
            if (need[shelf[right]]-- > 0) missing--;
            while (missing == 0) {
                if (bestL < 0 || right - left < bestR - bestL) { bestL = left; bestR = right; }
                if (++need[shelf[left]] > 0) missing++;
                left++;
            }
        }
        return {bestL, bestR};
    }
};
