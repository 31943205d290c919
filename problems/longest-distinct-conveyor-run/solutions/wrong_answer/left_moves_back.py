# Bug: jumps the left end to just after the previous occurrence even when that
# occurrence lies before the current window, so the window can grow backwards
# over a repeat ([1,2,2,1] gives 3 instead of 2).
class Solution:
    def longestDistinctRun(self, codes: List[int]) -> int:
        last = {}
        left = best = 0
        for i, c in enumerate(codes):
            if c in last:
                left = last[c] + 1
            last[c] = i
            best = max(best, i - left + 1)
        return best
