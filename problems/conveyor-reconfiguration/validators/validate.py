#!/usr/bin/env python3
"""Input validator for conveyor-reconfiguration (Kattis protocol): `R C`
(1..500 each), then R lines of exactly C characters from {>, <, ^, v}.
Exits 42 when valid, else prints why and exits 43."""
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
    fail("first line %r is not `R C`" % lines[0][:40])
rows, cols = int(header.group(1)), int(header.group(2))
if not (rows <= 500 and cols <= 500):
    fail("R = %d, C = %d: both must be in 1..500" % (rows, cols))
if len(lines) != rows + 1:
    fail("expected %d grid lines, got %d" % (rows, len(lines) - 1))
row_re = re.compile(r"[<>^v]{%d}" % cols)
for r, line in enumerate(lines[1:]):
    if not row_re.fullmatch(line):
        fail("grid line %d is not %d characters from {>, <, ^, v}" % (r + 1, cols))
sys.exit(42)
