class Solution {
public:
    bool matches(string name, string pattern) {
        int n = name.size(), m = pattern.size();
        // ok[i][j]: pattern[0..j) matches name[0..i).
        vector<vector<char>> ok(n + 1, vector<char>(m + 1, 0));
        ok[0][0] = 1;
        for (int j = 1; j <= m; j++) ok[0][j] = ok[0][j - 1] && pattern[j - 1] == '*';
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++) {
                char p = pattern[j - 1];
                if (p == '*') ok[i][j] = ok[i][j - 1] || ok[i - 1][j];  // empty, or one more char
                else ok[i][j] = ok[i - 1][j - 1] && (p == '?' || p == name[i - 1]);
            }
        return ok[n][m];
    }
};
