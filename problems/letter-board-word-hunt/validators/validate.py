#!/usr/bin/env python3
"""Input validator for letter-board-word-hunt (Kattis protocol): a JSON array
of 1..10 rows of 1..10 lowercase letters (all the same length), then a JSON
array of 1..2*10^4 distinct words of 1..8 lowercase letters. Exits 42 when
valid, else prints why and exits 43."""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


def load(line, name):
    try:
        return json.loads(line)
    except ValueError as e:
        fail("%s is not JSON: %s" % (name, e))


text = sys.stdin.read()
if not text.endswith("\n"):
    fail("the input must end with a newline")
lines = text[:-1].split("\n")
if len(lines) != 2:
    fail("expected 2 lines (board, words), got %d" % len(lines))
board = load(lines[0], "board")
if not isinstance(board, list) or not 1 <= len(board) <= 10:
    fail("board must be an array of 1..10 rows")
cols = len(board[0]) if isinstance(board[0], str) else -1
row_re = re.compile(r"[a-z]{%d}" % cols)
if not 1 <= cols <= 10:
    fail("board[0] must be 1..10 lowercase letters")
for i, row in enumerate(board):
    if not isinstance(row, str) or not row_re.fullmatch(row):
        fail("board[%d] is not %d lowercase letters" % (i, cols))
words = load(lines[1], "words")
if not isinstance(words, list) or not 1 <= len(words) <= 2 * 10**4:
    fail("words must be an array of 1..2*10^4 words")
word_re = re.compile(r"[a-z]{1,8}")
for i, w in enumerate(words):
    if not isinstance(w, str) or not word_re.fullmatch(w):
        fail("words[%d] is not 1..8 lowercase letters" % i)
if len(set(words)) != len(words):
    fail("the words are not distinct")
sys.exit(42)
