#!/usr/bin/env python3
"""Writes the hidden cases of smallest-trimmed-code (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/smallest-trimmed-code/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 100000

rng = random.Random(2026120728)
cases = []


def add(name, code, k):
    cases.append((name, code, k))


def answer(code, k):
    kept = []
    for d in code:
        while k and kept and kept[-1] > d:
            kept.pop()
            k -= 1
        kept.append(d)
    if k:
        kept = kept[:-k]
    return "".join(kept).lstrip("0") or "0"


def digits(n, alphabet="0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


# Rising digits: nothing ever falls, the k digits come off the end; a
# rescanning solution walks the whole code for every deletion.
add("01-max-rising", "".join(sorted(digits(MAX_N))), MAX_N // 2)
add("02-max-random", digits(MAX_N), MAX_N // 2)
# Falling digits: every new digit pops the previous one.
add("03-max-falling", "".join(sorted(digits(MAX_N), reverse=True)), MAX_N // 3)
add("10-single-keep", "7", 0)
add("11-single-delete", "7", 1)
add("12-delete-all", "123456", 6)
add("13-k-zero", "0012300", 0)
add("14-leading-zeros-after", "100200", 1)
add("15-all-zeros", "0000", 2)
add("16-all-equal", "9" * 1000, 400)
add("17-ends-rising", "1234567", 3)
add("18-small-random", digits(20), 7)
add("19-medium-random", digits(5000), 1234)
add("20-zeros-and-nines", digits(3000, "09"), 1500)
add("21-peak-in-middle", "1239321", 2)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, code, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(code) + "\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(code, k)) + "\n")
