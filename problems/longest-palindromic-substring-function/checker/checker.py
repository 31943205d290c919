"""Output checker for "Longest Palindromic Substring (function)".

A string can have several longest palindromic substrings and LeetCode accepts
any of them, so the returned string is checked for its properties rather than
compared with the answer file. Speaks the Kattis output-validator protocol;
for a function problem the judge hands over the returned value as one line of
canonical JSON, and the input and answer files hold JSON too:

    checker.py input answer feedback_dir < returned_json

Exit 42: accepted. Exit 43: wrong answer, with the reason in
feedback_dir/judgemessage.txt. Any other exit: the test data itself is broken
(a judge error, never the contestant's fault). Messages give lengths and
positions, never the strings: they are shown on hidden cases too.
"""

import json
import os
import sys

ACCEPTED = 42
WRONG_ANSWER = 43
JUDGE_ERROR = 1


def verdict(feedback_dir, code, message):
    with open(os.path.join(feedback_dir, "judgemessage.txt"), "w") as f:
        f.write(message + "\n")
    sys.exit(code)


def read_json_string(path, feedback_dir, what):
    with open(path) as f:
        text = f.read().strip()
    try:
        value = json.loads(text)
    except ValueError as e:
        verdict(feedback_dir, JUDGE_ERROR, "test data error: the %s file %s is not JSON (%s)" % (what, path, e))
    if not isinstance(value, str):
        verdict(feedback_dir, JUDGE_ERROR, "test data error: the %s file %s does not hold a JSON string" % (what, path))
    return value


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: checker.py input answer feedback_dir < returned_json\n")
        sys.exit(JUDGE_ERROR)
    input_path, answer_path, feedback_dir = sys.argv[1:4]
    s = read_json_string(input_path, feedback_dir, "input")
    expected = read_json_string(answer_path, feedback_dir, "answer")
    optimal = len(expected)

    # The answer file must itself be a valid answer; if not, the data is broken.
    if expected not in s or expected != expected[::-1]:
        verdict(feedback_dir, JUDGE_ERROR,
                "test data error: the answer file %s is not a palindromic substring of the input" % answer_path)

    text = sys.stdin.read().strip()
    try:
        got = json.loads(text)
    except ValueError:
        verdict(feedback_dir, WRONG_ANSWER, "the returned value is not a string")
    if got is None:
        verdict(feedback_dir, WRONG_ANSWER,
                "returned null (None): expected a palindromic substring of length %d" % optimal)
    if not isinstance(got, str):
        verdict(feedback_dir, WRONG_ANSWER, "returned a %s, expected a string" % type(got).__name__)
    if got != got[::-1]:
        for i in range(len(got) // 2):
            if got[i] != got[-1 - i]:
                break
        verdict(feedback_dir, WRONG_ANSWER,
                "the returned string (length %d) is not a palindrome: positions %d and %d differ"
                % (len(got), i + 1, len(got) - i))
    if got not in s:
        verdict(feedback_dir, WRONG_ANSWER,
                "the returned string (length %d) is a palindrome but not a substring of s" % len(got))
    if len(got) < optimal:
        verdict(feedback_dir, WRONG_ANSWER,
                "the returned string is a palindromic substring of length %d, but the longest has length %d"
                % (len(got), optimal))
    if len(got) > optimal:
        verdict(feedback_dir, JUDGE_ERROR,
                "test data error: the returned palindrome (length %d) beats the answer file's length %d"
                % (len(got), optimal))
    sys.exit(ACCEPTED)


main()
