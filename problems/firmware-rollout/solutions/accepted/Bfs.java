class Solution {
    public int minutesToUpdate(int[][] grid) {
        // Multi-source BFS from every updated robot at once; a robot's level
        // is the minute it is updated.
        int rows = grid.length, cols = grid[0].length;
        int[] level = new int[rows * cols];
        int[] queue = new int[rows * cols];
        int tail = 0, old = 0;
        java.util.Arrays.fill(level, -1);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] == 2) {
                    level[r * cols + c] = 0;
                    queue[tail++] = r * cols + c;
                } else if (grid[r][c] == 1) old++;
            }
        int last = 0;
        int[] dr = {1, -1, 0, 0}, dc = {0, 0, 1, -1};
        for (int head = 0; head < tail; head++) {
            int r = queue[head] / cols, c = queue[head] % cols;
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k], nc = c + dc[k];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                if (grid[nr][nc] != 1 || level[nr * cols + nc] >= 0) continue;
                level[nr * cols + nc] = last = level[queue[head]] + 1;
                old--;
                queue[tail++] = nr * cols + nc;
            }
        }
        return old == 0 ? last : -1;
    }
}
