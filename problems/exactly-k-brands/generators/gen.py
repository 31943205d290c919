#!/usr/bin/env python3
"""Writes the hidden cases of exactly-k-brands (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/exactly-k-brands/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random
from collections import defaultdict

MAX_N = 100000
MAX_ID = 10**9

rng = random.Random(2026120718)
cases = []


def add(name, brands, k):
    cases.append((name, brands, k))


def at_most(brands, k):
    """Runs with at most k distinct brands: for each right end, all left ends
    from the smallest valid one."""
    if k == 0:
        return 0
    count = defaultdict(int)
    distinct = left = total = 0
    for right, b in enumerate(brands):
        if count[b] == 0:
            distinct += 1
        count[b] += 1
        while distinct > k:
            count[brands[left]] -= 1
            if count[brands[left]] == 0:
                distinct -= 1
            left += 1
        total += right - left + 1
    return total


def answer(brands, k):
    return at_most(brands, k) - at_most(brands, k - 1)


def ids(count):
    return rng.sample(range(1, MAX_ID + 1), count)


# One brand everywhere, k = 1: every one of the 5 * 10^9 runs counts.
add("01-max-one-brand", [MAX_ID] * MAX_N, 1)
pool = ids(50)
add("02-max-random-few-brands", [rng.choice(pool) for _ in range(MAX_N)], 10)
# Runs of repeated brands: long windows with k distinct, many left ends each.
pool = ids(2000)
blocks = []
while len(blocks) < MAX_N:
    blocks += [rng.choice(pool)] * rng.randint(1, 200)
add("03-max-blocks", blocks[:MAX_N], 100)
add("10-single", [3], 1)
add("11-k-too-large", [1, 2, 1, 2], 3)
add("12-k-equals-n-distinct", [9, 8, 7, 6, 5], 5)
add("13-all-distinct-k1", list(range(1, 1001)), 1)
add("14-all-distinct-k-mid", list(range(1, 1001)), 500)
add("15-two-brands-alternating", [1, 2] * 500, 2)
add("16-ids-large", [MAX_ID, 1, MAX_ID, 1, 2], 2)
add("17-small-random", [rng.randint(1, 4) for _ in range(30)], 2)
add("18-medium-random", [rng.randint(1, 40) for _ in range(5000)], 7)
add("19-k-equals-n-one-repeat", [1, 2, 3, 1], 4)
add("20-palindrome", [1, 2, 3, 4, 3, 2, 1], 3)
add("21-k1-mixed-runs", [7, 7, 3, 3, 3, 7, 1, 1], 1)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, brands, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, brands)) + "]\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(brands, k))
