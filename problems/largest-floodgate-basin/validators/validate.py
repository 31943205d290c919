#!/usr/bin/env python3
"""Input validator of largest-floodgate-basin (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `gates` is a JSON array of 2..100000 integers in [0, 10^9].
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
    fail("expected 1 line (gates), got %d" % len(lines))
try:
    gates = json.loads(lines[0])
except ValueError as e:
    fail("gates is not JSON: %s" % e)
if not isinstance(gates, list) or not all(type(x) is int for x in gates):
    fail("gates must be an array of integers")
if not 2 <= len(gates) <= 100000:
    fail("gates.length = %d is outside [2, 100000]" % len(gates))
for i, x in enumerate(gates):
    if not 0 <= x <= 10**9:
        fail("gates[%d] = %d is outside [0, 10^9]" % (i, x))
sys.exit(42)
