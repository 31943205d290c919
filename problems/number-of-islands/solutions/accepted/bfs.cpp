// Breadth-first search from every unvisited land cell: O(R*C). An explicit
// queue instead of recursion, because one island can have 10^6 cells.
#include <iostream>
#include <string>
#include <vector>

int main() {
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);
    int rows, cols;
    std::cin >> rows >> cols;
    std::vector<std::string> grid(rows);
    for (auto& row : grid) std::cin >> row;
    std::vector<int> queue;
    queue.reserve(static_cast<size_t>(rows) * cols);
    const int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
    int islands = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            if (grid[r][c] != '1') continue;
            ++islands;
            grid[r][c] = '0';  // sink visited land so it is never counted twice
            queue.clear();
            queue.push_back(r * cols + c);
            for (size_t head = 0; head < queue.size(); ++head) {
                int y = queue[head] / cols, x = queue[head] % cols;
                for (int d = 0; d < 4; ++d) {
                    int ny = y + dr[d], nx = x + dc[d];
                    if (ny >= 0 && ny < rows && nx >= 0 && nx < cols && grid[ny][nx] == '1') {
                        grid[ny][nx] = '0';
                        queue.push_back(ny * cols + nx);
                    }
                }
            }
        }
    }
    std::cout << islands << '\n';
}
