// Checks every substring for being a palindrome: O(n^3) on strings such as
// "aaaa...a", where every check runs to the middle.
#include <iostream>
#include <string>

int main() {
    std::string s;
    std::cin >> s;
    const int n = static_cast<int>(s.size());
    int best_start = 0, best_len = 1;
    for (int i = 0; i < n; ++i) {
        for (int j = i; j < n; ++j) {
            bool palindrome = true;
            for (int a = i, b = j; a < b; ++a, --b) {
                if (s[a] != s[b]) {
                    palindrome = false;
                    break;
                }
            }
            if (palindrome && j - i + 1 > best_len) {
                best_len = j - i + 1;
                best_start = i;
            }
        }
    }
    std::cout << s.substr(best_start, best_len) << '\n';
}
