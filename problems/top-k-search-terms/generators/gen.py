#!/usr/bin/env python3
"""Writes the hidden cases of top-k-search-terms (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/top-k-search-terms/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import json
import os
import random
from collections import Counter

MAX_N = 100000

rng = random.Random(2026120708)
cases = []


def add(name, queries, k):
    cases.append((name, queries, k))


def answer(queries, k):
    counts = Counter(queries)
    return sorted(counts, key=lambda w: (-counts[w], w))[:k]


def word(lo=1, hi=10):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(lo, hi)))


def distinct_words(count, lo=1, hi=10):
    words = set()
    while len(words) < count:
        words.add(word(lo, hi))
    return sorted(words)


def shuffled(items):
    items = list(items)
    rng.shuffle(items)
    return items


# Every term searched exactly twice, k large: all ties, alphabetical order decides.
pool = distinct_words(MAX_N // 2, 3, 7)
add("01-max-all-tied", shuffled(pool * 2), 30000)
# Skewed popularity over a pool of 3000 terms, most counts distinct.
pool = shuffled(distinct_words(3000, 2, 8))
weights = [1.0 / (r + 1) for r in range(len(pool))]
add("02-max-skewed", rng.choices(pool, weights, k=MAX_N), 500)
# Many distinct terms, k near the number of distinct terms.
pool = distinct_words(40000, 4, 6)
queries = shuffled(pool + rng.choices(pool, k=MAX_N - len(pool)))
add("03-max-many-distinct", queries, 39000)
add("10-single", ["a"], 1)
add("11-one-term-repeated", ["zz"] * 1000, 1)
add("12-k-all-distinct", ["b", "a", "c", "a"], 3)
# Tied terms that appear in reverse alphabetical order first.
add("13-first-seen-not-first", ["zeta", "yak", "xray", "zeta", "yak", "xray", "alpha"], 3)
add("14-prefixes", ["ab", "a", "abc", "abcd", "a", "ab", "abc", "abcd"], 4)
add("15-tie-at-cut", ["d", "c", "b", "a", "e", "e"], 3)
add("16-long-terms", ["zzzzzzzzzz", "zzzzzzzzzy", "zzzzzzzzzz", "zzzzzzzzzy", "a"], 2)
add("17-small-random", [rng.choice("abcde") for _ in range(50)], 4)
pool = distinct_words(300, 1, 3)
add("18-medium-random", rng.choices(pool, k=5000), 50)
add("19-counts-one-to-n", [w for i, w in enumerate(distinct_words(60, 2, 4)) for _ in range(i + 1)], 10)
add("20-two-tied-terms", ["beta", "alpha", "beta", "alpha"], 1)
pool = distinct_words(500, 1, 10)
add("21-k-equals-distinct", shuffled(pool * 3 + pool[:100]), 500)
add("22-single-letters", [rng.choice("zyxwv") for _ in range(999)] + ["a"], 6)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, queries, k in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(queries, separators=(",", ":")) + "\n%d\n" % k)
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(answer(queries, k), separators=(",", ":")) + "\n")
