#!/usr/bin/env python3
"""Writes the hidden cases of van-refuel-stops (deterministic: fixed seed).

Run from anywhere: /usr/bin/python3 problems/van-refuel-stops/generators/gen.py
The maximum-size cases come first, so a too-slow solution fails early.
"""
import heapq
import json
import os
import random

MAX_N = 100000
LIM = 10**9

rng = random.Random(2026120719)
cases = []


def add(name, target, start_fuel, stations):
    cases.append((name, target, start_fuel, stations))


def answer(target, start_fuel, stations):
    passed = []  # litres of stations already driven past, as a max-heap
    reach = start_fuel
    stops = 0
    i = 0
    while reach < target:
        while i < len(stations) and stations[i][0] <= reach:
            heapq.heappush(passed, -stations[i][1])
            i += 1
        if not passed:
            return -1
        reach += -heapq.heappop(passed)
        stops += 1
    return stops


def positions(count, target):
    return sorted(rng.sample(range(1, target), count))


# Stations every 10 km with 10 litres each, and a start that reaches only the first:
# the van must stop at (almost) every station.
add("01-max-every-station", 10 * MAX_N + 10, 10, [[10 * (i + 1), 10] for i in range(MAX_N)])
# Random stations with small amounts: many stops, many choices.
target = LIM
pos = positions(MAX_N, target)
add("02-max-random", target, 20000, [[p, rng.randint(1, 30000)] for p in pos])
# Huge amounts: two stops always suffice, the choice is which two.
pos = positions(2000, target)
add("04-huge-amounts", target, pos[0], [[p, rng.randint(LIM // 2, LIM)] for p in pos])
add("10-no-stations-reach", 7, 7, [])
add("11-no-stations-short", 8, 7, [])
add("12-start-covers-all", 100, LIM, [[10, 5], [50, 5]])
add("13-arrive-with-zero", 20, 10, [[10, 10]])
add("14-one-short", 21, 10, [[10, 10]])
# The biggest station lies behind a smaller, later one: pick by amount, not by position.
add("15-pick-biggest-passed", 100, 25, [[5, 70], [20, 10], [25, 10], [90, 1]])
add("16-stranded-midway", 1000, 10, [[5, 5], [10, 5], [20, 500]])
add("17-max-values", LIM, 1, [[1, LIM - 1]])
add("18-small-random", 100, 15, [[p, rng.randint(1, 30)] for p in positions(10, 100)])
add("19-medium-random", 10**6, 1000, [[p, rng.randint(1, 1000)] for p in positions(3000, 10**6)])
add("20-medium-unreachable", 10**6, 1000, [[p, rng.randint(1, 100)] for p in positions(3000, 10**6)])
add("21-first-station-suffices", 1000, 100, [[100, 900], [500, 1], [999, 1]])

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, target, start_fuel, stations in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write("%d\n%d\n%s\n" % (target, start_fuel, json.dumps(stations, separators=(",", ":"))))
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write("%d\n" % answer(target, start_fuel, stations))
