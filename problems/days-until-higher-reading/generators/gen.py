#!/usr/bin/env python3
"""Writes the hidden cases of days-until-higher-reading (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/days-until-higher-reading/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 100000
LIM = 10**9

rng = random.Random(2026120703)
cases = []


def add(name, readings):
    cases.append((name, readings))


def answer(readings):
    wait = [0] * len(readings)
    stack = []
    for i, r in enumerate(readings):
        while stack and readings[stack[-1]] < r:
            j = stack.pop()
            wait[j] = i - j
        stack.append(i)
    return wait


# Falling readings, then one peak at the very end that answers everyone at
# once: a forward scan from every day is quadratic.
add("01-max-falling-then-peak", list(range(0, -(MAX_N - 1), -1)) + [1])
add("02-max-random", [rng.randint(-10**5, 10**5) for _ in range(MAX_N)])
# Saw teeth: long falls broken by rises, with plateaus of equal readings.
saw = []
while len(saw) < MAX_N:
    top = rng.randint(-1000, 1000)
    saw += [top - k // 3 for k in range(rng.randint(1, 3000))]
add("03-max-saw-plateaus", saw[:MAX_N])
add("10-single", [7])
add("11-single-extreme", [-LIM])
add("12-two-rising", [1, 2])
add("13-two-equal", [4, 4])
add("14-all-equal", [LIM] * 1000)
add("15-rising", list(range(-500, 500)))
add("16-extremes", [LIM, -LIM, LIM, -LIM, 0])
add("17-plateau-then-higher", [3, 3, 3, 3, 4])
add("18-valley", [5, 4, 3, 2, 1, 2, 3, 4, 5, 6])
add("19-small-random", [rng.randint(-5, 5) for _ in range(50)])
add("20-medium-random", [rng.randint(0, 100) for _ in range(5000)])
add("21-negatives", [rng.randint(-LIM, -LIM + 20) for _ in range(300)])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, readings in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(readings, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(readings), separators=(",", ":")) + "\n")
