// a+b with 64-bit arithmetic: the sum can exceed 32 bits.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::cout << a + b << '\n';
}
