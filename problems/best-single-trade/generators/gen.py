#!/usr/bin/env python3
"""Writes the hidden cases of best-single-trade (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/best-single-trade/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_P = 10**9

rng = random.Random(2026120722)
cases = []


def add(name, prices):
    cases.append((name, prices))


def answer(prices):
    best, low = 0, prices[0]
    for p in prices:
        low = min(low, p)
        best = max(best, p - low)
    return best


add("01-max-falling", list(range(MAX_N, 0, -1)))
add("02-max-random", [rng.randint(0, 10**6) for _ in range(MAX_N)])
# The global maximum comes first and the global minimum last.
add("03-max-peak-first", [MAX_P] + [rng.randint(10**5, 10**6) for _ in range(MAX_N - 2)] + [0])
add("10-single", [5])
add("11-two-rising", [1, 2])
add("12-two-falling", [2, 1])
add("13-all-equal", [7] * 1000)
add("14-full-range", [0, MAX_P])
add("15-rising", list(range(1000)))
add("16-dip-then-peak", [5, 9, 1, 3, 2, 8, 0])
add("17-zeros", [0, 0, 0, 0])
add("18-small-random", [rng.randint(0, 9) for _ in range(30)])
add("19-medium-random", [rng.randint(0, MAX_P) for _ in range(5000)])
add("20-best-not-at-extremes", [6, 100, 50, 1, 40, 0, 20])
add("21-late-low-early-high", [10, 20, 30, 1, 2, 3])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, prices in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, prices)) + "]\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(prices))
