# Bug: treats the order as a set of codes, so an order [1,2,2] is satisfied by
# a block holding a single 2.
class Solution:
    def shortestPickingRun(self, shelf: List[int], order: List[int]) -> List[int]:
        wanted = set(order)
        have = Counter()
        covered = 0
        best = [-1, -1]
        left = 0
        for right, code in enumerate(shelf):
            if code in wanted:
                have[code] += 1
                if have[code] == 1:
                    covered += 1
            while covered == len(wanted):
                if best[0] < 0 or right - left < best[1] - best[0]:
                    best = [left, right]
                out = shelf[left]
                if out in wanted:
                    have[out] -= 1
                    if have[out] == 0:
                        covered -= 1
                left += 1
        return best
