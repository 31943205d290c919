# The mistake: marks a cell visited on its first arrival, whatever the charges
# left. A later arrival with more charges can be the only one that gets through.
class Solution:
    def shortestRoute(self, grid: List[List[int]], k: int) -> int:
        rows, cols = len(grid), len(grid[0])
        if rows == 1 and cols == 1:
            return 0
        seen = [[False] * cols for _ in range(rows)]
        seen[0][0] = True
        queue = deque([(0, 0, k, 0)])
        while queue:
            r, c, left, d = queue.popleft()
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and not seen[nr][nc]:
                    rem = left - grid[nr][nc]
                    if rem < 0:
                        continue
                    if nr == rows - 1 and nc == cols - 1:
                        return d + 1
                    seen[nr][nc] = True
                    queue.append((nr, nc, rem, d + 1))
        return -1
