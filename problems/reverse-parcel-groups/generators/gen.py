#!/usr/bin/env python3
"""Writes the hidden cases of reverse-parcel-groups (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/reverse-parcel-groups/generators/gen.py

Maximum-size cases come first: one group as long as the list (quadratic
for a solution that walks the group again for each swap), large groups
with a short tail, tiny groups.
"""
import json
import os
import random

MAX_N = 5 * 10**4
MAX_V = 10**9
rng = random.Random(5151)
cases = []


def solve(values, k):
    out = []
    full = len(values) - len(values) % k
    for start in range(0, full, k):
        out += values[start:start + k][::-1]
    return out + values[full:]


def vals(n):
    return [rng.randint(-MAX_V, MAX_V) for _ in range(n)]


def add(name, values, k):
    cases.append((name, values, k))


add("01-max-one-group", vals(MAX_N), MAX_N)
add("02-max-big-groups-with-tail", vals(MAX_N), 12345)
add("03-max-one-group-plus-one", vals(MAX_N), MAX_N - 1)
add("04-max-pairs", vals(MAX_N), 2)
add("05-max-k-one", vals(MAX_N), 1)
add("06-max-ascending-groups-of-7", list(range(MAX_N)), 7)
add("10-edge-empty", [], 1)
add("11-edge-empty-large-k", [], MAX_N)
add("12-edge-single", [-MAX_V], 1)
add("13-edge-single-k-two", [MAX_V], 2)
add("14-edge-k-larger-than-list", [5, 4, 3], 4)
add("15-edge-exact-multiple", [1, 2, 3, 4, 5, 6], 3)
add("16-edge-tail-of-k-minus-one", [1, 2, 3, 4, 5, 6, 7, 8], 3)
add("17-edge-equal-values", [9] * 10, 4)
add("18-small-random", vals(13), 5)
add("19-medium-random", vals(999), 10)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, values, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(values, separators=(",", ":")) + "\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(solve(values, k), separators=(",", ":")) + "\n")
