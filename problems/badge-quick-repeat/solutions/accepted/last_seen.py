class Solution:
    def firstQuickRepeat(self, badges: List[int], k: int) -> int:
        last = {}  # badge -> its latest swipe: the closest earlier partner
        for j, b in enumerate(badges):
            i = last.get(b)
            if i is not None and j - i <= k:
                return j
            last[b] = j
        return -1
