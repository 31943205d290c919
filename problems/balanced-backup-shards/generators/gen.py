#!/usr/bin/env python3
"""Writes the hidden cases of balanced-backup-shards (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/balanced-backup-shards/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_SIZE = 10**9

rng = random.Random(2026120706)
cases = []


def add(name, sizes, k):
    cases.append((name, sizes, k))


def shards(sizes, cap):
    count, load = 1, 0
    for s in sizes:
        if load + s > cap:
            count += 1
            load = 0
        load += s
    return count


def answer(sizes, k):
    lo, hi = max(sizes), sum(sizes)
    while lo < hi:
        mid = (lo + hi) // 2
        if shards(sizes, mid) <= k:
            hi = mid
        else:
            lo = mid + 1
    return lo


add("01-max-random", [rng.randint(0, 10**6) for _ in range(MAX_N)], 50)
# Every segment at 10^9: the shards hold about 3.3 * 10^13, far past 32 bits.
add("02-max-overflow", [MAX_SIZE] * MAX_N, 3)
add("03-max-k-equals-n", [rng.randint(0, 10**6) for _ in range(MAX_N)], MAX_N)
add("04-max-one-shard", [rng.randint(0, 10**6) for _ in range(MAX_N)], 1)
add("10-single", [5], 1)
add("11-single-zero", [0], 1)
add("12-all-zero", [0] * 20, 4)
add("13-k-equals-n-small", [3, 1, 4, 1, 5], 5)
add("14-all-equal", [7] * 10, 3)
add("15-one-giant", [1] * 30 + [MAX_SIZE] + [1] * 30, 3)
add("16-sum-just-over-int", [2**31 // 4 + 1] * 4, 1)
add("17-two-parts", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2)
add("18-zeros-between", [4, 0, 0, 4, 0, 0, 4, 0, 0, 4], 3)
add("19-small-random", [rng.randint(0, 20) for _ in range(40)], 6)
add("20-medium-random", [rng.randint(0, MAX_SIZE) for _ in range(3000)], 17)
add("21-medium-big-values", [rng.randint(MAX_SIZE - 1000, MAX_SIZE) for _ in range(2000)], 2)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, sizes, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, sizes)) + "]\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(sizes, k))
