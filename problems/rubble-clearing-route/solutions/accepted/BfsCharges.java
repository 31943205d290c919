class Solution {
    public int shortestRoute(int[][] grid, int k) {
        int rows = grid.length, cols = grid[0].length;
        if (rows == 1 && cols == 1) return 0;
        k = Math.min(k, rows + cols - 3);  // a shortest route never needs more
        // Layered BFS over (cell, charges left); a cell is worth revisiting
        // only with more charges left than any earlier arrival.
        int[] best = new int[rows * cols];
        java.util.Arrays.fill(best, -1);
        best[0] = k;
        int[] cells = {0}, left = {k};
        int size = 1, steps = 0;
        int[] dr = {1, -1, 0, 0}, dc = {0, 0, 1, -1};
        while (size > 0) {
            steps++;
            int[] nextCells = new int[size * 4], nextLeft = new int[size * 4];
            int nextSize = 0;
            for (int i = 0; i < size; i++) {
                int r = cells[i] / cols, c = cells[i] % cols;
                for (int d = 0; d < 4; d++) {
                    int nr = r + dr[d], nc = c + dc[d];
                    if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                    int rem = left[i] - grid[nr][nc], cell = nr * cols + nc;
                    if (rem <= best[cell]) continue;
                    if (cell == rows * cols - 1) return steps;
                    best[cell] = rem;
                    nextCells[nextSize] = cell;
                    nextLeft[nextSize++] = rem;
                }
            }
            cells = nextCells;
            left = nextLeft;
            size = nextSize;
        }
        return -1;
    }
}
