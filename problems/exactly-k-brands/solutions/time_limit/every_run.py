# Brute force: grows a set from every left end. O(n^2).
class Solution:
    def countRuns(self, brands: List[int], k: int) -> int:
        n = len(brands)
        total = 0
        for i in range(n):
            seen = set()
            for j in range(i, n):
                seen.add(brands[j])
                if len(seen) == k:
                    total += 1
                elif len(seen) > k:
                    break
        return total
