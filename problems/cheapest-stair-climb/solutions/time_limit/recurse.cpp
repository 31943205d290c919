// The brute force: explores every sequence of 1- and 2-step climbs from both
// starts without memoisation, Fibonacci(n) paths.
#include <bits/stdc++.h>
using namespace std;

vector<long long> cost;

long long from(size_t i) {
    if (i >= cost.size()) return 0;
    return cost[i] + min(from(i + 1), from(i + 2));
}

int main() {
    int n;
    cin >> n;
    cost.resize(n);
    for (auto& c : cost) cin >> c;
    cout << min(from(0), from(1)) << "\n";
}
