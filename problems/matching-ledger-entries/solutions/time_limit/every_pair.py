# Brute force: for each j, try every i before it. O(n^2) when no pair exists.
class Solution:
    def matchingPair(self, entries: List[int], gap: int) -> List[int]:
        for j in range(len(entries)):
            want = gap - entries[j]
            for i in range(j):
                if entries[i] == want:
                    return [i, j]
        return [-1, -1]
