#!/usr/bin/env python3
"""Input validator for alert-propagation-time (Kattis protocol): `n`
(1..5*10^4), a JSON array of at most 6*10^4 links [u, v, t] (u != v, both in
0..n-1, 1 <= t <= 2.1*10^9), then `source` in 0..n-1. Exits 42 when valid,
else prints why and exits 43."""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


def integer(text, name, lo, hi):
    if not re.fullmatch(r"0|[1-9][0-9]*", text):
        fail("%s = %r is not a non-negative integer" % (name, text[:20]))
    value = int(text)
    if not lo <= value <= hi:
        fail("%s = %d is out of %d..%d" % (name, value, lo, hi))
    return value


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
if len(lines) != 3:
    fail("expected 3 lines (n, links, source), got %d" % len(lines))
n = integer(lines[0], "n", 1, 5 * 10**4)
try:
    links = json.loads(lines[1])
except ValueError as e:
    fail("links is not JSON: %s" % e)
if not isinstance(links, list) or len(links) > 6 * 10**4:
    fail("links must be an array of at most 6*10^4 links")
for i, link in enumerate(links):
    if not isinstance(link, list) or len(link) != 3 or any(type(x) is not int for x in link):
        fail("links[%d] is not three integers" % i)
    u, v, t = link
    if not (0 <= u < n and 0 <= v < n) or u == v:
        fail("links[%d] = %r: need two different servers in 0..%d" % (i, link, n - 1))
    if not 1 <= t <= 2100000000:
        fail("links[%d] has time %d, outside 1..2.1*10^9" % (i, t))
integer(lines[2], "source", 0, n - 1)
sys.exit(42)
