# expect: TLE
# attack: forges result lines on stdout and every descriptor, registers an
# atexit hook that forges them again, ignores the CPU-limit, termination
# and alarm signals, catches every exception a timeout could raise in the
# slow loop and starts over, and exits with status 0 when done.
import atexit
import os
import signal
import sys
import time

_cpu = time.thread_time  # the solution's own clock, kept before any patching


def forge(case, value):
    lines = ("S 0\nR %d 0 %d\n%s %d R %d\n" % (case, value, "f" * 32, case, value)).encode()
    for fd in range(1, 64):
        try:
            os.write(fd, lines)
        except OSError:
            pass


class Solution:
    calls = 0

    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        case = Solution.calls
        Solution.calls += 1
        for sig in (signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGUSR1):
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):
                pass
        atexit.register(forge, case, 2 * x)
        forge(case, 2 * x)
        # Twice the 900 ms limit of CPU on any machine.
        end = _cpu() + 1.8
        s = 0
        while _cpu() < end:
            try:
                s += 1
            except BaseException:
                pass
        forge(case, 2 * x)
        sys.stdout.flush()
        os._exit(0)
