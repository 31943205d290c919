#!/usr/bin/env python3
"""Input validator for "Construct Binary Tree from Preorder and Inorder
Traversal" (Kattis protocol).

Reads one case on stdin: `preorder` and `inorder`, one JSON array of integers
per line. Exits 42 when the case meets the statement's constraints (equal
lengths 1..30000, distinct values in [-10^9, 10^9], both walks of one tree),
else prints why and exits 43.
"""
import json
import sys

MAX_LEN = 30000
MAX_VAL = 10**9


def fail(message):
    print(message)
    sys.exit(43)


def int_list(line, name):
    try:
        value = json.loads(line)
    except ValueError as e:
        fail("%s is not JSON: %s" % (name, e))
    if not isinstance(value, list):
        fail("%s is not an array" % name)
    for i, x in enumerate(value):
        if not isinstance(x, int) or isinstance(x, bool):
            fail("%s[%d] is not an integer" % (name, i))
        if not -MAX_VAL <= x <= MAX_VAL:
            fail("%s[%d] = %d is out of [-10^9, 10^9]" % (name, i, x))
    return value


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
if len(lines) != 2:
    fail("expected 2 lines, got %d" % len(lines))
preorder = int_list(lines[0], "preorder")
inorder = int_list(lines[1], "inorder")
n = len(preorder)
if not 1 <= n <= MAX_LEN:
    fail("preorder has %d values, expected 1..%d" % (n, MAX_LEN))
if len(inorder) != n:
    fail("preorder has %d values but inorder has %d" % (n, len(inorder)))
position = {v: i for i, v in enumerate(inorder)}
if len(position) != n:
    fail("inorder repeats a value")
if set(preorder) != set(position):
    fail("preorder and inorder hold different values")
# Rebuild the tree without recursion: each pending range of inorder must get
# its root from the next preorder value, and that root must lie in the range.
next_root = 0
pending = [(0, n)]
while pending:
    lo, hi = pending.pop()
    if lo >= hi:
        continue
    root = preorder[next_root]
    mid = position[root]
    if not lo <= mid < hi:
        fail("preorder[%d] = %d cannot be the root of inorder[%d:%d]: no tree has these walks"
             % (next_root, root, lo, hi))
    next_root += 1
    pending.append((mid + 1, hi))  # right subtree, after the left one
    pending.append((lo, mid))
sys.exit(42)
