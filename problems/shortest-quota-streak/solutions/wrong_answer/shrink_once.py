# Bug: drops at most one day from the left per new day (`if` instead of
# `while`), so after a long run the window never gets short enough.
class Solution:
    def shortestStreak(self, sales: List[int], quota: int) -> int:
        best = 0
        window = left = 0
        for right, s in enumerate(sales):
            window += s
            if window >= quota:
                if best == 0 or right - left + 1 < best:
                    best = right - left + 1
                window -= sales[left]
                left += 1
        return best
