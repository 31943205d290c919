#!/usr/bin/env python3
"""Writes the hidden cases of sort-an-array-function (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_LEN = 50000
MAX_VAL = 10**9

rng = random.Random(5150)
cases = []


def rand(n, lo=-MAX_VAL, hi=MAX_VAL):
    return [rng.randint(lo, hi) for _ in range(n)]


cases.append(("01-single", [42]))
cases.append(("02-two-swapped", [2, 1]))
cases.append(("03-already-sorted", list(range(-5, 6))))
cases.append(("04-reversed", list(range(10, -11, -1))))
cases.append(("05-all-equal", [7] * 50))
cases.append(("06-extremes", [MAX_VAL, -MAX_VAL, 0, MAX_VAL, -MAX_VAL]))
cases.append(("07-small-random", rand(30, -20, 20)))
cases.append(("08-negatives-only", rand(1000, -MAX_VAL, -1)))
cases.append(("09-few-distinct", rand(5000, 0, 2)))
cases.append(("10-medium-random", rand(10000)))
cases.append(("11-max-random", rand(MAX_LEN)))
cases.append(("12-max-sorted", sorted(rand(MAX_LEN))))
cases.append(("13-max-reversed", sorted(rand(MAX_LEN), reverse=True)))
cases.append(("14-max-all-equal", [-3] * MAX_LEN))
cases.append(("15-max-two-values", rand(MAX_LEN, 0, 1)))
# Sorted halves interleaved: a quicksort that always picks the first
# element degrades here as on sorted input.
cases.append(("16-max-organ-pipe", list(range(MAX_LEN // 2)) + list(range(MAX_LEN // 2, 0, -1))))
cases.append(("17-max-small-range", rand(MAX_LEN, -100, 100)))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, nums in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(nums, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(sorted(nums), separators=(",", ":")) + "\n")
