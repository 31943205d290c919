#!/usr/bin/env python3
"""Writes the hidden cases of badge-quick-repeat (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/badge-quick-repeat/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_ID = 10**9

rng = random.Random(2026120723)
cases = []


def add(name, badges, k):
    cases.append((name, badges, k))


def answer(badges, k):
    last = {}
    for j, b in enumerate(badges):
        if b in last and j - last[b] <= k:
            return j
        last[b] = j
    return -1


def ids(count):
    return rng.sample(range(1, MAX_ID + 1), count)


# All distinct, huge k: no repeat, and checking k previous swipes is quadratic.
add("01-max-distinct", ids(MAX_N), MAX_N)
# Every badge repeats exactly k + 1 swipes later: never close enough.
period = ids(50000)
add("02-max-just-too-far", period + period, 49999)
# The same period, k one larger: the first repeat is at position 50000.
add("03-max-just-close-enough", period + period, 50000)
add("10-single", [4], 1)
add("11-two-equal-k1", [9, 9], 1)
add("12-two-distinct", [9, 8], 100000)
add("13-all-equal", [6] * 1000, 1)
# A far repeat that updates the last position must not hide a close one later.
add("14-far-then-close", [1, 2, 3, 1, 4, 1], 2)
add("15-exact-distance", [1, 2, 3, 4, 1], 4)
add("16-one-short-distance", [1, 2, 3, 4, 1], 3)
add("17-small-random", [rng.randint(1, 10) for _ in range(20)], 3)
add("18-medium-random", [rng.randint(1, 4000) for _ in range(5000)], 30)
add("19-extreme-ids", [MAX_ID, 1, MAX_ID], 2)
add("20-k-larger-than-n", [3, 1, 4, 1, 5], 100000)
add("21-two-candidates", [8, 2, 8, 2, 2], 2)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, badges, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, badges)) + "]\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(badges, k))
