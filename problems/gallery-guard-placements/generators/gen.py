#!/usr/bin/env python3
"""Writes the hidden cases of gallery-guard-placements (deterministic: fixed
seed). Answers are counted here column by column, trying each row of the column
in turn (the bundled solutions go row by row, lowest set bit first).

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

rng = random.Random(31012)


def count(floor):
    n = len(floor)
    full = (1 << n) - 1
    # open_rows[c]: bit r set when (r, c) has no pillar
    open_rows = [sum(1 << r for r in range(n) if floor[r][c] == ".") for c in range(n)]

    def go(c, rows, down, up):
        # rows/down/up: the rows of column c watched along rows and diagonals
        if c == n:
            return 1
        total = 0
        free = open_rows[c] & ~(rows | down | up) & full
        for r in range(n):
            bit = 1 << r
            if free & bit:
                total += go(c + 1, rows | bit, (down | bit) << 1 & full, (up | bit) >> 1)
        return total

    return go(0, 0, 0, 0)


def empty(n):
    return ["." * n for _ in range(n)]


def pillars(n, p):
    return ["".join("#" if rng.random() < p else "." for _ in range(n)) for _ in range(n)]


def with_cells(n, cells):
    g = [list("." * n) for _ in range(n)]
    for r, c in cells:
        g[r][c] = "#"
    return ["".join(row) for row in g]


cases = [
    ("01-max-open", empty(12)),
    ("02-max-few-pillars", pillars(12, 0.05)),
    ("03-max-some-pillars", pillars(12, 0.15)),
    ("04-max-diagonal-pillars", with_cells(12, [(i, i) for i in range(12)])),
    ("05-eleven-open", empty(11)),
    ("10-single-open", ["."]),
    ("11-two-open", empty(2)),
    ("12-three-open", empty(3)),
    ("13-eight-open", empty(8)),
    ("14-all-pillars", ["#" * 6 for _ in range(6)]),
    ("15-blocked-row", with_cells(6, [(2, c) for c in range(6)])),
    ("16-five-corner-pillar", with_cells(5, [(0, 0)])),
    ("17-small-random", pillars(7, 0.2)),
    ("18-medium-random", pillars(10, 0.1)),
    ("19-anti-diagonal-pillars", with_cells(9, [(i, 8 - i) for i in range(9)])),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, floor in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(floor, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(count(floor)) + "\n")
