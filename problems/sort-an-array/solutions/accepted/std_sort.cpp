// std::sort (introsort): O(n log n) worst case. Fast input matters at n = 5e5.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> a(n);
    for (int& x : a) std::scanf("%d", &x);
    std::sort(a.begin(), a.end());
    std::string out;
    out.reserve(static_cast<size_t>(n) * 12);
    char buf[16];
    for (int i = 0; i < n; ++i) {
        int len = std::snprintf(buf, sizeof buf, i ? " %d" : "%d", a[i]);
        out.append(buf, len);
    }
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
}
