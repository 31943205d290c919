// Too slow: after each cable, counts the networks again with a fresh
// breadth-first search over all servers: O(m * (n + m)), about 1.3 * 10^10 steps.
class Solution {
public:
    vector<int> networksAfterEach(int n, vector<vector<int>>& cables) {
        vector<vector<int>> adj(n);
        vector<int> answer, queue;
        vector<char> seen;
        for (auto& c : cables) {
            adj[c[0]].push_back(c[1]);
            adj[c[1]].push_back(c[0]);
            seen.assign(n, 0);
            int networks = 0;
            for (int s = 0; s < n; s++) {
                if (seen[s]) continue;
                networks++;
                seen[s] = 1;
                queue.assign(1, s);
                for (size_t h = 0; h < queue.size(); h++)
                    for (int w : adj[queue[h]])
                        if (!seen[w]) { seen[w] = 1; queue.push_back(w); }
            }
            answer.push_back(networks);
        }
        return answer;
    }
};
