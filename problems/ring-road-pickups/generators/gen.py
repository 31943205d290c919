#!/usr/bin/env python3
"""Writes the hidden cases of ring-road-pickups (deterministic: fixed seed).
Answers come from the two-pass linear DP written here, independent of the
bundled solutions.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_N = 10**5
MAX_V = 10**4
rng = random.Random(31001)


def line_best(values):
    take, skip = 0, 0
    for v in values:
        take, skip = skip + v, max(take, skip)
    return max(take, skip)


def answer(p):
    if len(p) == 1:
        return p[0]
    return max(line_best(p[1:]), line_best(p[:-1]))


def rand(n, lo=0, hi=MAX_V):
    return [rng.randint(lo, hi) for _ in range(n)]


# Large values at both ends: the straight-line answer would take both.
ends = rand(MAX_N, 0, 100)
ends[0] = ends[-1] = MAX_V
cases = [
    ("01-max-random", rand(MAX_N)),
    ("02-max-all-max", [MAX_V] * MAX_N),
    ("03-max-ends-heavy", ends),
    ("04-max-odd-all-max", [MAX_V] * (MAX_N - 1)),
    ("10-single", [7]),
    ("11-single-zero", [0]),
    ("12-two", [4, 9]),
    ("13-three-equal", [6, 6, 6]),
    ("14-ends-only", [9, 1, 1, 9]),
    ("15-odd-ring-alternating", [5, 1, 5, 1, 5]),
    ("16-all-zero", [0] * 1000),
    ("17-skip-two", [2, 1, 1, 2]),
    ("18-small-random", rand(12, 0, 20)),
    ("19-medium-random", rand(2000)),
    ("20-increasing", list(range(0, 5000))),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, p in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(p, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(p)) + "\n")
