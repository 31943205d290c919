#!/usr/bin/env python3
"""Input validator of steady-sensor-stretch (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `readings` is a JSON array of 1..100000 integers in
[-2*10^9, 2*10^9]; `tolerance` is an integer in [0, 2*10^9].
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
    fail("expected 2 lines (readings, tolerance), got %d" % len(lines))
try:
    readings = json.loads(lines[0])
    tolerance = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(readings, list) or not all(type(x) is int for x in readings):
    fail("readings must be an array of integers")
if not 1 <= len(readings) <= 100000:
    fail("readings.length = %d is outside [1, 100000]" % len(readings))
for i, x in enumerate(readings):
    if not -2 * 10**9 <= x <= 2 * 10**9:
        fail("readings[%d] = %d is outside [-2*10^9, 2*10^9]" % (i, x))
if type(tolerance) is not int or not 0 <= tolerance <= 2 * 10**9:
    fail("tolerance = %r is not an integer in [0, 2*10^9]" % (tolerance,))
sys.exit(42)
