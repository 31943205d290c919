class Solution {
public:
    bool canSplit(string query, vector<string>& keywords) {
        // A trie of the keywords; from every reachable cut, walk the trie
        // forward and mark each position where a keyword ends.
        vector<array<int, 26>> next(1);
        vector<bool> end(1, false);
        next[0].fill(-1);
        for (auto& w : keywords) {
            int node = 0;
            for (char ch : w) {
                int c = ch - 'a';
                if (next[node][c] < 0) {
                    next[node][c] = next.size();
                    next.emplace_back();
                    next.back().fill(-1);
                    end.push_back(false);
                }
                node = next[node][c];
            }
            end[node] = true;
        }
        int n = query.size();
        vector<bool> reach(n + 1, false);
        reach[0] = true;
        for (int i = 0; i < n; i++) {
            if (!reach[i]) continue;
            int node = 0;
            for (int j = i; j < n; j++) {
                node = next[node][query[j] - 'a'];
                if (node < 0) break;
                if (end[node]) reach[j + 1] = true;
            }
        }
        return reach[n];
    }
};
