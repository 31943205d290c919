class Solution:
    def shortestRoute(self, grid: List[List[int]], k: int) -> int:
        rows, cols = len(grid), len(grid[0])
        if rows == 1 and cols == 1:
            return 0
        # More than rows+cols-3 charges never helps: the Manhattan route
        # has only that many cells between its two clear ends.
        k = min(k, rows + cols - 3)
        # BFS over (cell, charges left). A cell is worth revisiting only
        # with more charges left than any earlier (hence shorter) arrival.
        best = [-1] * (rows * cols)
        best[0] = k
        flat = [x for row in grid for x in row]
        target = rows * cols - 1
        frontier = [(0, k)]
        steps = 0
        while frontier:
            steps += 1
            nxt = []
            for cell, left in frontier:
                r, c = divmod(cell, cols)
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= nr < rows and 0 <= nc < cols:
                        n = nr * cols + nc
                        rem = left - flat[n]
                        if rem > best[n]:
                            if n == target:
                                return steps
                            best[n] = rem
                            nxt.append((n, rem))
            frontier = nxt
        return -1
