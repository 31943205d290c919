# Brute force: sums every period with a running total. O(n^2).
class Solution:
    def countPeriods(self, changes: List[int], target: int) -> int:
        n = len(changes)
        total = 0
        for i in range(n):
            s = 0
            for j in range(i, n):
                s += changes[j]
                if s == target:
                    total += 1
        return total
