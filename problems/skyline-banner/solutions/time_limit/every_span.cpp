// Brute force: for every first building, extend right keeping the running
// minimum height. O(n^2).
class Solution {
public:
    long long largestBanner(vector<int>& heights) {
        int n = heights.size();
        long long best = 0;
        for (int i = 0; i < n; i++) {
            int low = heights[i];
            for (int j = i; j < n; j++) {
                low = min(low, heights[j]);
                best = max(best, (long long)low * (j - i + 1));
            }
        }
        return best;
    }
};
