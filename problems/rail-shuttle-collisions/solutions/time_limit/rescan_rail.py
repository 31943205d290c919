# Resolves one collision at a time: finds the first east-bound shuttle
# directly followed by a west-bound one, scanning from the west end each
# time. O(n^2) when the collisions happen far from the west end.
class Solution:
    def survivingShuttles(self, shuttles: List[int]) -> List[int]:
        rail = list(shuttles)
        i = 0
        while True:
            i = 0
            while i + 1 < len(rail) and not (rail[i] > 0 and rail[i + 1] < 0):
                i += 1
            if i + 1 >= len(rail):
                return rail
            a, b = rail[i], -rail[i + 1]
            if a < b:
                del rail[i]
            elif a > b:
                del rail[i + 1]
            else:
                del rail[i:i + 2]
