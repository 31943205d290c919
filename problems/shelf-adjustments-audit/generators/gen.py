#!/usr/bin/env python3
"""Writes the hidden cases of shelf-adjustments-audit (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/shelf-adjustments-audit/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_V = 1000

rng = random.Random(2026120713)
cases = []


def add(name, n, updates, queries):
    cases.append((name, n, updates, queries))


def answer(n, updates, queries):
    diff = [0] * (n + 2)
    for l, r, v in updates:
        diff[l] += v
        diff[r + 1] -= v
    prefix = [0] * (n + 1)  # prefix[i] = total of shelves 1..i
    shelf = 0
    for i in range(1, n + 1):
        shelf += diff[i]
        prefix[i] = prefix[i - 1] + shelf
    return [prefix[b] - prefix[a - 1] for a, b in queries]


def span(n):
    a, b = rng.randint(1, n), rng.randint(1, n)
    return (a, b) if a <= b else (b, a)


def random_updates(n, m, lo=-MAX_V, hi=MAX_V):
    return [span(n) + (rng.randint(lo, hi),) for _ in range(m)]


def random_queries(n, q):
    return [span(n) for _ in range(q)]


add("01-max-random", MAX_N, random_updates(MAX_N, MAX_N), random_queries(MAX_N, MAX_N))
# Every adjustment covers (almost) every shelf with +1000: totals near 10^13.
add("02-max-overflow", MAX_N,
    [(rng.randint(1, 3), MAX_N - rng.randint(0, 2), MAX_V) for _ in range(50000)],
    [(1, MAX_N)] * 10 + random_queries(MAX_N, 990))
add("10-single-shelf", 1, [(1, 1, 5)], [(1, 1)])
add("11-all-negative", 10, [(1, 10, -MAX_V)] * 10, [(1, 10), (3, 3), (10, 10)])
add("12-cancel-out", 6, [(1, 6, 5), (1, 6, -5), (2, 4, 3), (2, 4, -3)], [(1, 6), (2, 4), (5, 5)])
add("13-zero-adjustments", 8, [(1, 8, 0), (3, 5, 0)], [(1, 8), (4, 4)])
# Adjustments ending on the last shelf: the difference array needs slot n + 1.
add("14-ends-at-last-shelf", 5, [(3, 5, 4), (5, 5, 1), (1, 5, 2)], [(5, 5), (1, 5), (4, 5)])
add("15-single-shelf-updates", 7, [(i, i, i * 10) for i in range(1, 8)], [(1, 7), (2, 6), (7, 7)])
add("16-repeated-query", 4, [(2, 3, 9)], [(1, 4)] * 20)
add("17-point-queries", 50, random_updates(50, 30), [(i, i) for i in range(1, 51)])
add("18-small-random", 20, random_updates(20, 15), random_queries(20, 15))
add("19-medium-random", 3000, random_updates(3000, 3000), random_queries(3000, 3000))
add("20-medium-positive", 5000, random_updates(5000, 4000, 900, MAX_V), random_queries(5000, 500))
add("21-first-shelf", 100, [(1, 1, 7), (1, 50, -2), (1, 100, 1)], [(1, 1), (1, 2), (1, 100)])
add("22-wide-queries", 2000, random_updates(2000, 2000), [(1, 2000), (1, 1999), (2, 2000), (1000, 1000)])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, n, updates, queries in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d %d %d\n" % (n, len(updates), len(queries)))
        f.write("".join("%d %d %d\n" % u for u in updates))
        f.write("".join("%d %d\n" % q for q in queries))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("".join("%d\n" % x for x in answer(n, updates, queries)))
