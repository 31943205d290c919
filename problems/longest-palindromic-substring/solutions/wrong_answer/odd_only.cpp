// Expands only around letters, so even-length palindromes such as "abba"
// are missed: wrong whenever the longest palindrome has even length.
#include <iostream>
#include <string>

int main() {
    std::string s;
    std::cin >> s;
    const int n = static_cast<int>(s.size());
    int best_start = 0, best_len = 1;
    for (int c = 0; c < n; ++c) {
        int lo = c, hi = c;
        while (lo >= 0 && hi < n && s[lo] == s[hi]) {
            --lo;
            ++hi;
        }
        if (hi - lo - 1 > best_len) {
            best_len = hi - lo - 1;
            best_start = lo + 1;
        }
    }
    std::cout << s.substr(best_start, best_len) << '\n';
}
