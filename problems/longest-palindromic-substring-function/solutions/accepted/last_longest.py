# Keeps the LAST of several equally long palindromes ("aba" for "babad"):
# any longest palindrome is accepted.
class Solution:
    def longestPalindrome(self, s: str) -> str:
        best = s[0]
        n = len(s)
        for centre in range(2 * n - 1):
            lo, hi = centre // 2, (centre + 1) // 2
            while lo >= 0 and hi < n and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 >= len(best):
                best = s[lo + 1:hi]
        return best
