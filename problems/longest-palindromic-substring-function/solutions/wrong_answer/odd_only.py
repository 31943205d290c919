# Expands only around single letters, so even-length palindromes such as
# "bb" in "cbbd" are never found.
class Solution:
    def longestPalindrome(self, s: str) -> str:
        best = s[0]
        for centre in range(len(s)):
            lo = hi = centre
            while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > len(best):
                best = s[lo + 1:hi]
        return best
