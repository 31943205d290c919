#!/usr/bin/env python3
"""Writes the hidden cases of drone-battery-crossing (deterministic: fixed
seed). Answers come from a binary search on the starting battery, each guess
checked by a forward "best battery left" DP: a different method from the
bundled backward DPs.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX = 300
LIM = 1000
rng = random.Random(31005)


def survives(grid, start):
    m, n = len(grid), len(grid[0])
    dead = -1
    prev = [dead] * n  # the most battery the drone can hold on each cell above
    for r in range(m):
        cur = [dead] * n
        for c in range(n):
            if r == 0 and c == 0:
                come = start
            else:
                come = max(prev[c], cur[c - 1] if c else dead)
            if come == dead:
                continue
            left = come + grid[r][c]
            cur[c] = left if left >= 1 else dead
        prev = cur
    return prev[n - 1] != dead


def min_start(grid):
    lo, hi = 1, (len(grid) + len(grid[0])) * LIM + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if survives(grid, mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def rand_grid(m, n, lo=-LIM, hi=LIM):
    return [[rng.randint(lo, hi) for _ in range(n)] for _ in range(m)]


def trap(size):
    # The richest route dips deep early; a poorer route is safe throughout.
    g = [[-1] * size for _ in range(size)]
    for c in range(1, size):
        g[0][c] = -1000 if c == 1 else 1000  # high total, deep early dip
    g[1][0] = 0
    return g


cases = [
    ("01-max-random", rand_grid(MAX, MAX)),
    ("02-max-all-drain", [[-LIM] * MAX for _ in range(MAX)]),
    ("03-max-mostly-drain", rand_grid(MAX, MAX, -LIM, 200)),
    ("04-max-mostly-charge", rand_grid(MAX, MAX, -200, LIM)),
    ("10-single-negative", [[-LIM]]),
    ("11-single-positive", [[LIM]]),
    ("12-single-zero", [[0]]),
    ("13-one-row", rand_grid(1, 300)),
    ("14-one-column", rand_grid(300, 1)),
    ("15-all-charge", [[LIM] * 50 for _ in range(50)]),
    ("16-rich-but-deep-dip", trap(6)),
    ("17-end-drain", [[0, 0], [0, -LIM]]),
    ("18-start-charge-later-drain", [[LIM, -LIM, -LIM], [-LIM, -LIM, -LIM], [-LIM, -LIM, 1]]),
    ("19-small-random", rand_grid(4, 5, -10, 10)),
    ("20-medium-random", rand_grid(60, 80)),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, g in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(g, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(min_start(g)) + "\n")
