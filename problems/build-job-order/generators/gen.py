#!/usr/bin/env python3
"""Writes the hidden cases of build-job-order (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/build-job-order/generators/gen.py

The answer files hold one valid order (Kahn's algorithm) or [] for a cycle;
the checker accepts any valid order. Maximum-size cases come first.
"""
import json
import os
import random
from collections import deque

MAX_N = 3 * 10**4
MAX_M = 6 * 10**4
rng = random.Random(4242)
cases = []


def solve(n, deps):
    out = [[] for _ in range(n)]
    indegree = [0] * n
    for a, b in deps:
        out[a].append(b)
        indegree[b] += 1
    ready = deque(v for v in range(n) if indegree[v] == 0)
    order = []
    while ready:
        v = ready.popleft()
        order.append(v)
        for w in out[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    return order if len(order) == n else []


def relabel(n, deps):
    """Hides the structure behind random job numbers and a random pair order."""
    perm = list(range(n))
    rng.shuffle(perm)
    deps = [[perm[a], perm[b]] for a, b in deps]
    rng.shuffle(deps)
    return deps


def random_dag(n, m):
    pairs = set()
    while len(pairs) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    return [list(p) for p in pairs]


def chain(n):
    return [[i, i + 1] for i in range(n - 1)]


def add(name, n, deps):
    cases.append((name, n, deps))


add("01-max-chain", MAX_N, relabel(MAX_N, chain(MAX_N)))
add("02-max-random-dag", MAX_N, relabel(MAX_N, random_dag(MAX_N, MAX_M)))
add("03-max-long-cycle", MAX_N, relabel(MAX_N, chain(MAX_N) + [[MAX_N - 1, 0]]))
add("04-max-dag-plus-one-back-edge", MAX_N,
    relabel(MAX_N, chain(MAX_N)[: MAX_N // 2] + random_dag(MAX_N, MAX_M - MAX_N) + [[MAX_N // 2, MAX_N // 4]]))
add("05-max-no-dependencies", MAX_N, [])
add("06-max-star", MAX_N, relabel(MAX_N, [[0, i] for i in range(1, MAX_N)]))
add("07-max-reverse-star", MAX_N, relabel(MAX_N, [[i, 0] for i in range(1, MAX_N)]))
add("10-edge-single-job", 1, [])
add("11-edge-two-cycle", 2, [[0, 1], [1, 0]])
add("12-edge-two-jobs-one-dep", 2, [[1, 0]])
add("13-cycle-beside-free-jobs", 6, [[0, 1], [2, 3], [3, 4], [4, 2]])
add("14-components", 8, [[0, 1], [1, 2], [3, 4], [5, 6], [6, 7], [5, 7]])
add("15-diamond", 5, [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4]])
add("16-small-random-dag", 12, relabel(12, random_dag(12, 20)))
add("17-small-random-cycle", 12, relabel(12, random_dag(12, 15) + [[11, 0]] + chain(12)[:11]))
add("18-medium-random-dag", 500, relabel(500, random_dag(500, 2000)))
add("19-medium-cycle-of-three", 500, relabel(500, random_dag(500, 1500) + [[1, 2], [2, 3], [3, 1]]))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, n, deps in cases:
    # random_dag may repeat a pair the extra edges add; the statement promises none.
    seen, unique = set(), []
    for a, b in deps:
        if (a, b) not in seen:
            seen.add((a, b))
            unique.append([a, b])
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d\n%s\n" % (n, json.dumps(unique, separators=(",", ":"))))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(solve(n, unique), separators=(",", ":")) + "\n")
