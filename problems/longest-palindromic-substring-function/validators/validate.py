#!/usr/bin/env python3
"""Input validator of longest-palindromic-substring-function (Kattis protocol):
reads one case on stdin, exits 42 when it meets the statement's constraints,
otherwise prints what is wrong and exits 43."""
import json
import sys

ALLOWED = set("abcdefghijklmnopqrstuvwxyz0123456789")


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 1:
    fail("expected exactly 1 line (the JSON string s), got %d" % len(lines))
try:
    s = json.loads(lines[0])
except ValueError as e:
    fail("line 1 is not JSON: %s" % e)
if not isinstance(s, str):
    fail("s must be a JSON string, got %s" % type(s).__name__)
if not 1 <= len(s) <= 3000:
    fail("s.length = %d, expected 1..3000" % len(s))
bad = sorted(set(s) - ALLOWED)
if bad:
    fail("s holds characters other than lowercase letters and digits: %r" % "".join(bad[:10]))
sys.exit(42)
