class Solution {
    public boolean matches(String name, String pattern) {
        int n = name.length(), m = pattern.length();
        boolean[][] ok = new boolean[n + 1][m + 1];
        ok[0][0] = true;
        for (int j = 1; j <= m; j++) ok[0][j] = ok[0][j - 1] && pattern.charAt(j - 1) == '*';
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++) {
                char p = pattern.charAt(j - 1);
                if (p == '*') ok[i][j] = ok[i][j - 1] || ok[i - 1][j];
                else ok[i][j] = ok[i - 1][j - 1] && (p == '?' || p == name.charAt(i - 1));
            }
        return ok[n][m];
    }
}
