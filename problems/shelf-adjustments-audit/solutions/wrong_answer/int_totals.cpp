#include <bits/stdc++.h>
using namespace std;

// Bug: keeps the running totals in `int`; a question over many shelves that
// all got +1000 many times adds up to about 10^13 and wraps around.
int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m, q;
    cin >> n >> m >> q;
    vector<int> diff(n + 2, 0), prefix(n + 1, 0);
    for (int i = 0; i < m; i++) {
        int l, r, v;
        cin >> l >> r >> v;
        diff[l] += v;
        diff[r + 1] -= v;
    }
    int shelf = 0;
    for (int i = 1; i <= n; i++) {
        shelf += diff[i];
        prefix[i] = prefix[i - 1] + shelf;
    }
    string out;
    for (int j = 0; j < q; j++) {
        int a, b;
        cin >> a >> b;
        out += to_string(prefix[b] - prefix[a - 1]) + "\n";
    }
    cout << out;
}
