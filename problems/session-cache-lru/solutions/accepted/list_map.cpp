#include <bits/stdc++.h>
using namespace std;

// Hash map from key to a node of a doubly linked list kept in recency order
// (most recent at the front): every command is O(1) on average.
class LruCache {
    size_t cap;
    list<pair<long long, long long>> order;
    unordered_map<long long, list<pair<long long, long long>>::iterator> where;

public:
    explicit LruCache(size_t cap) : cap(cap) { where.reserve(cap * 2); }

    long long get(long long k) {
        auto it = where.find(k);
        if (it == where.end()) return -1;
        order.splice(order.begin(), order, it->second);
        return it->second->second;
    }

    void put(long long k, long long v) {
        auto it = where.find(k);
        if (it != where.end()) {
            it->second->second = v;
            order.splice(order.begin(), order, it->second);
            return;
        }
        if (order.size() == cap) {
            where.erase(order.back().first);
            order.pop_back();
        }
        order.emplace_front(k, v);
        where[k] = order.begin();
    }
};

int main() {
    size_t cap;
    int q;
    if (scanf("%zu %d", &cap, &q) != 2) return 1;
    LruCache cache(cap);
    char op[8];
    string out;
    for (int i = 0; i < q; i++) {
        long long k, v;
        if (scanf("%7s %lld", op, &k) != 2) return 1;
        if (op[0] == 'g') {
            out += to_string(cache.get(k));
            out += '\n';
        } else {
            if (scanf("%lld", &v) != 1) return 1;
            cache.put(k, v);
        }
    }
    fputs(out.c_str(), stdout);
}
