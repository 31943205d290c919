#!/usr/bin/env python3
"""Input validator of best-single-trade (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `prices` is a JSON array of 1..100000 integers in [0, 10^9].
"""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 1:
    fail("expected 1 line (prices), got %d" % len(lines))
try:
    prices = json.loads(lines[0])
except ValueError as e:
    fail("prices is not JSON: %s" % e)
if not isinstance(prices, list) or not all(type(x) is int for x in prices):
    fail("prices must be an array of integers")
if not 1 <= len(prices) <= 100000:
    fail("prices.length = %d is outside [1, 100000]" % len(prices))
for i, x in enumerate(prices):
    if not 0 <= x <= 10**9:
        fail("prices[%d] = %d is outside [0, 10^9]" % (i, x))
sys.exit(42)
