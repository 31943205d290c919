# Bug: stops at a strictly lower price on BOTH sides, so a stretch whose
# lowest price occurs on two days is counted once for each of them.
class Solution:
    def sumOfStretchMinimums(self, prices: List[int]) -> int:
        n = len(prices)
        left, right = [0] * n, [0] * n
        stack = []
        for i in range(n):
            while stack and prices[stack[-1]] > prices[i]:
                stack.pop()
            left[i] = i - (stack[-1] if stack else -1)
            stack.append(i)
        stack = []
        for i in range(n - 1, -1, -1):
            while stack and prices[stack[-1]] > prices[i]:
                stack.pop()
            right[i] = (stack[-1] if stack else n) - i
            stack.append(i)
        return sum(p * l * r for p, l, r in zip(prices, left, right))
