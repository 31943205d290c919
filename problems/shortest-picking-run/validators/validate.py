#!/usr/bin/env python3
"""Input validator of shortest-picking-run (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `shelf` and `order` are JSON arrays of 1..100000
integers, each in [1, 10^9].
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
    fail("expected 2 lines (shelf, order), got %d" % len(lines))
for name, line in zip(("shelf", "order"), lines):
    try:
        values = json.loads(line)
    except ValueError as e:
        fail("%s is not JSON: %s" % (name, e))
    if not isinstance(values, list) or not all(type(x) is int for x in values):
        fail("%s must be an array of integers" % name)
    if not 1 <= len(values) <= 100000:
        fail("%s.length = %d is outside [1, 100000]" % (name, len(values)))
    for i, x in enumerate(values):
        if not 1 <= x <= 10**9:
            fail("%s[%d] = %d is outside [1, 10^9]" % (name, i, x))
sys.exit(42)
