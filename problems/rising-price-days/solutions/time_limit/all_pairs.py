# The quadratic DP: best[i] = 1 + max(best[j]) over earlier cheaper days,
# O(n^2), about 5 * 10^9 steps for n = 10^5.
class Solution:
    def longestRise(self, prices: List[int]) -> int:
        best = [1] * len(prices)
        for i in range(len(prices)):
            for j in range(i):
                if prices[j] < prices[i] and best[j] + 1 > best[i]:
                    best[i] = best[j] + 1
        return max(best)
