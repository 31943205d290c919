// The brute force: one guard per row, tries every permutation of columns
// (12! = 479 001 600 of them) and checks each for pillars and diagonals.
class Solution {
public:
    int countPlacements(vector<string>& floor) {
        int n = floor.size();
        vector<int> cols(n);
        iota(cols.begin(), cols.end(), 0);
        int count = 0;
        do {
            bool ok = true;
            for (int r = 0; r < n && ok; r++)
                if (floor[r][cols[r]] == '#') ok = false;
            // Diagonals r - c (shifted by n) and anti-diagonals r + c.
            vector<bool> diag(2 * n, false), anti(2 * n, false);
            for (int r = 0; r < n && ok; r++) {
                if (diag[r - cols[r] + n] || anti[r + cols[r]]) ok = false;
                diag[r - cols[r] + n] = anti[r + cols[r]] = true;
            }
            if (ok) count++;
        } while (next_permutation(cols.begin(), cols.end()));
        return count;
    }
};
