class Solution:
    def longestPalindrome(self, s: str) -> str:
        n, B, M = len(s), 131, 10**9 + 7
        r = s[::-1]
        hs, hr = [0] * (n + 1), [0] * (n + 1)
        for i in range(n):
            hs[i + 1] = (hs[i] * B + ord(s[i])) % M
            hr[i + 1] = (hr[i] * B + ord(r[i])) % M

        def get(h, i, j):
            return (h[j] - h[i] * pow(B, j - i, M)) % M

        def find(length):
            for i in range(n - length + 1):
                if get(hs, i, i + length) == get(hr, n - i - length, n - i) and s[i:i + length] == r[n - i - length:n - i]:
                    return i
            return -1

        best_start, best_len = 0, 1
        for parity in (1, 2):
            lo, hi = 0, (n - parity) // 2
            while lo <= hi:
                mid = (lo + hi) // 2
                i = find(2 * mid + parity)
                if i >= 0:
                    if 2 * mid + parity > best_len:
                        best_start, best_len = i, 2 * mid + parity
                    lo = mid + 1
                else:
                    hi = mid - 1
        return s[best_start:best_start + best_len]
