#!/usr/bin/env python3
"""Input validator of kth-closest-sensor-pair (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `positions` is a JSON array of 2..50000 integers in
[0, 10^9]; `k` is an integer in [1, n(n-1)/2].
"""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 2:
    fail("expected 2 lines (positions, k), got %d" % len(lines))
try:
    positions = json.loads(lines[0])
    k = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(positions, list) or not all(type(x) is int for x in positions):
    fail("positions must be an array of integers")
n = len(positions)
if not 2 <= n <= 50000:
    fail("positions.length = %d is outside [2, 50000]" % n)
for i, x in enumerate(positions):
    if not 0 <= x <= 10**9:
        fail("positions[%d] = %d is outside [0, 10^9]" % (i, x))
if type(k) is not int or not 1 <= k <= n * (n - 1) // 2:
    fail("k = %r is not an integer in [1, n(n-1)/2 = %d]" % (k, n * (n - 1) // 2))
sys.exit(42)
