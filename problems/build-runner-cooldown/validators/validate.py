#!/usr/bin/env python3
"""Input validator of build-runner-cooldown (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `jobs` is a JSON string of 1..100000 letters A-Z;
`cooldown` is an integer in [0, 10000].
"""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 2:
    fail("expected 2 lines (jobs, cooldown), got %d" % len(lines))
try:
    jobs = json.loads(lines[0])
    cooldown = json.loads(lines[1])
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
if not isinstance(jobs, str):
    fail("jobs must be a string")
if not 1 <= len(jobs) <= 100000:
    fail("jobs.length = %d is outside [1, 100000]" % len(jobs))
bad = re.search(r"[^A-Z]", jobs)
if bad:
    fail("jobs has %r at index %d; only A-Z are allowed" % (bad.group(), bad.start()))
if type(cooldown) is not int or not 0 <= cooldown <= 10000:
    fail("cooldown = %r is not an integer in [0, 10000]" % (cooldown,))
sys.exit(42)
