// Too slow: Dijkstra that finds the next closest server by scanning all
// servers: O(n^2), 2.5 * 10^9 steps for 5 * 10^4 servers.
class Solution {
public:
    long long alertTime(int n, vector<vector<int>>& links, int source) {
        vector<vector<pair<int, int>>> out(n);
        for (auto& l : links) out[l[0]].push_back({l[1], l[2]});
        const long long INF = LLONG_MAX;
        vector<long long> dist(n, INF);
        vector<bool> done(n, false);
        dist[source] = 0;
        for (int step = 0; step < n; step++) {
            int u = -1;
            long long best = INF;
            for (int v = 0; v < n; v++)
                if (!done[v] && dist[v] < best) { u = v; best = dist[v]; }
            if (u < 0) return -1;
            done[u] = true;
            for (auto [v, t] : out[u])
                if (best + t < dist[v]) dist[v] = best + t;
        }
        return *max_element(dist.begin(), dist.end());
    }
};
