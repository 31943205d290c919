#!/usr/bin/env python3
"""Writes the hidden cases of split-into-keywords (deterministic: fixed seed).
Answers come from a breadth-first search over cut positions written here.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_Q = 2000
rng = random.Random(31008)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def splittable(query, keywords):
    words = set(keywords)
    reached = [False] * (len(query) + 1)
    reached[0] = True
    queue = [0]
    for start in queue:
        for end in range(start + 1, min(len(query), start + 20) + 1):
            if not reached[end] and query[start:end] in words:
                reached[end] = True
                queue.append(end)
    return reached[len(query)]


def word(lo, hi, alphabet=LETTERS):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def vocab(k, lo, hi, alphabet=LETTERS):
    out = set()
    while len(out) < k:
        out.add(word(lo, hi, alphabet))
    return sorted(out)


def sentence(words, length):
    s = ""
    while len(s) < length:
        s += rng.choice(words)
    return s


v1 = vocab(1000, 1, 20, "ab")
v2 = vocab(500, 3, 8)
s2 = sentence(v2, MAX_Q - 20)
v3 = vocab(50, 20, 20)
runs = ["a" * k for k in range(1, 21)]
cases = [
    ("01-max-runs-fail", "a" * (MAX_Q - 1) + "b", runs),
    ("02-max-runs-ok", "a" * MAX_Q, runs),
    ("03-max-binary-vocab", sentence(v1, MAX_Q)[:MAX_Q], v1),
    ("04-max-sentence-plus-junk", s2 + "q", v2),
    ("05-max-sentence", s2, v2),
    ("10-single-letter-yes", "a", ["a"]),
    ("11-single-letter-no", "a", ["b"]),
    ("12-whole-word", "scarf", ["scarf"]),
    ("13-greedy-longest-trap", "abcd", ["abc", "ab", "cd"]),
    ("14-greedy-shortest-trap", "aab", ["a", "aab"]),
    ("15-keyword-longer-than-query", "ab", ["abc", "abcd"]),
    ("16-reuse-keyword", "go" * 1000, ["go"]),
    ("17-one-letter-missing", "abcdefghijklmnopqrstuvwxy", list("abcdefghijklmnopqrstuvwx")),
    ("18-small-random", "".join(rng.choice("ab") for _ in range(30)), ["a", "bb", "abb", "ba"]),
    ("19-twenty-letter-words", sentence(v3, 1980), v3),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, q, kw in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(q) + "\n" + json.dumps(kw, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(splittable(q, kw)) + "\n")
