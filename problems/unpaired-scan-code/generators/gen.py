#!/usr/bin/env python3
"""Writes the hidden cases of unpaired-scan-code (deterministic: fixed seed).
Answers are found by counting (a dictionary), not by XOR.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_N = 10**5
LO, HI = -2**31, 2**31 - 1
rng = random.Random(31010)


def odd_one(scans):
    counts = {}
    for v in scans:
        counts[v] = counts.get(v, 0) + 1
    (odd,) = [v for v, c in counts.items() if c % 2]
    return odd


def build(pairs, odd, odd_times=1, odd_last=False):
    """Each code of pairs twice and odd odd_times times, shuffled; with
    odd_last the odd code's scans come after all the pairs."""
    scans = [v for v in pairs for _ in range(2)]
    extra = [odd] * odd_times
    if odd_last:
        rng.shuffle(scans)
        return scans + extra
    scans += extra
    rng.shuffle(scans)
    return scans


def distinct(k, lo=LO, hi=HI):
    out = set()
    while len(out) < k:
        out.add(rng.randint(lo, hi))
    return list(out)


big = distinct(MAX_N // 2)
mid = distinct(MAX_N // 2, -10**6, 10**6)
cases = [
    # distinct pairs, the odd code last: a count-per-element scan costs n^2
    ("01-max-extremes-odd-last", build(big[1:], big[0], odd_last=True)),
    ("02-max-mid-values-odd-last", build(mid[1:-1], mid[0], 3, odd_last=True)),
    ("03-max-few-values", build([rng.randint(0, 9) for _ in range(MAX_N // 2 - 1)], 10, 1)),
    ("10-single", [0]),
    ("11-single-max", [HI]),
    ("12-three-same", [5, 5, 5]),
    ("13-odd-three-times", [1, 2, 1, 2, 9, 9, 9]),
    ("14-odd-is-zero", [0, 3, 3]),
    ("15-negatives", [-1, -2, -1, -2, -3]),
    ("16-min-and-max", [LO, HI, LO, HI, LO]),
    ("17-odd-first", [42] + [1, 1, 2, 2]),
    ("18-many-repeats", [7] * 10 + [8] * 11),
    ("19-small-random", build(distinct(10, -50, 50), 1000)),
    ("20-medium-random", build(distinct(2000), 123456789, 5)),
    ("21-odd-many-times", build(distinct(300, 0, 10**6), -7, 99)),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, s in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(s, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(odd_one(s)) + "\n")
