// Too slow: before each pick, walks the whole dependency list again to find
// which jobs are still blocked: O(n * (n + m)), about 2 * 10^9 steps on the
// 3 * 10^4-job chain.
class Solution {
public:
    vector<int> buildOrder(int n, vector<vector<int>>& dependencies) {
        vector<bool> done(n, false);
        vector<int> order;
        while ((int)order.size() < n) {
            vector<bool> blocked(n, false);
            for (auto& d : dependencies)
                if (!done[d[0]]) blocked[d[1]] = true;
            int ready = -1;
            for (int v = 0; v < n; v++)
                if (!done[v] && !blocked[v]) { ready = v; break; }
            if (ready < 0) return {};
            done[ready] = true;
            order.push_back(ready);
        }
        return order;
    }
};
