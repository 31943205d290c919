class Solution:
    def longestPalindrome(self, s: str) -> str:
        # Expand around each of the 2n - 1 centres; keep the first longest.
        best_start, best_len = 0, 1
        n = len(s)
        for centre in range(2 * n - 1):
            lo, hi = centre // 2, (centre + 1) // 2
            while lo >= 0 and hi < n and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            length = hi - lo - 1
            start = lo + 1
            if length > best_len or (length == best_len and start < best_start):
                best_start, best_len = start, length
        return s[best_start:best_start + best_len]
