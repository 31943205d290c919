class Solution:
    def fewestPackages(self, sizes: List[int], amount: int) -> int:
        # best[a]: fewest packages summing to exactly a.
        INF = amount + 1
        best = [0] + [INF] * amount
        usable = [s for s in sizes if s <= amount]
        for a in range(1, amount + 1):
            m = INF
            for s in usable:
                if s <= a and best[a - s] + 1 < m:
                    m = best[a - s] + 1
            best[a] = m
        return best[amount] if best[amount] <= amount else -1
