#!/usr/bin/env python3
"""Writes the hidden cases of shortest-quota-streak (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/shortest-quota-streak/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_S = 100000
MAX_Q = 10**9

rng = random.Random(2026120727)
cases = []


def add(name, sales, quota):
    cases.append((name, sales, quota))


def answer(sales, quota):
    best = 0
    window = left = 0
    for right, s in enumerate(sales):
        window += s
        while window >= quota:
            if best == 0 or right - left + 1 < best:
                best = right - left + 1
            window -= sales[left]
            left += 1
    return best


# Small sales and the largest quota: no run reaches it, every start scans to the end.
add("01-max-unreachable", [rng.randint(1, 10) for _ in range(MAX_N)], MAX_Q)
# Large sales: the prefix totals pass 2^31 long before the end.
add("02-max-large-sales", [rng.randint(MAX_S // 2, MAX_S) for _ in range(MAX_N)], MAX_Q)
add("03-max-random", [rng.randint(1, 1000) for _ in range(MAX_N)], 250000)
add("10-single-enough", [5], 5)
add("11-single-short", [5], 6)
add("12-whole-array", [1] * 100, 100)
add("13-one-day-suffices", [1, 1, MAX_S, 1], MAX_S)
add("14-all-equal", [3] * 1000, 10)
# The shortest run comes after a long one: the window must shrink several steps at once.
add("15-shrink-many", [1, 1, 1, 1, 1, 1, 1, 1, 100], 100)
add("16-quota-one", [7, 8, 9], 1)
add("17-best-at-start", [50, 50, 1, 1, 1, 1], 100)
add("18-small-random", [rng.randint(1, 9) for _ in range(30)], 20)
add("19-medium-random", [rng.randint(1, MAX_S) for _ in range(5000)], 10**7)
# The quota is exactly the total of all days: only the whole log reaches it.
days = [rng.randint(1, 100) for _ in range(1000)]
add("20-exact-total", days, sum(days))
add("21-rising", list(range(1, 2001)), 5000)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, sales, quota in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, sales)) + "]\n%d\n" % quota)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(sales, quota))
