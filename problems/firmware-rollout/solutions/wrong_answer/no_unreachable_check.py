# The mistake: returns the last BFS level without checking that every robot
# was reached, so a cut-off robot gives a number instead of -1.
class Solution:
    def minutesToUpdate(self, grid: List[List[int]]) -> int:
        rows, cols = len(grid), len(grid[0])
        level = [[-1] * cols for _ in range(rows)]
        queue = deque()
        for r in range(rows):
            for c in range(cols):
                if grid[r][c] == 2:
                    level[r][c] = 0
                    queue.append((r, c))
        last = 0
        while queue:
            r, c = queue.popleft()
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 1 and level[nr][nc] < 0:
                    level[nr][nc] = last = level[r][c] + 1
                    queue.append((nr, nc))
        return last
