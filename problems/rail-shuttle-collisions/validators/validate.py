#!/usr/bin/env python3
"""Input validator of rail-shuttle-collisions (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `shuttles` is a JSON array of 1..100000 non-zero
integers with absolute value at most 10^9.
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
    fail("expected 1 line (shuttles), got %d" % len(lines))
try:
    shuttles = json.loads(lines[0])
except ValueError as e:
    fail("shuttles is not JSON: %s" % e)
if not isinstance(shuttles, list) or not all(type(x) is int for x in shuttles):
    fail("shuttles must be an array of integers")
if not 1 <= len(shuttles) <= 100000:
    fail("shuttles.length = %d is outside [1, 100000]" % len(shuttles))
for i, x in enumerate(shuttles):
    if not 1 <= abs(x) <= 10**9:
        fail("shuttles[%d] = %d: |mass| must be in [1, 10^9]" % (i, x))
sys.exit(42)
