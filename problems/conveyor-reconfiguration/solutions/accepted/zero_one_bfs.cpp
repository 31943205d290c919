#include <bits/stdc++.h>
using namespace std;

int main() {
    int rows, cols;
    if (!(cin >> rows >> cols)) return 1;
    vector<string> g(rows);
    for (auto& line : g) cin >> line;
    // 0-1 BFS: the belt's own direction costs 0, turning it costs 1.
    const int dr[] = {0, 0, -1, 1}, dc[] = {1, -1, 0, 0};
    const char arrow[] = {'>', '<', '^', 'v'};
    vector<int> dist(rows * cols, INT_MAX);
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
            int w = g[r][c] == arrow[k] ? 0 : 1, u = nr * cols + nc;
            if (dist[v] + w < dist[u]) {
                dist[u] = dist[v] + w;
                if (w == 0) dq.push_front(u); else dq.push_back(u);
            }
        }
    }
    printf("%d\n", dist[rows * cols - 1]);
}
