class Solution {
    public int minStartBattery(int[][] grid) {
        int m = grid.length, n = grid[0].length;
        // need[c]: least battery on arrival at (r, c) to finish from there,
        // for the row below until overwritten by the current row.
        int[] need = new int[n];
        Arrays.fill(need, Integer.MAX_VALUE);
        need[n - 1] = 1;  // the sentinel below the customer: 1 unit must remain
        for (int r = m - 1; r >= 0; r--) {
            int right = Integer.MAX_VALUE;
            for (int c = n - 1; c >= 0; c--) {
                need[c] = Math.max(1, Math.min(need[c], right) - grid[r][c]);
                right = need[c];
            }
        }
        return need[0];
    }
}
