// Too slow: a separate backtracking search for every word. Words that share
// a long prefix (a board of "a"s and 16,000 words starting "aaaaa") walk the
// same paths once per word.
class Solution {
    vector<string> grid;
    vector<vector<bool>> used;
    int rows = 0, cols = 0;

    bool trace(int r, int c, const string& w, size_t i) {
        if (grid[r][c] != w[i]) return false;
        if (i == w.size() - 1) return true;
        used[r][c] = true;
        const int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && !used[nr][nc] && trace(nr, nc, w, i + 1)) {
                used[r][c] = false;
                return true;
            }
        }
        used[r][c] = false;
        return false;
    }

public:
    vector<string> findWords(vector<string>& board, vector<string>& words) {
        grid = board;
        rows = board.size(), cols = board[0].size();
        used.assign(rows, vector<bool>(cols, false));
        vector<string> found;
        for (const string& w : words) {
            bool hit = false;
            for (int r = 0; r < rows && !hit; r++)
                for (int c = 0; c < cols && !hit; c++) hit = trace(r, c, w, 0);
            if (hit) found.push_back(w);
        }
        sort(found.begin(), found.end());
        return found;
    }
};
