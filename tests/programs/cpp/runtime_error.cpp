// vector::at out of range throws std::out_of_range; nothing catches it, so
// std::terminate aborts the program (SIGABRT).
#include <iostream>
#include <vector>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::vector<long long> values{a, b};
    std::cout << values.at(0) + values.at(2) << '\n';
}
