// The mistake: a 0-1 BFS that marks a tile done when it is first pushed.
// A tile first reached over a cost-1 move keeps that cost even when a free
// move reaches it more cheaply later.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int rows, cols;
    if (!(cin >> rows >> cols)) return 1;
    vector<string> g(rows);
    for (auto& line : g) cin >> line;
    const int dr[] = {0, 0, -1, 1}, dc[] = {1, -1, 0, 0};
    const char arrow[] = {'>', '<', '^', 'v'};
    vector<int> dist(rows * cols, -1);
    deque<int> dq;
    dist[0] = 0;
    dq.push_back(0);
    while (!dq.empty()) {
        int v = dq.front();
        dq.pop_front();
        int r = v / cols, c = v % cols;
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
            int u = nr * cols + nc;
            if (dist[u] >= 0) continue;
            int w = g[r][c] == arrow[k] ? 0 : 1;
            dist[u] = dist[v] + w;
            if (w == 0) dq.push_front(u); else dq.push_back(u);
        }
    }
    printf("%d\n", dist[rows * cols - 1]);
}
