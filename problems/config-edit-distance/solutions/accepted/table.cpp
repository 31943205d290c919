class Solution {
public:
    int minEdits(string current, string target) {
        int n = current.size(), m = target.size();
        // d[i][j]: edits turning current[0..i) into target[0..j).
        vector<vector<int>> d(n + 1, vector<int>(m + 1));
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++)
                d[i][j] = min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                               d[i - 1][j - 1] + (current[i - 1] != target[j - 1])});
        return d[n][m];
    }
};
