// Right recurrence, but sums in 32-bit int: 50 000 steps of cost 10^5
// overflow.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<int> cost(n);
    for (auto& c : cost) cin >> c;
    int above1 = 0, above2 = 0;
    for (int i = n - 1; i >= 0; i--) {
        int here = cost[i] + min(above1, above2);
        above2 = above1;
        above1 = here;
    }
    cout << (n >= 2 ? min(above1, above2) : 0) << "\n";
}
