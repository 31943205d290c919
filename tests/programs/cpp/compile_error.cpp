// Assigns a string literal to an int.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    int sum = "a + b";
    std::cout << sum << '\n';
}
