# Brute force: from every start, extend while the spread fits. O(n^2) when
# long stretches are steady.
class Solution:
    def longestSteadyStretch(self, readings: List[int], tolerance: int) -> int:
        n = len(readings)
        best = 0
        for i in range(n):
            lo = hi = readings[i]
            j = i
            while j < n:
                x = readings[j]
                if x < lo:
                    lo = x
                if x > hi:
                    hi = x
                if hi - lo > tolerance:
                    break
                j += 1
            best = max(best, j - i)
        return best
