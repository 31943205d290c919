#!/usr/bin/env python3
"""Input validator of gallery-guard-placements (Kattis protocol): reads one case on stdin,
exits 42 when it meets the statement's constraints, else says why and exits 43."""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


def read_params(names):
    """One JSON value per parameter, one per line, nothing else."""
    lines = sys.stdin.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(names):
        fail("expected %d lines (%s), got %d" % (len(names), ", ".join(names), len(lines)))
    values = []
    for name, line in zip(names, lines):
        try:
            values.append(json.loads(line))
        except ValueError as e:
            fail("%s is not JSON: %s" % (name, e))
    return values


def int_in(name, v, lo, hi):
    if type(v) is not int:
        fail("%s must be an integer, got %r" % (name, v))
    if not lo <= v <= hi:
        fail("%s = %d, expected %d..%d" % (name, v, lo, hi))


def int_list(name, v, min_len, max_len, lo, hi):
    if not isinstance(v, list):
        fail("%s must be a JSON array" % name)
    if not min_len <= len(v) <= max_len:
        fail("%s.length = %d, expected %d..%d" % (name, len(v), min_len, max_len))
    for i, x in enumerate(v):
        int_in("%s[%d]" % (name, i), x, lo, hi)


(floor,) = read_params(["floor"])
if not isinstance(floor, list) or not 1 <= len(floor) <= 12:
    fail("floor must be an array of 1..12 strings")
n = len(floor)
for r, row in enumerate(floor):
    if not isinstance(row, str) or len(row) != n:
        fail("floor[%d] must be a string of length %d" % (r, n))
    if set(row) - set(".#"):
        fail("floor[%d] holds characters other than '.' and '#'" % r)
sys.exit(42)
