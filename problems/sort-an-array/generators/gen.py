#!/usr/bin/python3
"""Generates every hidden test of "Sort an Array".

Regenerate (from the repository root):

    /usr/bin/python3 problems/sort-an-array/generators/gen.py

It rewrites tests/hidden/*.in and *.ans next to this directory. The output is
deterministic: every random case has its own fixed seed, so running it again
gives byte-identical files.

The largest cases use small values on purpose: 500 000 ten-digit numbers
would take 11 MB per case, and duplicates are an edge case worth testing
anyway (they make a naive quicksort quadratic).
"""

import os
import random

MAX_N = 500_000
MAX_ABS = 10**9
HERE = os.path.dirname(os.path.abspath(__file__))
HIDDEN = os.path.join(HERE, "..", "tests", "hidden")


def cases():
    rng = random.Random
    yield "01-single", [42]
    yield "02-single-negative-extreme", [-MAX_ABS]
    yield "03-two-sorted", [1, 2]
    yield "04-two-reversed", [2, 1]
    yield "05-two-equal", [-5, -5]
    yield "06-extremes", [MAX_ABS, -MAX_ABS, 0, MAX_ABS, -MAX_ABS, 1, -1]
    yield "07-all-negative", [-3, -1, -100, -20, -7, -1000000]
    yield "08-digits-vs-numbers", [10, 9, 100, -2, -10, 1, 11, 2, 20, 3]
    r = rng(9)
    yield "09-small-random", [r.randint(-20, 20) for _ in range(50)]
    r = rng(10)
    yield "10-random-1000", [r.randint(-MAX_ABS, MAX_ABS) for _ in range(1000)]
    yield "11-descending-5000", list(range(2500, -2500, -1))
    r = rng(12)
    yield "12-random-full-range", [r.randint(-MAX_ABS, MAX_ABS) for _ in range(60_000)]
    yield "13-ascending-100000", [i // 2 - 25_000 for i in range(100_000)]
    r = rng(14)
    yield "14-max-random-small-values", [r.randint(0, 99) for _ in range(MAX_N)]
    yield "15-max-all-equal", [7] * MAX_N
    r = rng(16)
    yield "16-few-distinct-extremes", [r.choice((-MAX_ABS, 0, MAX_ABS)) for _ in range(10_000)]


def main():
    os.makedirs(HIDDEN, exist_ok=True)
    for name in os.listdir(HIDDEN):
        os.remove(os.path.join(HIDDEN, name))
    for name, values in cases():
        assert 1 <= len(values) <= MAX_N, name
        assert all(-MAX_ABS <= v <= MAX_ABS for v in values), name
        with open(os.path.join(HIDDEN, name + ".in"), "w") as f:
            f.write("%d\n%s\n" % (len(values), " ".join(map(str, values))))
        with open(os.path.join(HIDDEN, name + ".ans"), "w") as f:
            f.write(" ".join(map(str, sorted(values))) + "\n")
        print("%-30s n=%d" % (name, len(values)))


main()
