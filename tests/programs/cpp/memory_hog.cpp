// Allocates 1 GiB in 16 MiB blocks; std::vector<char>(n, 1) writes every byte,
// so the memory is really used.
#include <iostream>
#include <vector>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::vector<std::vector<char>> blocks;
    for (int i = 0; i < 64; ++i) blocks.emplace_back(16 << 20, static_cast<char>(i + 1));
    long long checksum = 0;
    for (const auto& block : blocks) checksum += block.back();
    std::cout << a + b + checksum % 2 << '\n';
}
