#!/usr/bin/env python3
"""Writes the hidden cases of longest-palindromic-substring-function
(deterministic: fixed seed). Answers use Manacher's algorithm, independent of
the bundled solutions.

Run from anywhere: /usr/bin/python3 generators/gen.py
"""
import json
import os
import random

MAX_LEN = 3000
rng = random.Random(1221)


def leftmost_longest(s):
    t = "^#" + "#".join(s) + "#$"
    p = [0] * len(t)
    centre = right = 0
    for i in range(1, len(t) - 1):
        if i < right:
            p[i] = min(right - i, p[2 * centre - i])
        while t[i + p[i] + 1] == t[i - p[i] - 1]:
            p[i] += 1
        if i + p[i] > right:
            centre, right = i, i + p[i]
    best_len, best_start = 0, 0
    for i in range(1, len(t) - 1):
        length = p[i]
        start = (i - length) // 2
        if length > best_len or (length == best_len and start < best_start):
            best_len, best_start = length, start
    return s[best_start:best_start + best_len]


def rand(n, alphabet="abcdefghijklmnopqrstuvwxyz"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def with_palindrome(n, length, alphabet="abcdefghijklmnopqrstuvwxyz"):
    half = rand(length // 2, alphabet)
    pal = half + (rand(1, alphabet) if length % 2 else "") + half[::-1]
    rest = rand(n - length, alphabet)
    cut = rng.randint(0, len(rest))
    return rest[:cut] + pal + rest[cut:]


cases = [
    ("01-single", "q"),
    ("02-two-same", "zz"),
    ("03-two-different", "ab"),
    ("04-tie-leftmost", "abacdc"),
    ("05-whole-string", "racecar"),
    ("06-even-centre", "xabbay"),
    ("07-digits", "1234321900"),
    ("08-no-repeats", "abcdefghijklmnopqrstuvwxyz0123456789"),
    ("09-small-random", rand(40, "ab")),
    ("10-medium-random", rand(500, "abc")),
    ("11-max-random", rand(MAX_LEN)),
    ("12-max-binary", rand(MAX_LEN, "ab")),
    ("13-max-all-same", "a" * MAX_LEN),
    ("14-max-hidden-long", with_palindrome(MAX_LEN, 1201)),
    ("15-max-hidden-even", with_palindrome(MAX_LEN, 1500, "xyz")),
    ("16-max-two-blocks", "a" * 1500 + "b" * 1500),
    ("17-max-alternating", "ab" * (MAX_LEN // 2)),
    ("18-max-near-palindrome", "a" * 1499 + "b" + "a" * 1500),
]

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, s in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(s) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(leftmost_longest(s)) + "\n")
