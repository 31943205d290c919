# Bug: searches from capacity 1 and the trip count never checks that a package
# fits on its own, so a capacity below the heaviest package looks feasible.
class Solution:
    def minTruckCapacity(self, weights: List[int], days: int) -> int:
        def trips(cap):
            count, load = 1, 0
            for w in weights:
                if load + w > cap and load > 0:
                    count += 1
                    load = 0
                load += w
            return count

        lo, hi = 1, sum(weights)
        while lo < hi:
            mid = (lo + hi) // 2
            if trips(mid) <= days:
                hi = mid
            else:
                lo = mid + 1
        return lo
