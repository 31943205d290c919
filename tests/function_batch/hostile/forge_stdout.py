# expect: TLE
# attack: before computing slowly, writes result lines for its case to the
# real stdout (descriptor 1 and sys.__stdout__): the old batch format
# (`S <ns>`, `R <case> <ns> <json>`) and the report format with a guessed
# nonce.
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


class Solution:
    calls = 0

    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        case = Solution.calls
        Solution.calls += 1
        lines = "S 0\nR %d 0 %d\n%s %d R %d\nready\n" % (case, 2 * x, "0" * 32, case, 2 * x)
        os.write(1, lines.encode())
        sys.__stdout__.write(lines)
        sys.__stdout__.flush()
        return slow(x)
