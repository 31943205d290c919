#!/usr/bin/env python3
"""Writes the hidden cases of conveyor-reconfiguration (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/conveyor-reconfiguration/generators/gen.py

Maximum-size (500 x 500) halls come first: every belt pointing back (the
answer is R + C - 2), a free spiral, random halls. Small random halls catch
deque searches that settle tiles too early.
"""
import os
import random
from collections import deque

MAX = 500
rng = random.Random(1010)
MOVES = {">": (0, 1), "<": (0, -1), "^": (-1, 0), "v": (1, 0)}
cases = []


def solve(grid):
    rows, cols = len(grid), len(grid[0])
    INF = float("inf")
    dist = [[INF] * cols for _ in range(rows)]
    dist[0][0] = 0
    dq = deque([(0, 0)])
    while dq:
        r, c = dq.popleft()
        d = dist[r][c]
        for arrow, (dr, dc) in MOVES.items():
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols:
                w = 0 if grid[r][c] == arrow else 1
                if d + w < dist[nr][nc]:
                    dist[nr][nc] = d + w
                    if w == 0:
                        dq.appendleft((nr, nc))
                    else:
                        dq.append((nr, nc))
    return dist[rows - 1][cols - 1]


def random_grid(rows, cols, weights=(1, 1, 1, 1)):
    return ["".join(rng.choices("><^v", weights)[0] for _ in range(cols)) for _ in range(rows)]


def spiral(n):
    """Belts that carry a parcel from (0,0) around a spiral into the centre,
    with the bottom-right tile on the first lap: free, but a long ride."""
    g = [[None] * n for _ in range(n)]
    top, bottom, left, right = 0, n - 1, 0, n - 1
    r = c = 0
    dirs = [(">", 0, 1), ("v", 1, 0), ("<", 0, -1), ("^", -1, 0)]
    k = 0
    for _ in range(n * n - 1):
        arrow, dr, dc = dirs[k]
        nr, nc = r + dr, c + dc
        if not (top <= nr <= bottom and left <= nc <= right) or g[nr][nc] is not None:
            if k == 0:
                top += 1
            elif k == 1:
                right -= 1
            elif k == 2:
                bottom -= 1
            else:
                left += 1
            k = (k + 1) % 4
            arrow, dr, dc = dirs[k]
            nr, nc = r + dr, c + dc
        g[r][c] = arrow
        r, c = nr, nc
    g[r][c] = "^"
    return ["".join(row) for row in g]


def snake(rows, cols):
    """Rows ridden alternately right and left, joined at the ends: a free
    route that visits every tile before the last one."""
    g = []
    for r in range(rows):
        if r % 2 == 0:
            g.append(">" * (cols - 1) + "v")
        else:
            g.append("v" + "<" * (cols - 1))
    return g


def add(name, grid):
    cases.append((name, grid))


add("01-max-all-backwards", random_grid(MAX, MAX, (0, 1, 1, 0)))
add("02-max-random", random_grid(MAX, MAX))
add("03-max-spiral", spiral(MAX))
add("04-max-snake", snake(MAX, MAX))
add("05-max-random-mostly-forward", random_grid(MAX, MAX, (3, 1, 1, 3)))
add("06-max-snake-one-broken", [row if r != MAX // 2 else row[:5] + "^" + row[6:] for r, row in enumerate(snake(MAX, MAX))])
add("10-edge-single-tile", ["v"])
add("11-edge-row-forward", [">" * 50])
add("12-edge-row-backward", ["<" * 50])
add("13-edge-column-mixed", ["v", "^", "v", "v", "<"])
add("14-edge-two-by-two-free", [">v", "^<"])
for i in range(8):
    rows, cols = rng.randint(2, 9), rng.randint(2, 9)
    add("%02d-small-random" % (20 + i), random_grid(rows, cols))
add("30-medium-random", random_grid(60, 90))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, grid in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d %d\n%s\n" % (len(grid), len(grid[0]), "\n".join(grid)))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % solve(grid))
