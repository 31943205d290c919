// The mistake: distances are 32-bit ints. Sums of link times past 2^31 wrap
// around (and 2.1 * 10^9 itself does not fit), so the order and the answer break.
class Solution {
public:
    long long alertTime(int n, vector<vector<int>>& links, int source) {
        vector<vector<pair<int, int>>> out(n);
        for (auto& l : links) out[l[0]].push_back({l[1], l[2]});
        vector<int> dist(n, -1);
        priority_queue<pair<int, int>, vector<pair<int, int>>, greater<>> heap;
        heap.push({0, source});
        int reached = 0, last = 0;
        while (!heap.empty()) {
            auto [d, u] = heap.top();
            heap.pop();
            if (dist[u] != -1) continue;
            dist[u] = last = d;
            reached++;
            for (auto [v, t] : out[u])
                if (dist[v] == -1) heap.push({d + t, v});
        }
        return reached == n ? last : -1;
    }
};
