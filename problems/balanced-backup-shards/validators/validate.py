#!/usr/bin/env python3
"""Input validator of balanced-backup-shards (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `sizes` is a JSON array of 1..100000 integers in
[0, 10^9]; `k` is an integer with 1 <= k <= sizes.length.
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
    fail("expected 2 lines (sizes, k), got %d" % len(lines))
try:
    sizes = json.loads(lines[0])
    k = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(sizes, list) or not all(type(x) is int for x in sizes):
    fail("sizes must be an array of integers")
if not 1 <= len(sizes) <= 100000:
    fail("sizes.length = %d is outside [1, 100000]" % len(sizes))
for i, x in enumerate(sizes):
    if not 0 <= x <= 10**9:
        fail("sizes[%d] = %d is outside [0, 10^9]" % (i, x))
if type(k) is not int or not 1 <= k <= len(sizes):
    fail("k = %r is not an integer in [1, sizes.length = %d]" % (k, len(sizes)))
sys.exit(42)
