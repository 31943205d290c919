# Longest chain of compatible slots by DP over all pairs (sorted by end):
# correct, but O(n^2).
class Solution:
    def fewestCancellations(self, slots: List[List[int]]) -> int:
        slots = sorted(slots, key=lambda s: s[1])
        n = len(slots)
        best = [1] * n
        for i in range(n):
            start = slots[i][0]
            for j in range(i):
                if slots[j][1] <= start and best[j] + 1 > best[i]:
                    best[i] = best[j] + 1
        return n - max(best)
