#!/usr/bin/env python3
"""Input validator of ring-road-pickups (Kattis protocol): one case on stdin;
exit 42 when it meets the statement's constraints, else say why and exit 43."""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 1:
    fail("expected 1 line (parcels), got %d" % len(lines))
try:
    p = json.loads(lines[0])
except ValueError as e:
    fail("parcels is not JSON: %s" % e)
if not isinstance(p, list) or not all(type(v) is int for v in p):
    fail("parcels must be a JSON array of integers")
if not 1 <= len(p) <= 10**5:
    fail("parcels.length = %d, expected 1..100000" % len(p))
for i, v in enumerate(p):
    if not 0 <= v <= 10**4:
        fail("parcels[%d] = %d, expected 0..10000" % (i, v))
sys.exit(42)
