#!/usr/bin/env python3
"""Writes the hidden cases of charging-loop-start (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/charging-loop-start/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_C = 10**4

rng = random.Random(2026120726)
cases = []


def add(name, charge, cost):
    cases.append((name, charge, cost))


def answer(charge, cost):
    if sum(charge) < sum(cost):
        return -1
    start = tank = 0
    for i in range(len(charge)):
        tank += charge[i] - cost[i]
        if tank < 0:
            start, tank = i + 1, 0
    return start


def balanced(n):
    """Pads that give exactly what the next leg costs (1 to MAX_C - 1, so a
    value can move by one either way)."""
    charge = [rng.randint(1, MAX_C - 1) for _ in range(n)]
    return charge, list(charge)


# Every leg balanced except a deficit of 1 on the second-to-last leg, made up
# by the last pad: only the last pad works, and every other start fails late.
charge, cost = balanced(MAX_N)
cost[MAX_N - 2] += 1
charge[MAX_N - 1] += 1
add("01-max-last-pad", charge, cost)
# Balanced everywhere but one unit short in total: impossible, found late.
charge, cost = balanced(MAX_N)
cost[MAX_N - 1] += 1
add("02-max-one-unit-short", charge, cost)
add("03-max-random", [rng.randint(0, MAX_C) for _ in range(MAX_N)], [rng.randint(0, MAX_C) for _ in range(MAX_N)])
add("10-single-ok", [5], [5])
add("11-single-short", [4], [5])
add("12-single-zero", [0], [0])
add("13-all-zero", [0] * 100, [0] * 100)
add("14-all-balanced", [7] * 50, [7] * 50)
# Surplus everywhere: pad 0 works.
add("15-surplus", [10] * 20, [3] * 20)
add("16-start-after-deficit", [1, 1, 10, 1], [2, 5, 1, 1])
add("17-two-valid-starts", [3, 0, 3, 0], [0, 3, 0, 3])
add("18-small-random", [rng.randint(0, 9) for _ in range(10)], [rng.randint(0, 9) for _ in range(10)])
add("19-medium-random", [rng.randint(0, 100) for _ in range(4000)], [rng.randint(0, 100) for _ in range(4000)])
add("20-max-values", [MAX_C, 0, MAX_C], [0, MAX_C, MAX_C])
add("21-deficit-at-start", [0, 5, 5], [5, 2, 3])
# The route is short overall, yet the last stretch after a restart has a surplus.
add("22-short-overall-late-surplus", [0, 5], [10, 1])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, charge, cost in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, charge)) + "]\n[" + ",".join(map(str, cost)) + "]\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(charge, cost))
