#!/usr/bin/env python3
"""Input validator of cheapest-stair-climb (Kattis protocol): reads one case on
stdin, exits 42 when it meets the statement's constraints, else says why and
exits 43. The format is strict: two lines, single spaces, a final newline."""
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


data = sys.stdin.read()
if not data.endswith("\n"):
    fail("the input must end with a newline")
lines = data[:-1].split("\n")
if len(lines) != 2:
    fail("expected 2 lines (n, then the costs), got %d" % len(lines))
if not re.fullmatch(r"[1-9][0-9]*", lines[0]):
    fail("line 1 must be the integer n, got %r" % lines[0][:20])
n = int(lines[0])
if not 1 <= n <= 10**5:
    fail("n = %d, expected 1..100000" % n)
tokens = lines[1].split(" ")
if len(tokens) != n:
    fail("line 2 holds %d values separated by single spaces, expected n = %d" % (len(tokens), n))
for i, t in enumerate(tokens):
    if not re.fullmatch(r"0|[1-9][0-9]*", t):
        fail("cost[%d] = %r is not a non-negative integer" % (i, t[:20]))
    if int(t) > 10**5:
        fail("cost[%d] = %s, expected 0..100000" % (i, t))
sys.exit(42)
