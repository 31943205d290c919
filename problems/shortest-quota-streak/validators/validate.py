#!/usr/bin/env python3
"""Input validator of shortest-quota-streak (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `sales` is a JSON array of 1..100000 integers in
[1, 100000]; `quota` is an integer in [1, 10^9].
"""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 2:
    fail("expected 2 lines (sales, quota), got %d" % len(lines))
try:
    sales = json.loads(lines[0])
    quota = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(sales, list) or not all(type(x) is int for x in sales):
    fail("sales must be an array of integers")
if not 1 <= len(sales) <= 100000:
    fail("sales.length = %d is outside [1, 100000]" % len(sales))
for i, x in enumerate(sales):
    if not 1 <= x <= 100000:
        fail("sales[%d] = %d is outside [1, 100000]" % (i, x))
if type(quota) is not int or not 1 <= quota <= 10**9:
    fail("quota = %r is not an integer in [1, 10^9]" % (quota,))
sys.exit(42)
