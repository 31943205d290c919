class Solution {
public:
    int countRoutes(vector<vector<int>>& grid) {
        const int MOD = 1'000'000'007;
        int n = grid[0].size();
        vector<long long> ways(n, 0);  // routes to (r, c) of the current row
        ways[0] = 1;
        for (auto& row : grid)
            for (int c = 0; c < n; c++)
                ways[c] = row[c] ? 0 : (ways[c] + (c ? ways[c - 1] : 0)) % MOD;
        return ways[n - 1];
    }
};
