#!/usr/bin/env python3
"""Writes the hidden cases of price-index-rank-queries (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/price-index-rank-queries/generators/gen.py

Trees are built as index arrays (no recursion, so 30000-deep chains are
fine) and written in level order. Maximum-size cases come first: chains
leaning either way, a zigzag, a random and a complete tree, each with 30000
questions with large ranks (a walk per question is too slow).
"""
import json
import os
import random
from collections import deque

MAX_N = 3 * 10**4
MAX_V = 10**9
rng = random.Random(1729)
cases = []


class Tree:
    def __init__(self):
        self.val, self.left, self.right = [], [], []

    def node(self, v):
        self.val.append(v)
        self.left.append(-1)
        self.right.append(-1)
        return len(self.val) - 1


def level_order(t, root=0):
    out = [t.val[root]]
    queue = deque([root])
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


def inorder(t, root=0):
    out, stack, v = [], [], root
    while stack or v >= 0:
        while v >= 0:
            stack.append(v)
            v = t.left[v]
        v = stack.pop()
        out.append(t.val[v])
        v = t.right[v]
    return out


def distinct_values(n):
    return sorted(rng.sample(range(-MAX_V, MAX_V + 1), n))


def chain(values, lean):
    """lean 'right': each node the right child of the previous (values ascending)."""
    t = Tree()
    order = values if lean == "right" else values[::-1]
    prev = -1
    for v in order:
        cur = t.node(v)
        if prev >= 0:
            (t.right if lean == "right" else t.left)[prev] = cur
        prev = cur
    return t


def zigzag(values):
    """Alternates right and left children, narrowing the value range each step."""
    t = Tree()
    lo, hi = 0, len(values) - 1
    prev, side = -1, None
    take_low = True
    while lo <= hi:
        v = values[lo] if take_low else values[hi]
        cur = t.node(v)
        if prev >= 0:
            (t.right if side == "right" else t.left)[prev] = cur
        side = "right" if take_low else "left"
        if take_low:
            lo += 1
        else:
            hi -= 1
        prev = cur
        take_low = not take_low
    return t


def complete(values):
    t = Tree()
    root = t.node(values[(len(values) - 1) // 2])
    stack = [(root, 0, (len(values) - 1) // 2, len(values) - 1)]
    while stack:
        v, lo, mid, hi = stack.pop()
        if lo <= mid - 1:
            m = (lo + mid - 1) // 2
            c = t.node(values[m])
            t.left[v] = c
            stack.append((c, lo, m, mid - 1))
        if mid + 1 <= hi:
            m = (mid + 1 + hi) // 2
            c = t.node(values[m])
            t.right[v] = c
            stack.append((c, mid + 1, m, hi))
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


def big_ks(n, q):
    return [rng.randint(n // 2, n) for _ in range(q)]


def add(name, tree, ks):
    cases.append((name, tree, ks))


add("01-max-right-chain", chain(distinct_values(MAX_N), "right"), big_ks(MAX_N, MAX_N))
add("02-max-left-chain", chain(distinct_values(MAX_N), "left"), big_ks(MAX_N, MAX_N))
add("03-max-zigzag", zigzag(distinct_values(MAX_N)), big_ks(MAX_N, MAX_N))
add("04-max-random", random_bst(distinct_values(MAX_N)), [rng.randint(1, MAX_N) for _ in range(MAX_N)])
add("05-max-complete", complete(distinct_values(MAX_N)), big_ks(MAX_N, MAX_N))
add("10-edge-single-node", complete([7]), [1])
add("11-edge-two-nodes-left", chain([1, 2], "left"), [1, 2])
add("12-edge-two-nodes-right", chain([1, 2], "right"), [2, 1])
add("13-edge-extremes", complete([-MAX_V, 0, MAX_V]), [1, 2, 3, 3, 1])
add("14-edge-all-ranks", random_bst(list(range(-10, 11))), list(range(1, 22)))
add("15-negatives", random_bst(sorted(rng.sample(range(-MAX_V, 0), 50))), [rng.randint(1, 50) for _ in range(20)])
add("16-same-question", complete(distinct_values(100)), [37] * 100)
add("17-small-random", random_bst(distinct_values(10)), [rng.randint(1, 10) for _ in range(10)])
add("18-small-zigzag", zigzag(distinct_values(9)), list(range(9, 0, -1)))
add("19-medium-random", random_bst(distinct_values(2000)), [rng.randint(1, 2000) for _ in range(2000)])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, tree, ks in cases:
    sorted_vals = inorder(tree)
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(level_order(tree), separators=(",", ":")) + "\n" + json.dumps(ks, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps([sorted_vals[k - 1] for k in ks], separators=(",", ":")) + "\n")
