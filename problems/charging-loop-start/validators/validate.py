#!/usr/bin/env python3
"""Input validator of charging-loop-start (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `charge` and `cost` are JSON arrays of the same
length n, 1 <= n <= 100000, of integers in [0, 10^4].
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
    fail("expected 2 lines (charge, cost), got %d" % len(lines))
arrays = []
for name, line in zip(("charge", "cost"), lines):
    try:
        values = json.loads(line)
    except ValueError as e:
        fail("%s is not JSON: %s" % (name, e))
    if not isinstance(values, list) or not all(type(x) is int for x in values):
        fail("%s must be an array of integers" % name)
    if not 1 <= len(values) <= 100000:
        fail("%s.length = %d is outside [1, 100000]" % (name, len(values)))
    for i, x in enumerate(values):
        if not 0 <= x <= 10000:
            fail("%s[%d] = %d is outside [0, 10^4]" % (name, i, x))
    arrays.append(values)
if len(arrays[0]) != len(arrays[1]):
    fail("charge has %d pads but cost has %d" % (len(arrays[0]), len(arrays[1])))
sys.exit(42)
