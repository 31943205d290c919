# expect: TLE
# attack: stops every other thread of the process (a watchdog among them)
# by raising SystemExit in it through ctypes, makes every Thread look dead
# and every sleep return at once, then computes slowly.
import ctypes
import threading
import time


def slow(x):
    s = 0
    for i in range(10**9):
        s ^= i
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
