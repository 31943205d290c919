#!/usr/bin/env python3
"""Writes the hidden cases of common-event-trail (deterministic: fixed seed).
Answers come from the Hunt-Szymanski method (matches processed through a
patience-sorting pass), independent of the bundled table DPs.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import bisect
import json
import os
import random

MAX = 1500
rng = random.Random(31007)


def lcs(a, b):
    where = {}
    for j, v in enumerate(b):
        where.setdefault(v, []).append(j)
    tails = []
    for v in a:
        # decreasing j so one element of a extends a trail at most once
        for j in reversed(where.get(v, [])):
            k = bisect.bisect_left(tails, j)
            if k == len(tails):
                tails.append(j)
            else:
                tails[k] = j
    return len(tails)


def rand(n, k):
    return [rng.randint(1, k) for _ in range(n)]


def drop_and_dup(log):
    out = []
    for v in log:
        r = rng.random()
        if r < 0.1:
            continue
        out.append(v)
        if r > 0.95:
            out.append(v)
    return out[:MAX]


base = rand(MAX, 10**6)
cases = [
    ("01-max-few-codes", rand(MAX, 4), rand(MAX, 4)),
    ("02-max-replicas", base, drop_and_dup(base)),
    ("03-max-wide-codes", rand(MAX, 10**6), rand(MAX, 10**6)),
    ("04-max-same-code", [5] * MAX, [5] * MAX),
    ("10-single-same", [1], [1]),
    ("11-single-different", [1], [2]),
    ("12-one-shared-late", [9] * 50 + [3], [3] + [8] * 50),
    ("13-reversed", list(range(1, 101)), list(range(100, 0, -1))),
    ("14-greedy-trap", [1, 2, 3, 4, 5, 6], [6, 1, 2, 3, 4, 5]),
    ("15-interleaved", [1, 2] * 30, [2, 1] * 30),
    ("16-contained", list(range(1, 1501)), list(range(2, 1501, 3))),
    ("17-extremes", [10**6, 1, 10**6], [1, 10**6]),
    ("18-small-random", rand(10, 5), rand(12, 5)),
    ("19-medium-random", rand(400, 30), rand(500, 30)),
    ("20-disjoint", list(range(1, 1001)), list(range(1001, 2001))),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, a, b in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(a, separators=(",", ":")) + "\n" + json.dumps(b, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(lcs(a, b)) + "\n")
