#!/usr/bin/env python3
"""Writes the hidden cases of intersection-of-two-linked-lists ("common items
of two sorted linked lists"; deterministic: fixed seed). The answer is the
multiset intersection, computed with Counter, independent of the solutions.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random
from collections import Counter

MAX_LEN = 50000
MAX_VAL = 10**9
rng = random.Random(777)


def rand(n, lo=-MAX_VAL, hi=MAX_VAL):
    return sorted(rng.randint(lo, hi) for _ in range(n))


def common(a, b):
    both = Counter(a) & Counter(b)
    return sorted(both.elements())


cases = [
    ("01-both-empty", [], []),
    ("02-first-empty", [], [1, 2, 3]),
    ("03-second-empty", [1, 2, 3], []),
    ("04-identical", [1, 2, 3], [1, 2, 3]),
    ("05-disjoint", [1, 3, 5], [2, 4, 6]),
    ("06-duplicates-min", [4, 4, 4, 4], [4, 4]),
    ("07-duplicates-mixed", [1, 1, 2, 2, 2, 3], [1, 2, 2, 3, 3, 3]),
    ("08-negatives-extremes", [-MAX_VAL, -MAX_VAL, 0, MAX_VAL], [-MAX_VAL, 5, MAX_VAL, MAX_VAL]),
    ("09-one-common-at-end", list(range(100)), [99, 1000]),
    ("10-small-random", rand(30, -10, 10), rand(25, -10, 10)),
    ("11-medium-dense", rand(5000, 0, 100), rand(5000, 0, 100)),
    ("12-max-random-sparse", rand(MAX_LEN), rand(MAX_LEN)),
    ("13-max-dense", rand(MAX_LEN, -1000, 1000), rand(MAX_LEN, -1000, 1000)),
    ("14-max-identical", list(range(MAX_LEN)), list(range(MAX_LEN))),
    ("15-max-all-equal", [5] * MAX_LEN, [5] * (MAX_LEN - 1)),
    ("16-max-interleaved-disjoint", list(range(0, 2 * MAX_LEN, 2)), list(range(1, 2 * MAX_LEN, 2))),
    ("17-max-versus-one", rand(MAX_LEN, 0, 10), [3]),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
dump = lambda v: json.dumps(v, separators=(",", ":"))
for name, a, b in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(dump(a) + "\n" + dump(b) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(dump(common(a, b)) + "\n")
