#!/usr/bin/env python3
"""Writes the hidden cases of build-runner-cooldown (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/build-runner-cooldown/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random
import string
from collections import Counter

MAX_N = 100000
MAX_COOLDOWN = 10000
LETTERS = string.ascii_uppercase

rng = random.Random(2026120712)
cases = []


def add(name, jobs, cooldown):
    cases.append((name, jobs, cooldown))


def answer(jobs, cooldown):
    counts = Counter(jobs).values()
    top = max(counts)
    ties = sum(1 for c in counts if c == top)
    # Frames of (cooldown + 1) slots led by the most frequent types; when the
    # other jobs overflow the frames, no slot is ever idle.
    return max(len(jobs), (top - 1) * (cooldown + 1) + ties)


def shuffled(text):
    chars = list(text)
    rng.shuffle(chars)
    return "".join(chars)


# One type only, longest cooldown: the schedule is about 10^9 slots long.
add("01-max-one-type", "Q" * MAX_N, MAX_COOLDOWN)
add("02-max-two-tied-types", shuffled("A" * (MAX_N // 2) + "Z" * (MAX_N // 2)), MAX_COOLDOWN)
add("03-max-random", "".join(rng.choice(LETTERS) for _ in range(MAX_N)), 100)
# Many types and a short cooldown: the frames overflow, nothing sits idle.
add("04-max-no-idle", "".join(rng.choice(LETTERS) for _ in range(MAX_N)), 3)
add("10-single", "K", 5)
add("11-single-no-cooldown", "K", 0)
add("12-one-type-no-cooldown", "B" * 50, 0)
add("13-all-letters-once", LETTERS, MAX_COOLDOWN)
add("14-all-letters-tied", shuffled(LETTERS * 40), 25)
add("15-overflowing-frames", shuffled("AAAA" + "BCDEFGHIJKLMNOP" * 2), 2)
add("16-three-tied-top", shuffled("XXXYYYZZZAB"), 4)
add("17-cooldown-exceeds-types", shuffled("AAB"), 10)
add("18-small-random", "".join(rng.choice("ABC") for _ in range(20)), 2)
add("19-medium-random", "".join(rng.choice("ABCDEFG") for _ in range(5000)), 9)
add("20-skewed", shuffled("M" * 3000 + "".join(rng.choice(LETTERS) for _ in range(3000))), 7)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, jobs, cooldown in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(jobs) + "\n%d\n" % cooldown)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(jobs, cooldown))
