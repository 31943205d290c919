#!/usr/bin/env python3
"""Writes the hidden cases of firmware-rollout (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/firmware-rollout/generators/gen.py

The maximum cases come first: a winding aisle whose rollout lasts ~80000
minutes (it defeats minute-by-minute simulation), large random floors, and
floors where one robot is cut off.
"""
import json
import os
import random
from collections import deque

MAX = 400
rng = random.Random(20261207)
cases = []


def solve(grid):
    rows, cols = len(grid), len(grid[0])
    dist = [[-1] * cols for _ in range(rows)]
    queue = deque()
    fresh = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 2:
                dist[r][c] = 0
                queue.append((r, c))
            elif grid[r][c] == 1:
                fresh += 1
    minutes = 0
    while queue:
        r, c = queue.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 1 and dist[nr][nc] < 0:
                dist[nr][nc] = dist[r][c] + 1
                minutes = max(minutes, dist[nr][nc])
                fresh -= 1
                queue.append((nr, nc))
    return minutes if fresh == 0 else -1


def snake(rows, cols):
    """Full rows of robots joined by a single robot at alternating ends."""
    grid = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        if r % 2 == 0:
            grid[r] = [1] * cols
        else:
            grid[r][cols - 1 if r % 4 == 1 else 0] = 1
    grid[0][0] = 2
    return grid


def random_grid(rows, cols, p_empty, p_updated):
    grid = []
    for _ in range(rows):
        row = []
        for _ in range(cols):
            x = rng.random()
            row.append(0 if x < p_empty else 2 if x < p_empty + p_updated else 1)
        grid.append(row)
    return grid


def reachable_only(grid):
    """Empties the cells of robots no update can reach, so the answer is finite."""
    rows, cols = len(grid), len(grid[0])
    seen = [[grid[r][c] == 2 for c in range(cols)] for r in range(rows)]
    queue = deque((r, c) for r in range(rows) for c in range(cols) if seen[r][c])
    while queue:
        r, c = queue.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 1 and not seen[nr][nc]:
                seen[nr][nc] = True
                queue.append((nr, nc))
    return [[x if x != 1 or seen[r][c] else 0 for c, x in enumerate(row)] for r, row in enumerate(grid)]


def full(rows, cols, value):
    return [[value] * cols for _ in range(rows)]


def add(name, grid):
    cases.append((name, grid))


add("01-max-snake", snake(MAX, MAX))
g = snake(MAX, MAX)
g[0][0] = 1
g[MAX - 1][MAX - 1 if (MAX - 1) % 4 == 0 else 0] = 2
add("02-max-snake-from-far-end", g)
g = full(MAX, MAX, 1)
g[0][0] = 2
add("03-max-all-old-one-corner", g)
add("04-max-random-few-sources", reachable_only(random_grid(MAX, MAX, 0.05, 0.0005)))
g = full(MAX, MAX, 1)
g[MAX // 2][MAX // 2] = 2
g[MAX - 1][MAX - 2] = 0
g[MAX - 2][MAX - 1] = 0
add("05-max-one-cut-off", g)
add("06-max-many-sources", reachable_only(random_grid(MAX, MAX, 0.2, 0.1)))
add("07-max-random-sparse", random_grid(MAX, MAX, 0.45, 0.01))
add("10-edge-single-empty", [[0]])
add("11-edge-single-old", [[1]])
add("12-edge-single-updated", [[2]])
add("13-edge-no-old-robots", [[2, 0, 2], [0, 0, 0]])
add("14-edge-all-empty", full(3, 4, 0))
add("15-edge-no-updated-robot", full(2, 3, 1))
add("16-one-row", [[1, 1, 2, 1, 1, 1, 0, 2, 1]])
add("17-one-column", [[1], [1], [1], [2], [1]])
add("18-diagonal-only", [[2, 0], [0, 1]])
add("19-two-fronts-meet", [[2] + [1] * 9 + [2]])
add("20-small-random", random_grid(6, 7, 0.2, 0.08))
add("21-small-random", random_grid(10, 10, 0.1, 0.03))
add("22-medium-random", reachable_only(random_grid(50, 80, 0.3, 0.01)))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, grid in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(grid, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % solve(grid))
