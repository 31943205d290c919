# expect: TLE
# attack: before the harness starts, freezes every clock Python offers and
# neuters every way a harness could stop a call from inside the process
# (Thread.join with a timeout, Thread.is_alive, os._exit, sys.exit), then
# computes slowly: a harness that timed the call itself would report 0 ms.
import os
import sys
import threading
import time

_cpu = time.thread_time  # the solution's own clock, kept before any patching

for name in ("perf_counter", "process_time", "monotonic", "time", "thread_time"):
    setattr(time, name, lambda: 0.0)
    setattr(time, name + "_ns", lambda: 0)
_join = threading.Thread.join
threading.Thread.join = lambda self, timeout=None: _join(self)
threading.Thread.is_alive = lambda self: False
os._exit = lambda code=0: None
sys.exit = lambda code=0: None


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
        return slow(x)
