class Solution {
public:
    int minutesToUpdate(vector<vector<int>>& grid) {
        // Multi-source BFS from every updated robot at once; a robot's level
        // is the minute it is updated.
        int rows = grid.size(), cols = grid[0].size();
        vector<int> level(rows * cols, -1);
        vector<int> queue;
        queue.reserve(rows * cols);
        int old = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] == 2) { level[r * cols + c] = 0; queue.push_back(r * cols + c); }
                else if (grid[r][c] == 1) old++;
            }
        int last = 0;
        const int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
        for (size_t head = 0; head < queue.size(); head++) {
            int r = queue[head] / cols, c = queue[head] % cols;
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k], nc = c + dc[k];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                if (grid[nr][nc] != 1 || level[nr * cols + nc] >= 0) continue;
                level[nr * cols + nc] = last = level[queue[head]] + 1;
                old--;
                queue.push_back(nr * cols + nc);
            }
        }
        return old == 0 ? last : -1;
    }
};
