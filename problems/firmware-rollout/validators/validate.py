#!/usr/bin/env python3
"""Input validator for firmware-rollout (Kattis protocol): one line, a JSON
R x C array of integers from {0, 1, 2} with 1 <= R, C <= 400. Exits 42 when
valid, else prints why and exits 43."""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n") or text.count("\n") != 1:
    fail("expected exactly one line ending with a newline")
try:
    grid = json.loads(text)
except ValueError as e:
    fail("grid is not JSON: %s" % e)
if not isinstance(grid, list) or not 1 <= len(grid) <= 400:
    fail("grid must be an array of 1..400 rows")
cols = len(grid[0]) if isinstance(grid[0], list) else -1
if not 1 <= cols <= 400:
    fail("row 0 must be an array of 1..400 cells")
for r, row in enumerate(grid):
    if not isinstance(row, list) or len(row) != cols:
        fail("row %d is not an array of %d cells" % (r, cols))
    for c, x in enumerate(row):
        if type(x) is not int or x not in (0, 1, 2):
            fail("grid[%d][%d] = %r is not 0, 1 or 2" % (r, c, x))
sys.exit(42)
