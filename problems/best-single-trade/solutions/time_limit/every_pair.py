# Brute force: every (buy, sell) pair of days. O(n^2).
class Solution:
    def bestProfit(self, prices: List[int]) -> int:
        best = 0
        n = len(prices)
        for i in range(n):
            buy = prices[i]
            for j in range(i + 1, n):
                if prices[j] - buy > best:
                    best = prices[j] - buy
        return best
