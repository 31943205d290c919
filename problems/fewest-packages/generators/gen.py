#!/usr/bin/env python3
"""Writes the hidden cases of fewest-packages (deterministic: fixed seed).
Answers come from a breadth-first search over amounts written here,
independent of the bundled solutions.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_AMOUNT = 10**4
BIG = 2**31 - 1
rng = random.Random(31002)


def fewest(sizes, amount):
    # BFS from 0: the level at which `amount` is first reached.
    level = {0: 0}
    frontier = [0]
    while frontier and amount not in level:
        nxt = []
        for a in frontier:
            for s in sizes:
                b = a + s
                if b <= amount and b not in level:
                    level[b] = level[a] + 1
                    nxt.append(b)
        frontier = nxt
    return level.get(amount, -1)


def distinct(k, lo, hi):
    return rng.sample(range(lo, hi + 1), k)


cases = [
    ("01-max-many-sizes", distinct(50, 1, 500), MAX_AMOUNT),
    ("02-max-only-ones", [1], MAX_AMOUNT),
    ("03-max-impossible-even", [2 * k for k in range(1, 51)], MAX_AMOUNT - 1),
    ("04-max-big-sizes", [BIG, BIG - 1, 9999, 9973, 37, 41] + distinct(20, 2000, 3000), MAX_AMOUNT),
    ("05-max-coprime-pair", [9973, 9967], MAX_AMOUNT),
    ("10-zero-amount", [3, 5], 0),
    ("11-single-exact", [10000], 10000),
    ("12-single-impossible", [3], 10),
    ("13-greedy-trap", [1, 3, 4], 6),
    ("14-greedy-trap-large", [1, 50, 90, 100], 140),
    ("15-only-huge", [BIG], 10000),
    ("16-huge-and-one", [BIG, 1], 9999),
    ("17-amount-one-impossible", [2, 3], 1),
    ("18-small-random", distinct(5, 1, 30), 97),
    ("19-medium-random", distinct(10, 50, 400), 5000),
    ("20-frobenius", [6, 9, 20], 43),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, sizes, amount in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(sizes, separators=(",", ":")) + "\n" + json.dumps(amount) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(fewest(sizes, amount)) + "\n")
