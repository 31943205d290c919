class Solution {
    int n, full;
    vector<int> openCells;
    // Row by row; the masks mark the columns of row r watched by earlier guards.
    int go(int r, int cols, int diag, int anti) {
        if (r == n) return 1;
        int free = openCells[r] & ~(cols | diag | anti) & full, total = 0;
        while (free) {
            int bit = free & -free;
            free ^= bit;
            total += go(r + 1, cols | bit, ((diag | bit) << 1) & full, (anti | bit) >> 1);
        }
        return total;
    }
public:
    int countPlacements(vector<string>& floor) {
        n = floor.size();
        full = (1 << n) - 1;
        openCells.assign(n, 0);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                if (floor[r][c] == '.') openCells[r] |= 1 << c;
        return go(0, 0, 0, 0);
    }
};
