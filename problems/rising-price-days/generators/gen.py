#!/usr/bin/env python3
"""Writes the hidden cases of rising-price-days (deterministic: fixed seed).
Answers come from a Fenwick tree over compressed prices written here,
independent of the bundled solutions.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_N = 10**5
LIM = 10**9
rng = random.Random(31003)


def longest(prices):
    ranks = {v: i + 1 for i, v in enumerate(sorted(set(prices)))}
    tree = [0] * (len(ranks) + 1)
    best = 0
    for v in prices:
        r = ranks[v]
        # longest rise ending below r
        i, m = r - 1, 0
        while i > 0:
            m = max(m, tree[i])
            i -= i & -i
        m += 1
        best = max(best, m)
        i = r
        while i < len(tree):
            tree[i] = max(tree[i], m)
            i += i & -i
    return best


def rand(n, lo=-LIM, hi=LIM):
    return [rng.randint(lo, hi) for _ in range(n)]


def noisy_rise(n):
    # A long rise hidden among noise: trend upwards with random dips.
    return [i * 10 + rng.randint(-4000, 40) for i in range(n)]


cases = [
    ("01-max-random", rand(MAX_N)),
    ("02-max-increasing", list(range(-MAX_N // 2, MAX_N // 2))),
    ("03-max-few-values", rand(MAX_N, 0, 1000)),
    ("04-max-noisy-rise", noisy_rise(MAX_N)),
    ("10-single", [42]),
    ("11-two-equal", [5, 5]),
    ("12-decreasing", list(range(100, 0, -1))),
    ("13-all-equal", [-7] * 500),
    ("14-extremes", [LIM, -LIM, 0, LIM, -LIM + 1, LIM - 1]),
    ("15-staircase-duplicates", [v for v in range(50) for _ in range(3)]),
    ("16-zigzag", [i if i % 2 == 0 else -i for i in range(1000)]),
    ("17-small-random", rand(20, 0, 10)),
    ("18-medium-random", rand(3000)),
    ("19-late-rise", [100 - i for i in range(100)] + list(range(-50, 50))),
    ("20-interleaved-runs", [v for pair in zip(range(0, 2000, 2), range(3000, 1000, -2)) for v in pair]),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, p in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(p, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(longest(p)) + "\n")
