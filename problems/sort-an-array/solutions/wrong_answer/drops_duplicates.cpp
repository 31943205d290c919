// Sorting through a std::set silently drops repeated values.
#include <cstdio>
#include <set>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::set<int> values;
    for (int i = 0; i < n; ++i) {
        int x;
        std::scanf("%d", &x);
        values.insert(x);
    }
    bool first = true;
    for (int x : values) {
        std::printf(first ? "%d" : " %d", x);
        first = false;
    }
    std::printf("\n");
}
