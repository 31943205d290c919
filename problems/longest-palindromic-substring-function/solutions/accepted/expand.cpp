class Solution {
public:
    string longestPalindrome(string s) {
        int n = s.size(), bestStart = 0, bestLen = 1;
        for (int centre = 0; centre < 2 * n - 1; centre++) {
            int lo = centre / 2, hi = (centre + 1) / 2;
            while (lo >= 0 && hi < n && s[lo] == s[hi]) { lo--; hi++; }
            int len = hi - lo - 1, start = lo + 1;
            if (len > bestLen || (len == bestLen && start < bestStart)) { bestLen = len; bestStart = start; }
        }
        return s.substr(bestStart, bestLen);
    }
};
