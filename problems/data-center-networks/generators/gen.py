#!/usr/bin/env python3
"""Writes the hidden cases of data-center-networks (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/data-center-networks/generators/gen.py

Maximum-size cases come first: a long path laid in order (deep trees for a
union-find without balancing), random cables, a shuffled path; smaller ones
(a star, repeated cables) keep the test data small.
"""
import json
import os
import random

MAX_N = 8 * 10**4
MAX_M = 8 * 10**4
rng = random.Random(909)
cases = []


def solve(n, cables):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    count = n
    out = []
    for a, b in cables:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            count -= 1
        out.append(count)
    return out


def random_cables(n, m):
    out = []
    while len(out) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            out.append([a, b])
    return out


def add(name, n, cables):
    cases.append((name, n, cables))


add("01-max-path-in-order", MAX_N, [[i, i + 1] for i in range(MAX_N - 1)] + [[0, MAX_N - 1]])
add("02-max-random", MAX_N, random_cables(MAX_N, MAX_M))
perm = list(range(MAX_N))
rng.shuffle(perm)
add("03-max-shuffled-path", MAX_N, [[perm[i], perm[i + 1]] for i in range(MAX_N - 1)] + [[perm[0], perm[-1]]])
add("04-star", 10**4, [[i, 0] for i in range(1, 10**4)] + [[1, 2]])
add("05-same-cable", MAX_N, [[7, 8]] * 10**4)
add("06-few-servers", 3, random_cables(3, 10**4))
# Even and odd servers form two paths laid in turns, then one cable joins them.
add("07-two-interleaved-paths", 10**4, [[i - 2, i] for i in range(2, 10**4)] + [[0, 1]])
add("10-edge-two-servers", 2, [[0, 1]])
add("11-edge-repeat", 2, [[0, 1], [1, 0], [0, 1]])
add("12-edge-many-isolated", 1000, [[998, 999]])
add("13-triangle", 3, [[0, 1], [1, 2], [2, 0]])
add("14-merge-two-groups", 6, [[0, 1], [1, 2], [3, 4], [4, 5], [2, 3], [0, 5]])
add("15-small-random", 8, random_cables(8, 10))
add("16-small-random", 20, random_cables(20, 15))
add("17-medium-random", 2000, random_cables(2000, 3000))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, n, cables in cases:
    cables = [c for c in cables if c[0] != c[1]][:MAX_M]
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d\n%s\n" % (n, json.dumps(cables, separators=(",", ":"))))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(solve(n, cables), separators=(",", ":")) + "\n")
