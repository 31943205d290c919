// Too slow: simulates minute by minute, sweeping the whole floor each minute:
// O(R * C * minutes), about 1.3 * 10^10 cell visits on the 400 x 400 winding aisle.
class Solution {
public:
    int minutesToUpdate(vector<vector<int>>& grid) {
        int rows = grid.size(), cols = grid[0].size();
        vector<vector<int>> g = grid;
        for (int minute = 0;; minute++) {
            vector<vector<int>> next = g;
            bool changed = false, old = false;
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) {
                    if (g[r][c] != 1) continue;
                    old = true;
                    if ((r > 0 && g[r - 1][c] == 2) || (r + 1 < rows && g[r + 1][c] == 2) ||
                        (c > 0 && g[r][c - 1] == 2) || (c + 1 < cols && g[r][c + 1] == 2)) {
                        next[r][c] = 2;
                        changed = true;
                    }
                }
            if (!old) return minute;
            if (!changed) return -1;
            g.swap(next);
        }
    }
};
