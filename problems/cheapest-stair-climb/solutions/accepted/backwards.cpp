#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    if (!(cin >> n)) return 1;
    vector<long long> cost(n);
    for (auto& c : cost) cin >> c;
    // from[i]: least cost from step i to the landing (64-bit: up to 5 * 10^9).
    long long above1 = 0, above2 = 0;
    for (int i = n - 1; i >= 0; i--) {
        long long here = cost[i] + min(above1, above2);
        above2 = above1;
        above1 = here;
    }
    cout << (n >= 2 ? min(above1, above2) : 0) << "\n";
}
