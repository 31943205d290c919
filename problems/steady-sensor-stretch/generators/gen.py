#!/usr/bin/env python3
"""Writes the hidden cases of steady-sensor-stretch (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/steady-sensor-stretch/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random
from collections import deque

MAX_N = 100000
LIM = 2 * 10**9

rng = random.Random(2026120715)
cases = []


def add(name, readings, tolerance):
    cases.append((name, readings, tolerance))


def answer(readings, tolerance):
    highs, lows = deque(), deque()
    left = best = 0
    for right, x in enumerate(readings):
        while highs and readings[highs[-1]] <= x:
            highs.pop()
        highs.append(right)
        while lows and readings[lows[-1]] >= x:
            lows.pop()
        lows.append(right)
        while readings[highs[0]] - readings[lows[0]] > tolerance:
            left += 1
            if highs[0] < left:
                highs.popleft()
            if lows[0] < left:
                lows.popleft()
        best = max(best, right - left + 1)
    return best


# A slow drift inside the tolerance: the whole log is steady, every start
# extends to the end.
add("01-max-drift", [i % 1000 for i in range(MAX_N)], 999)
add("02-max-random", [rng.randint(-10**6, 10**6) for _ in range(MAX_N)], 1990000)
# Readings at both extremes: spreads of 4 * 10^9 overflow 32-bit arithmetic.
add("03-max-extremes", [rng.choice([-LIM, LIM]) if rng.random() < 0.001 else rng.randint(-5, 5) for _ in range(MAX_N)], 10)
# Alternating extremes with zero tolerance: only single readings are steady.
add("04-max-alternating-extremes", [LIM, -LIM] * (MAX_N // 2), 0)
add("10-single", [5], 0)
add("11-single-extreme", [-LIM], LIM)
add("12-half-range-fits", [0, LIM, 0, LIM, -1], LIM)
add("13-full-range-breaks", [-LIM, LIM, -LIM, LIM], LIM)
add("14-all-equal", [7] * 1000, 0)
add("15-zero-tolerance", [1, 1, 2, 2, 2, 1, 3, 3, 3, 3], 0)
# After a break the best window restarts just after the old extreme, not at the break.
add("16-restart-too-late", [1, 3, 5, 5, 5], 2)
add("17-rising", list(range(1000)), 9)
add("18-falling", list(range(1000, 0, -1)), 99)
add("19-small-random", [rng.randint(0, 9) for _ in range(40)], 3)
add("20-medium-random", [rng.randint(-LIM, LIM) for _ in range(5000)], LIM)
add("21-spikes", [0] * 50 + [100] + [0] * 80 + [-100] + [0] * 30, 50)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, readings, tolerance in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, readings)) + "]\n%d\n" % tolerance)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(readings, tolerance))
