#include <bits/stdc++.h>
using namespace std;

// Too slow: stamps each key with the time of its last use and, to evict,
// scans every entry for the oldest stamp: O(cap) per eviction, about
// 2.5 * 10^9 steps when a cache of 50,000 entries evicts on every put.
int main() {
    size_t cap;
    int q;
    if (scanf("%zu %d", &cap, &q) != 2) return 1;
    unordered_map<long long, long long> value, stamp;
    char op[8];
    string out;
    for (int t = 0; t < q; t++) {
        long long k, v;
        if (scanf("%7s %lld", op, &k) != 2) return 1;
        if (op[0] == 'g') {
            auto it = value.find(k);
            if (it != value.end()) {
                stamp[k] = t;
                out += to_string(it->second);
            } else {
                out += "-1";
            }
            out += '\n';
        } else {
            if (scanf("%lld", &v) != 1) return 1;
            if (!value.count(k) && value.size() == cap) {
                auto oldest = stamp.begin();
                for (auto it = stamp.begin(); it != stamp.end(); ++it)
                    if (it->second < oldest->second) oldest = it;
                value.erase(oldest->first);
                stamp.erase(oldest);
            }
            value[k] = v;
            stamp[k] = t;
        }
    }
    fputs(out.c_str(), stdout);
}
