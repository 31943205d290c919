# Counts deletes and inserts around a longest common subsequence,
# n + m - 2 * LCS: that forgets replace, which does in one edit what a
# delete plus an insert do in two ("a" -> "b" gives 2 instead of 1).
class Solution:
    def minEdits(self, current: str, target: str) -> int:
        m = len(target)
        prev = [0] * (m + 1)
        for a in current:
            cur = [0] * (m + 1)
            for j in range(1, m + 1):
                cur[j] = prev[j - 1] + 1 if a == target[j - 1] else max(prev[j], cur[j - 1])
            prev = cur
        return len(current) + len(target) - 2 * prev[m]
