#!/usr/bin/env python3
"""Writes the hidden cases of longest-distinct-conveyor-run (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/longest-distinct-conveyor-run/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 100000
MAX_CODE = 10**9

rng = random.Random(20261207)
cases = []


def add(name, codes):
    cases.append((name, codes))


def answer(codes):
    last = {}
    left = best = 0
    for i, c in enumerate(codes):
        if last.get(c, -1) >= left:
            left = last[c] + 1
        last[c] = i
        best = max(best, i - left + 1)
    return best


def distinct_codes(k):
    return rng.sample(range(MAX_CODE + 1), k)


# Every code distinct: the whole log is the answer, the brute force is quadratic.
add("01-max-all-distinct", distinct_codes(MAX_N))
# A long distinct block in the middle of a log that repeats a few codes.
pool = rng.sample(range(10**6), 60000)
add("02-max-long-block", [rng.choice(pool[:50]) for _ in range(20000)] + pool + [rng.choice(pool[:50]) for _ in range(20000)])
# Codes from a pool of 3000: windows of a few thousand, many moves of the left end.
pool = distinct_codes(3000)
add("03-max-pool-3000", [rng.choice(pool) for _ in range(MAX_N)])
# Period 50000 repeated twice: the best window is exactly the period.
pool = rng.sample(range(10**6), 50000)
add("04-max-period", pool + pool)
add("10-empty", [])
add("11-single", [7])
add("12-single-max-code", [MAX_CODE])
add("13-two-equal", [5, 5])
add("14-two-distinct", [0, MAX_CODE])
add("15-all-equal", [42] * 1000)
# The repeat that ends a window lies before the window's start ("abba"):
# moving the left end back to it is a classic bug.
add("16-old-repeat-behind-window", [1, 2, 2, 1])
add("17-nested-repeats", [1, 2, 3, 3, 2, 1, 4, 5])
add("18-best-at-end", [9, 9, 9, 1, 2, 3, 4, 5])
add("19-best-at-start", [1, 2, 3, 4, 5, 5, 5, 5])
add("20-zero-codes", [0, 1, 0, 2, 0, 3])
add("21-small-random", [rng.randint(0, 9) for _ in range(40)])
add("22-medium-random", [rng.randint(0, 200) for _ in range(5000)])
# Codes that agree in their low bits, for solutions that index a small table.
add("23-same-low-bits", [k * 65536 for k in range(1, 2000)] + [65536])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, codes in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(codes, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(codes))
