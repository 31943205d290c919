# Bug: a two-pointer window that shrinks while the sum is too big. That is
# only right when every change is non-negative; negative days break it.
class Solution:
    def countPeriods(self, changes: List[int], target: int) -> int:
        total = window = left = 0
        for right, c in enumerate(changes):
            window += c
            while left < right and window > target:
                window -= changes[left]
                left += 1
            if window == target:
                total += 1
        return total
