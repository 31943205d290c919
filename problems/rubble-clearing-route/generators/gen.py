#!/usr/bin/env python3
"""Writes the hidden cases of rubble-clearing-route (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/rubble-clearing-route/generators/gen.py

Maximum-size cases come first (50 x 50 with open areas defeat a search over
all routes); small random cases with walls and few charges catch searches
that remember only whether a cell was visited.
"""
import json
import os
import random
from collections import deque

MAX = 50
rng = random.Random(7061)
cases = []


def solve(grid, k):
    rows, cols = len(grid), len(grid[0])
    if rows == 1 and cols == 1:
        return 0
    k = min(k, rows + cols - 3)  # a shortest route has rows+cols-1 cells, two of them clear
    best = [[-1] * cols for _ in range(rows)]  # most charges left on arrival so far
    best[0][0] = k
    frontier = [(0, 0, k)]
    steps = 0
    while frontier:
        steps += 1
        nxt = []
        for r, c, left in frontier:
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols:
                    rem = left - grid[nr][nc]
                    if rem > best[nr][nc]:
                        if nr == rows - 1 and nc == cols - 1:
                            return steps
                        best[nr][nc] = rem
                        nxt.append((nr, nc, rem))
        frontier = nxt
    return -1


def random_grid(rows, cols, density):
    g = [[1 if rng.random() < density else 0 for _ in range(cols)] for _ in range(rows)]
    g[0][0] = g[rows - 1][cols - 1] = 0
    return g


def walls(rows, cols, gap_every):
    """Horizontal walls on every other row, each with one gap at alternating ends."""
    g = [[0] * cols for _ in range(rows)]
    for r in range(1, rows - 1, 2):
        g[r] = [1] * cols
        g[r][cols - 1 if r % 4 == 1 else 0] = 0
    return g


def add(name, grid, k):
    cases.append((name, grid, k))


add("01-max-open-few-charges", random_grid(MAX, MAX, 0.1), 2)
add("02-max-walls-few-charges", walls(MAX, MAX, 2), 6)
add("03-max-random-dense", random_grid(MAX, MAX, 0.45), 15)
add("04-max-many-charges", random_grid(MAX, MAX, 0.6), MAX * MAX)
add("05-max-no-rubble", [[0] * MAX for _ in range(MAX)], 0)
g = [[0] * MAX for _ in range(MAX)]
for c in range(MAX):
    g[MAX // 2][c] = 1
add("06-max-sealed-no-charge", g, 0)
add("07-max-sealed-one-charge", [row[:] for row in g], 1)
add("08-max-walls-no-charge", walls(MAX, MAX, 2), 0)
add("09-max-random-medium", random_grid(MAX, MAX, 0.3), 40)
add("10-edge-single-cell", [[0]], 0)
add("11-edge-two-cells", [[0, 0]], 0)
add("12-edge-row-short-of-charges", [[0, 1, 1, 0, 1, 0]], 2)
add("13-edge-row-exact-charges", [[0, 1, 1, 0, 1, 0]], 3)
add("14-edge-column", [[0], [1], [0], [1], [0]], 2)
add("15-detour-versus-charge", [[0, 0, 0], [1, 1, 0], [0, 0, 0], [0, 1, 1], [0, 0, 0]], 1)
add("16-need-later-arrival", [[0, 1, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 1, 0],
                              [1, 1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0]], 1)
for i in range(6):
    rows, cols = rng.randint(3, 12), rng.randint(3, 12)
    add("%02d-small-random" % (20 + i), random_grid(rows, cols, rng.choice([0.3, 0.4, 0.5])), rng.randint(0, 3))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, grid, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(grid, separators=(",", ":")) + "\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % solve(grid, k))
