// Union-find over land cells, joining each cell with its right and lower
// neighbour: islands = land cells - successful unions.
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

static std::vector<int> parent;

static int find(int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];  // path halving keeps trees shallow
        x = parent[x];
    }
    return x;
}

int main() {
    int rows, cols;
    if (std::scanf("%d %d", &rows, &cols) != 2) return 1;
    std::vector<std::string> grid(rows);
    std::vector<char> line(cols + 2);
    for (auto& row : grid) {
        std::scanf("%s", line.data());
        row = line.data();
    }
    parent.resize(static_cast<size_t>(rows) * cols);
    std::iota(parent.begin(), parent.end(), 0);
    long long islands = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            if (grid[r][c] != '1') continue;
            ++islands;
            const int neighbours[2][2] = {{r + 1, c}, {r, c + 1}};
            for (auto& n : neighbours) {
                if (n[0] < rows && n[1] < cols && grid[n[0]][n[1]] == '1') {
                    int a = find(r * cols + c), b = find(n[0] * cols + n[1]);
                    if (a != b) {
                        parent[a] = b;
                        --islands;
                    }
                }
            }
        }
    }
    std::printf("%lld\n", islands);
}
