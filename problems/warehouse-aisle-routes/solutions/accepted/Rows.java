class Solution {
    public int countRoutes(int[][] grid) {
        final int MOD = 1_000_000_007;
        int n = grid[0].length;
        long[] ways = new long[n];
        ways[0] = 1;
        for (int[] row : grid)
            for (int c = 0; c < n; c++)
                ways[c] = row[c] == 1 ? 0 : (ways[c] + (c > 0 ? ways[c - 1] : 0)) % MOD;
        return (int) ways[n - 1];
    }
}
