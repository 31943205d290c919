# Brute force: from every starting day, add days until the quota is met.
# O(n^2) when the quota is out of reach.
class Solution:
    def shortestStreak(self, sales: List[int], quota: int) -> int:
        n = len(sales)
        best = 0
        for i in range(n):
            total = 0
            for j in range(i, n):
                total += sales[j]
                if total >= quota:
                    if best == 0 or j - i + 1 < best:
                        best = j - i + 1
                    break
        return best
