// A classic mistake: the longest common substring of s and reverse(s) is not
// always a palindrome (for "abacdfgdcaba" it is "abacd", whose mirror image
// happens to occur elsewhere in s).
#include <iostream>
#include <string>
#include <vector>

int main() {
    std::string s;
    std::cin >> s;
    const int n = static_cast<int>(s.size());
    const std::string r(s.rbegin(), s.rend());
    std::vector<int> prev(n + 1, 0), cur(n + 1, 0);
    int best_len = 0, best_end = 0;
    for (int i = 1; i <= n; ++i) {
        for (int j = 1; j <= n; ++j) {
            cur[j] = s[i - 1] == r[j - 1] ? prev[j - 1] + 1 : 0;
            if (cur[j] > best_len) {
                best_len = cur[j];
                best_end = i;
            }
        }
        std::swap(prev, cur);
    }
    std::cout << s.substr(best_end - best_len, best_len) << '\n';
}
