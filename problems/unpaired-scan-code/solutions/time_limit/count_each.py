# The brute force: counts every code's occurrences by scanning the whole
# log again, O(n^2) (10^10 comparisons when the unpaired code comes last).
class Solution:
    def unpairedCode(self, scans: List[int]) -> int:
        for v in scans:
            if scans.count(v) % 2 == 1:
                return v
        return 0
