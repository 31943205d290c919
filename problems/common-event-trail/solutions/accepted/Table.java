class Solution {
    public int commonTrail(int[] logA, int[] logB) {
        int n = logA.length, m = logB.length;
        int[][] t = new int[n + 1][m + 1];
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++)
                t[i][j] = logA[i - 1] == logB[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
        return t[n][m];
    }
}
