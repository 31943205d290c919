#!/usr/bin/env python3
"""Writes the hidden cases of unknown-alphabet-order (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/unknown-alphabet-order/generators/gen.py

Catalogues are random words sorted by a random alphabet; broken ones get a
swapped pair (a cycle) or a word placed after one of its own extensions.
The answer files hold one fitting order or ""; the checker accepts any.
Maximum-size cases come first.
"""
import json
import os
import random
import string

MAX_N = 2 * 10**4
MAX_LEN = 20
rng = random.Random(1877)
cases = []


def solve(words):
    letters = sorted(set("".join(words)))
    after = {c: set() for c in letters}
    for a, b in zip(words, words[1:]):
        for x, y in zip(a, b):
            if x != y:
                after[x].add(y)
                break
        else:
            if len(a) > len(b):
                return ""
    waiting = {c: 0 for c in letters}
    for x in letters:
        for y in after[x]:
            waiting[y] += 1
    ready = [c for c in letters if waiting[c] == 0]
    order = []
    while ready:
        ready.sort(reverse=True)
        x = ready.pop()
        order.append(x)
        for y in after[x]:
            waiting[y] -= 1
            if waiting[y] == 0:
                ready.append(y)
    return "".join(order) if len(order) == len(letters) else ""


def catalogue(n, alphabet, max_len, min_len=1):
    rank = {c: i for i, c in enumerate(alphabet)}
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(min_len, max_len))) for _ in range(n)]
    words.sort(key=lambda w: [rank[c] for c in w])
    return words


def random_alphabet(size=26):
    letters = list(string.ascii_lowercase)
    rng.shuffle(letters)
    return "".join(letters[:size])


def with_swap(words):
    """Swaps two neighbouring words that differ at a letter: a cycle appears."""
    words = words[:]
    while True:
        i = rng.randrange(len(words) - 1)
        a, b = words[i], words[i + 1]
        if any(x != y for x, y in zip(a, b)):
            words[i], words[i + 1] = b, a
            return words


def with_prefix_violation(words):
    """Puts a proper prefix of some word right after it."""
    words = words[:]
    while True:
        i = rng.randrange(len(words))
        if len(words[i]) >= 2:
            words.insert(i + 1, words[i][: rng.randint(1, len(words[i]) - 1)])
            return words


def forced_chain(alphabet, n):
    """Neighbours reveal the whole alphabet: x, xy... so exactly one order fits."""
    words = []
    for i in range(len(alphabet) - 1):
        words.append(alphabet[i] + alphabet[i + 1])
        words.append(alphabet[i + 1])
    base = sorted(set(words), key=lambda w: [alphabet.index(c) for c in w])
    while len(base) < n:
        base.append(base[-1])
    return base


def add(name, words):
    cases.append((name, words))


add("01-max-full-alphabet", catalogue(MAX_N, random_alphabet(), MAX_LEN))
add("02-max-three-letters", catalogue(MAX_N, random_alphabet(3), MAX_LEN, 15))
add("03-max-one-swap", with_swap(catalogue(MAX_N - 1, random_alphabet(), MAX_LEN)))
add("04-max-prefix-after-word", with_prefix_violation(catalogue(MAX_N - 1, random_alphabet(20), MAX_LEN)))
add("05-max-all-equal", ["bookshelf"] * MAX_N)
add("06-max-forced-order", forced_chain(random_alphabet(), MAX_N))
add("10-edge-single-word", ["zebra"])
add("11-edge-single-letter-repeated", ["qqq"])
add("12-edge-prefix-first", ["ab", "abc"])
add("13-edge-prefix-second", ["abc", "ab"])
add("14-edge-two-letter-cycle", ["ab", "ba", "ab"])
add("15-edge-equal-neighbours", ["x", "x", "y"])
add("16-cycle-of-three", ["ab", "bc", "ca", "cb"])
add("17-unconnected-letters", ["m", "n", "opq", "opr"])
add("18-small-random", catalogue(8, random_alphabet(6), 4))
add("19-small-swap", with_swap(catalogue(12, random_alphabet(5), 3)))
add("20-small-prefix", with_prefix_violation(catalogue(12, random_alphabet(5), 4)))
add("21-medium-random", catalogue(300, random_alphabet(12), 6))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, words in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(words, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(solve(words)) + "\n")
