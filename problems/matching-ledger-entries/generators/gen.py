#!/usr/bin/env python3
"""Writes the hidden cases of matching-ledger-entries (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/matching-ledger-entries/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
LIM = 10**9

rng = random.Random(2026120714)
cases = []


def add(name, entries, gap):
    cases.append((name, entries, gap))


def answer(entries, gap):
    first = {}
    for j, x in enumerate(entries):
        i = first.get(gap - x)
        if i is not None:
            return [i, j]
        first.setdefault(x, j)
    return [-1, -1]


# Even amounts only, odd gap: no pair exists and every pair gets checked.
add("01-max-no-pair", [2 * rng.randint(-LIM // 2, LIM // 2) for _ in range(MAX_N)], 2 * rng.randint(0, LIM // 2) + 1)
# The only pair is the two last entries.
evens = [2 * rng.randint(-LIM // 2, LIM // 2) for _ in range(MAX_N - 2)]
add("02-max-pair-at-end", evens + [LIM - 1, 0], LIM - 1)
# Few distinct amounts: many pairs qualify, the tie rule decides.
add("03-max-many-pairs", [rng.randint(-50, 50) for _ in range(MAX_N)], 37)
add("10-two-match", [3, 4], 7)
add("11-two-no-match", [3, 4], 8)
add("12-extremes", [LIM, -LIM, LIM, LIM], 2 * LIM)
add("13-most-negative-gap", [-LIM, 0, -LIM], -2 * LIM)
add("14-zero-gap", [5, -3, 0, 3, 0, -5], 0)
add("15-self-is-not-a-pair", [5, 1, 2], 10)
# For the smallest j several i qualify: the earliest must be returned.
add("16-earliest-i", [7, 7, 7, 3], 10)
add("17-later-j-smaller-i", [1, 8, 6, 9, 4], 10)
add("18-all-equal", [6] * 1000, 12)
add("19-small-random", [rng.randint(-10, 10) for _ in range(30)], 5)
add("20-medium-random", [rng.randint(-LIM, LIM) for _ in range(5000)], 123456789)
add("21-many-earlier-partners", [3] * 50 + [1, 7], 10)
# Repeats late in the ledger: only a map that keeps first positions gets i right.
add("22-medium-repeats", [rng.randint(0, 30) for _ in range(3000)], 40)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, entries, gap in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, entries)) + "]\n%d\n" % gap)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("[%d,%d]\n" % tuple(answer(entries, gap)))
