# expect: TLE
# attack: reads the harness's nonce and case number out of its frame (every
# thread's frames through sys._current_frames), writes the report line the
# harness would write, with the right answer, to every descriptor from 3 to
# 63, and only then computes slowly, charging the slow part to the next case.
import os
import sys
import time

_cpu = time.thread_time  # the solution's own clock, kept before any patching


def slow(x):
    # Twice the 900 ms limit of CPU on any machine, then the answer.
    end = _cpu() + 1.8
    s = 0
    while _cpu() < end:
        s += 1
    return 2 * x + (s & 0)


def harness_locals():
    for frame in sys._current_frames().values():
        while frame is not None:
            names = frame.f_locals
            if "nonce" in names and "case" in names:
                return names["nonce"], names["case"]
            frame = frame.f_back
    return None, None


class Solution:
    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        nonce, case = harness_locals()
        if nonce is not None:
            line = ("%s %d R %d\n" % (nonce, case, 2 * x)).encode()
            for fd in range(3, 64):
                try:
                    os.write(fd, line)
                except OSError:
                    pass
        return slow(x)
