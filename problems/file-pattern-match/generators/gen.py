#!/usr/bin/env python3
"""Writes the hidden cases of file-pattern-match (deterministic: fixed seed).
Answers come from a set-of-positions simulation written here (an NFA run),
not from the bundled DP and greedy solutions.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX = 1000
rng = random.Random(31014)


def match(name, pattern):
    def close(states):
        # a '*' may match nothing: skip over it
        out = set()
        for j in sorted(states):
            out.add(j)
            while j < len(pattern) and pattern[j] == "*":
                j += 1
                out.add(j)
        return out

    states = close({0})
    for ch in name:
        nxt = set()
        for j in states:
            if j < len(pattern):
                if pattern[j] == "*":
                    nxt.add(j)
                elif pattern[j] == "?" or pattern[j] == ch:
                    nxt.add(j + 1)
        states = close(nxt)
        if not states:
            return False
    return len(pattern) in states


def rand(n, alphabet="abcdefghijklmnopqrstuvwxyz"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def pattern_of(name, p_star, p_q):
    out = []
    for ch in name:
        r = rng.random()
        if r < p_star:
            if not out or out[-1] != "*":
                out.append("*")
        elif r < p_star + p_q:
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


many_a = "a" * MAX
stars_then_b = "*a" * 499 + "*b"
ab = rand(MAX, "ab")
cases = [
    ("01-max-stars-no-match", many_a, stars_then_b),
    ("02-max-star-backtracking", many_a, "*" + "a" * 998 + "b"),
    ("03-max-derived-match", ab, pattern_of(ab, 0.2, 0.2)),
    ("04-max-derived-broken", ab[:-1] + ("a" if ab[-1] == "b" else "b"), pattern_of(ab, 0.05, 0.1)[:-1] + ab[-1]),
    ("05-max-all-question", rand(MAX), "?" * MAX),
    ("06-max-stars-match", many_a, "*a" * 500),
    ("10-both-empty", "", ""),
    ("11-empty-name-stars", "", "***"),
    ("12-empty-name-letter", "", "a*"),
    ("13-empty-pattern", "a", ""),
    ("14-single-star", rand(50), "*"),
    ("15-question-too-short", "abc", "??"),
    ("16-star-needs-backtrack", "abcabczzzde", "*abc???de*"),
    ("17-suffix-mismatch", "mississippi", "m??*ss*?i*pi"),
    ("18-exact-letters", "backup", "backup"),
    ("19-small-random", rand(12, "ab"), "*a?b*"),
    ("20-medium-random", rand(300, "abc"), pattern_of(rand(300, "abc"), 0.1, 0.1)),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, s, p in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(s) + "\n" + json.dumps(p) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(match(s, p)) + "\n")
