# expect: WA
# attack: a wrong answer (2x + 1) that claims to have passed: writes
# "passed" lines, old-format result lines and report lines with the
# harness's own nonce (read from its frame) to stdout and every descriptor.
import os
import sys


def harness_nonce():
    for frame in sys._current_frames().values():
        while frame is not None:
            if "nonce" in frame.f_locals:
                return frame.f_locals["nonce"]
            frame = frame.f_back
    return "0" * 32


class Solution:
    calls = 0

    def doubleIt(self, x: int) -> int:
        if x == 0:
            return 0
        case = Solution.calls
        Solution.calls += 1
        wrong = 2 * x + 1
        lines = "AC\npassed %d\nR %d 0 %d\n%s %d R %d\n" % (case, case, wrong, harness_nonce(), case, wrong)
        for fd in range(1, 64):
            try:
                os.write(fd, lines.encode())
            except OSError:
                pass
        return wrong
