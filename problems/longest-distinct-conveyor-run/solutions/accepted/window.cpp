class Solution {
public:
    int longestDistinctRun(vector<int>& codes) {
        unordered_map<int, int> last;
        last.reserve(codes.size() * 2 + 1);
        int left = 0, best = 0;
        for (int i = 0; i < (int)codes.size(); i++) {
            auto it = last.find(codes[i]);
            if (it != last.end() && it->second >= left) left = it->second + 1;
            last[codes[i]] = i;
            best = max(best, i - left + 1);
        }
        return best;
    }
};
