#!/usr/bin/env python3
"""Writes the hidden cases of relay-route-max-gain (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/relay-route-max-gain/generators/gen.py

Trees are index arrays (no recursion: chains are 30000 deep) written in
level order. Maximum-size cases come first: chains (deep; quadratic for a
search below every node), a large positive chain (sums near 3 * 10^13),
random and complete trees with mixed signs, and an all-negative tree.
"""
import json
import os
import random
from collections import deque

MAX_N = 3 * 10**4
MAX_V = 10**9
rng = random.Random(4711)
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
    """Post-order without recursion: best downward gain from each node."""
    n = len(t.val)
    order, stack = [], [0]
    while stack:
        v = stack.pop()
        order.append(v)
        for c in (t.left[v], t.right[v]):
            if c >= 0:
                stack.append(c)
    down = [0] * n
    best = None
    for v in reversed(order):
        l = max(0, down[t.left[v]]) if t.left[v] >= 0 else 0
        r = max(0, down[t.right[v]]) if t.right[v] >= 0 else 0
        down[v] = t.val[v] + max(l, r)
        through = t.val[v] + l + r
        best = through if best is None else max(best, through)
    return best


def shape_chain(values, pattern):
    """pattern: 'left', 'right' or 'zigzag'."""
    t = Tree()
    prev = -1
    for i, v in enumerate(values):
        cur = t.node(v)
        if prev >= 0:
            side = pattern if pattern != "zigzag" else ("left" if i % 2 else "right")
            (t.left if side == "left" else t.right)[prev] = cur
        prev = cur
    return t


def shape_random(values):
    """Each new node hangs from a random free child slot."""
    t = Tree()
    t.node(values[0])
    free = [(0, "l"), (0, "r")]
    for v in values[1:]:
        i = rng.randrange(len(free))
        free[i], free[-1] = free[-1], free[i]
        parent, side = free.pop()
        c = t.node(v)
        (t.left if side == "l" else t.right)[parent] = c
        free += [(c, "l"), (c, "r")]
    return t


def shape_complete(values):
    t = Tree()
    for i, v in enumerate(values):
        t.node(v)
        if i > 0:
            (t.left if i % 2 else t.right)[(i - 1) // 2] = i
    return t


def shape_broom(values):
    """A long chain whose bottom fans into two long arms: the best route bends."""
    t = Tree()
    third = len(values) // 3
    prev = -1
    for v in values[:third]:
        cur = t.node(v)
        if prev >= 0:
            t.left[prev] = cur
        prev = cur
    bottom = prev
    for side, part in (("l", values[third:2 * third]), ("r", values[2 * third:])):
        prev = bottom
        first = True
        for v in part:
            cur = t.node(v)
            if first:
                (t.left if side == "l" else t.right)[prev] = cur
                first = False
            else:
                (t.left if side == "l" else t.right)[prev] = cur
            prev = cur
    return t


def vals(n, lo=-MAX_V, hi=MAX_V):
    return [rng.randint(lo, hi) for _ in range(n)]


def add(name, tree):
    cases.append((name, tree))


add("01-max-left-chain-mixed", shape_chain(vals(MAX_N, -MAX_V, MAX_V // 2), "left"))
add("02-max-right-chain-positive", shape_chain([MAX_V] * MAX_N, "right"))
add("03-max-zigzag-mixed", shape_chain(vals(MAX_N), "zigzag"))
add("04-max-broom", shape_broom([-5] * (MAX_N // 3) + vals(2 * MAX_N // 3 + MAX_N % 3, -MAX_V // 2, MAX_V)))
add("05-max-random", shape_random(vals(MAX_N)))
add("06-max-complete", shape_complete(vals(MAX_N)))
add("07-max-all-negative", shape_random(vals(MAX_N, -MAX_V, -1)))
add("10-edge-single-negative", shape_chain([-MAX_V], "left"))
add("11-edge-single-positive", shape_chain([MAX_V], "left"))
add("12-edge-zeros", shape_complete([0] * 7))
add("13-edge-negative-root-positive-leaves", shape_complete([-100, 60, 70]))
add("14-edge-best-inside-subtree", shape_complete([-1, -2, 10, -6, -6, 5, 6]))
add("15-edge-all-negative-small", shape_complete([-7, -3, -9, -8, -1]))
add("16-small-random", shape_random(vals(10, -20, 20)))
add("17-small-random", shape_random(vals(25, -50, 40)))
add("18-medium-random", shape_random(vals(3000)))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, tree in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(level_order(tree), separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % solve(tree))
