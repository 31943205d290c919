class Solution:
    def shortestStreak(self, sales: List[int], quota: int) -> int:
        # Sales are positive, so dropping the oldest day only lowers the total:
        # shrink from the left while the quota still holds.
        best = 0
        window = left = 0
        for right, s in enumerate(sales):
            window += s
            while window >= quota:
                if best == 0 or right - left + 1 < best:
                    best = right - left + 1
                window -= sales[left]
                left += 1
        return best
