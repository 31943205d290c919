class Solution:
    def kthPairDistance(self, positions: List[int], k: int) -> int:
        s = sorted(positions)
        n = len(s)

        def pairs_within(d):
            # Two pointers: for each right end, the left end only moves right.
            count = left = 0
            for right in range(n):
                limit = s[right] - d
                while s[left] < limit:
                    left += 1
                count += right - left
            return count

        # The answer is the smallest d with at least k pairs within d.
        lo, hi = 0, s[-1] - s[0]
        while lo < hi:
            mid = (lo + hi) // 2
            if pairs_within(mid) >= k:
                hi = mid
            else:
                lo = mid + 1
        return lo
