// Too slow: depth-first search over every simple route, pruned only by the
// best length found so far; exponential on open 50 x 50 districts.
class Solution {
    int rows, cols, best;
    vector<vector<int>> g;
    vector<vector<char>> on;

    void go(int r, int c, int left, int d) {
        if (d >= best) return;
        if (r == rows - 1 && c == cols - 1) { best = d; return; }
        const int dr[] = {1, 0, -1, 0}, dc[] = {0, 1, 0, -1};
        for (int i = 0; i < 4; i++) {
            int nr = r + dr[i], nc = c + dc[i];
            if (nr < 0 || nr >= rows || nc < 0 || nc >= cols || on[nr][nc]) continue;
            int rem = left - g[nr][nc];
            if (rem < 0) continue;
            on[nr][nc] = 1;
            go(nr, nc, rem, d + 1);
            on[nr][nc] = 0;
        }
    }

public:
    int shortestRoute(vector<vector<int>>& grid, int k) {
        g = grid;
        rows = grid.size(), cols = grid[0].size();
        on.assign(rows, vector<char>(cols, 0));
        on[0][0] = 1;
        best = INT_MAX;
        go(0, 0, k, 0);
        return best == INT_MAX ? -1 : best;
    }
};
