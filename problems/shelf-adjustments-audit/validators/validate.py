#!/usr/bin/env python3
"""Input validator of shelf-adjustments-audit (Kattis protocol: exit 42 valid, 43 invalid).

Checks the exact format: "n m q", then m lines "l r v", then q lines "a b",
single spaces, every line ending in a newline, and all stated bounds.
"""
import re
import sys

INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")


def fail(message):
    print(message)
    sys.exit(43)


def ints(line_no, line, count):
    parts = line.split(" ")
    if len(parts) != count or not all(INT.match(p) for p in parts):
        fail("line %d: expected %d integers separated by single spaces, got %r" % (line_no, count, line[:60]))
    return [int(p) for p in parts]


data = sys.stdin.buffer.read().decode("ascii", errors="replace")
if not data.endswith("\n"):
    fail("input does not end with a newline")
lines = data[:-1].split("\n")
n, m, q = ints(1, lines[0], 3)
if not 1 <= n <= 100000:
    fail("line 1: n = %d is outside [1, 100000]" % n)
if not 1 <= m <= 100000 or not 1 <= q <= 100000:
    fail("line 1: m = %d or q = %d is outside [1, 100000]" % (m, q))
if len(lines) != 1 + m + q:
    fail("expected %d lines (1 + m + q), got %d" % (1 + m + q, len(lines)))
for i in range(1, 1 + m):
    l, r, v = ints(i + 1, lines[i], 3)
    if not 1 <= l <= r <= n:
        fail("line %d: adjustment %d %d breaks 1 <= l <= r <= n = %d" % (i + 1, l, r, n))
    if not -1000 <= v <= 1000:
        fail("line %d: v = %d is outside [-1000, 1000]" % (i + 1, v))
for i in range(1 + m, 1 + m + q):
    a, b = ints(i + 1, lines[i], 2)
    if not 1 <= a <= b <= n:
        fail("line %d: question %d %d breaks 1 <= a <= b <= n = %d" % (i + 1, a, b, n))
sys.exit(42)
