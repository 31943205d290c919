class Solution:
    def countRoutes(self, grid: List[List[int]]) -> int:
        MOD = 10**9 + 7
        n = len(grid[0])
        # ways[c]: routes to cell (r, c) of the current row.
        ways = [0] * n
        ways[0] = 1
        for row in grid:
            left = 0
            for c in range(n):
                if row[c]:
                    ways[c] = 0
                else:
                    ways[c] = (ways[c] + left) % MOD
                left = ways[c]
        return ways[n - 1]
