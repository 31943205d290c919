#!/usr/bin/env python3
"""Writes the hidden cases of search-suggestion-counter (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/search-suggestion-counter/generators/gen.py

Maximum-size command streams come first: a large store queried by prefix
(too slow when each prefix scans every word), words over two letters (deep
shared prefixes), removals of absent words and of mere prefixes of stored
words.
"""
import os
import random
from collections import Counter

MAX_Q = 5 * 10**4
rng = random.Random(2718)
cases = []


def solve(commands):
    words = Counter()
    prefixes = Counter()
    out = []
    for op, w in commands:
        if op == "add":
            words[w] += 1
            for i in range(1, len(w) + 1):
                prefixes[w[:i]] += 1
        elif op == "remove":
            if words[w] > 0:
                words[w] -= 1
                for i in range(1, len(w) + 1):
                    prefixes[w[:i]] -= 1
        elif op == "count":
            out.append(words[w])
        else:
            out.append(prefixes[w])
    return out


def word(letters, lo=1, hi=12):
    return "".join(rng.choice(letters) for _ in range(rng.randint(lo, hi)))


def stream(q, letters, weights, lo=1, hi=12, pool_size=None):
    """Random commands; words come from a pool so they repeat, and queries
    often use prefixes of pool words."""
    pool = [word(letters, lo, hi) for _ in range(pool_size or q // 4)]
    out = []
    for _ in range(q):
        op = rng.choices(["add", "remove", "count", "prefix"], weights)[0]
        w = rng.choice(pool)
        if op in ("prefix", "remove", "count") and rng.random() < 0.5:
            w = w[: rng.randint(1, len(w))]
        out.append((op, w))
    return out


def add(name, commands):
    cases.append((name, commands))


add("01-max-build-then-prefixes", [("add", word("abcdefghij", 8, 12)) for _ in range(MAX_Q // 2)] +
    [("prefix", word("abcdefghij", 1, 3)) for _ in range(MAX_Q // 2)])
add("02-max-two-letters", stream(MAX_Q, "ab", [4, 2, 1, 3]))
add("03-max-random", stream(MAX_Q, "abcdefghijklmnopqrstuvwxyz", [3, 2, 2, 3]))
add("04-remove-prefixes", stream(2 * 10**4, "xyz", [3, 4, 1, 2], 6, 12, 200))
add("05-one-word", [("add", "zzzzzzzzzzzz")] * 10**4 + [("prefix", "z" * (i % 12 + 1)) for i in range(10**4)])
add("10-edge-queries-only", [("count", "a"), ("prefix", "a"), ("prefix", "abc")])
add("11-edge-remove-prefix-of-stored", [("add", "apple"), ("remove", "app"), ("prefix", "app"), ("count", "apple"),
                                        ("count", "app")])
add("12-edge-remove-absent", [("remove", "x"), ("add", "x"), ("remove", "x"), ("remove", "x"), ("prefix", "x"),
                              ("add", "x"), ("count", "x")])
add("13-edge-duplicates", [("add", "dup")] * 5 + [("remove", "dup")] * 2 + [("count", "dup"), ("prefix", "d"),
                                                                          ("prefix", "dupe")])
add("14-edge-longest-words", [("add", "abcdefghijkl"), ("prefix", "abcdefghijkl"), ("count", "abcdefghijkl"),
                              ("prefix", "abcdefghijk"), ("count", "abcdefghijk")])
add("15-extend-after-remove", [("add", "car"), ("add", "cart"), ("remove", "car"), ("prefix", "car"), ("count", "car"),
                               ("remove", "cart"), ("prefix", "c"), ("add", "ca"), ("prefix", "ca")])
add("16-small-random", stream(40, "ab", [3, 2, 1, 3], 1, 4, 8))
add("17-small-random", stream(200, "abc", [3, 3, 1, 3], 1, 5, 30))
add("19-nested-words", [("add", "a" * k) for k in range(1, 13)] + [("remove", "a" * k) for k in range(1, 13, 2)] +
    [("prefix", "a" * k) for k in range(1, 13)] + [("count", "a" * k) for k in range(1, 13)])
add("18-medium-random", stream(3000, "abcdef", [3, 2, 2, 3], 1, 8))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, commands in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d\n" % len(commands) + "".join("%s %s\n" % c for c in commands))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("".join("%d\n" % x for x in solve(commands)))
