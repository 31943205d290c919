// The brute force: walks every route to the station one by one; the number
// of routes grows exponentially with the grid size.
class Solution {
    long long walk(const vector<vector<int>>& g, int r, int c) {
        int m = g.size(), n = g[0].size();
        if (r >= m || c >= n || g[r][c]) return 0;
        if (r == m - 1 && c == n - 1) return 1;
        return (walk(g, r + 1, c) + walk(g, r, c + 1)) % 1'000'000'007;
    }
public:
    int countRoutes(vector<vector<int>>& grid) { return walk(grid, 0, 0); }
};
