#!/usr/bin/env python3
"""Input validator of fewest-cancelled-slots (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `slots` is a JSON array of 1..50000 pairs
[start, end] of integers with 0 <= start < end <= 10^9.
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
    fail("expected 1 line (slots), got %d" % len(lines))
try:
    slots = json.loads(lines[0])
except ValueError as e:
    fail("slots is not JSON: %s" % e)
if not isinstance(slots, list):
    fail("slots must be an array")
if not 1 <= len(slots) <= 50000:
    fail("slots.length = %d is outside [1, 50000]" % len(slots))
for i, s in enumerate(slots):
    if not isinstance(s, list) or len(s) != 2 or not all(type(x) is int for x in s):
        fail("slots[%d] is not a pair of integers: %r" % (i, s))
    if not 0 <= s[0] < s[1] <= 10**9:
        fail("slots[%d] = %r breaks 0 <= start < end <= 10^9" % (i, s))
sys.exit(42)
