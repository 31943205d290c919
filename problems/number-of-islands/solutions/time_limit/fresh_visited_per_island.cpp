// Allocates and clears a full visited grid for every island it starts: each
// island costs O(R*C), and a 1000 x 1000 checkerboard has 500 000 islands.
#include <iostream>
#include <string>
#include <vector>

int main() {
    std::ios::sync_with_stdio(false);
    int rows, cols;
    std::cin >> rows >> cols;
    std::vector<std::string> grid(rows);
    for (auto& row : grid) std::cin >> row;
    int islands = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            if (grid[r][c] != '1') continue;
            ++islands;
            std::vector<char> visited(static_cast<size_t>(rows) * cols, 0);
            std::vector<int> stack{r * cols + c};
            visited[r * cols + c] = 1;
            while (!stack.empty()) {
                int y = stack.back() / cols, x = stack.back() % cols;
                stack.pop_back();
                grid[y][x] = '0';
                const int ny[] = {y - 1, y + 1, y, y}, nx[] = {x, x, x - 1, x + 1};
                for (int d = 0; d < 4; ++d) {
                    if (ny[d] >= 0 && ny[d] < rows && nx[d] >= 0 && nx[d] < cols &&
                        grid[ny[d]][nx[d]] == '1' && !visited[ny[d] * cols + nx[d]]) {
                        visited[ny[d] * cols + nx[d]] = 1;
                        stack.push_back(ny[d] * cols + nx[d]);
                    }
                }
            }
        }
    }
    std::cout << islands << '\n';
}
