class Solution:
    def matchingPair(self, entries: List[int], gap: int) -> List[int]:
        first = {}  # amount -> its first position: the smallest i for any j
        for j, x in enumerate(entries):
            i = first.get(gap - x)
            if i is not None:
                return [i, j]  # scanning j upwards, the first hit has the smallest j
            if x not in first:
                first[x] = j
        return [-1, -1]
