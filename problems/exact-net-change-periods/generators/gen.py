#!/usr/bin/env python3
"""Writes the hidden cases of exact-net-change-periods (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/exact-net-change-periods/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random
from collections import Counter

MAX_N = 100000
MAX_C = 10000

rng = random.Random(2026120707)
cases = []


def add(name, changes, target):
    cases.append((name, changes, target))


def answer(changes, target):
    seen = Counter({0: 1})
    total = prefix = 0
    for c in changes:
        prefix += c
        total += seen[prefix - target]
        seen[prefix] += 1
    return total


# All zeros, target 0: every one of the n(n+1)/2 = 5 000 050 000 periods counts.
add("01-max-all-zero", [0] * MAX_N, 0)
add("02-max-small-values", [rng.randint(-2, 2) for _ in range(MAX_N)], 1)
add("03-max-wide-values", [rng.randint(-MAX_C, MAX_C) for _ in range(MAX_N)], 137)
# Alternating +1/-1: prefix sums bounce between two values, about n^2/4 periods.
add("04-max-alternating", [1, -1] * (MAX_N // 2), 0)
add("10-single-hit", [7], 7)
add("11-single-miss", [7], -7)
add("12-negative-target", [-3, -4, 7, -7, 0], -7)
add("13-target-unreachable", [rng.randint(-MAX_C, MAX_C) for _ in range(500)], 10**9)
add("14-target-min", [-MAX_C] * 100, -10**9)
add("15-all-equal", [2] * 1000, 10)
# Negatives inside the period: a shrinking window skips these.
add("16-negatives-inside", [4, -2, 3, -5, 6, -1, 2], 5)
add("17-zero-target-mixed", [1, -1, 0, 2, -2, 0, 0], 0)
add("18-small-random", [rng.randint(-3, 3) for _ in range(40)], 2)
add("19-medium-random", [rng.randint(-50, 50) for _ in range(5000)], -20)
add("20-all-max", [MAX_C] * 2000, 3 * MAX_C)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, changes, target in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, changes)) + "]\n%d\n" % target)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(changes, target))
