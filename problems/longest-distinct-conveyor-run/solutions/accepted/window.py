class Solution:
    def longestDistinctRun(self, codes: List[int]) -> int:
        last = {}
        left = best = 0
        for i, c in enumerate(codes):
            prev = last.get(c, -1)
            if prev >= left:
                left = prev + 1
            last[c] = i
            if i - left + 1 > best:
                best = i - left + 1
        return best
