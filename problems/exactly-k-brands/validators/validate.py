#!/usr/bin/env python3
"""Input validator of exactly-k-brands (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `brands` is a JSON array of 1..100000 integers in
[1, 10^9]; `k` is an integer with 1 <= k <= brands.length.
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
    fail("expected 2 lines (brands, k), got %d" % len(lines))
try:
    brands = json.loads(lines[0])
    k = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(brands, list) or not all(type(x) is int for x in brands):
    fail("brands must be an array of integers")
if not 1 <= len(brands) <= 100000:
    fail("brands.length = %d is outside [1, 100000]" % len(brands))
for i, x in enumerate(brands):
    if not 1 <= x <= 10**9:
        fail("brands[%d] = %d is outside [1, 10^9]" % (i, x))
if type(k) is not int or not 1 <= k <= len(brands):
    fail("k = %r is not an integer in [1, brands.length = %d]" % (k, len(brands)))
sys.exit(42)
