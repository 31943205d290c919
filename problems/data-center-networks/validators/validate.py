#!/usr/bin/env python3
"""Input validator for data-center-networks (Kattis protocol): `n`
(2..8*10^4), then a JSON array of 1..8*10^4 pairs [a, b], 0 <= a, b < n,
a != b. Exits 42 when valid, else prints why and exits 43."""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
if len(lines) != 2:
    fail("expected 2 lines (n, cables), got %d" % len(lines))
if not re.fullmatch(r"[1-9][0-9]*", lines[0]) or not 2 <= int(lines[0]) <= 8 * 10**4:
    fail("n = %r is not an integer in 2..8*10^4" % lines[0][:20])
n = int(lines[0])
try:
    cables = json.loads(lines[1])
except ValueError as e:
    fail("cables is not JSON: %s" % e)
if not isinstance(cables, list) or not 1 <= len(cables) <= 8 * 10**4:
    fail("cables must be an array of 1..8*10^4 pairs")
for i, pair in enumerate(cables):
    if not isinstance(pair, list) or len(pair) != 2 or any(type(x) is not int for x in pair):
        fail("cables[%d] is not a pair of integers" % i)
    a, b = pair
    if not (0 <= a < n and 0 <= b < n) or a == b:
        fail("cables[%d] = [%d, %d]: need two different servers in 0..%d" % (i, a, b, n - 1))
sys.exit(42)
