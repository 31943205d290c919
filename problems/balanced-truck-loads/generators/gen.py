#!/usr/bin/env python3
"""Writes the hidden cases of balanced-truck-loads (deterministic: fixed
seed). Answers come from a set of reachable sums built here.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

rng = random.Random(31013)


def balanced(crates):
    total = sum(crates)
    if total % 2:
        return False
    sums = {0}
    for w in crates:
        sums |= {s + w for s in sums if s + w <= total // 2}
    return total // 2 in sums


def rand(n, lo=1, hi=100):
    return [rng.randint(lo, hi) for _ in range(n)]


def split_pair(n):
    # two halves with equal sums, shuffled together
    a = rand(n // 2, 1, 100)
    b = rand(n // 2 - 1, 1, 100)
    diff = sum(a) - sum(b)
    while not 1 <= diff <= 100:
        b = rand(n // 2 - 1, 1, 100)
        diff = sum(a) - sum(b)
    out = a + b + [diff]
    rng.shuffle(out)
    return out


even_no = [2] * 199 + [100]        # even total 498, every crate even: half 249 is odd
odd_one_out = [100] * 199 + [1]    # odd total
cases = [
    ("01-max-even-impossible", even_no),
    ("02-max-random", rand(200)),
    ("03-max-balanced", split_pair(200)),
    ("04-max-all-max", [100] * 200),
    ("05-max-odd-total", odd_one_out),
    ("06-max-one-giant", [1] * 199 + [100]),
    ("10-single", [7]),
    ("11-two-equal", [42, 42]),
    ("12-two-different", [1, 2]),
    ("13-greedy-trap", [3, 3, 2, 2, 2]),
    ("14-all-ones-even", [1] * 10),
    ("15-all-ones-odd", [1] * 11),
    ("16-one-heavier-than-rest", [100, 1, 2, 3, 4]),
    ("17-small-random", rand(8, 1, 10)),
    ("18-medium-random", rand(60)),
    ("19-three-way", [5, 5, 5, 5, 10]),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, c in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(c, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(balanced(c)) + "\n")
