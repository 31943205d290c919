#!/usr/bin/env python3
"""Writes the hidden cases of fewest-cancelled-slots (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/fewest-cancelled-slots/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 50000
MAX_T = 10**9

rng = random.Random(2026120721)
cases = []


def add(name, slots):
    cases.append((name, slots))


def answer(slots):
    kept = 0
    free_at = None
    for start, end in sorted(slots, key=lambda s: s[1]):
        if free_at is None or start >= free_at:
            kept += 1
            free_at = end
    return len(slots) - kept


def shuffled(items):
    items = list(items)
    rng.shuffle(items)
    return items


starts = [rng.randint(0, 10**6) for _ in range(MAX_N)]
add("01-max-random", [[s, s + rng.randint(1, 100)] for s in starts])
# Disjoint, touching slots: nothing to cancel, the DP still looks at every pair.
add("02-max-touching-chain", shuffled([[2 * i, 2 * i + 2] for i in range(MAX_N)]))
# Long slots that start early, each covering many short ones: keeping the
# earliest start is the wrong greedy.
longs = [[1000 * i, 1000 * i + 999] for i in range(MAX_N // 10)]
shorts = [[1000 * i + 10 * j, 1000 * i + 10 * j + 10] for i in range(MAX_N // 10) for j in range(1, 10)]
add("03-max-long-covers-short", shuffled(longs + shorts))
add("10-single", [[0, 1]])
add("11-identical", [[3, 8]] * 100)
add("12-touching-pair", [[1, 2], [2, 3]])
add("13-nested", [[i, 200 - i] for i in range(100)])
add("14-one-long-many-short", [[0, 100]] + [[i, i + 1] for i in range(100)])
add("15-extremes", [[0, MAX_T], [0, 1], [MAX_T - 1, MAX_T], [1, MAX_T - 1]])
add("16-staircase", [[i, i + 2] for i in range(200)])
add("17-small-random", [[a, a + rng.randint(1, 4)] for a in (rng.randint(0, 15) for _ in range(12))])
add("18-medium-random", [[a, a + rng.randint(1, 10**7)] for a in (rng.randint(0, MAX_T - 10**7) for _ in range(3000))])
add("19-same-end", [[i, 50] for i in range(50)])
add("20-same-start", [[0, i] for i in range(1, 51)])
add("21-early-long-slot", [[0, 10], [1, 2], [2, 3], [3, 4], [11, 12]])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, slots in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(slots, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(slots))
