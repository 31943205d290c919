# Forgets that the road is a ring: treats depots 0 and n-1 as unrelated, so
# it may collect from both ends.
class Solution:
    def maxPickup(self, parcels: List[int]) -> int:
        take = skip = 0
        for v in parcels:
            take, skip = skip + v, max(take, skip)
        return max(take, skip)
