#!/usr/bin/env python3
"""Input validator for unknown-alphabet-order (Kattis protocol): one line, a
JSON array of 1..2*10^4 words, each 1..20 lowercase letters. Exits 42 when
valid, else prints why and exits 43."""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n") or text.count("\n") != 1:
    fail("expected exactly one line ending with a newline")
try:
    words = json.loads(text)
except ValueError as e:
    fail("words is not JSON: %s" % e)
if not isinstance(words, list) or not 1 <= len(words) <= 2 * 10**4:
    fail("words must be an array of 1..2*10^4 strings")
word = re.compile(r"[a-z]{1,20}")
for i, w in enumerate(words):
    if not isinstance(w, str) or not word.fullmatch(w):
        fail("words[%d] is not 1..20 lowercase letters" % i)
sys.exit(42)
