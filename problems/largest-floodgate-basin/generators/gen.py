#!/usr/bin/env python3
"""Writes the hidden cases of largest-floodgate-basin (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/largest-floodgate-basin/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_H = 10**9

rng = random.Random(2026120724)
cases = []


def add(name, gates):
    cases.append((name, gates))


def answer(gates):
    i, j = 0, len(gates) - 1
    best = 0
    while i < j:
        best = max(best, (j - i) * min(gates[i], gates[j]))
        # The lower gate cannot do better with any closer partner: drop it.
        if gates[i] < gates[j]:
            i += 1
        else:
            j -= 1
    return best


# Tall gates at both ends: about 10^14, past 32 bits.
add("01-max-tall-ends", [MAX_H] + [rng.randint(0, 10**6) for _ in range(MAX_N - 2)] + [MAX_H])
add("02-max-random", [rng.randint(0, 10**6) for _ in range(MAX_N)])
# Heights rising to the middle and falling again: both pointers walk inwards a long way.
half = MAX_N // 2
add("03-max-mountain", [i * 10 for i in range(half)] + [i * 10 for i in range(half, 0, -1)])
add("10-two-zero", [0, 0])
add("11-two-max", [MAX_H, MAX_H])
add("12-all-equal", [5] * 1000)
add("13-rising", list(range(1, 1001)))
add("14-falling", list(range(1000, 0, -1)))
# The taller end gate stays; moving it instead of the lower one loses the best pair.
add("15-keep-taller", [2, 3, 10, 5, 7, 8, 9])
add("16-middle-pair", [1, 1, 100, 1, 1, 100, 1, 1])
add("17-zeros-inside", [7, 0, 0, 0, 0, 0, 7])
add("18-small-random", [rng.randint(0, 20) for _ in range(30)])
add("19-medium-random", [rng.randint(0, MAX_H) for _ in range(5000)])
add("20-one-tall", [1] * 50 + [MAX_H] + [1] * 50)
add("21-equal-ends-lower-inside", [6, 9, 9, 6])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, gates in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, gates)) + "]\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(gates))
