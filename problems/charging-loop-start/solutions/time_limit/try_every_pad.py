# Brute force: drives the loop from every pad until the battery runs flat.
# O(n^2) when starts fail late.
class Solution:
    def loopStart(self, charge: List[int], cost: List[int]) -> int:
        n = len(charge)
        for s in range(n):
            tank = 0
            for t in range(n):
                i = (s + t) % n
                tank += charge[i] - cost[i]
                if tank < 0:
                    break
            else:
                return s
        return -1
