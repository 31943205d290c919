#!/usr/bin/env python3
"""Writes the hidden cases of session-cache-lru (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/session-cache-lru/generators/gen.py

Maximum-size streams come first: a large cache that keeps evicting (too
slow when each eviction scans all entries), and a mix of hits and misses.
"""
import os
import random
from collections import OrderedDict

MAX_Q = 10**5
MAX_KV = 10**9
rng = random.Random(4096)
cases = []


def solve(cap, commands):
    cache = OrderedDict()
    out = []
    for cmd in commands:
        if cmd[0] == "get":
            k = cmd[1]
            if k in cache:
                cache.move_to_end(k)
                out.append(cache[k])
            else:
                out.append(-1)
        else:
            _, k, v = cmd
            if k in cache:
                cache.move_to_end(k)
            elif len(cache) == cap:
                cache.popitem(last=False)
            cache[k] = v
    return out


def stream(q, keys, p_get, vmax=10**6):
    return [("get", rng.choice(keys)) if rng.random() < p_get else ("put", rng.choice(keys), rng.randint(0, vmax))
            for _ in range(q)]


def add(name, cap, commands):
    cases.append((name, cap, commands))


half = MAX_Q // 2
keys = rng.sample(range(MAX_KV + 1), MAX_Q)
add("01-max-evict-every-put", half, [("put", k, rng.randint(0, 99)) for k in keys[:half]] +
    [("put", k, 7) if i % 2 == 0 else ("get", keys[i]) for i, k in enumerate(keys[half:])])
add("02-max-mixed-hits", 3000, stream(MAX_Q, rng.sample(range(MAX_KV + 1), 5000), 0.5))
add("03-cache-holds-everything", MAX_Q, stream(2 * 10**4, list(range(1000)), 0.5))
add("04-capacity-one", 1, stream(2 * 10**4, [0, 1, 2], 0.5))
add("05-get-refresh-pattern", 3, [("put", 1, 1), ("put", 2, 2), ("put", 3, 3), ("get", 1), ("put", 4, 4),
                                  ("get", 2), ("get", 1), ("get", 3), ("get", 4)])
add("10-edge-gets-only", 5, [("get", 0), ("get", MAX_KV)])
add("11-edge-extreme-values", 2, [("put", MAX_KV, MAX_KV), ("put", 0, 0), ("get", MAX_KV), ("get", 0)])
add("12-edge-update-refreshes", 2, [("put", 1, 1), ("put", 2, 2), ("put", 1, 5), ("put", 3, 3), ("get", 1),
                                    ("get", 2), ("get", 3)])
add("13-edge-update-no-evict", 2, [("put", 1, 1), ("put", 2, 2), ("put", 2, 9), ("get", 1), ("get", 2)])
add("14-edge-value-zero", 1, [("put", 4, 0), ("get", 4), ("put", 5, 0), ("get", 4), ("get", 5)])
add("15-small-random", 3, stream(60, list(range(6)), 0.5, 50))
add("16-small-random", 5, stream(200, list(range(12)), 0.6, 1000))
add("18-same-key-many-puts", 2, [("put", 9, i) for i in range(500)] + [("get", 9), ("put", 8, 8), ("get", 9)])
add("19-cyclic-scan-over-capacity", 4, [("put", i % 5, i) if j % 2 == 0 else ("get", (i + 1) % 5)
                                         for i in range(200) for j in range(2)])
add("17-medium-random", 100, stream(5000, rng.sample(range(MAX_KV + 1), 300), 0.5, MAX_KV))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, cap, commands in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d %d\n" % (cap, len(commands)) + "".join(" ".join(map(str, c)) + "\n" for c in commands))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("".join("%d\n" % x for x in solve(cap, commands)))
