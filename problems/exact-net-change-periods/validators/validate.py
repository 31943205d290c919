#!/usr/bin/env python3
"""Input validator of exact-net-change-periods (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `changes` is a JSON array of 1..100000 integers in
[-10000, 10000]; `target` is an integer in [-10^9, 10^9].
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
    fail("expected 2 lines (changes, target), got %d" % len(lines))
try:
    changes = json.loads(lines[0])
    target = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(changes, list) or not all(type(x) is int for x in changes):
    fail("changes must be an array of integers")
if not 1 <= len(changes) <= 100000:
    fail("changes.length = %d is outside [1, 100000]" % len(changes))
for i, x in enumerate(changes):
    if not -10000 <= x <= 10000:
        fail("changes[%d] = %d is outside [-10000, 10000]" % (i, x))
if type(target) is not int or not -10**9 <= target <= 10**9:
    fail("target = %r is not an integer in [-10^9, 10^9]" % (target,))
sys.exit(42)
