"""Output checker for "Archive Catalogue in an Unknown Alphabet" (Kattis
output-validator protocol):

    checker.py input answer feedback_dir < contestant_output

The contestant output is the canonical JSON of the returned string. Any
order of exactly the letters used under which the words are sorted is
accepted; when no order exists (the answer file is "") only "" is.
Exit 42: accepted; 43: wrong answer (reason in feedback_dir/judgemessage.txt);
anything else: the test data is broken.
"""
import json
import os
import sys

ACCEPTED, WRONG_ANSWER, JUDGE_ERROR = 42, 43, 1


def verdict(feedback_dir, code, message):
    with open(os.path.join(feedback_dir, "judgemessage.txt"), "w") as f:
        f.write(message + "\n")
    sys.exit(code)


def violated(words, order):
    """None when the words are sorted under `order`, else why they are not."""
    if not isinstance(order, str):
        return "expected a string"
    used = set("".join(words))
    rank = {}
    for i, letter in enumerate(order):
        if letter not in used:
            return "%r is not a letter of the catalogue" % letter
        if letter in rank:
            return "%r appears twice in the order" % letter
        rank[letter] = i
    missing = sorted(used - set(rank))
    if missing:
        return "the order lacks %r (used in the words)" % "".join(missing)
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if [rank[x] for x in a] > [rank[x] for x in b]:
            return "under this order word %d (%s) would come after word %d (%s)" % (i, a, i + 1, b)
    return None


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: checker.py input answer feedback_dir < output\n")
        sys.exit(JUDGE_ERROR)
    input_path, answer_path, feedback_dir = sys.argv[1:4]
    with open(input_path) as f:
        words = json.loads(f.read())
    with open(answer_path) as f:
        expected = json.loads(f.read())
    if expected != "":
        problem = violated(words, expected)
        if problem:
            verdict(feedback_dir, JUDGE_ERROR, "test data error: the answer file does not fit: " + problem)
    try:
        got = json.loads(sys.stdin.read())
    except ValueError:
        verdict(feedback_dir, WRONG_ANSWER, "the output is not one JSON value")
    if expected == "":
        if got == "":
            sys.exit(ACCEPTED)
        verdict(feedback_dir, WRONG_ANSWER, "no letter order sorts these words, so the answer is \"\"")
    if got == "":
        verdict(feedback_dir, WRONG_ANSWER, "returned \"\", but a letter order exists")
    problem = violated(words, got)
    if problem:
        verdict(feedback_dir, WRONG_ANSWER, problem)
    sys.exit(ACCEPTED)


main()
