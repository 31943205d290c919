#!/usr/bin/env python3
"""Writes the hidden cases of merge-room-bookings (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/merge-room-bookings/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 50000
MAX_T = 10**9

rng = random.Random(2026120709)
cases = []


def add(name, bookings):
    cases.append((name, bookings))


def answer(bookings):
    blocks = []
    for s, e in sorted(bookings):
        if blocks and s <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], e)
        else:
            blocks.append([s, e])
    return blocks


def shuffled(items):
    items = list(items)
    rng.shuffle(items)
    return items


# Disjoint bookings, shuffled: nothing merges, every block survives.
add("01-max-disjoint", shuffled([[3 * i, 3 * i + 1] for i in range(MAX_N)]))
# Random short bookings on a day of 10^6 minutes: a mix of merges and gaps.
starts = [rng.randint(0, 10**6) for _ in range(MAX_N)]
add("02-max-random", [[s, s + rng.randint(0, 30)] for s in starts])
# Nested bookings around one long one, and chains that touch end to start.
nested = [[MAX_T // 2 - i, MAX_T // 2 + i] for i in range(MAX_N // 2)]
chain = [[i, i + 1] for i in range(0, MAX_N // 2)]
add("03-max-nested-and-chain", shuffled(nested + chain))
add("10-single", [[5, 7]])
add("11-single-minute", [[0, 0]])
add("12-extremes", [[0, MAX_T], [MAX_T, MAX_T], [0, 0]])
add("13-all-equal", [[4, 9]] * 100)
add("14-touching-chain", shuffled([[i, i + 1] for i in range(100)]))
add("15-adjacent-not-touching", shuffled([[2 * i, 2 * i + 1] for i in range(100)]))
# A long booking followed (in start order) by one it contains.
add("16-contained", [[1, 10], [2, 3], [4, 5], [11, 12]])
add("17-contained-then-overlap", [[1, 10], [2, 3], [9, 12], [13, 13]])
add("18-same-start", [[5, 6], [5, 9], [5, 5], [1, 2]])
add("19-small-random", [sorted([rng.randint(0, 30), rng.randint(0, 30)]) for _ in range(12)])
add("20-medium-random", [sorted([rng.randint(0, MAX_T), rng.randint(0, MAX_T)]) for _ in range(20)]
    + [[s, s + rng.randint(0, 10**6)] for s in (rng.randint(0, MAX_T - 10**6) for _ in range(2000))])
add("21-one-covers-all", shuffled([[0, MAX_T]] + [[rng.randint(0, 10**6), 10**6 + 5] for _ in range(500)]))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, bookings in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(bookings, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(bookings), separators=(",", ":")) + "\n")
