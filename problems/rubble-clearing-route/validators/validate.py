#!/usr/bin/env python3
"""Input validator for rubble-clearing-route (Kattis protocol): a JSON R x C
grid of 0/1 (1 <= R, C <= 50, both corners 0) and an integer 0 <= k <= R*C,
one per line. Exits 42 when valid, else prints why and exits 43."""
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
    fail("expected 2 lines (grid, k), got %d" % len(lines))
try:
    grid = json.loads(lines[0])
except ValueError as e:
    fail("grid is not JSON: %s" % e)
if not isinstance(grid, list) or not 1 <= len(grid) <= 50:
    fail("grid must be an array of 1..50 rows")
cols = len(grid[0]) if isinstance(grid[0], list) else -1
if not 1 <= cols <= 50:
    fail("row 0 must have 1..50 cells")
for r, row in enumerate(grid):
    if not isinstance(row, list) or len(row) != cols:
        fail("row %d is not an array of %d cells" % (r, cols))
    for c, x in enumerate(row):
        if type(x) is not int or x not in (0, 1):
            fail("grid[%d][%d] = %r is not 0 or 1" % (r, c, x))
if grid[0][0] != 0 or grid[-1][-1] != 0:
    fail("the start and destination cells must be clear (0)")
if not re.fullmatch(r"0|[1-9][0-9]*", lines[1]):
    fail("k = %r is not a non-negative integer" % lines[1][:20])
k = int(lines[1])
if k > len(grid) * cols:
    fail("k = %d exceeds R * C = %d" % (k, len(grid) * cols))
sys.exit(42)
