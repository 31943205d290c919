class Solution:
    def maxPickup(self, parcels: List[int]) -> int:
        # Depots 0 and n-1 cannot both be used: solve the straight road
        # without the last depot and without the first, keep the better.
        def line(values):
            take = skip = 0
            for v in values:
                take, skip = skip + v, max(take, skip)
            return max(take, skip)

        if len(parcels) == 1:
            return parcels[0]
        return max(line(parcels[1:]), line(parcels[:-1]))
