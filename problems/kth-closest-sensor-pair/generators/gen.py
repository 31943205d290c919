#!/usr/bin/env python3
"""Writes the hidden cases of kth-closest-sensor-pair (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/kth-closest-sensor-pair/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import bisect
import os
import random

MAX_N = 50000
MAX_P = 10**9

rng = random.Random(2026120725)
cases = []


def add(name, positions, k):
    cases.append((name, positions, k))


def pairs_within(sorted_pos, d):
    """Pairs i < j with distance at most d, by bisection."""
    return sum(bisect.bisect_right(sorted_pos, p + d) - i - 1 for i, p in enumerate(sorted_pos))


def answer(positions, k):
    s = sorted(positions)
    lo, hi = 0, s[-1] - s[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs_within(s, mid) >= k:
            hi = mid
        else:
            lo = mid + 1
    return lo


def total(n):
    return n * (n - 1) // 2


n = MAX_N
add("01-max-random-median", [rng.randint(0, MAX_P) for _ in range(n)], total(n) // 2)
add("02-max-random-last", [rng.randint(0, MAX_P) for _ in range(n)], total(n))
# Two tight clusters at the ends of the pipeline: the distances jump from
# about 1000 to about 10^9 in the middle of the order.
add("03-max-clustered", [rng.randint(0, 1000) if rng.random() < 0.5 else MAX_P - rng.randint(0, 1000) for _ in range(n)], total(n) // 2)
add("10-two", [5, 9], 1)
add("11-two-equal", [7, 7], 1)
add("12-all-equal", [3] * 1000, total(1000))
add("13-extremes", [0, MAX_P, 0, MAX_P], 5)
add("14-k-first", [rng.randint(0, 1000) for _ in range(500)], 1)
add("15-evenly-spaced", list(range(0, 2000, 2)), 1234)
add("16-duplicates-many", [rng.randint(0, 10) for _ in range(300)], 20000)
add("17-small-random", [rng.randint(0, 50) for _ in range(10)], 17)
add("18-medium-random", [rng.randint(0, MAX_P) for _ in range(3000)], 1000000)
add("19-k-last-small", [1, 100, 1000, 10000], 6)
add("20-two-clusters", [0, 1, 2, 1000, 1001, 1002], 7)
add("21-k-just-past-zeros", [5, 5, 5, 6], 4)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, positions, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, positions)) + "]\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(positions, k))
