class Solution {
public:
    int commonTrail(vector<int>& logA, vector<int>& logB) {
        int n = logA.size(), m = logB.size();
        // t[i][j]: longest common trail of logA[0..i) and logB[0..j).
        vector<vector<int>> t(n + 1, vector<int>(m + 1, 0));
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++)
                t[i][j] = logA[i - 1] == logB[j - 1] ? t[i - 1][j - 1] + 1 : max(t[i - 1][j], t[i][j - 1]);
        return t[n][m];
    }
};
