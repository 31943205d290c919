class Solution:
    def daysUntilHigher(self, readings: List[int]) -> List[int]:
        wait = [0] * len(readings)
        stack = []  # days still waiting, their readings non-increasing
        for i, r in enumerate(readings):
            while stack and readings[stack[-1]] < r:
                j = stack.pop()
                wait[j] = i - j
            stack.append(i)
        return wait
