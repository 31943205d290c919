class Solution {
    bool edge[26][26] = {};
    int state[26] = {};  // 0 new, 1 on the DFS path, 2 done
    string finished;

    bool visit(int x) {  // false when a cycle is met
        state[x] = 1;
        for (int y = 0; y < 26; y++) {
            if (!edge[x][y]) continue;
            if (state[y] == 1) return false;
            if (state[y] == 0 && !visit(y)) return false;
        }
        state[x] = 2;
        finished.push_back('a' + x);
        return true;
    }

public:
    string letterOrder(vector<string>& words) {
        bool used[26] = {};
        for (auto& w : words)
            for (char c : w) used[c - 'a'] = true;
        for (size_t i = 0; i + 1 < words.size(); i++) {
            const string &a = words[i], &b = words[i + 1];
            size_t j = 0;
            while (j < a.size() && j < b.size() && a[j] == b[j]) j++;
            if (j < a.size() && j < b.size()) edge[a[j] - 'a'][b[j] - 'a'] = true;
            else if (a.size() > b.size()) return "";  // a word before its own prefix
        }
        for (int x = 0; x < 26; x++)
            if (used[x] && state[x] == 0 && !visit(x)) return "";
        // Each letter finishes after every letter that must follow it.
        reverse(finished.begin(), finished.end());
        return finished;
    }
};
