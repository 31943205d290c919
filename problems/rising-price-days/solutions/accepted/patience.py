class Solution:
    def longestRise(self, prices: List[int]) -> int:
        # tails[k]: the smallest last price of a strict rise of k + 1 days.
        tails = []
        for p in prices:
            k = bisect_left(tails, p)
            if k == len(tails):
                tails.append(p)
            else:
                tails[k] = p
        return len(tails)
