class Solution {
public:
    int shortestRoute(vector<vector<int>>& dist) {
        int n = dist.size(), full = 1 << n;
        const long long INF = LLONG_MAX / 4;
        // best[mask][j]: shortest route from the depot through mask, ending at j.
        vector<vector<long long>> best(full, vector<long long>(n, INF));
        best[1][0] = 0;
        for (int mask = 1; mask < full; mask += 2)
            for (int last = 0; last < n; last++) {
                long long here = best[mask][last];
                if (here >= INF) continue;
                for (int nxt = 0; nxt < n; nxt++)
                    if (!(mask >> nxt & 1))
                        best[mask | 1 << nxt][nxt] = min(best[mask | 1 << nxt][nxt], here + dist[last][nxt]);
            }
        return *min_element(best[full - 1].begin(), best[full - 1].end());
    }
};
