// Treats diagonal neighbours as connected, so islands that only touch at a
// corner are merged: wrong on checkerboards and diagonal lines.
#include <iostream>
#include <string>
#include <vector>

int main() {
    std::ios::sync_with_stdio(false);
    int rows, cols;
    std::cin >> rows >> cols;
    std::vector<std::string> grid(rows);
    for (auto& row : grid) std::cin >> row;
    std::vector<int> stack;
    int islands = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            if (grid[r][c] != '1') continue;
            ++islands;
            grid[r][c] = '0';
            stack.assign(1, r * cols + c);
            while (!stack.empty()) {
                int y = stack.back() / cols, x = stack.back() % cols;
                stack.pop_back();
                for (int dy = -1; dy <= 1; ++dy) {
                    for (int dx = -1; dx <= 1; ++dx) {
                        int ny = y + dy, nx = x + dx;
                        if (ny >= 0 && ny < rows && nx >= 0 && nx < cols && grid[ny][nx] == '1') {
                            grid[ny][nx] = '0';
                            stack.push_back(ny * cols + nx);
                        }
                    }
                }
            }
        }
    }
    std::cout << islands << '\n';
}
