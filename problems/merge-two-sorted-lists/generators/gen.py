#!/usr/bin/env python3
"""Writes the hidden cases of merge-two-sorted-lists (deterministic: fixed seed).

Run from the problem directory: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_LEN = 50000
MAX_VAL = 10**9

rng = random.Random(20261123)
cases = []


def add(name, a, b):
    cases.append((name, sorted(a), sorted(b)))


def rand_list(n, lo=-MAX_VAL, hi=MAX_VAL):
    return [rng.randint(lo, hi) for _ in range(n)]


add("01-both-empty", [], [])
add("02-first-empty", [], [5, 6, 7])
add("03-second-empty", [-3, 0, 9], [])
add("04-single-each", [2], [1])
add("05-equal-values", [1, 1, 1], [1, 1])
add("06-all-first-smaller", [1, 2, 3], [10, 20, 30])
add("07-all-second-smaller", [10, 20, 30], [1, 2, 3])
add("08-interleaved", [1, 3, 5, 7, 9], [0, 2, 4, 6, 8, 10])
add("09-negatives", [-MAX_VAL, -5, -1], [-MAX_VAL, -7, 0])
add("10-extremes", [-MAX_VAL, MAX_VAL], [-MAX_VAL, 0, MAX_VAL])
add("11-small-random", rand_list(20, -50, 50), rand_list(15, -50, 50))
add("12-many-duplicates", rand_list(1000, 0, 3), rand_list(1000, 0, 3))
add("13-unbalanced", rand_list(MAX_LEN), rand_list(1))
add("14-max-random", rand_list(MAX_LEN), rand_list(MAX_LEN))
add("15-max-disjoint", list(range(MAX_LEN)), list(range(MAX_LEN, 2 * MAX_LEN)))
add("16-max-alternating", list(range(0, 2 * MAX_LEN, 2)), list(range(1, 2 * MAX_LEN, 2)))
add("17-max-one-empty", [], rand_list(MAX_LEN))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, a, b in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(a, separators=(",", ":")) + "\n" + json.dumps(b, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(sorted(a + b), separators=(",", ":")) + "\n")
