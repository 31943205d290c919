# Bug: measures a popped building's banner from the popped building itself
# (i - top) instead of from just after the next lower building on the stack,
# so banners that reach left over taller, already popped buildings are missed.
class Solution:
    def largestBanner(self, heights: List[int]) -> int:
        best = 0
        stack = []
        for i, h in enumerate(heights + [0]):
            while stack and heights[stack[-1]] >= h:
                top = stack.pop()
                best = max(best, heights[top] * (i - top))
            stack.append(i)
        return best
