#!/usr/bin/env python3
"""Writes the hidden cases of peak-load-per-window (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/peak-load-per-window/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random
from collections import deque

MAX_N = 100000
MAX_LOAD = 10**9

rng = random.Random(2026120704)
cases = []


def add(name, loads, k):
    cases.append((name, loads, k))


def answer(loads, k):
    window = deque()  # indices, their loads decreasing
    peaks = []
    for i, x in enumerate(loads):
        while window and loads[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            peaks.append(loads[window[0]])
    return peaks


# Falling loads with a half-size window: the peak leaves every window, so
# "recompute when the peak leaves" is O(n * k).
add("01-max-falling-half", list(range(MAX_N, 0, -1)), MAX_N // 2)
add("02-max-random-big-k", [rng.randint(0, 10**6) for _ in range(MAX_N)], 60000)
add("03-max-random-small-k", [rng.randint(0, 1000) for _ in range(MAX_N)], 7)
# Rising then falling: the queue fills with a long run before it drains.
add("04-large-mountain", list(range(0, MAX_N // 2, 2)) + list(range(MAX_N // 2 - 1, 0, -2)), 15000)
add("10-single", [5], 1)
add("11-single-max", [MAX_LOAD], 1)
add("12-k-equals-n", [3, 1, 4, 1, 5, 9, 2, 6], 8)
add("13-k-one", [rng.randint(0, 100) for _ in range(200)], 1)
add("14-all-equal", [7] * 500, 50)
add("15-rising", list(range(1000)), 10)
add("16-falling", list(range(1000, 0, -1)), 10)
add("17-zeros-and-max", [0, MAX_LOAD, 0, 0, 0, MAX_LOAD, 0], 2)
# The peak is exactly at the window's left edge, then leaves: off-by-one bait.
add("18-peak-leaves", [10, 1, 1, 1, 2, 1, 1, 1], 4)
add("19-small-random", [rng.randint(0, 20) for _ in range(60)], 5)
add("20-medium-random", [rng.randint(0, 1000) for _ in range(5000)], 321)
add("21-two-equal-peaks", [5, 9, 1, 9, 1, 1, 1, 1], 3)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, loads, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(loads, separators=(",", ":")) + "\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(loads, k), separators=(",", ":")) + "\n")
