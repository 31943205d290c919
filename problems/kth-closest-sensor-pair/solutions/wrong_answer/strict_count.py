# Bug: counts pairs strictly closer than d instead of within d, so the search
# lands one past the true k-th distance.
class Solution:
    def kthPairDistance(self, positions: List[int], k: int) -> int:
        s = sorted(positions)
        n = len(s)

        def pairs_closer(d):
            count = left = 0
            for right in range(n):
                while s[right] - s[left] >= d and left < right:
                    left += 1
                count += right - left
            return count

        lo, hi = 0, s[-1] - s[0]
        while lo < hi:
            mid = (lo + hi) // 2
            if pairs_closer(mid) >= k:
                hi = mid
            else:
                lo = mid + 1
        return lo
