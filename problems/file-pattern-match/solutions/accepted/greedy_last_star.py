class Solution:
    def matches(self, name: str, pattern: str) -> bool:
        # Match letter by letter; on a '*' remember where it is and let it
        # match nothing at first. On a mismatch, go back to the last '*' and
        # let it swallow one more character. Only the last '*' ever needs to
        # be revisited: any earlier one can stretch no further usefully.
        i = j = 0
        star, mark = -1, 0
        n, m = len(name), len(pattern)
        while i < n:
            if j < m and (pattern[j] == "?" or pattern[j] == name[i]):
                i += 1
                j += 1
            elif j < m and pattern[j] == "*":
                star, mark = j, i
                j += 1
            elif star >= 0:
                mark += 1
                i, j = mark, star + 1
            else:
                return False
        while j < m and pattern[j] == "*":
            j += 1
        return j == m
