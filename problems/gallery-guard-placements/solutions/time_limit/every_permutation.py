# The brute force: one guard per row, tries every permutation of columns
# (12! = 479 001 600 of them) and checks each for pillars and diagonals.
class Solution:
    def countPlacements(self, floor: List[str]) -> int:
        n = len(floor)
        count = 0
        for cols in itertools.permutations(range(n)):
            if any(floor[r][cols[r]] == "#" for r in range(n)):
                continue
            if len({r - cols[r] for r in range(n)}) == n and len({r + cols[r] for r in range(n)}) == n:
                count += 1
        return count
