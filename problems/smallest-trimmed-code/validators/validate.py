#!/usr/bin/env python3
"""Input validator of smallest-trimmed-code (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `code` is a JSON string of 1..100000 digits; `k` is
an integer with 0 <= k <= code.length.
"""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 2:
    fail("expected 2 lines (code, k), got %d" % len(lines))
try:
    code = json.loads(lines[0])
    k = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(code, str) or not 1 <= len(code) <= 100000:
    fail("code must be a string of 1 to 100000 characters")
bad = re.search(r"[^0-9]", code)
if bad:
    fail("code has %r at index %d; only digits are allowed" % (bad.group(), bad.start()))
if type(k) is not int or not 0 <= k <= len(code):
    fail("k = %r is not an integer in [0, code.length = %d]" % (k, len(code)))
sys.exit(42)
