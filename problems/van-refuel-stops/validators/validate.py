#!/usr/bin/env python3
"""Input validator of van-refuel-stops (Kattis protocol: exit 42 valid, 43 invalid).

One line per parameter: `target` and `startFuel` are integers in [1, 10^9];
`stations` is a JSON array of 0..100000 pairs [position, litres] with
0 < position < target, positions strictly increasing, 1 <= litres <= 10^9.
"""
import json
import sys


def fail(message):
    print(message)
    sys.exit(43)


lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 3:
    fail("expected 3 lines (target, startFuel, stations), got %d" % len(lines))
try:
    target, start_fuel, stations = (json.loads(line) for line in lines)
except ValueError as e:
    fail("a parameter is not JSON: %s" % e)
for name, value in (("target", target), ("startFuel", start_fuel)):
    if type(value) is not int or not 1 <= value <= 10**9:
        fail("%s = %r is not an integer in [1, 10^9]" % (name, value))
if not isinstance(stations, list) or len(stations) > 100000:
    fail("stations must be an array of at most 100000 pairs")
previous = 0
for i, s in enumerate(stations):
    if not isinstance(s, list) or len(s) != 2 or not all(type(x) is int for x in s):
        fail("stations[%d] is not a pair of integers: %r" % (i, s))
    position, litres = s
    if not previous < position < target:
        fail("stations[%d] position %d is not in (%d, target = %d)" % (i, position, previous, target))
    if not 1 <= litres <= 10**9:
        fail("stations[%d] litres = %d is outside [1, 10^9]" % (i, litres))
    previous = position
sys.exit(42)
