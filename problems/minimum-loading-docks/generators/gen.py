#!/usr/bin/env python3
"""Writes the hidden cases of minimum-loading-docks (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/minimum-loading-docks/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 50000
MAX_T = 10**9

rng = random.Random(2026120710)
cases = []


def add(name, visits):
    cases.append((name, visits))


def answer(visits):
    events = sorted([(a, 1) for a, _ in visits] + [(d, -1) for _, d in visits])
    # At equal times the departure (-1) sorts first: its dock is free again.
    best = cur = 0
    for _, delta in events:
        cur += delta
        best = max(best, cur)
    return best


def shuffled(items):
    items = list(items)
    rng.shuffle(items)
    return items


starts = [rng.randint(0, 10**6) for _ in range(MAX_N)]
add("01-max-random", [[s, s + rng.randint(1, 500)] for s in starts])
# A relay: every truck arrives exactly when the previous one leaves; one dock.
add("02-max-relay", shuffled([[10 * i, 10 * (i + 1)] for i in range(MAX_N)]))
# Half the trucks stay all day, the others pass through one after another.
add("03-max-all-day-and-relay", shuffled([[0, MAX_T]] * (MAX_N // 2) + [[2 * i + 1, 2 * i + 3] for i in range(MAX_N // 2)]))
add("10-single", [[0, 1]])
add("11-single-all-day", [[0, MAX_T]])
add("12-identical", [[5, 9]] * 50)
add("13-touching-pair", [[1, 2], [2, 3]])
add("14-touching-many", shuffled([[i, i + 1] for i in range(200)]))
add("15-nested", [[i, 400 - i] for i in range(200)])
add("16-staircase", [[i, i + 3] for i in range(100)])
add("17-disjoint", shuffled([[3 * i, 3 * i + 2] for i in range(300)]))
# Many leave at the minute many others arrive: only departures first counts right.
add("18-swap-at-once", [[0, 10]] * 5 + [[10, 20]] * 5)
add("19-small-random", [[a, a + rng.randint(1, 5)] for a in (rng.randint(0, 20) for _ in range(15))])
add("20-medium-random", [[a, a + rng.randint(1, 10**7)] for a in (rng.randint(0, MAX_T - 10**7) for _ in range(3000))])
add("21-late-extremes", [[MAX_T - 1, MAX_T], [MAX_T - 2, MAX_T], [0, MAX_T - 2]])
add("22-peak-at-last-arrival", [[0, 100], [10, 100], [20, 100], [30, 40], [99, 100]])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, visits in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(visits, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(visits))
