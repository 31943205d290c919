class Solution {
public:
    int minStartBattery(vector<vector<int>>& grid) {
        int m = grid.size(), n = grid[0].size();
        // need[r][c]: least battery on arrival at (r, c) to finish from there.
        vector<vector<int>> need(m + 1, vector<int>(n + 1, INT_MAX));
        need[m][n - 1] = need[m - 1][n] = 1;
        for (int r = m - 1; r >= 0; r--)
            for (int c = n - 1; c >= 0; c--)
                need[r][c] = max(1, min(need[r + 1][c], need[r][c + 1]) - grid[r][c]);
        return need[0][0];
    }
};
