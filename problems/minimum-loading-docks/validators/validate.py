#!/usr/bin/env python3
"""Input validator of minimum-loading-docks (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `visits` is a JSON array of 1..50000 pairs
[arrival, departure] of integers with 0 <= arrival < departure <= 10^9.
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
    fail("expected 1 line (visits), got %d" % len(lines))
try:
    visits = json.loads(lines[0])
except ValueError as e:
    fail("visits is not JSON: %s" % e)
if not isinstance(visits, list):
    fail("visits must be an array")
if not 1 <= len(visits) <= 50000:
    fail("visits.length = %d is outside [1, 50000]" % len(visits))
for i, v in enumerate(visits):
    if not isinstance(v, list) or len(v) != 2 or not all(type(x) is int for x in v):
        fail("visits[%d] is not a pair of integers: %r" % (i, v))
    if not 0 <= v[0] < v[1] <= 10**9:
        fail("visits[%d] = %r breaks 0 <= arrival < departure <= 10^9" % (i, v))
sys.exit(42)
