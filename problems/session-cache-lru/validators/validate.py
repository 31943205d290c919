#!/usr/bin/env python3
"""Input validator for session-cache-lru (Kattis protocol): `cap q` (both
1..10^5), then q lines `get k` or `put k v` with 0 <= k, v <= 10^9.
Exits 42 when valid, else prints why and exits 43."""
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


NUM = r"(0|[1-9][0-9]{0,9})"
text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
header = re.fullmatch(r"([1-9][0-9]*) ([1-9][0-9]*)", lines[0])
if not header:
    fail("first line %r is not `cap q`" % lines[0][:30])
cap, q = int(header.group(1)), int(header.group(2))
if cap > 10**5 or q > 10**5:
    fail("cap = %d, q = %d: both must be in 1..10^5" % (cap, q))
if len(lines) != q + 1:
    fail("q = %d but %d command lines follow" % (q, len(lines) - 1))
get_re = re.compile(r"get " + NUM)
put_re = re.compile(r"put " + NUM + " " + NUM)
for i, line in enumerate(lines[1:], start=2):
    m = get_re.fullmatch(line) or put_re.fullmatch(line)
    if not m:
        fail("line %d (%r) is not `get k` or `put k v`" % (i, line[:30]))
    if any(int(x) > 10**9 for x in m.groups()):
        fail("line %d: a key or value exceeds 10^9" % i)
sys.exit(42)
