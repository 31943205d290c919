# The brute force: test every substring with two pointers, O(n^3) overall.
# (Reversing slices instead, `sub == sub[::-1]`, is the same complexity but
# runs its inner loop in C: only about six times slower than expanding
# around centres, too close to tell apart by time on every machine.)
class Solution:
    def longestPalindrome(self, s: str) -> str:
        n = len(s)
        best_start, best_len = 0, 1
        for i in range(n):
            for j in range(i, n):
                lo, hi = i, j
                while lo < hi and s[lo] == s[hi]:
                    lo += 1
                    hi -= 1
                if lo >= hi and j - i + 1 > best_len:
                    best_start, best_len = i, j - i + 1
        return s[best_start:best_start + best_len]
