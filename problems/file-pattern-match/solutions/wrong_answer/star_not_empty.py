# Treats '*' as "one or more characters": it never lets a star match the
# empty sequence ("abceb" with "*a*b" fails, and so does "" with "*").
class Solution:
    def matches(self, name: str, pattern: str) -> bool:
        n, m = len(name), len(pattern)
        prev = [False] * (m + 1)
        prev[0] = True
        for i in range(1, n + 1):
            cur = [False] * (m + 1)
            for j in range(1, m + 1):
                p = pattern[j - 1]
                if p == "*":
                    cur[j] = prev[j - 1] or prev[j]
                else:
                    cur[j] = prev[j - 1] and (p == "?" or p == name[i - 1])
            prev = cur
        return prev[m]
