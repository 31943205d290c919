class Solution:
    def countPeriods(self, changes: List[int], target: int) -> int:
        # A period (i, j] sums to target exactly when prefix[j] - prefix[i] == target.
        seen = defaultdict(int)
        seen[0] = 1
        total = prefix = 0
        for c in changes:
            prefix += c
            total += seen[prefix - target]
            seen[prefix] += 1
        return total
