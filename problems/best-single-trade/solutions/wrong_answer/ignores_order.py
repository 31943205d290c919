# Bug: takes the highest minus the lowest price over all days, ignoring that
# the purchase must come before the sale.
class Solution:
    def bestProfit(self, prices: List[int]) -> int:
        return max(prices) - min(prices)
