#!/usr/bin/env python3
"""Input validator for reverse-parcel-groups (Kattis protocol): a JSON array
of 0..5*10^4 integers in [-10^9, 10^9], then k in 1..5*10^4. Exits 42 when
valid, else prints why and exits 43."""
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
    fail("expected 2 lines (head, k), got %d" % len(lines))
try:
    values = json.loads(lines[0])
except ValueError as e:
    fail("head is not JSON: %s" % e)
if not isinstance(values, list) or len(values) > 5 * 10**4:
    fail("head must be an array of at most 5*10^4 values")
for i, x in enumerate(values):
    if type(x) is not int or not -10**9 <= x <= 10**9:
        fail("head[%d] = %r is not an integer in [-10^9, 10^9]" % (i, x))
if not re.fullmatch(r"[1-9][0-9]*", lines[1]) or int(lines[1]) > 5 * 10**4:
    fail("k = %r is not an integer in 1..5*10^4" % lines[1][:20])
sys.exit(42)
