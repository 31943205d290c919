# expect: TLE
# attack: before computing slowly, writes forged result lines for its case
# to every descriptor from 3 to 63 (the report pipe among them): the old
# batch format, the report format with guessed nonces, and bare `ready`.
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
    calls = 0

    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        case = Solution.calls
        Solution.calls += 1
        lines = "R %d 0 %d\n%s %d R %d\n%d R %d\nready\n" % (case, 2 * x, "0" * 32, case, 2 * x, case, 2 * x)
        for fd in range(3, 64):
            try:
                os.write(fd, lines.encode())
            except OSError:
                pass
        return slow(x)
