#!/usr/bin/env python3
"""Input validator of skyline-banner (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `heights` is a JSON array of 1..100000 integers in [0, 10^9].
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
    fail("expected 1 line (heights), got %d" % len(lines))
try:
    heights = json.loads(lines[0])
except ValueError as e:
    fail("heights is not JSON: %s" % e)
if not isinstance(heights, list) or not all(type(x) is int for x in heights):
    fail("heights must be an array of integers")
if not 1 <= len(heights) <= 100000:
    fail("heights.length = %d is outside [1, 100000]" % len(heights))
for i, x in enumerate(heights):
    if not 0 <= x <= 10**9:
        fail("heights[%d] = %d is outside [0, 10^9]" % (i, x))
sys.exit(42)
