#!/usr/bin/env python3
"""Writes the hidden cases of letter-board-word-hunt (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/letter-board-word-hunt/generators/gen.py

Maximum-size cases come first: a board of one letter with thousands of words
sharing long prefixes of that letter (a per-word search walks the same paths
again and again), boards over few letters where many words are found, and
words cut from real paths on the board next to near misses.
"""
import itertools
import json
import os
import random
import string

MAX_SIDE = 10
MAX_WORDS = 2 * 10**4
MAX_LEN = 8
rng = random.Random(8128)
cases = []


def solve(board, words):
    rows, cols = len(board), len(board[0])
    trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node["$"] = w
    found = set()
    used = [[False] * cols for _ in range(rows)]

    def walk(r, c, node):
        nxt = node.get(board[r][c])
        if nxt is None:
            return
        if "$" in nxt:
            found.add(nxt["$"])
        used[r][c] = True
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and not used[nr][nc]:
                walk(nr, nc, nxt)
        used[r][c] = False

    for r in range(rows):
        for c in range(cols):
            walk(r, c, trie)
    return sorted(found)


def random_board(rows, cols, letters):
    return ["".join(rng.choice(letters) for _ in range(cols)) for _ in range(rows)]


def random_words(count, letters, lo=1, hi=MAX_LEN, taken=None):
    taken = set() if taken is None else taken
    out = []
    while len(out) < count:
        w = "".join(rng.choice(letters) for _ in range(rng.randint(lo, hi)))
        if w not in taken:
            taken.add(w)
            out.append(w)
    return out


def path_words(board, count, taken):
    """Words read along random self-avoiding paths, and one-letter changes of them."""
    rows, cols = len(board), len(board[0])
    out = []
    while len(out) < count:
        r, c = rng.randrange(rows), rng.randrange(cols)
        seen = {(r, c)}
        w = board[r][c]
        for _ in range(rng.randint(0, MAX_LEN - 1)):
            options = [(r + dr, c + dc) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))
                       if 0 <= r + dr < rows and 0 <= c + dc < cols and (r + dr, c + dc) not in seen]
            if not options:
                break
            r, c = rng.choice(options)
            seen.add((r, c))
            w += board[r][c]
        if rng.random() < 0.4:
            i = rng.randrange(len(w))
            w = w[:i] + rng.choice(string.ascii_lowercase) + w[i + 1:]
        if w not in taken:
            taken.add(w)
            out.append(w)
    return out


def a_prefix_words():
    """Every a^k for k <= 8, then a^7 + 1, a^6 + 2, a^5 + 3 other letters."""
    words = ["a" * k for k in range(1, MAX_LEN + 1)]
    others = string.ascii_lowercase[1:]
    for tail_len in (1, 2, 3):
        for tail in itertools.product(others, repeat=tail_len):
            words.append("a" * (MAX_LEN - tail_len) + "".join(tail))
    return words[:MAX_WORDS]


def shuffled(words):
    words = list(words)
    rng.shuffle(words)
    return words


def add(name, board, words):
    cases.append((name, board, words))


add("01-max-one-letter-shared-prefixes", ["a" * MAX_SIDE] * MAX_SIDE, shuffled(a_prefix_words()))
b = random_board(MAX_SIDE, MAX_SIDE, "abcd")
add("02-max-few-letters", b, random_words(MAX_WORDS, "abcd"))
b = random_board(MAX_SIDE, MAX_SIDE, string.ascii_lowercase)
taken = set()
add("03-max-paths-and-near-misses", b, shuffled(path_words(b, MAX_WORDS // 2, taken) +
                                                random_words(MAX_WORDS // 2, string.ascii_lowercase, taken=taken)))
b = ["".join("ab"[(r + c) % 2] for c in range(MAX_SIDE)) for r in range(MAX_SIDE)]
two_letter = ["".join(p) for k in range(1, MAX_LEN + 1) for p in itertools.product("ab", repeat=k)]
add("04-max-checkerboard", b, shuffled(two_letter))
add("05-max-board-few-words", random_board(MAX_SIDE, MAX_SIDE, "xyz"), ["xyzzy", "zz", "q"])
add("10-edge-single-tile-found", ["q"], ["q"])
add("11-edge-single-tile-reuse", ["q"], ["qq", "q", "qqq"])
add("12-edge-nothing-found", ["abc", "def"], ["cab", "fed", "aeb", "x"])
add("13-edge-reuse-trap", ["ab", "cd"], ["abdca", "abdc", "acdb", "ada", "abcd"])
add("14-edge-one-row", ["banana"], ["ban", "nab", "banana", "ananab", "bananas", "nn"])
add("15-edge-one-column", ["s", "t", "o", "p"], ["stop", "pots", "top", "spot", "st"])
add("16-prefix-words", ["abcd", "efgh"], ["a", "ab", "abc", "abcd", "abcdh", "abcdhg", "abcdhgfe", "abcdhgfx"])
add("17-small-random", random_board(3, 4, "abc"), random_words(30, "abc", 1, 5))
add("18-small-random", random_board(5, 5, "abcdef"), random_words(200, "abcdef", 1, 6))
b = random_board(7, 6, string.ascii_lowercase)
add("19-medium-paths", b, shuffled(path_words(b, 500, set())))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, board, words in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(board, separators=(",", ":")) + "\n" + json.dumps(words, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(solve(board, words), separators=(",", ":")) + "\n")
