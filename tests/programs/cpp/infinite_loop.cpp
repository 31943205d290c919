// Spins forever. A loop without side effects is undefined behaviour in C++
// (the compiler may delete it), hence the volatile counter.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    volatile unsigned long long spins = 0;
    for (;;) spins = spins + 1;
}
