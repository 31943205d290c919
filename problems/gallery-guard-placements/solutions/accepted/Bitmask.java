class Solution {
    private int n, full;
    private int[] openCells;

    private int go(int r, int cols, int diag, int anti) {
        if (r == n) return 1;
        int free = openCells[r] & ~(cols | diag | anti) & full, total = 0;
        while (free != 0) {
            int bit = free & -free;
            free ^= bit;
            total += go(r + 1, cols | bit, ((diag | bit) << 1) & full, (anti | bit) >> 1);
        }
        return total;
    }

    public int countPlacements(String[] floor) {
        n = floor.length;
        full = (1 << n) - 1;
        openCells = new int[n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                if (floor[r].charAt(c) == '.') openCells[r] |= 1 << c;
        return go(0, 0, 0, 0);
    }
}
