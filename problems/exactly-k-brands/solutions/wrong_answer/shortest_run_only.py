# Bug: counts one run per right end (the window from the smallest valid left
# end) instead of every left end that still leaves exactly k brands.
class Solution:
    def countRuns(self, brands: List[int], k: int) -> int:
        count = defaultdict(int)
        distinct = left = total = 0
        for right, b in enumerate(brands):
            if count[b] == 0:
                distinct += 1
            count[b] += 1
            while distinct > k:
                count[brands[left]] -= 1
                if count[brands[left]] == 0:
                    distinct -= 1
                left += 1
            if distinct == k:
                total += 1
        return total
