class Solution {
public:
    int fewestCancellations(vector<vector<int>>& slots) {
        sort(slots.begin(), slots.end(), [](const vector<int>& a, const vector<int>& b) { return a[1] < b[1]; });
        int kept = 0;
        long long freeAt = -1;
        for (auto& s : slots)
            if (s[0] >= freeAt) { kept++; freeAt = s[1]; }
        return (int)slots.size() - kept;
    }
};
