# expect: TLE
# attack: stops every other thread of the process (a watchdog among them)
# by raising SystemExit in it through ctypes, makes every Thread look dead
# and every sleep return at once, then computes slowly.
import ctypes
import threading
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
        me = threading.get_ident()
        for thread in threading.enumerate():
            if thread.ident != me:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(SystemExit))
        threading.Thread.is_alive = lambda self: False
        time.sleep = lambda seconds: None
        return slow(x)
