#!/usr/bin/env python3
"""Input validator of top-k-search-terms (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `queries` is a JSON array of 1..100000 strings of
1..10 lowercase letters; `k` is an integer in [1, number of distinct queries].
"""
import json
import re
import sys

TERM = re.compile(r"[a-z]{1,10}\Z")


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 2:
    fail("expected 2 lines (queries, k), got %d" % len(lines))
try:
    queries = json.loads(lines[0])
    k = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(queries, list) or not all(isinstance(q, str) for q in queries):
    fail("queries must be an array of strings")
if not 1 <= len(queries) <= 100000:
    fail("queries.length = %d is outside [1, 100000]" % len(queries))
for i, q in enumerate(queries):
    if not TERM.match(q):
        fail("queries[%d] = %r is not 1 to 10 lowercase letters" % (i, q[:20]))
distinct = len(set(queries))
if type(k) is not int or not 1 <= k <= distinct:
    fail("k = %r is not an integer in [1, %d distinct terms]" % (k, distinct))
sys.exit(42)
