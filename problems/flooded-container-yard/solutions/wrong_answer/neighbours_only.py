# Bug: bounds each slot by its two direct neighbours instead of the tallest
# stacks on each side, so wide pits hold (almost) no water.
class Solution:
    def trappedWater(self, heights: List[int]) -> int:
        total = 0
        for i in range(1, len(heights) - 1):
            level = min(heights[i - 1], heights[i + 1])
            if level > heights[i]:
                total += level - heights[i]
        return total
