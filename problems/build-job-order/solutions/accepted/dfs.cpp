class Solution {
public:
    vector<int> buildOrder(int n, vector<vector<int>>& dependencies) {
        // Iterative DFS; a job is finished after everything that depends on
        // it, so the reversed finishing order is a valid build order. Meeting
        // a job that is still on the stack means a cycle.
        vector<vector<int>> out(n);
        for (auto& d : dependencies) out[d[0]].push_back(d[1]);
        vector<int> state(n, 0), finished;  // 0 new, 1 on stack, 2 done
        vector<pair<int, size_t>> stack;
        for (int s = 0; s < n; s++) {
            if (state[s]) continue;
            stack.push_back({s, 0});
            state[s] = 1;
            while (!stack.empty()) {
                auto& [v, i] = stack.back();
                if (i < out[v].size()) {
                    int w = out[v][i++];
                    if (state[w] == 1) return {};
                    if (state[w] == 0) { state[w] = 1; stack.push_back({w, 0}); }
                } else {
                    state[v] = 2;
                    finished.push_back(v);
                    stack.pop_back();
                }
            }
        }
        reverse(finished.begin(), finished.end());
        return finished;
    }
};
