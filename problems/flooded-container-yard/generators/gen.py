#!/usr/bin/env python3
"""Writes the hidden cases of flooded-container-yard (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/flooded-container-yard/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 100000
MAX_H = 10**9

rng = random.Random(2026120711)
cases = []


def add(name, heights):
    cases.append((name, heights))


def answer(heights):
    n = len(heights)
    left_max = [0] * n
    best = 0
    for i, h in enumerate(heights):
        best = max(best, h)
        left_max[i] = best
    total = best = 0
    for i in range(n - 1, -1, -1):
        best = max(best, heights[i])
        total += min(left_max[i], best) - heights[i]
    return total


# Two walls of 10^9 around empty slots: about 10^14 units, far past 32 bits.
add("01-max-two-walls", [MAX_H] + [0] * (MAX_N - 2) + [MAX_H])
add("02-max-random", [rng.randint(0, 10**6) for _ in range(MAX_N)])
# A valley: falling then rising, water everywhere but the rims.
half = MAX_N // 2
add("03-max-valley", list(range(half, 0, -1)) + list(range(1, half + 1)))
add("10-single", [7])
add("11-two", [5, 0])
add("12-three-pit", [2, 0, 2])
add("13-all-equal", [4] * 1000)
add("14-rising", list(range(1000)))
add("15-falling", list(range(1000, 0, -1)))
add("16-all-zero", [0] * 500)
# A tall wall in the middle: each side is bounded by its own lower rim.
add("17-tall-middle", [3, 0, 1, 0, MAX_H, 0, 2, 0, 5])
add("18-plateaus", [2, 2, 0, 0, 3, 3, 1, 1, 3, 0, 2])
add("19-small-random", [rng.randint(0, 9) for _ in range(40)])
add("20-medium-extremes", [rng.choice([0, MAX_H, MAX_H - 1, 1]) for _ in range(5000)])
add("21-sawtooth", [(i % 10) * 1000 for i in range(3000)])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, heights in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(heights, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(heights))
