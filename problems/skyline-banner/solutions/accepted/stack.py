class Solution:
    def largestBanner(self, heights: List[int]) -> int:
        best = 0
        stack = []  # indices of buildings with increasing heights
        # A sentinel of height 0 at the end pops everything still waiting.
        for i, h in enumerate(heights + [0]):
            while stack and heights[stack[-1]] >= h:
                top = stack.pop()
                # The popped building's banner reaches back to just after the
                # next lower building still on the stack.
                left = stack[-1] + 1 if stack else 0
                area = heights[top] * (i - left)
                if area > best:
                    best = area
            stack.append(i)
        return best
