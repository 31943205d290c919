#!/usr/bin/env python3
"""Input validator for customer-records-merge (Kattis protocol): one line, a
JSON array of 1..2*10^4 records [name, id, ...] of 2..11 strings (name: 1..20
letters; id: 1..30 of [a-z0-9@._]); records sharing an identifier must have
the same name. Exits 42 when valid, else prints why and exits 43."""
import json
import re
import sys


def fail(message):
    print(message)
    sys.exit(43)


text = sys.stdin.read()
if not text.endswith("\n") or text.count("\n") != 1:
    fail("expected exactly one line ending with a newline")
try:
    records = json.loads(text)
except ValueError as e:
    fail("records is not JSON: %s" % e)
if not isinstance(records, list) or not 1 <= len(records) <= 2 * 10**4:
    fail("records must be an array of 1..2*10^4 records")
name_re = re.compile(r"[A-Za-z]{1,20}")
id_re = re.compile(r"[a-z0-9@._]{1,30}")
owner = {}
for i, rec in enumerate(records):
    if not isinstance(rec, list) or not 2 <= len(rec) <= 11 or not all(isinstance(x, str) for x in rec):
        fail("records[%d] is not an array of 2..11 strings" % i)
    if not name_re.fullmatch(rec[0]):
        fail("records[%d] has name %r: expected 1..20 English letters" % (i, rec[0][:25]))
    for ident in rec[1:]:
        if not id_re.fullmatch(ident):
            fail("records[%d] has identifier %r: expected 1..30 of [a-z0-9@._]" % (i, ident[:35]))
        if owner.setdefault(ident, rec[0]) != rec[0]:
            fail("identifier %r belongs to %r and to %r" % (ident, owner[ident], rec[0]))
sys.exit(42)
