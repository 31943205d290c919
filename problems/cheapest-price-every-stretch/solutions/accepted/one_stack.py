class Solution:
    def sumOfStretchMinimums(self, prices: List[int]) -> int:
        # When day `top` is popped by a day i with a lower-or-equal price, its
        # stretches are exactly those starting after the day below it on the
        # stack and ending before i; ties go to the rightmost equal day.
        total = 0
        stack = []
        n = len(prices)
        for i in range(n + 1):
            p = prices[i] if i < n else 0
            while stack and prices[stack[-1]] >= p:
                top = stack.pop()
                below = stack[-1] if stack else -1
                total += prices[top] * (top - below) * (i - top)
            stack.append(i)
        return total
