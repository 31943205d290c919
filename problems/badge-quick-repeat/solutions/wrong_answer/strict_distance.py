# Bug: off by one, accepts only j - i < k instead of j - i <= k.
class Solution:
    def firstQuickRepeat(self, badges: List[int], k: int) -> int:
        last = {}
        for j, b in enumerate(badges):
            if b in last and j - last[b] < k:
                return j
            last[b] = j
        return -1
