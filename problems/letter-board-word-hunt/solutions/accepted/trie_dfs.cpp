class Solution {
    struct Node {
        int next[26];
        int word = -1;   // index in words of the word ending here
        int below = 0;   // words still to be found in this subtree
        Node() { fill(begin(next), end(next), -1); }
    };
    vector<Node> trie;
    vector<string> grid;
    vector<string>* words;
    vector<string> found;
    int rows = 0, cols = 0;

    int walk(int r, int c, int v) {  // returns how many words were found
        char ch = grid[r][c];
        int u = trie[v].next[ch - 'a'];
        if (u < 0 || trie[u].below == 0) return 0;
        int got = 0;
        if (trie[u].word >= 0) {
            found.push_back((*words)[trie[u].word]);
            trie[u].word = -1;
            got++;
        }
        grid[r][c] = '#';
        const int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && grid[nr][nc] != '#')
                got += walk(nr, nc, u);
        }
        grid[r][c] = ch;
        trie[u].below -= got;  // subtrees with nothing left are skipped
        return got;
    }

public:
    vector<string> findWords(vector<string>& board, vector<string>& ws) {
        words = &ws;
        grid = board;
        rows = board.size(), cols = board[0].size();
        trie.assign(1, Node());
        for (int i = 0; i < (int) ws.size(); i++) {
            int v = 0;
            trie[0].below++;
            for (char ch : ws[i]) {
                if (trie[v].next[ch - 'a'] < 0) {
                    trie[v].next[ch - 'a'] = trie.size();
                    trie.emplace_back();
                }
                v = trie[v].next[ch - 'a'];
                trie[v].below++;
            }
            trie[v].word = i;
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) walk(r, c, 0);
        sort(found.begin(), found.end());
        return found;
    }
};
