#!/usr/bin/python3
"""Generates every hidden test of "Longest Palindromic Substring".

Regenerate (from the repository root):

    /usr/bin/python3 problems/longest-palindromic-substring/generators/gen.py

It rewrites tests/hidden/*.in and *.ans next to this directory. The output is
deterministic: every random case has its own fixed seed, so running it again
gives byte-identical files. Each .ans holds one longest palindromic substring
(the leftmost); the custom checker only uses its length.
"""

import os
import random
import string

MAX_N = 5000
HERE = os.path.dirname(os.path.abspath(__file__))
HIDDEN = os.path.join(HERE, "..", "tests", "hidden")


def longest_palindrome(s):
    """Manacher's algorithm; returns the leftmost longest palindromic substring."""
    t = "^#" + "#".join(s) + "#$"
    radius = [0] * len(t)
    centre = right = 0
    for i in range(1, len(t) - 1):
        if i < right:
            radius[i] = min(right - i, radius[2 * centre - i])
        while t[i + radius[i] + 1] == t[i - radius[i] - 1]:
            radius[i] += 1
        if i + radius[i] > right:
            centre, right = i, i + radius[i]
    best_len, best_start = 0, 0
    for i, r in enumerate(radius):
        start = (i - r) // 2
        if r > best_len or (r == best_len and start < best_start):
            best_len, best_start = r, start
    return s[best_start:best_start + best_len]


def brute_force(s):
    """Independent check of the generator on small inputs."""
    best = s[0]
    for i in range(len(s)):
        for j in range(i + len(best) + 1, len(s) + 1):
            if s[i:j] == s[i:j][::-1]:
                best = s[i:j]
    return best


def rand_string(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def embed(rng, n, core, alphabet, at=None):
    """A random string of length n with `core` placed at `at` (or randomly)."""
    s = list(rand_string(rng, n, alphabet))
    if at is None:
        at = rng.randrange(n - len(core) + 1)
    s[at:at + len(core)] = core
    return "".join(s)


def fibonacci_word(n):
    a, b = "a", "ab"
    while len(b) < n:
        a, b = b, b + a
    return b[:n]


def sparse(rng, n, density):
    """Mostly 'a' with rare 'b': many long near-palindromes that fail late."""
    return "".join("b" if rng.random() < density else "a" for _ in range(n))


def cases():
    rng = lambda seed: random.Random(seed)
    low = string.ascii_lowercase
    yield "01-single-char", "z"
    yield "02-two-different", "ab"
    yield "03-two-equal", "bb"
    yield "04-three-odd", "aba"
    yield "05-no-repeat", low
    yield "06-max-all-same", "a" * MAX_N
    yield "07-max-all-distinct-cycle", (low * (MAX_N // 26 + 1))[:MAX_N]
    yield "08-max-alternating", "ab" * (MAX_N // 2)
    yield "09-max-one-off-centre", "a" * (MAX_N // 2) + "b" + "a" * (MAX_N // 2 - 2)
    yield "10-max-random-26", rand_string(rng(10), MAX_N, low)
    yield "11-max-random-2", rand_string(rng(11), MAX_N, "ab")
    yield "12-max-random-3", rand_string(rng(12), MAX_N, "abc")
    r = rng(13)
    half = rand_string(r, 1000, "abc")
    yield "13-max-even-embedded", embed(r, MAX_N, half + half[::-1], "abc")
    r = rng(14)
    half = rand_string(r, 1200, low)
    yield "14-max-odd-at-end", embed(r, MAX_N, half + "q" + half[::-1], low, at=MAX_N - 2401)
    r = rng(15)
    half = rand_string(r, 700, low)
    yield "15-max-even-at-start", embed(r, MAX_N, half + half[::-1], low, at=0)
    r = rng(16)
    half = rand_string(r, MAX_N // 2, "abcd")
    yield "16-max-whole-even", half + half[::-1]
    r = rng(17)
    half = rand_string(r, MAX_N // 2 - 1, "abcd")
    yield "17-max-whole-odd", half + "x" + half[::-1]
    # Two different palindromes of the same maximal length: either is right.
    r = rng(18)
    left = rand_string(r, 400, "xy")
    right = rand_string(r, 400, "xy")
    s = list(rand_string(r, MAX_N, low))
    s[100:900] = left + left[::-1]
    s[3000:3800] = right + right[::-1]
    yield "18-max-two-answers", "".join(s)
    yield "19-max-sparse", sparse(rng(19), MAX_N, 0.01)
    yield "20-max-fibonacci-word", fibonacci_word(MAX_N)
    yield "21-max-aab-period", ("aab" * MAX_N)[:MAX_N - 1]
    # The longest common substring of s and reverse(s) is not a palindrome here.
    yield "22-reverse-trap", "abacdfgdcaba"
    r = rng(23)
    u = rand_string(r, 1000, low)
    yield "23-max-reverse-trap", u + rand_string(r, MAX_N - 2000, low) + u[::-1]
    for k in range(5):
        r = rng(30 + k)
        yield "%d-small-random" % (24 + k), rand_string(r, r.randint(5, 40), "abc"[: 2 + k % 2])


def main():
    os.makedirs(HIDDEN, exist_ok=True)
    for name in os.listdir(HIDDEN):
        os.remove(os.path.join(HIDDEN, name))
    for name, s in cases():
        assert 1 <= len(s) <= MAX_N and set(s) <= set(string.ascii_lowercase), name
        answer = longest_palindrome(s)
        if len(s) <= 60:
            assert len(brute_force(s)) == len(answer), name
        with open(os.path.join(HIDDEN, name + ".in"), "w") as f:
            f.write(s + "\n")
        with open(os.path.join(HIDDEN, name + ".ans"), "w") as f:
            f.write(answer + "\n")
        print("%-28s n=%-5d longest=%d" % (name, len(s), len(answer)))


main()
