#!/usr/bin/python3
"""Generates every hidden test of "Number of Islands".

Regenerate (from the repository root):

    /usr/bin/python3 problems/number-of-islands/generators/gen.py

It rewrites tests/hidden/*.in and *.ans next to this directory. The output is
deterministic: every random case has its own fixed seed, so running it again
gives byte-identical files. A 1000 x 1000 grid takes 1 MB, so only a handful
of cases are full size; they are the shapes that break slow or recursive
solutions (one huge island, half a million tiny ones, a long spiral).
"""

import os
import random
from collections import deque

MAX = 1000
HERE = os.path.dirname(os.path.abspath(__file__))
HIDDEN = os.path.join(HERE, "..", "tests", "hidden")


def count_islands(grid):
    """Iterative breadth-first search over 4-neighbours."""
    rows, cols = len(grid), len(grid[0])
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "1" or seen[r][c]:
                continue
            islands += 1
            seen[r][c] = True
            queue = deque([(r, c)])
            while queue:
                y, x = queue.popleft()
                for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                    if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == "1" and not seen[ny][nx]:
                        seen[ny][nx] = True
                        queue.append((ny, nx))
    return islands


def random_grid(seed, rows, cols, density):
    r = random.Random(seed)
    return ["".join("1" if r.random() < density else "0" for _ in range(cols)) for _ in range(rows)]


def spiral(n):
    """One snake-like island: a spiral path of land one cell wide with water
    between the turns, about n*n/2 cells long."""
    grid = [["0"] * n for _ in range(n)]
    top, left, bottom, right = 0, 0, n - 1, n - 1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            grid[top][c] = "1"
        for r in range(top, bottom + 1):
            grid[r][right] = "1"
        if top + 2 <= bottom:
            for c in range(left, right + 1):
                grid[bottom][c] = "1"
        if left + 2 <= right:
            for r in range(top + 2, bottom + 1):
                grid[r][left] = "1"
        # Leave a gap of water before the next, inner turn starts.
        top, left, bottom, right = top + 2, left + 2, bottom - 2, right - 2
        if top <= bottom and left - 1 >= 0:
            grid[top][left - 1] = "1"
    return ["".join(row) for row in grid]


def cases():
    yield "01-single-water", ["0"]
    yield "02-single-land", ["1"]
    yield "03-one-row-alternating", ["10" * (MAX // 2)]
    yield "04-one-column-land", ["1"] * MAX
    yield "05-diagonal-not-connected", ["1000", "0100", "0010", "0001"]
    yield "06-lake-with-island", ["11111", "10001", "10101", "10001", "11111"]
    yield "07-max-all-water", ["0" * MAX] * MAX
    yield "08-max-all-land", ["1" * MAX] * MAX
    yield "09-max-checkerboard", [("10" * MAX)[r % 2:r % 2 + MAX] for r in range(MAX)]
    yield "10-max-spiral", spiral(MAX)
    yield "11-max-random-near-percolation", random_grid(11, MAX, MAX, 0.59)
    yield "12-max-random-sparse", random_grid(12, MAX, MAX, 0.3)
    yield "13-horizontal-stripes", ["1" * 400 if r % 2 == 0 else "0" * 400 for r in range(400)]
    yield "14-vertical-stripes", ["10" * 200] * 400
    yield "15-diagonal-lines", ["".join("1" if (r + c) % 3 == 0 else "0" for c in range(300)) for r in range(300)]
    yield "16-random-half", random_grid(16, 500, 500, 0.5)
    yield "17-wide-random", random_grid(17, 3, MAX, 0.6)
    yield "18-tall-random", random_grid(18, MAX, 3, 0.6)
    for k in range(4):
        r = random.Random(30 + k)
        rows, cols = r.randint(1, 12), r.randint(1, 12)
        yield "%d-small-random" % (19 + k), random_grid(40 + k, rows, cols, 0.45)


def main():
    os.makedirs(HIDDEN, exist_ok=True)
    for name in os.listdir(HIDDEN):
        os.remove(os.path.join(HIDDEN, name))
    for name, grid in cases():
        rows, cols = len(grid), len(grid[0])
        assert 1 <= rows <= MAX and 1 <= cols <= MAX, name
        assert all(len(row) == cols and set(row) <= set("01") for row in grid), name
        with open(os.path.join(HIDDEN, name + ".in"), "w") as f:
            f.write("%d %d\n%s\n" % (rows, cols, "\n".join(grid)))
        answer = count_islands(grid)
        with open(os.path.join(HIDDEN, name + ".ans"), "w") as f:
            f.write("%d\n" % answer)
        print("%-34s %4d x %-4d islands=%d" % (name, rows, cols, answer))


main()
