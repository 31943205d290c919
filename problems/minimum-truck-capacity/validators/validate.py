#!/usr/bin/env python3
"""Input validator of minimum-truck-capacity (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `weights` is a JSON array of 1..100000 integers in
[1, 10000]; `days` is an integer with 1 <= days <= weights.length.
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
    fail("expected 2 lines (weights, days), got %d" % len(lines))
try:
    weights = json.loads(lines[0])
    days = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(weights, list) or not all(type(x) is int for x in weights):
    fail("weights must be an array of integers")
if not 1 <= len(weights) <= 100000:
    fail("weights.length = %d is outside [1, 100000]" % len(weights))
for i, x in enumerate(weights):
    if not 1 <= x <= 10000:
        fail("weights[%d] = %d is outside [1, 10000]" % (i, x))
if type(days) is not int or not 1 <= days <= len(weights):
    fail("days = %r is not an integer in [1, weights.length = %d]" % (days, len(weights)))
sys.exit(42)
