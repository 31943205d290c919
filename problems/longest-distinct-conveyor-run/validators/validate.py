#!/usr/bin/env python3
"""Input validator of longest-distinct-conveyor-run (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `codes` is a JSON array of 0..100000 integers in [0, 10^9].
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
    fail("expected 1 line (codes), got %d" % len(lines))
try:
    codes = json.loads(lines[0])
except ValueError as e:
    fail("codes is not JSON: %s" % e)
if not isinstance(codes, list) or not all(type(x) is int for x in codes):
    fail("codes must be an array of integers")
if len(codes) > 100000:
    fail("codes.length = %d is over 100000" % len(codes))
for i, x in enumerate(codes):
    if not 0 <= x <= 10**9:
        fail("codes[%d] = %d is outside [0, 10^9]" % (i, x))
sys.exit(42)
