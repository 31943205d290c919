class Solution:
    def minTruckCapacity(self, weights: List[int], days: int) -> int:
        def trips(cap):
            count, load = 1, 0
            for w in weights:
                load += w
                if load > cap:
                    count += 1
                    load = w
            return count

        # Feasibility is monotone in the capacity: binary search the smallest feasible one.
        lo, hi = max(weights), sum(weights)
        while lo < hi:
            mid = (lo + hi) // 2
            if trips(mid) <= days:
                hi = mid
            else:
                lo = mid + 1
        return lo
