#!/usr/bin/env python3
"""Writes the hidden cases of construct-binary-tree-from-preorder-and-inorder
(deterministic: fixed seed). Trees are built first; both traversals and the
level-order answer are derived from them, iteratively (trees can be chains).

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random
from collections import deque

MAX_N = 30000
# Values of the large trees: distinct, from a narrower range so that the
# test data stays small.
BIG_VAL = 10**6
MAX_VAL = 10**9
rng = random.Random(424242)


class Node:
    __slots__ = ("val", "left", "right")

    def __init__(self, val):
        self.val, self.left, self.right = val, None, None


def distinct_values(n, lo=-MAX_VAL, hi=MAX_VAL):
    return rng.sample(range(lo, hi + 1), n)


def chain(vals, pattern):
    """pattern(i) -> 'L' or 'R': which side the next node hangs on."""
    root = Node(vals[0])
    node = root
    for i, v in enumerate(vals[1:]):
        child = Node(v)
        if pattern(i) == "L":
            node.left = child
        else:
            node.right = child
        node = child
    return root


def random_tree(vals):
    """Each new node hangs on a random free slot: shapes of every kind."""
    root = Node(vals[0])
    free = [(root, "left"), (root, "right")]
    for v in vals[1:]:
        k = rng.randrange(len(free))
        free[k], free[-1] = free[-1], free[k]
        parent, side = free.pop()
        child = Node(v)
        setattr(parent, side, child)
        free += [(child, "left"), (child, "right")]
    return root


def complete_tree(vals):
    nodes = [Node(v) for v in vals]
    for i, node in enumerate(nodes):
        if 2 * i + 1 < len(nodes):
            node.left = nodes[2 * i + 1]
        if 2 * i + 2 < len(nodes):
            node.right = nodes[2 * i + 2]
    return nodes[0]


def preorder(root):
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node:
            out.append(node.val)
            stack.append(node.right)
            stack.append(node.left)
    return out


def inorder(root):
    out, stack, node = [], [], root
    while stack or node:
        while node:
            stack.append(node)
            node = node.left
        node = stack.pop()
        out.append(node.val)
        node = node.right
    return out


def level_order(root):
    out, queue = [], deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append(None)
        else:
            out.append(node.val)
            queue.append(node.left)
            queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


cases = [
    ("01-single-negative", Node(-7)),
    ("02-left-child", chain([2, 1], lambda i: "L")),
    ("03-right-child", chain([1, 2], lambda i: "R")),
    ("04-full-seven", complete_tree([4, 2, 6, 1, 3, 5, 7])),
    ("05-zigzag-small", chain(distinct_values(9, -20, 20), lambda i: "LR"[i % 2])),
    ("06-extremes", complete_tree([0, -MAX_VAL, MAX_VAL])),
    ("07-random-small", random_tree(distinct_values(15, -50, 50))),
    ("08-random-100", random_tree(distinct_values(100))),
    ("09-complete-1000", complete_tree(distinct_values(1000))),
    ("10-random-5000", random_tree(distinct_values(5000))),
    ("11-max-random", random_tree(distinct_values(MAX_N, -BIG_VAL, BIG_VAL))),
    ("12-max-complete", complete_tree(distinct_values(MAX_N, -BIG_VAL, BIG_VAL))),
    ("13-max-left-chain", chain(distinct_values(MAX_N, -BIG_VAL, BIG_VAL), lambda i: "L")),
    ("14-max-right-chain", chain(distinct_values(MAX_N, -BIG_VAL, BIG_VAL), lambda i: "R")),
    ("15-max-zigzag", chain(distinct_values(MAX_N, -BIG_VAL, BIG_VAL), lambda i: "LR"[i % 2])),
    ("16-max-sorted-left-chain", chain(list(range(MAX_N, 0, -1)), lambda i: "L")),
    ("17-max-random-chain", chain(distinct_values(MAX_N, -BIG_VAL, BIG_VAL), lambda i: rng.choice("LR"))),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
dump = lambda v: json.dumps(v, separators=(",", ":"))
for name, root in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(dump(preorder(root)) + "\n" + dump(inorder(root)) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(dump(level_order(root)) + "\n")
