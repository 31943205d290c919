# expect: TLE
# sample: TLE
# attack: precomputes for twice the limit at import, so every call is then
# instant, and in batch mode first makes the start-up look instant: reads
# the harness's first stdin line (the nonce) itself, reports `<nonce> ready`
# on descriptor 3, hands the line back to the harness through a replaying
# sys.stdin, and drops the harness's own `ready` line.
import os
import sys
import time

_cpu = time.thread_time  # the solution's own clock, kept before any patching

if "--oaj-batch" in sys.argv:
    head = sys.stdin.buffer.readline()
    os.write(3, head.split()[0] + b" ready\n")

    class Replay:
        def __init__(self, first, rest):
            self.first, self.rest = first, rest

        def readline(self):
            if self.first is not None:
                line, self.first = self.first, None
                return line
            return self.rest.readline()

    class Stdin:
        buffer = Replay(head, sys.stdin.buffer)

    sys.stdin = Stdin()
    _write = os.write
    os.write = lambda fd, data: len(data) if data.endswith(b" ready\n") else _write(fd, data)

# Twice the 900 ms limit of CPU on any machine.
_end = _cpu() + 1.8
TABLE = 0
while _cpu() < _end:
    TABLE += 1


class Solution:
    def doubleIt(self, x: int) -> int:
        return 2 * x + (TABLE & 0)
