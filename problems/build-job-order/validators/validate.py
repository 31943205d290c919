#!/usr/bin/env python3
"""Input validator for build-job-order (Kattis protocol): `n` (1..3*10^4), then
a JSON array of at most 6*10^4 distinct pairs [a, b], 0 <= a, b < n, a != b.
Exits 42 when valid, else prints why and exits 43."""
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
    fail("expected 2 lines (n, dependencies), got %d" % len(lines))
if not re.fullmatch(r"[1-9][0-9]*", lines[0]):
    fail("n = %r is not a positive integer" % lines[0][:20])
n = int(lines[0])
if n > 3 * 10**4:
    fail("n = %d exceeds 3*10^4" % n)
try:
    deps = json.loads(lines[1])
except ValueError as e:
    fail("dependencies is not JSON: %s" % e)
if not isinstance(deps, list) or len(deps) > 6 * 10**4:
    fail("dependencies must be an array of at most 6*10^4 pairs")
seen = set()
for i, pair in enumerate(deps):
    if not isinstance(pair, list) or len(pair) != 2 or any(type(x) is not int for x in pair):
        fail("dependencies[%d] is not a pair of integers" % i)
    a, b = pair
    if not (0 <= a < n and 0 <= b < n):
        fail("dependencies[%d] = [%d, %d] names a job outside 0..%d" % (i, a, b, n - 1))
    if a == b:
        fail("dependencies[%d] = [%d, %d] makes a job depend on itself" % (i, a, b))
    if (a, b) in seen:
        fail("dependencies[%d] = [%d, %d] appears twice" % (i, a, b))
    seen.add((a, b))
sys.exit(42)
