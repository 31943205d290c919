# Bug: when a reading breaks the tolerance, starts a fresh stretch at that
# reading, throwing away the readings just before it that still fit with it.
class Solution:
    def longestSteadyStretch(self, readings: List[int], tolerance: int) -> int:
        best = 0
        lo = hi = readings[0]
        start = 0
        for i, x in enumerate(readings):
            lo, hi = min(lo, x), max(hi, x)
            if hi - lo > tolerance:
                start, lo, hi = i, x, x
            best = max(best, i - start + 1)
        return best
