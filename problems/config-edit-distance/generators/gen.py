#!/usr/bin/env python3
"""Writes the hidden cases of config-edit-distance (deterministic: fixed
seed). Answers come from the column-wise Wagner-Fischer DP written here.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX = 1000
rng = random.Random(31006)


def distance(a, b):
    # prev[i]: edits turning a[:i] into the prefix of b seen so far.
    prev = list(range(len(a) + 1))
    for j in range(1, len(b) + 1):
        cur = [j] + [0] * len(a)
        for i in range(1, len(a) + 1):
            cur[i] = min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (a[i - 1] != b[j - 1]))
        prev = cur
    return prev[len(a)]


def rand(n, alphabet="abcdefghijklmnopqrstuvwxyz"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def mutate(s, k):
    s = list(s)
    for _ in range(k):
        op = rng.randrange(3)
        i = rng.randrange(len(s) + 1)
        if op == 0:
            s.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz"))
        elif s and i < len(s):
            if op == 1:
                del s[i]
            else:
                s[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(s)


base = rand(MAX)
cases = [
    ("01-max-random", rand(MAX), rand(MAX)),
    ("02-max-close", base, mutate(base, 40)[:MAX]),
    ("03-max-binary", rand(MAX, "ab"), rand(MAX, "ab")),
    ("04-max-disjoint-letters", rand(MAX, "abc"), rand(MAX, "xyz")),
    ("10-both-empty", "", ""),
    ("11-current-empty", "", rand(MAX)),
    ("12-target-empty", rand(37), ""),
    ("13-equal", "deploy", "deploy"),
    ("14-one-replace", "a", "b"),
    ("15-replace-beats-lcs", "abcdef", "azcyex"),
    ("16-all-same-letter", "a" * 500, "a" * 800),
    ("17-rotation", "abcdefgh", "bcdefgha"),
    ("18-reverse", "abcdefghij", "jihgfedcba"),
    ("19-small-random", rand(12, "abc"), rand(9, "abc")),
    ("20-medium-random", rand(300), rand(250)),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, a, b in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(a) + "\n" + json.dumps(b) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(distance(a, b)) + "\n")
