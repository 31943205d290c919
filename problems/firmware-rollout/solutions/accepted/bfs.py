class Solution:
    def minutesToUpdate(self, grid: List[List[int]]) -> int:
        # Multi-source BFS: every updated robot starts in the queue at minute 0,
        # so each robot's BFS level is the minute it gets the update.
        rows, cols = len(grid), len(grid[0])
        level = [[-1] * cols for _ in range(rows)]
        queue = deque()
        old = 0
        for r in range(rows):
            for c in range(cols):
                if grid[r][c] == 2:
                    level[r][c] = 0
                    queue.append((r, c))
                elif grid[r][c] == 1:
                    old += 1
        last = 0
        while queue:
            r, c = queue.popleft()
            d = level[r][c] + 1
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 1 and level[nr][nc] < 0:
                    level[nr][nc] = d
                    last = d
                    old -= 1
                    queue.append((nr, nc))
        return last if old == 0 else -1
