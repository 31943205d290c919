# Brute force: a running minimum from every start. O(n^2).
class Solution:
    def sumOfStretchMinimums(self, prices: List[int]) -> int:
        n = len(prices)
        total = 0
        for i in range(n):
            low = prices[i]
            for j in range(i, n):
                if prices[j] < low:
                    low = prices[j]
                total += low
        return total
