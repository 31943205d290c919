# expect: TLE
# attack: finds the harness's own functions through sys.modules['__main__']
# and gc.get_objects(), calls its report function with the right answer for
# the current case, silences the harness's later writes (os.write becomes a
# no-op), replaces the harness's entry points, and only then computes slowly.
import gc
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


def current_case():
    for frame in sys._current_frames().values():
        while frame is not None:
            if "case" in frame.f_locals and "count" in frame.f_locals:
                return frame.f_locals["case"]
            frame = frame.f_back
    return 0


class Solution:
    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        main = sys.modules["__main__"]
        for name in dir(main):
            if name.startswith("__oaj"):
                setattr(main, name, lambda *a, **k: None)
        reports = [
            f
            for f in gc.get_objects()
            if callable(f) and getattr(f, "__name__", "") == "report" and "nonce" in getattr(f, "__code__", slow.__code__).co_freevars
        ]
        for report in reports:
            report("%d R %d" % (current_case(), 2 * x))
        os.write = lambda fd, data: len(data)
        return slow(x)
