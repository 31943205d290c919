#!/usr/bin/env python3
"""Writes the hidden cases of customer-records-merge (deterministic: fixed seed).

Regenerate from the repository root:

    /usr/bin/python3 problems/customer-records-merge/generators/gen.py

Customers get identifiers spread over several records that are linked only
step by step (a record shares an identifier with some earlier one of the same
customer); records are then shuffled, so merging needs transitivity. Names
come from a short list, so many different customers share a name.
Maximum-size cases come first.
"""
import json
import os
import random
import string

MAX_RECORDS = 2 * 10**4
rng = random.Random(31337)
NAMES = ["Ana", "Bo", "Chen", "Dana", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jo"]
DOMAINS = ["mail.io", "web.io", "shop.co", "x.org"]
used_ids = set()
cases = []


def solve(records):
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner = {}
    for rec in records:
        for ident in rec[1:]:
            parent.setdefault(ident, ident)
            owner[ident] = rec[0]
        for ident in rec[2:]:
            a, b = find(rec[1]), find(ident)
            if a != b:
                parent[a] = b
    groups = {}
    for ident in parent:
        groups.setdefault(find(ident), []).append(ident)
    out = [[owner[ids[0]]] + sorted(ids) for ids in groups.values()]
    out.sort()
    return out


def new_id():
    while True:
        kind = rng.random()
        if kind < 0.6:
            ident = "".join(rng.choice(string.ascii_lowercase + string.digits + "._")
                            for _ in range(rng.randint(1, 8))) + "@" + rng.choice(DOMAINS)
        else:
            ident = "".join(rng.choice(string.digits) for _ in range(rng.randint(1, 9)))
        if ident not in used_ids:
            used_ids.add(ident)
            return ident


def customer_records(name, n_records, max_new=4):
    """n_records records of one customer, each linked to an earlier one."""
    records = []
    pool = []
    for i in range(n_records):
        ids = []
        if pool:
            ids.append(rng.choice(pool))
        for _ in range(rng.randint(0 if pool else 1, max_new)):
            ident = new_id()
            pool.append(ident)
            ids.append(ident)
        if rng.random() < 0.1:
            ids.append(rng.choice(ids))  # an identifier listed twice
        rng.shuffle(ids)
        records.append([name] + ids[:10])
    return records


def shop(total, sizes):
    records = []
    while len(records) < total:
        records += customer_records(rng.choice(NAMES), min(rng.choice(sizes), total - len(records)))
    rng.shuffle(records)
    return records


def chain(name, n):
    ids = [new_id() for _ in range(n + 1)]
    records = [[name, ids[i], ids[i + 1]] for i in range(n)]
    rng.shuffle(records)
    return records


def add(name, records):
    cases.append((name, records))


add("01-max-all-separate", shop(MAX_RECORDS, [1]))
add("02-max-mixed-customers", shop(MAX_RECORDS, [1, 2, 3, 5, 10, 40]))
add("03-max-one-long-chain", chain("Zoe", MAX_RECORDS))
add("04-few-big-customers", shop(MAX_RECORDS // 2, [1000]))
add("05-wide-records", [["Wu"] + [new_id() for _ in range(10)] for _ in range(1000)])
add("10-edge-single-record", [["Ana", "a@mail.io"]])
add("11-edge-duplicate-ids", [["Bo", "7", "7", "7"]])
add("12-edge-same-name-apart", [["Jo", "j2"], ["Jo", "j1"], ["Jo", "j3", "j2"]])
add("13-edge-identical-records", [["Eli", "e@x.org", "f@x.org"]] * 3)
add("14-bridge-at-the-end", [["Li", "x1"], ["Li", "x2"], ["Li", "x3", "x1"], ["Li", "x2", "x4"], ["Li", "x3", "x4"]])
add("15-bridges-in-tree-order", [["Max", "m4", "m5"], ["Max", "m1"], ["Max", "m2", "m3"], ["Max", "m3", "m4"],
                                 ["Max", "m1", "m2"], ["Ben", "m6"]])
add("16-id-order-symbols", [["Ana", "a_b"], ["Ana", "a.b", "a@b"], ["Ana", "ab", "a9"], ["Ana", "a9"]])
add("17-small-random", shop(12, [1, 2, 3]))
add("18-small-random", shop(30, [2, 5]))
add("19-medium-random", shop(800, [1, 3, 8, 30]))

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
os.makedirs(out_dir, exist_ok=True)
for name, records in cases:
    with open(os.path.join(out_dir, name + ".in"), "w") as f:
        f.write(json.dumps(records, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, name + ".ans"), "w") as f:
        f.write(json.dumps(solve(records), separators=(",", ":")) + "\n")
