# Depth-first search with an explicit stack over a flat bytearray: O(R*C).
# Recursion would exceed Python's limit on big islands.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    rows, cols = int(data[0]), int(data[1])
    # One extra water column on the right and water rows above and below,
    # so neighbours never need bounds checks.
    width = cols + 1
    grid = bytearray(b"0" * width)
    for r in range(rows):
        grid += data[2 + r] + b"0"
    grid += b"0" * width
    land = ord("1")
    islands = 0
    start = grid.find(land)
    while start != -1:
        islands += 1
        grid[start] = 48
        stack = [start]
        pop, push = stack.pop, stack.append
        while stack:
            cell = pop()
            for nb in (cell - width, cell + width, cell - 1, cell + 1):
                if grid[nb] == land:
                    grid[nb] = 48
                    push(nb)
        start = grid.find(land, start + 1)
    print(islands)


main()
