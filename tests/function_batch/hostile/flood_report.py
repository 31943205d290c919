# expect: TLE
# attack: floods every descriptor from 3 to 63 with a million newlines (each
# line could end a step early), then computes slowly.
import os
import time

_cpu = time.thread_time  # the solution's own clock, kept before any patching


def slow(x):
    # Twice the 900 ms limit of CPU on any machine, then the answer.
    end = _cpu() + 1.8
    s = 0
    while _cpu() < end:
        s += 1
    return 2 * x + (s & 0)


class Solution:
    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        flood = b"\n" * 1_000_000
        for fd in range(3, 64):
            try:
                os.write(fd, flood)
            except OSError:
                pass
        return slow(x)
