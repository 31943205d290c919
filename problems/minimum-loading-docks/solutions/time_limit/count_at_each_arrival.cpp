// For each arrival, counts the trucks present at that minute. The peak is
// always at some arrival, so this is right, but it is O(n^2).
class Solution {
public:
    int minDocks(vector<vector<int>>& visits) {
        int best = 0;
        for (auto& arrival : visits) {
            int t = arrival[0], present = 0;
            for (auto& v : visits)
                if (v[0] <= t && t < v[1]) present++;
            best = max(best, present);
        }
        return best;
    }
};
