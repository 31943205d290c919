class Solution {
public:
    long long alertTime(int n, vector<vector<int>>& links, int source) {
        vector<vector<pair<int, int>>> out(n);
        for (auto& l : links) out[l[0]].push_back({l[1], l[2]});
        // Times reach ~10^14, so distances are 64-bit.
        const long long UNSEEN = -1;
        vector<long long> dist(n, UNSEEN);
        priority_queue<pair<long long, int>, vector<pair<long long, int>>, greater<>> heap;
        heap.push({0, source});
        int reached = 0;
        long long last = 0;
        while (!heap.empty()) {
            auto [d, u] = heap.top();
            heap.pop();
            if (dist[u] != UNSEEN) continue;
            dist[u] = last = d;
            reached++;
            for (auto [v, t] : out[u])
                if (dist[v] == UNSEEN) heap.push({d + t, v});
        }
        return reached == n ? last : -1;
    }
};
