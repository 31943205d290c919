#!/usr/bin/env python3
"""Input validator of matching-ledger-entries (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `entries` is a JSON array of 2..100000 integers in
[-10^9, 10^9]; `gap` is an integer in [-2*10^9, 2*10^9].
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
    fail("expected 2 lines (entries, gap), got %d" % len(lines))
try:
    entries = json.loads(lines[0])
    gap = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(entries, list) or not all(type(x) is int for x in entries):
    fail("entries must be an array of integers")
if not 2 <= len(entries) <= 100000:
    fail("entries.length = %d is outside [2, 100000]" % len(entries))
for i, x in enumerate(entries):
    if not -10**9 <= x <= 10**9:
        fail("entries[%d] = %d is outside [-10^9, 10^9]" % (i, x))
if type(gap) is not int or not -2 * 10**9 <= gap <= 2 * 10**9:
    fail("gap = %r is not an integer in [-2*10^9, 2*10^9]" % (gap,))
sys.exit(42)
