#!/usr/bin/env python3
"""Input validator of days-until-higher-reading (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `readings` is a JSON array of 1..100000 integers in [-10^9, 10^9].
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
    fail("expected 1 line (readings), got %d" % len(lines))
try:
    readings = json.loads(lines[0])
except ValueError as e:
    fail("readings is not JSON: %s" % e)
if not isinstance(readings, list) or not all(type(x) is int for x in readings):
    fail("readings must be an array of integers")
if not 1 <= len(readings) <= 100000:
    fail("readings.length = %d is outside [1, 100000]" % len(readings))
for i, x in enumerate(readings):
    if not -10**9 <= x <= 10**9:
        fail("readings[%d] = %d is outside [-10^9, 10^9]" % (i, x))
sys.exit(42)
