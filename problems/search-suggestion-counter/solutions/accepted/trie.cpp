#include <bits/stdc++.h>
using namespace std;

// Array trie; each node counts the copies ending at it and passing through it.
struct Trie {
    vector<array<int, 26>> next{array<int, 26>{}};
    vector<int> ends{0}, through{0};

    int find(const string& w) const {  // node of w, or -1
        int v = 0;
        for (char ch : w) {
            v = next[v][ch - 'a'];
            if (v == 0) return -1;
        }
        return v;
    }
    void add(const string& w) {
        int v = 0;
        through[0]++;
        for (char ch : w) {
            if (!next[v][ch - 'a']) {
                next[v][ch - 'a'] = next.size();
                next.push_back({});
                ends.push_back(0);
                through.push_back(0);
            }
            v = next[v][ch - 'a'];
            through[v]++;
        }
        ends[v]++;
    }
    void remove(const string& w) {
        int node = find(w);
        if (node < 0 || ends[node] == 0) return;  // not stored: nothing to do
        int v = 0;
        through[0]--;
        for (char ch : w) {
            v = next[v][ch - 'a'];
            through[v]--;
        }
        ends[v]--;
    }
};

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int q;
    if (!(cin >> q)) return 1;
    Trie trie;
    string op, w, out;
    while (q-- > 0 && cin >> op >> w) {
        if (op == "add") trie.add(w);
        else if (op == "remove") trie.remove(w);
        else {
            int v = trie.find(w);
            int answer = v < 0 ? 0 : (op == "count" ? trie.ends[v] : trie.through[v]);
            out += to_string(answer);
            out += '\n';
        }
    }
    fputs(out.c_str(), stdout);
}
