#!/usr/bin/env python3
"""Writes the hidden cases of shortest-picking-run (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/shortest-picking-run/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random
from collections import Counter

MAX_N = 100000
MAX_CODE = 10**9

rng = random.Random(2026120702)
cases = []


def add(name, shelf, order):
    cases.append((name, shelf, order))


def answer(shelf, order):
    need = Counter(order)
    missing = len(order)
    best = None
    left = 0
    for right, code in enumerate(shelf):
        if need[code] > 0:
            missing -= 1
        need[code] -= 1
        while missing == 0:
            if best is None or right - left < best[1] - best[0]:
                best = [left, right]
            need[shelf[left]] += 1
            if need[shelf[left]] > 0:
                missing += 1
            left += 1
    return best or [-1, -1]


def codes(k, hi=MAX_CODE):
    return rng.sample(range(1, hi + 1), k)


# One needed code sits only in the last bin: every start has to walk to the end.
pool = codes(1001, 10**6)
special = pool.pop()
shelf = [rng.choice(pool) for _ in range(MAX_N - 1)] + [special]
add("01-max-late-item", shelf, [special] + rng.sample(pool, 50))
# The order needs two copies of a code the aisle holds once: impossible.
pool = codes(1001, 10**6)
special = pool.pop()
shelf = [rng.choice(pool) for _ in range(MAX_N // 2)] + [special] + [rng.choice(pool) for _ in range(MAX_N // 2 - 1)]
add("02-max-impossible", shelf, [special, special] + pool[:20])
# A big order with multiplicities over a small pool of codes.
pool = codes(200)
shelf = [rng.choice(pool) for _ in range(MAX_N)]
add("03-max-big-order", shelf, [rng.choice(pool) for _ in range(30000)])
# A periodic aisle: many blocks tie for the minimum, the leftmost must win.
period = codes(500, 10**6)
shelf = (period * (MAX_N // 500))[:MAX_N]
add("04-max-many-ties", shelf, sorted(period))
add("10-single-found", [5], [5])
add("11-single-missing", [5], [6])
add("12-order-longer-than-shelf", [1, 2, 3], [1, 2, 3, 1])
add("13-all-equal-need-three", [9] * 10, [9, 9, 9])
add("14-whole-shelf", [1, 2, 3, 4, 5], [5, 1])
# Multiplicities matter: as a set, the order fits in a shorter block.
add("15-multiplicity-matters", [2, 1, 3, 3, 1, 2, 2, 9, 1], [1, 2, 2])
add("16-ties-leftmost", [4, 8, 1, 8, 4, 1, 4, 8], [8, 4])
add("17-extreme-codes", [MAX_CODE, 1, MAX_CODE, 1], [1, MAX_CODE, 1])
add("18-order-all-same", [3, 1, 3, 2, 3, 3, 1, 3], [3, 3, 3])
add("19-small-random", [rng.randint(1, 5) for _ in range(30)], [rng.randint(1, 5) for _ in range(4)])
add("20-medium-random", [rng.randint(1, 50) for _ in range(5000)], [rng.randint(1, 50) for _ in range(60)])
add("21-medium-impossible", [rng.randint(1, 50) for _ in range(5000)], [51])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, shelf, order in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(shelf, separators=(",", ":")) + "\n" + json.dumps(order, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(shelf, order), separators=(",", ":")) + "\n")
