# The brute force: test every substring by reversing it, O(n^3) overall.
class Solution:
    def longestPalindrome(self, s: str) -> str:
        best = s[0]
        for i in range(len(s)):
            for j in range(i + 1, len(s)):
                sub = s[i:j + 1]
                if sub == sub[::-1] and len(sub) > len(best):
                    best = sub
        return best
