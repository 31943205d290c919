"""Output checker for "Build Job Order" (Kattis output-validator protocol):

    checker.py input answer feedback_dir < contestant_output

The contestant output is the canonical JSON of the returned array. Any order
that runs every job once and respects every dependency is accepted; when the
dependencies contain a cycle (the answer file is `[]`) only `[]` is.
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


def violated(n, dependencies, order):
    """None when `order` is a valid build order, else why it is not."""
    if not isinstance(order, list):
        return "expected an array of job numbers"
    if len(order) != n:
        return "the order has %d jobs, expected all %d" % (len(order), n)
    position = [-1] * n
    for i, job in enumerate(order):
        if type(job) is not int or not 0 <= job < n:
            return "element %d (%s) is not a job number in 0..%d" % (i, json.dumps(job)[:20], n - 1)
        if position[job] >= 0:
            return "job %d appears twice (positions %d and %d)" % (job, position[job], i)
        position[job] = i
    for a, b in dependencies:
        if position[a] > position[b]:
            return "job %d must run before job %d, but runs after it" % (a, b)
    return None


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: checker.py input answer feedback_dir < output\n")
        sys.exit(JUDGE_ERROR)
    input_path, answer_path, feedback_dir = sys.argv[1:4]
    with open(input_path) as f:
        lines = f.read().split("\n")
    n, dependencies = int(lines[0]), json.loads(lines[1])
    with open(answer_path) as f:
        expected = json.loads(f.read())
    if expected:
        problem = violated(n, dependencies, expected)
        if problem:
            verdict(feedback_dir, JUDGE_ERROR, "test data error: the answer file is no valid order: " + problem)
    try:
        got = json.loads(sys.stdin.read())
    except ValueError:
        verdict(feedback_dir, WRONG_ANSWER, "the output is not one JSON value")
    if not expected:
        if got == []:
            sys.exit(ACCEPTED)
        verdict(feedback_dir, WRONG_ANSWER,
                "the dependencies contain a cycle, so the answer is [], but a non-empty result was returned")
    if got == []:
        verdict(feedback_dir, WRONG_ANSWER, "returned [], but a valid order exists")
    problem = violated(n, dependencies, got)
    if problem:
        verdict(feedback_dir, WRONG_ANSWER, problem)
    sys.exit(ACCEPTED)


main()
