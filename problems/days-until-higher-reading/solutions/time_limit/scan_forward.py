# Brute force: scan forward from every day. O(n^2) on falling readings.
class Solution:
    def daysUntilHigher(self, readings: List[int]) -> List[int]:
        n = len(readings)
        wait = [0] * n
        for i in range(n):
            for j in range(i + 1, n):
                if readings[j] > readings[i]:
                    wait[i] = j - i
                    break
        return wait
