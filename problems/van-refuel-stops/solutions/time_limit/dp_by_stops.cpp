// The textbook DP: far[t] = farthest reach with t stops among the stations
// seen so far; each station updates every t. O(n^2).
class Solution {
public:
    int fewestStops(int target, int startFuel, vector<vector<int>>& stations) {
        int n = stations.size();
        vector<long long> far(n + 1, 0);
        far[0] = startFuel;
        for (int i = 0; i < n; i++) {
            long long position = stations[i][0], litres = stations[i][1];
            for (int t = i; t >= 0; t--)
                if (far[t] >= position) far[t + 1] = max(far[t + 1], far[t] + litres);
        }
        for (int t = 0; t <= n; t++)
            if (far[t] >= target) return t;
        return -1;
    }
};
