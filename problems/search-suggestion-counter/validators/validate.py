#!/usr/bin/env python3
"""Input validator for search-suggestion-counter (Kattis protocol): `q`
(1..5*10^4), then q lines `add|remove|count|prefix <word>`, each word 1..12
lowercase letters. Exits 42 when valid, else prints why and exits 43."""
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
if not re.fullmatch(r"[1-9][0-9]*", lines[0]) or int(lines[0]) > 5 * 10**4:
    fail("first line %r is not q in 1..5*10^4" % lines[0][:20])
q = int(lines[0])
if len(lines) != q + 1:
    fail("q = %d but %d command lines follow" % (q, len(lines) - 1))
command = re.compile(r"(add|remove|count|prefix) [a-z]{1,12}")
for i, line in enumerate(lines[1:], start=2):
    if not command.fullmatch(line):
        fail("line %d (%r) is not `add|remove|count|prefix <1..12 lowercase letters>`" % (i, line[:30]))
sys.exit(42)
