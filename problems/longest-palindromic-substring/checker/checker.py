"""Output checker for "Longest Palindromic Substring".

A string can have several longest palindromic substrings, so the output is
checked for its properties rather than compared with the answer file. Speaks
the Kattis output-validator protocol:

    checker.py input answer feedback_dir < contestant_output

Exit 42: accepted. Exit 43: wrong answer, with the reason in
feedback_dir/judgemessage.txt. Any other exit: the test data itself is broken
(a judge error, never the contestant's fault).
"""

import os
import sys

ACCEPTED = 42
WRONG_ANSWER = 43
JUDGE_ERROR = 1


def shorten(text, limit=60):
    """Keeps messages readable when the strings are thousands of letters long."""
    if len(text) <= limit:
        return repr(text)
    return "%r... (%d characters)" % (text[:limit], len(text))


def verdict(feedback_dir, code, message):
    with open(os.path.join(feedback_dir, "judgemessage.txt"), "w") as f:
        f.write(message + "\n")
    sys.exit(code)


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: checker.py input answer feedback_dir < output\n")
        sys.exit(JUDGE_ERROR)
    input_path, answer_path, feedback_dir = sys.argv[1:4]
    with open(input_path) as f:
        s = f.read().strip()
    with open(answer_path) as f:
        expected = f.read().strip()
    optimal = len(expected)

    # The answer file must itself be a valid answer; if not, the data is broken.
    if expected not in s or expected != expected[::-1]:
        verdict(feedback_dir, JUDGE_ERROR,
                "test data error: the answer file %s is not a palindromic substring of the input"
                % answer_path)

    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        verdict(feedback_dir, WRONG_ANSWER, "output is not ASCII text")
    tokens = text.split()
    if not tokens:
        verdict(feedback_dir, WRONG_ANSWER,
                "empty output: expected one palindromic substring of length %d" % optimal)
    if len(tokens) > 1:
        verdict(feedback_dir, WRONG_ANSWER,
                "expected exactly one word, got %d (first two: %s, %s)"
                % (len(tokens), shorten(tokens[0]), shorten(tokens[1])))
    got = tokens[0]
    if got != got[::-1]:
        for i in range(len(got) // 2):
            if got[i] != got[-1 - i]:
                break
        verdict(feedback_dir, WRONG_ANSWER,
                "%s is not a palindrome: position %d is %r but position %d is %r"
                % (shorten(got), i + 1, got[i], len(got) - i, got[-1 - i]))
    if got not in s:
        verdict(feedback_dir, WRONG_ANSWER,
                "%s is a palindrome but not a substring of the input" % shorten(got))
    if len(got) < optimal:
        verdict(feedback_dir, WRONG_ANSWER,
                "%s is a palindromic substring of length %d, but the longest has length %d"
                % (shorten(got), len(got), optimal))
    if len(got) > optimal:
        verdict(feedback_dir, JUDGE_ERROR,
                "test data error: the output %s (length %d) beats the answer file's length %d"
                % (shorten(got), len(got), optimal))
    sys.exit(ACCEPTED)


main()
