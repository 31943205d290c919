// The brute force: tries all (n - 1)! orders of the stops, about 1.3 * 10^12
// routes for n = 16.
class Solution {
public:
    int shortestRoute(vector<vector<int>>& dist) {
        int n = dist.size();
        vector<int> order;
        for (int i = 1; i < n; i++) order.push_back(i);
        long long best = LLONG_MAX;
        do {
            long long total = 0;
            int here = 0;
            for (int stop : order) {
                total += dist[here][stop];
                here = stop;
            }
            best = min(best, total);
        } while (next_permutation(order.begin(), order.end()));
        return best;
    }
};
