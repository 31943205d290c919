#!/usr/bin/env python3
"""Writes the hidden cases of cheapest-price-every-stretch (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/cheapest-price-every-stretch/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import os
import random

MAX_N = 100000
MAX_P = 10**9

rng = random.Random(2026120720)
cases = []


def add(name, prices):
    cases.append((name, prices))


def answer(prices):
    n = len(prices)
    # Each stretch is charged to its leftmost lowest day: strictly lower to the
    # left ends it, lower-or-equal to the right ends it.
    left = [0] * n
    stack = []
    for i, p in enumerate(prices):
        while stack and prices[stack[-1]] >= p:
            stack.pop()
        left[i] = i - (stack[-1] if stack else -1)
        stack.append(i)
    total = 0
    stack = []
    for i in range(n - 1, -1, -1):
        while stack and prices[stack[-1]] > prices[i]:
            stack.pop()
        right = (stack[-1] if stack else n) - i
        total += prices[i] * left[i] * right
        stack.append(i)
    return total


# All prices 10^9: the total is 5 * 10^18, close to the 64-bit limit.
add("01-max-all-equal-top", [MAX_P] * MAX_N)
add("02-max-random", [rng.randint(1, 10**6) for _ in range(MAX_N)])
# Few distinct prices: many ties between equal lowest prices.
add("03-max-few-values", [rng.randint(1, 3) * 100 for _ in range(MAX_N)])
# The cheapest day in the middle is the lowest of 50000 * 50000 stretches.
add("04-max-valley", list(range(MAX_N // 2, 0, -1)) + list(range(2, MAX_N // 2 + 2)))
add("10-single", [1])
add("11-single-max", [MAX_P])
add("12-rising", list(range(1, 1001)))
add("13-falling", list(range(1000, 0, -1)))
add("14-equal-pair", [4, 4])
add("15-all-equal-small", [2] * 1000)
add("16-valley", [5, 4, 3, 2, 1, 2, 3, 4, 5])
add("17-ties-apart", [3, 1, 2, 1, 3])
add("18-small-random", [rng.randint(1, 5) for _ in range(40)])
add("19-medium-random", [rng.randint(1, MAX_P) for _ in range(5000)])
add("20-mountain", list(range(1, 501)) + list(range(500, 0, -1)))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, prices in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("[" + ",".join(map(str, prices)) + "]\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(prices))
