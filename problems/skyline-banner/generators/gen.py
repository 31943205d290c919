#!/usr/bin/env python3
"""Writes the hidden cases of skyline-banner (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/skyline-banner/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_H = 10**9

rng = random.Random(2026120717)
cases = []


def add(name, heights):
    cases.append((name, heights))


def answer(heights):
    best = 0
    stack = []  # indices with increasing heights
    for i, h in enumerate(heights + [0]):
        while stack and heights[stack[-1]] >= h:
            top = stack.pop()
            left = stack[-1] + 1 if stack else 0
            best = max(best, heights[top] * (i - left))
        stack.append(i)
    return best


# Every building 10^9 tall: the whole street, 10^14 units, past 32 bits.
add("01-max-all-tall", [MAX_H] * MAX_N)
add("02-max-random", [rng.randint(0, 10**6) for _ in range(MAX_N)])
# Rising then falling: a long stack, then a long cascade of pops.
half = MAX_N // 2
add("03-max-pyramid", list(range(1, half + 1)) + list(range(half, 0, -1)))
add("10-single", [7])
add("11-single-zero", [0])
add("12-all-zero", [0] * 100)
add("13-rising", list(range(1, 1001)))
add("14-falling", list(range(1000, 0, -1)))
# The best banner extends left past buildings popped earlier.
add("15-extends-left", [2, 4, 6, 5, 4, 3, 1])
add("16-valley", [5, 5, 1, 5, 5, 5])
add("17-zero-splits", [3, 3, 0, 2, 2, 2, 0, 1])
add("18-two-tall", [MAX_H, MAX_H])
add("19-small-random", [rng.randint(0, 9) for _ in range(40)])
add("20-medium-random", [rng.randint(0, MAX_H) for _ in range(5000)])
add("21-plateaus", [rng.choice([3, 7, 7, 7, 9]) for _ in range(3000)])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, heights in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, heights)) + "]\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(heights))
