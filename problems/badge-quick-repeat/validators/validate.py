#!/usr/bin/env python3
"""Input validator of badge-quick-repeat (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `badges` is a JSON array of 1..100000 integers in
[1, 10^9]; `k` is an integer in [1, 100000].
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
    fail("expected 2 lines (badges, k), got %d" % len(lines))
try:
    badges = json.loads(lines[0])
    k = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(badges, list) or not all(type(x) is int for x in badges):
    fail("badges must be an array of integers")
if not 1 <= len(badges) <= 100000:
    fail("badges.length = %d is outside [1, 100000]" % len(badges))
for i, x in enumerate(badges):
    if not 1 <= x <= 10**9:
        fail("badges[%d] = %d is outside [1, 10^9]" % (i, x))
if type(k) is not int or not 1 <= k <= 100000:
    fail("k = %r is not an integer in [1, 100000]" % (k,))
sys.exit(42)
