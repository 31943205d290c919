class Solution {
public:
    int shortestRoute(vector<vector<int>>& grid, int k) {
        int rows = grid.size(), cols = grid[0].size();
        if (rows == 1 && cols == 1) return 0;
        k = min(k, rows + cols - 3);  // a shortest route never needs more
        // Plain BFS over states (row, col, charges left).
        int layers = k + 1;
        vector<int> dist((size_t) rows * cols * layers, -1);
        auto id = [&](int r, int c, int q) { return ((size_t) r * cols + c) * layers + q; };
        vector<array<int, 3>> queue;
        queue.push_back({0, 0, k});
        dist[id(0, 0, k)] = 0;
        const int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
        for (size_t head = 0; head < queue.size(); head++) {
            auto [r, c, q] = queue[head];
            int d = dist[id(r, c, q)];
            for (int i = 0; i < 4; i++) {
                int nr = r + dr[i], nc = c + dc[i];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                int nq = q - grid[nr][nc];
                if (nq < 0 || dist[id(nr, nc, nq)] >= 0) continue;
                if (nr == rows - 1 && nc == cols - 1) return d + 1;
                dist[id(nr, nc, nq)] = d + 1;
                queue.push_back({nr, nc, nq});
            }
        }
        return -1;
    }
};
