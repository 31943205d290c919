class Solution:
    def minStartBattery(self, grid: List[List[int]]) -> int:
        # need[c]: the least battery on arrival at (r, c) (before its value
        # applies) to finish from there; filled from the customer backwards,
        # one row at a time. The sentinel below the customer asks for 1 left.
        m, n = len(grid), len(grid[0])
        INF = float("inf")
        need = [INF] * n
        need[n - 1] = 1
        for r in range(m - 1, -1, -1):
            row = grid[r]
            right = INF
            for c in range(n - 1, -1, -1):
                below = need[c]
                v = (below if below < right else right) - row[c]
                right = need[c] = v if v > 1 else 1
        return need[0]
