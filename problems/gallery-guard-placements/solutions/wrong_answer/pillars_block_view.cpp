// Misreads the statement: lets a pillar block a guard's view, so two guards
// with a pillar between them on a row, column or diagonal are accepted.
// Right on open floors, too many placements once pillars stand in between.
class Solution {
    int n;
    vector<string> g;
    vector<int> colOf;  // column of the guard in each row placed so far

    // Does an earlier guard see (r, c), looking up along (-1, dc) until a pillar?
    bool seen(int r, int c, int dc) {
        for (int i = r - 1, j = c + dc; i >= 0 && j >= 0 && j < n; i--, j += dc) {
            if (g[i][j] == '#') return false;
            if (colOf[i] == j) return true;
        }
        return false;
    }
    int go(int r) {
        if (r == n) return 1;
        int total = 0;
        for (int c = 0; c < n; c++) {
            if (g[r][c] == '#' || seen(r, c, 0) || seen(r, c, -1) || seen(r, c, 1)) continue;
            // one guard per row: rows are filled one at a time
            colOf[r] = c;
            total += go(r + 1);
            colOf[r] = -1;
        }
        return total;
    }
public:
    int countPlacements(vector<string>& floor) {
        g = floor;
        n = floor.size();
        colOf.assign(n, -1);
        return go(0);
    }
};
