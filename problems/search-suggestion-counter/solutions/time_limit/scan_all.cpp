#include <bits/stdc++.h>
using namespace std;

// Too slow: keeps the stored words in a plain list and answers `prefix` by
// scanning all of them: O(q^2) string checks on the largest streams.
int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int q;
    if (!(cin >> q)) return 1;
    vector<string> stored;
    string op, w, out;
    while (q-- > 0 && cin >> op >> w) {
        if (op == "add") {
            stored.push_back(w);
        } else if (op == "remove") {
            auto it = find(stored.begin(), stored.end(), w);
            if (it != stored.end()) stored.erase(it);
        } else if (op == "count") {
            out += to_string(count(stored.begin(), stored.end(), w));
            out += '\n';
        } else {
            int answer = 0;
            for (const string& s : stored)
                if (s.compare(0, w.size(), w) == 0) answer++;
            out += to_string(answer);
            out += '\n';
        }
    }
    fputs(out.c_str(), stdout);
}
