#!/usr/bin/env python3
"""Writes the hidden cases of rail-shuttle-collisions (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/rail-shuttle-collisions/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random

MAX_N = 100000
MAX_M = 10**9

rng = random.Random(2026120716)
cases = []


def add(name, shuttles):
    cases.append((name, shuttles))


def answer(shuttles):
    rail = []
    for s in shuttles:
        alive = True
        while alive and s < 0 and rail and rail[-1] > 0:
            if rail[-1] < -s:
                rail.pop()
            elif rail[-1] == -s:
                rail.pop()
                alive = False
            else:
                alive = False
        if alive:
            rail.append(s)
    return rail


def mass(lo=1, hi=MAX_M):
    return rng.randint(lo, hi)


# Half the rail drives east with growing masses, the other half west with
# heavier masses: the first west-bound shuttle knocks off every east-bound
# one, nearest first, and each collision lies far from the west end.
half = MAX_N // 2
add("01-max-eastbound-then-westbound", list(range(1, half + 1)) + [-(half + 1 + i) for i in range(half)])
add("02-max-random", [mass(1, 10**6) * rng.choice([1, -1]) for _ in range(MAX_N)])
# One heavy west-bound shuttle at the east end sweeps everything.
add("03-max-sweep", [mass(1, 10**5) for _ in range(MAX_N - 1)] + [-MAX_M])
add("10-single-east", [5])
add("11-single-west", [-5])
add("12-equal-pair", [MAX_M, -MAX_M])
add("13-driving-apart", [-3, -1, 2, 4])
add("14-all-east", list(range(1, 1001)))
add("15-all-west", [-i for i in range(1, 1001)])
# Equal masses in a chain: each collision knocks off both.
add("16-equal-chain", [2, 2, 2, -2, -2, -2, 1])
add("17-heavy-east-survives", [10, -1, -2, -3, -9, 5])
add("18-equal-then-heavier", [3, 5, -5, -3, -4])
add("19-small-random", [mass(1, 5) * rng.choice([1, -1]) for _ in range(30)])
add("20-medium-random", [mass() * rng.choice([1, -1]) for _ in range(5000)])
# A heavy east-bound shuttle stops part of a west-bound wave, meets its equal,
# and a heavier west-bound one sweeps the rest.
add("21-partial-sweep", [1, 2, 50, -3, -4, -49, -50, -51, 7])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, shuttles in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(shuttles, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(shuttles), separators=(",", ":")) + "\n")
