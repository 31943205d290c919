class Solution:
    def bestProfit(self, prices: List[int]) -> int:
        best, low = 0, prices[0]
        for p in prices:
            # Selling today: the best purchase is the cheapest day so far.
            if p < low:
                low = p
            elif p - low > best:
                best = p - low
        return best
