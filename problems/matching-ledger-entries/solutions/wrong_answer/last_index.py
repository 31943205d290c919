# Bug: the map keeps the LAST position of each amount, so for the smallest j
# it returns the latest i instead of the earliest.
class Solution:
    def matchingPair(self, entries: List[int], gap: int) -> List[int]:
        seen = {}
        for j, x in enumerate(entries):
            if gap - x in seen:
                return [seen[gap - x], j]
            seen[x] = j
        return [-1, -1]
