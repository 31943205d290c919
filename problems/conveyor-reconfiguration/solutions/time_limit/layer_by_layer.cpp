// Too slow: for k = 0, 1, 2, ... recomputes from scratch every tile reachable
// with at most k turns (a free ride from each tile reached with k-1 turns,
// plus one turned move): O(R * C) per layer, k layers per value of k, and k
// reaches R + C - 2.
#include <bits/stdc++.h>
using namespace std;

int rows, cols;
vector<string> g;

// Marks every tile reached by riding the belts from the marked tiles.
void ride(vector<char>& seen) {
    vector<int> stack;
    for (int v = 0; v < rows * cols; v++)
        if (seen[v]) stack.push_back(v);
    while (!stack.empty()) {
        int v = stack.back();
        stack.pop_back();
        int r = v / cols, c = v % cols;
        char a = g[r][c];
        int nr = r + (a == 'v') - (a == '^'), nc = c + (a == '>') - (a == '<');
        if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && !seen[nr * cols + nc]) {
            seen[nr * cols + nc] = 1;
            stack.push_back(nr * cols + nc);
        }
    }
}

int main() {
    if (!(cin >> rows >> cols)) return 1;
    g.resize(rows);
    for (auto& line : g) cin >> line;
    const int dr[] = {0, 0, -1, 1}, dc[] = {1, -1, 0, 0};
    int target = rows * cols - 1;
    vector<char> reached(rows * cols, 0);
    reached[0] = 1;
    ride(reached);
    int k = 0;
    while (!reached[target]) {
        k++;
        // Start over: all tiles within k turns, rebuilt layer by layer.
        fill(reached.begin(), reached.end(), 0);
        reached[0] = 1;
        ride(reached);
        for (int layer = 0; layer < k; layer++) {
            vector<char> grown = reached;
            for (int v = 0; v < rows * cols; v++) {
                if (!reached[v]) continue;
                int r = v / cols, c = v % cols;
                for (int d = 0; d < 4; d++) {
                    int nr = r + dr[d], nc = c + dc[d];
                    if (nr >= 0 && nr < rows && nc >= 0 && nc < cols) grown[nr * cols + nc] = 1;
                }
            }
            reached = grown;
            ride(reached);
        }
    }
    printf("%d\n", k);
}
