# Initialises the whole first row and column to 1 route each, as for a free
# grid, and forgets that a shelf there cuts off every cell behind it.
class Solution:
    def countRoutes(self, grid: List[List[int]]) -> int:
        MOD = 10**9 + 7
        m, n = len(grid), len(grid[0])
        if grid[0][0] or grid[m - 1][n - 1]:
            return 0
        ways = [[0] * n for _ in range(m)]
        for r in range(m):
            ways[r][0] = 0 if grid[r][0] else 1
        for c in range(n):
            ways[0][c] = 0 if grid[0][c] else 1
        for r in range(1, m):
            for c in range(1, n):
                if not grid[r][c]:
                    ways[r][c] = (ways[r - 1][c] + ways[r][c - 1]) % MOD
        return ways[m - 1][n - 1]
