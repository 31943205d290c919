#!/usr/bin/env python3
"""Input validator for "Merge Two Sorted Lists" (Kattis protocol).

Reads one case on stdin: two lines, each a JSON array of integers. Exits 42
when the case meets the statement's constraints, else prints why and exits 43.
"""
import json
import sys

MAX_LEN = 50000
MAX_VAL = 10**9


def fail(message):
    print(message)
    sys.exit(43)


def read_lines(count):
    text = sys.stdin.read()
    if not text.endswith("\n"):
        fail("the input must end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) != count:
        fail("expected %d lines, got %d" % (count, len(lines)))
    return lines


def sorted_int_list(line, name):
    try:
        value = json.loads(line)
    except ValueError as e:
        fail("%s is not JSON: %s" % (name, e))
    if not isinstance(value, list):
        fail("%s is not an array" % name)
    if len(value) > MAX_LEN:
        fail("%s has %d nodes, at most %d allowed" % (name, len(value), MAX_LEN))
    for i, x in enumerate(value):
        if not isinstance(x, int) or isinstance(x, bool):
            fail("%s[%d] is not an integer" % (name, i))
        if not -MAX_VAL <= x <= MAX_VAL:
            fail("%s[%d] = %d is out of [-10^9, 10^9]" % (name, i, x))
        if i > 0 and value[i - 1] > x:
            fail("%s is not sorted: [%d] = %d > [%d] = %d" % (name, i - 1, value[i - 1], i, x))
    return value


lines = read_lines(2)
sorted_int_list(lines[0], "list1")
sorted_int_list(lines[1], "list2")
sys.exit(42)
