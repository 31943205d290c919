# expect: TLE
# attack: before the harness starts, freezes every clock Python offers and
# neuters every way a harness could stop a call from inside the process
# (Thread.join with a timeout, Thread.is_alive, os._exit, sys.exit), then
# computes slowly: a harness that timed the call itself would report 0 ms.
import os
import sys
import threading
import time

for name in ("perf_counter", "process_time", "monotonic", "time", "thread_time"):
    setattr(time, name, lambda: 0.0)
    setattr(time, name + "_ns", lambda: 0)
_join = threading.Thread.join
threading.Thread.join = lambda self, timeout=None: _join(self)
threading.Thread.is_alive = lambda self: False
os._exit = lambda code=0: None
sys.exit = lambda code=0: None


def slow(x):
    s = 0
    for i in range(10**9):
        s ^= i
    return 2 * x + (s & 0)


class Solution:
    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        return slow(x)
