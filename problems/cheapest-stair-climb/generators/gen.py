#!/usr/bin/env python3
"""Writes the hidden cases of cheapest-stair-climb (deterministic: fixed
seed). Answers come from a forward DP written here ("cheapest way to stand on
position i"), where the bundled solutions run backwards.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import os
import random

MAX_N = 10**5
MAX_C = 10**5
rng = random.Random(31015)


def cheapest(cost):
    n = len(cost)
    stand = [0] * (n + 1)  # stand[i]: least paid to be standing on position i
    for i in range(2, n + 1):
        stand[i] = min(stand[i - 1] + cost[i - 1], stand[i - 2] + cost[i - 2])
    return stand[n]


def rand(n, lo=0, hi=MAX_C):
    return [rng.randint(lo, hi) for _ in range(n)]


alternating = [MAX_C if i % 2 else MAX_C - 1 for i in range(MAX_N)]
cases = [
    ("01-max-all-max", [MAX_C] * MAX_N),          # answer 5 * 10^9: needs 64 bits
    ("02-max-random", rand(MAX_N)),
    ("03-max-alternating", alternating),
    ("04-max-cheap-odd-steps", [MAX_C if i % 2 == 0 else 0 for i in range(MAX_N)]),
    ("10-single", [7]),
    ("11-two", [5, 3]),
    ("12-all-zero", [0] * 1000),
    ("13-start-on-one", [100, 1, 100, 1, 100]),
    ("14-start-on-zero", [1, 100, 1, 100, 1]),
    ("15-one-expensive-middle", [1, 1, 1000, 1, 1]),
    ("16-two-expensive-in-a-row", [1, 100000, 100000, 1, 1]),
    ("17-small-random", rand(15, 0, 20)),
    ("18-medium-random", rand(5000)),
    ("19-odd-length-max-values", [MAX_C] * 20001),
    ("20-increasing", list(range(0, 2000))),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, cost in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d\n%s\n" % (len(cost), " ".join(map(str, cost))))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % cheapest(cost))
