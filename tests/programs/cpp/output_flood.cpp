// Writes to stdout without end.
#include <iostream>
#include <string>

int main() {
    std::ios::sync_with_stdio(false);
    const std::string line(1 << 16, 'x');
    for (;;) std::cout << line << '\n';
}
