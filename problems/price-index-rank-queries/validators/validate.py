#!/usr/bin/env python3
"""Input validator for price-index-rank-queries (Kattis protocol): a tree in
level order (1..3*10^4 nodes, values in [-10^9, 10^9], a valid BST with
distinct values), then a JSON array of 1..3*10^4 ranks in 1..n. Exits 42 when
valid, else prints why and exits 43."""
import json
import sys
from collections import deque

MAX_V = 10**9


def fail(message):
    print(message)
    sys.exit(43)


def load(line, name):
    try:
        return json.loads(line)
    except ValueError as e:
        fail("%s is not JSON: %s" % (name, e))


def is_int(x):
    return type(x) is int


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
if len(lines) != 2:
    fail("expected 2 lines (root, ks), got %d" % len(lines))
level = load(lines[0], "root")
if not isinstance(level, list) or not level or not is_int(level[0]):
    fail("root must be a non-empty level-order array whose first entry is a value")
if level[-1] is None:
    fail("trailing nulls must be left out")
# Rebuild the tree: the children of the queued nodes come in pairs, in order.
val, left, right = [level[0]], [-1], [-1]
queue = deque([0])
i = 1
while i < len(level):
    if not queue:
        fail("entry %d has no parent node" % i)
    parent = queue.popleft()
    for side in (left, right):
        if i >= len(level):
            break
        x = level[i]
        i += 1
        if x is None:
            continue
        if not is_int(x):
            fail("entry %d (%r) is neither an integer nor null" % (i - 1, x))
        val.append(x)
        left.append(-1)
        right.append(-1)
        side[parent] = len(val) - 1
        queue.append(len(val) - 1)
n = len(val)
if n > 3 * 10**4:
    fail("the tree has %d nodes, at most 3*10^4 allowed" % n)
for x in val:
    if not -MAX_V <= x <= MAX_V:
        fail("node value %d is out of [-10^9, 10^9]" % x)
# A BST with distinct values is exactly a tree whose inorder walk increases.
prev, stack, v = None, [], 0
while stack or v >= 0:
    while v >= 0:
        stack.append(v)
        v = left[v]
    v = stack.pop()
    if prev is not None and val[v] <= prev:
        fail("not a binary search tree with distinct values: %d follows %d in order" % (val[v], prev))
    prev = val[v]
    v = right[v]
ks = load(lines[1], "ks")
if not isinstance(ks, list) or not 1 <= len(ks) <= 3 * 10**4:
    fail("ks must be an array of 1..3*10^4 ranks")
for j, k in enumerate(ks):
    if not is_int(k) or not 1 <= k <= n:
        fail("ks[%d] = %r is not a rank in 1..%d" % (j, k, n))
sys.exit(42)
