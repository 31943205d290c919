#!/usr/bin/env python3
"""Writes the hidden cases of minimum-truck-capacity (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/minimum-truck-capacity/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_W = 10000

rng = random.Random(2026120705)
cases = []


def add(name, weights, days):
    cases.append((name, weights, days))


def trips(weights, cap):
    count, load = 1, 0
    for w in weights:
        if load + w > cap:
            count += 1
            load = 0
        load += w
    return count


def answer(weights, days):
    lo, hi = max(weights), sum(weights)
    while lo < hi:
        mid = (lo + hi) // 2
        if trips(weights, mid) <= days:
            hi = mid
        else:
            lo = mid + 1
    return lo


add("01-max-two-days", [rng.randint(1, MAX_W) for _ in range(MAX_N)], 2)
add("02-max-heavy-few-days", [MAX_W] * MAX_N, 7)
add("03-max-many-days", [rng.randint(1, MAX_W) for _ in range(MAX_N)], 5000)
add("04-max-one-per-day", [rng.randint(1, MAX_W) for _ in range(MAX_N)], MAX_N)
add("10-single", [5], 1)
add("11-single-max", [MAX_W], 1)
add("12-one-day", [1, 2, 3, 4, 5], 1)
add("13-days-equal-n", [1, 9, 2, 8], 4)
add("14-all-equal", [6] * 100, 7)
# A heavy package among light ones: the capacity can never drop below it.
add("15-one-heavy", [1] * 50 + [MAX_W] + [1] * 50, 50)
add("16-heavy-first", [MAX_W, 1, 1, 1, 1], 3)
add("17-light-then-heavy", [1, 1, 1, 1, 1, 1, 1, 1, 20, 20], 3)
add("18-small-random", [rng.randint(1, 10) for _ in range(30)], 6)
add("19-medium-random", [rng.randint(1, 500) for _ in range(5000)], 37)
add("20-medium-mixed", [rng.choice([1, MAX_W]) for _ in range(2000)], 100)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, weights, days in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, weights)) + "]\n%d\n" % days)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(weights, days))
