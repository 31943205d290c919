#!/usr/bin/env python3
"""Writes the hidden cases of warehouse-aisle-routes (deterministic: fixed
seed). Answers are computed here by a column-by-column DP (independent of the
bundled row-by-row solutions).

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MOD = 10**9 + 7
MAX = 500
rng = random.Random(31004)


def routes(grid):
    m, n = len(grid), len(grid[0])
    col = [0] * m  # routes to each cell of the previous column
    for c in range(n):
        new = [0] * m
        for r in range(m):
            if grid[r][c]:
                continue
            if r == 0 and c == 0:
                new[r] = 1
            else:
                new[r] = ((new[r - 1] if r else 0) + col[r]) % MOD
        col = new
    return col[m - 1]


def rand_grid(m, n, p):
    g = [[1 if rng.random() < p else 0 for _ in range(n)] for _ in range(m)]
    g[0][0] = g[m - 1][n - 1] = 0
    return g


def empty(m, n):
    return [[0] * n for _ in range(m)]


wall = empty(MAX, MAX)
for r in range(MAX - 1):  # one gap at the bottom of the middle column
    wall[r][MAX // 2] = 1
first_row_block = empty(20, 30)
first_row_block[0][10] = 1
first_col_block = empty(30, 20)
first_col_block[10][0] = 1
cut = empty(6, 6)
for r in range(6):
    cut[r][5 - r] = 1  # an anti-diagonal of shelves cuts start from station
cut[0][0] = 0
cut[5][5] = 0
cases = [
    ("01-max-empty", empty(MAX, MAX)),
    ("02-max-sparse", rand_grid(MAX, MAX, 0.05)),
    ("03-max-one-gap", wall),
    ("04-max-dense", rand_grid(MAX, MAX, 0.2)),
    ("10-single-free", [[0]]),
    ("11-start-blocked", [[1, 0], [0, 0]]),
    ("12-end-blocked", [[0, 0], [0, 1]]),
    ("13-one-row", [[0] * 500]),
    ("14-one-column", [[0] for _ in range(500)]),
    ("15-one-row-blocked", [[0] * 100 + [1] + [0] * 100]),
    ("16-first-row-shelf", first_row_block),
    ("17-first-column-shelf", first_col_block),
    ("18-no-way-through", cut),
    ("19-small-random", rand_grid(8, 9, 0.25)),
    ("20-tall-thin", rand_grid(500, 3, 0.1)),
    ("21-wide-sparse", rand_grid(40, 500, 0.02)),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, g in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(g, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(routes(g)) + "\n")
