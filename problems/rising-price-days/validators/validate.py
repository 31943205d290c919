#!/usr/bin/env python3
"""Input validator of rising-price-days (Kattis protocol): reads one case on stdin,
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


(prices,) = read_params(["prices"])
int_list("prices", prices, 1, 10**5, -10**9, 10**9)
sys.exit(42)
