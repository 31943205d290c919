#!/usr/bin/env python3
"""Input validator for relay-route-max-gain (Kattis protocol): one line, a
tree in level order with 1..3*10^4 nodes and values in [-10^9, 10^9].
Exits 42 when valid, else prints why and exits 43."""
import json
import sys
from collections import deque


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n") or text.count("\n") != 1:
    fail("expected exactly one line ending with a newline")
try:
    level = json.loads(text)
except ValueError as e:
    fail("root is not JSON: %s" % e)
if not isinstance(level, list) or not level or type(level[0]) is not int:
    fail("root must be a non-empty level-order array whose first entry is a value")
if level[-1] is None:
    fail("trailing nulls must be left out")
# Each queued node takes the next two entries as its children.
nodes = 1
queue = deque([0])
i = 1
while i < len(level):
    if not queue:
        fail("entry %d has no parent node" % i)
    queue.popleft()
    for _ in range(2):
        if i >= len(level):
            break
        x = level[i]
        i += 1
        if x is None:
            continue
        if type(x) is not int:
            fail("entry %d (%r) is neither an integer nor null" % (i - 1, x))
        nodes += 1
        queue.append(nodes - 1)
if nodes > 3 * 10**4:
    fail("the tree has %d nodes, at most 3*10^4 allowed" % nodes)
for x in level:
    if x is not None and not -10**9 <= x <= 10**9:
        fail("node value %d is out of [-10^9, 10^9]" % x)
sys.exit(42)
