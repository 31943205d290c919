#!/usr/bin/env python3
"""Input validator of merge-room-bookings (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `bookings` is a JSON array of 1..50000 pairs
[start, end] of integers with 0 <= start <= end <= 10^9.
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
    fail("expected 1 line (bookings), got %d" % len(lines))
try:
    bookings = json.loads(lines[0])
except ValueError as e:
    fail("bookings is not JSON: %s" % e)
if not isinstance(bookings, list):
    fail("bookings must be an array")
if not 1 <= len(bookings) <= 50000:
    fail("bookings.length = %d is outside [1, 50000]" % len(bookings))
for i, b in enumerate(bookings):
    if not isinstance(b, list) or len(b) != 2 or not all(type(x) is int for x in b):
        fail("bookings[%d] is not a pair of integers: %r" % (i, b))
    if not 0 <= b[0] <= b[1] <= 10**9:
        fail("bookings[%d] = %r breaks 0 <= start <= end <= 10^9" % (i, b))
sys.exit(42)
