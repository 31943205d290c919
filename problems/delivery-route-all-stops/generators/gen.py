#!/usr/bin/env python3
"""Writes the hidden cases of delivery-route-all-stops (deterministic: fixed
seed). Answers come from a Held-Karp DP written here in "push" form (the
bundled Python solution pulls); small cases are cross-checked against every
permutation.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import itertools
import json
import os
import random

MAX_N = 16
MAX_D = 10**6
rng = random.Random(31009)


def shortest(d):
    n = len(d)
    INF = float("inf")
    full = 1 << n
    best = [[INF] * n for _ in range(full)]
    best[1][0] = 0
    for mask in range(1, full, 2):
        row = best[mask]
        for last in range(n):
            here = row[last]
            if here == INF:
                continue
            dl = d[last]
            for nxt in range(n):
                if not mask >> nxt & 1:
                    cand = here + dl[nxt]
                    if cand < best[mask | 1 << nxt][nxt]:
                        best[mask | 1 << nxt][nxt] = cand
    answer = min(best[full - 1])
    if n <= 8:
        brute = min(sum(d[a][b] for a, b in zip((0,) + p, p)) for p in itertools.permutations(range(1, n)))
        assert brute == answer
    return answer


def rand_matrix(n, lo=0, hi=MAX_D, symmetric=False):
    d = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j:
                d[i][j] = d[j][i] if symmetric and j < i else rng.randint(lo, hi)
    return d


def points(n, size):
    pts = [(rng.randint(0, size), rng.randint(0, size)) for _ in range(n)]
    return [[abs(a[0] - b[0]) + abs(a[1] - b[1]) for b in pts] for a in pts]


def greedy_trap(n):
    # Stop 1 is next to the depot but a dead end; the rest form a cheap chain.
    d = [[MAX_D] * n for _ in range(n)]
    for i in range(n):
        d[i][i] = 0
    d[0][1] = 1
    d[0][2] = 2
    for i in range(2, n - 1):
        d[i][i + 1] = 1
    d[n - 1][1] = 1
    return d


cases = [
    ("01-max-random", rand_matrix(MAX_N)),
    ("02-max-symmetric", rand_matrix(MAX_N, symmetric=True)),
    ("03-max-grid-points", points(MAX_N, 1000)),
    ("04-max-greedy-trap", greedy_trap(MAX_N)),
    ("05-max-all-max", [[0 if i == j else MAX_D for j in range(MAX_N)] for i in range(MAX_N)]),
    ("10-single", [[0]]),
    ("11-two-asymmetric", [[0, 5], [1, 0]]),
    ("12-all-zero", [[0] * 6 for _ in range(6)]),
    ("13-small-greedy-trap", greedy_trap(6)),
    ("14-small-random", rand_matrix(7, 0, 20)),
    ("15-small-points", points(8, 50)),
    ("16-medium-random", rand_matrix(12)),
    ("17-fifteen", rand_matrix(15, 0, 1000)),
    ("18-triangle-broken", [[0, 100, 1, 100], [100, 0, 100, 1], [1, 100, 0, 1], [100, 1, 1, 0]]),
    ("19-one-way", [[0, 1, 1000], [1000, 0, 1], [1, 1000, 0]]),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, d in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(d, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(shortest(d)) + "\n")
