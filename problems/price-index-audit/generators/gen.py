#!/usr/bin/env python3
"""Writes the hidden cases of price-index-audit (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/price-index-audit/generators/gen.py

Trees are index arrays (no recursion: chains are 30000 deep) written in
level order. Maximum-size cases come first, mostly valid trees (a checker
that compares each node with its whole subtree must then do all the work);
invalid ones hide a violation deep below, where looking only at parent and
child misses it; extreme 32-bit values catch sentinel bounds.
"""
import json
import os
import random
from collections import deque

MAX_N = 3 * 10**4
LO, HI = -2**31, 2**31 - 1
rng = random.Random(2048)
cases = []


class Tree:
    def __init__(self):
        self.val, self.left, self.right = [], [], []

    def node(self, v):
        self.val.append(v)
        self.left.append(-1)
        self.right.append(-1)
        return len(self.val) - 1


def level_order(t):
    out = [t.val[0]]
    queue = deque([0])
    while queue:
        v = queue.popleft()
        for child in (t.left[v], t.right[v]):
            if child < 0:
                out.append(None)
            else:
                out.append(t.val[child])
                queue.append(child)
    while out[-1] is None:
        out.pop()
    return out


def solve(t):
    prev, stack, v = None, [], 0
    while stack or v >= 0:
        while v >= 0:
            stack.append(v)
            v = t.left[v]
        v = stack.pop()
        if prev is not None and t.val[v] <= prev:
            return False
        prev = t.val[v]
        v = t.right[v]
    return True


def distinct(n):
    return sorted(rng.sample(range(LO, HI + 1), n))


def chain(values, lean):
    t = Tree()
    order = values if lean == "right" else values[::-1]
    prev = -1
    for v in order:
        cur = t.node(v)
        if prev >= 0:
            (t.right if lean == "right" else t.left)[prev] = cur
        prev = cur
    return t


def complete_bst(values):
    t = Tree()
    mid = (len(values) - 1) // 2
    root = t.node(values[mid])
    stack = [(root, 0, mid, len(values) - 1)]
    while stack:
        v, lo, m, hi = stack.pop()
        if lo <= m - 1:
            c = (lo + m - 1) // 2
            t.left[v] = t.node(values[c])
            stack.append((t.left[v], lo, c, m - 1))
        if m + 1 <= hi:
            c = (m + 1 + hi) // 2
            t.right[v] = t.node(values[c])
            stack.append((t.right[v], m + 1, c, hi))
    return t


def random_bst(values):
    order = values[:]
    rng.shuffle(order)
    t = Tree()
    t.node(order[0])
    for v in order[1:]:
        cur = 0
        while True:
            side = t.left if v < t.val[cur] else t.right
            if side[cur] < 0:
                side[cur] = t.node(v)
                break
            cur = side[cur]
    return t


def deepest_grandchild_violation(t):
    """Makes one deep node break the rule against an ancestor but not against
    its parent: a right child's left child gets a value just below the
    grandparent's."""
    depth = [0] * len(t.val)
    parent = [-1] * len(t.val)
    order = [0]
    for v in order:
        for c in (t.left[v], t.right[v]):
            if c >= 0:
                depth[c] = depth[v] + 1
                parent[c] = v
                order.append(c)
    candidates = [v for v in order if t.left[v] < 0 and parent[v] >= 0 and t.right[parent[v]] == v]
    v = max(candidates, key=lambda x: depth[x])
    g = parent[v]
    t.left[v] = t.node(t.val[g] - 1 if t.val[g] > LO else t.val[g])
    return t


def add(name, tree):
    cases.append((name, tree))


add("01-max-right-chain-valid", chain(distinct(MAX_N), "right"))
add("02-max-left-chain-valid", chain(distinct(MAX_N), "left"))
add("03-max-complete-valid", complete_bst(distinct(MAX_N)))
add("04-max-random-valid", random_bst(distinct(MAX_N)))
add("05-max-chain-extremes-valid", chain([LO] + distinct(MAX_N - 2)[1:-1] + [HI], "right"))
add("06-max-random-deep-violation", deepest_grandchild_violation(random_bst(distinct(MAX_N - 1))))
vals = distinct(MAX_N)
vals[-1] = vals[-2]
add("07-max-chain-duplicate-at-end", chain(vals, "right"))
add("10-edge-single", chain([0], "right"))
add("11-edge-single-min", chain([LO], "right"))
add("12-edge-min-and-max", complete_bst([LO, 0, HI]))
add("13-edge-max-duplicated", chain([HI, HI], "right"))
add("14-edge-min-duplicated-left", chain([LO, LO], "left"))
add("15-edge-grandchild-too-small", deepest_grandchild_violation(complete_bst([1, 2, 3])))
add("16-edge-wrong-side", complete_bst([3, 2, 1]))
add("17-small-random-valid", random_bst(distinct(12)))
add("18-small-deep-violation", deepest_grandchild_violation(random_bst(list(range(0, 40, 2)))))
add("19-medium-valid", random_bst(distinct(1500)))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, tree in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(level_order(tree), separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("true\n" if solve(tree) else "false\n")
