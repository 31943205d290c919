#!/usr/bin/env python3
"""Writes the hidden cases of pallet-weight-combinations (deterministic: fixed
seed). Answers are built here from the largest weight class down (a different
order from the bundled solutions) and then sorted as the statement asks.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

rng = random.Random(31011)


def all_ways(weights, target):
    ws = sorted(weights, reverse=True)
    out = []

    def go(i, left, chosen):
        if left == 0:
            out.append(sorted(chosen))
            return
        if i == len(ws):
            return
        w = ws[i]
        for k in range(left // w, -1, -1):
            go(i + 1, left - k * w, chosen + [w] * k)

    go(0, target, [])
    out.sort()
    assert len(out) <= 5000
    return out


cases = [
    ("01-max-primes", [37, 7, 31, 11, 29, 13, 23, 17, 19], 200),
    ("02-max-random-classes", rng.sample(range(2, 101), 30), 100),
    ("03-max-consecutive", list(range(39, 9, -1)), 90),
    ("04-max-small-classes", list(range(2, 32)), 37),
    ("10-target-one", [2, 3], 1),
    ("11-single-class-exact", [5], 200),
    ("12-single-class-no", [7], 200),
    ("13-target-equals-class", [9, 4, 2], 9),
    ("14-all-too-heavy", [50, 60, 70], 40),
    ("15-two-classes", [2, 100], 200),
    ("16-unsorted-input", [8, 2, 6, 4], 12),
    ("17-no-way-odd", [2, 4, 6, 8], 15),
    ("18-small-random", rng.sample(range(2, 20), 5), 30),
    ("19-medium-random", rng.sample(range(5, 60), 12), 80),
    ("20-many-classes-small-target", list(range(31, 1, -1)), 20),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, ws, t in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(ws, separators=(",", ":")) + "\n" + json.dumps(t) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(all_ways(ws, t), separators=(",", ":")) + "\n")
