// Expand around each of the 2n-1 centres: O(n^2) time, O(1) extra space.
#include <iostream>
#include <string>

int main() {
    std::ios::sync_with_stdio(false);
    std::string s;
    std::cin >> s;
    const int n = static_cast<int>(s.size());
    int best_start = 0, best_len = n > 0 ? 1 : 0;
    for (int centre = 0; centre < 2 * n - 1; ++centre) {
        int lo = centre / 2, hi = lo + centre % 2;
        while (lo >= 0 && hi < n && s[lo] == s[hi]) {
            --lo;
            ++hi;
        }
        int len = hi - lo - 1;
        if (len > best_len) {
            best_len = len;
            best_start = lo + 1;
        }
    }
    std::cout << s.substr(best_start, best_len) << '\n';
}
