#!/usr/bin/env python3
"""Input validator of sort-an-array-function (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `nums` is a JSON array of 1..50000 integers in [-10^9, 10^9].
"""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 1:
    fail("expected 1 line (nums), got %d" % len(lines))
try:
    nums = json.loads(lines[0])
except ValueError as e:
    fail("nums is not JSON: %s" % e)
if not isinstance(nums, list) or not all(type(x) is int for x in nums):
    fail("nums must be an array of integers")
if not 1 <= len(nums) <= 50000:
    fail("nums.length = %d is outside [1, 50000]" % len(nums))
for i, x in enumerate(nums):
    if not -10**9 <= x <= 10**9:
        fail("nums[%d] = %d is outside [-10^9, 10^9]" % (i, x))
sys.exit(42)
