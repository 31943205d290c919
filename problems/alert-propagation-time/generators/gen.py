#!/usr/bin/env python3
"""Writes the hidden cases of alert-propagation-time (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/alert-propagation-time/generators/gen.py

Maximum-size cases come first: a long chain of slow links listed backwards
(answers beyond 2^31, too many rounds for Bellman-Ford), random graphs,
an unreachable server, a star, a small dense graph.
"""
import heapq
import json
import os
import random

MAX_N = 5 * 10**4
MAX_M = 6 * 10**4
MAX_T = 2100000000
rng = random.Random(6502)
cases = []


def solve(n, links, source):
    out = [[] for _ in range(n)]
    for u, v, t in links:
        out[u].append((v, t))
    dist = [None] * n
    heap = [(0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if dist[u] is not None:
            continue
        dist[u] = d
        for v, t in out[u]:
            if dist[v] is None:
                heapq.heappush(heap, (d + t, v))
    return -1 if None in dist else max(dist)


def random_links(n, m, lo=1, hi=MAX_T):
    out = []
    while len(out) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            out.append([u, v, rng.randint(lo, hi)])
    return out


def reachable_links(n, m, source, lo=1, hi=MAX_T):
    """A random tree of links out of `source` reaching every server, plus random links."""
    order = list(range(n))
    order.remove(source)
    rng.shuffle(order)
    order.insert(0, source)
    links = [[order[rng.randrange(i)], order[i], rng.randint(lo, hi)] for i in range(1, n)]
    links += random_links(n, m - len(links), lo, hi)
    rng.shuffle(links)
    return links


def add(name, n, links, source):
    cases.append((name, n, links, source))


chain = [[i, i + 1, MAX_T] for i in range(MAX_N - 1)]
# The extra links all point back towards the source, so none is a shortcut.
back_links = [sorted(l[:2], reverse=True) + [l[2]] for l in random_links(MAX_N, MAX_M - MAX_N + 1, MAX_T, MAX_T)]
add("01-max-slow-chain-backwards", MAX_N, chain[::-1] + back_links, 0)
add("02-max-random", MAX_N, reachable_links(MAX_N, MAX_M, 4321), 4321)
links = [l for l in random_links(MAX_N, MAX_M) if l[1] != 777]
add("03-max-one-unreached", MAX_N, links, 5)
add("04-star", 10**4, [[0, v, rng.randint(1, MAX_T)] for v in range(1, 10**4)], 0)
add("05-dense-small", 200, random_links(200, 10**4, 1, 1000), 17)
perm = list(range(MAX_N))
rng.shuffle(perm)
shortcut_chain = [[perm[i], perm[i + 1], 1] for i in range(MAX_N - 1)]
shortcut_chain += [[perm[0], perm[i], MAX_T] for i in range(2, MAX_N, 5)]
rng.shuffle(shortcut_chain)
add("06-max-cheap-long-way", MAX_N, shortcut_chain, perm[0])
add("10-edge-single-server", 1, [], 0)
add("11-edge-two-no-link", 2, [], 1)
add("12-edge-only-incoming", 3, [[1, 0, 5], [2, 0, 5]], 0)
add("13-parallel-links", 2, [[0, 1, 9], [0, 1, 4], [0, 1, 7]], 0)
add("14-longer-route-faster", 4, [[0, 3, 100], [0, 1, 10], [1, 2, 10], [2, 3, 10]], 0)
add("15-max-times", 3, [[0, 1, MAX_T], [1, 2, MAX_T]], 0)
add("16-cycle", 4, [[0, 1, 1], [1, 2, 1], [2, 3, 1], [3, 0, 1]], 2)
add("17-small-random", 8, reachable_links(8, 14, 0, 1, 20), 0)
add("18-small-random", 12, random_links(12, 30, 1, 100), 3)
add("19-small-random-reachable", 12, reachable_links(12, 30, 3, 1, 100), 3)
add("20-medium-random", 1000, reachable_links(1000, 5000, 999), 999)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, n, links, source in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d\n%s\n%d\n" % (n, json.dumps(links, separators=(",", ":")), source))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % solve(n, links, source))
