#!/usr/bin/env python3
"""Input validator for "Number of Islands" (Kattis protocol).

Reads one case on stdin: `R C`, then R lines of exactly C characters from
{0, 1}. Exits 42 when the case meets the statement's constraints
(1 <= R, C <= 1000), else prints why and exits 43.
"""
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
header = re.fullmatch(r"([1-9][0-9]*) ([1-9][0-9]*)", lines[0])
if not header:
    fail("first line %r is not `R C` (two positive integers, one space)" % lines[0][:40])
rows, cols = int(header.group(1)), int(header.group(2))
if not (1 <= rows <= 1000 and 1 <= cols <= 1000):
    fail("R = %d, C = %d: both must be in 1..1000" % (rows, cols))
if len(lines) != rows + 1:
    fail("expected %d grid lines, got %d" % (rows, len(lines) - 1))
row_pattern = re.compile(r"[01]{%d}" % cols)
for r, line in enumerate(lines[1:], start=1):
    if not row_pattern.fullmatch(line):
        fail("grid line %d is not %d characters from {0, 1}" % (r, cols))
sys.exit(42)
