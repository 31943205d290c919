# Recursive depth-first search: correct, but an island of more than about a
# thousand cells goes deeper than Python's recursion limit (RecursionError).
import sys


def sink(grid, r, c):
    if r < 0 or r >= len(grid) or c < 0 or c >= len(grid[0]) or grid[r][c] != "1":
        return
    grid[r][c] = "0"
    sink(grid, r - 1, c)
    sink(grid, r + 1, c)
    sink(grid, r, c - 1)
    sink(grid, r, c + 1)


def main():
    lines = sys.stdin.read().split()
    rows = int(lines[0])
    grid = [list(row) for row in lines[2:2 + rows]]
    islands = 0
    for r in range(rows):
        for c in range(len(grid[r])):
            if grid[r][c] == "1":
                islands += 1
                sink(grid, r, c)
    print(islands)


main()
