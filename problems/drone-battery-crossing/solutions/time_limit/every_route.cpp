// The brute force: flies every route (exponentially many) and keeps the one
// needing the least starting battery.
class Solution {
    int m, n;
    // least starting battery for routes from (r, c) given the lowest prefix so far
    int go(const vector<vector<int>>& g, int r, int c, int sum, int lowest) {
        sum += g[r][c];
        lowest = min(lowest, sum);
        if (r == m - 1 && c == n - 1) return 1 - lowest;
        int best = INT_MAX;
        if (r + 1 < m) best = min(best, go(g, r + 1, c, sum, lowest));
        if (c + 1 < n) best = min(best, go(g, r, c + 1, sum, lowest));
        return best;
    }
public:
    int minStartBattery(vector<vector<int>>& grid) {
        m = grid.size();
        n = grid[0].size();
        return go(grid, 0, 0, 0, 0);
    }
};
