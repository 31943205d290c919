class Solution:
    def trappedWater(self, heights: List[int]) -> int:
        left, right = 0, len(heights) - 1
        left_max = right_max = total = 0
        while left < right:
            # The lower side is bounded by its own maximum: the other side
            # already has something at least as tall.
            if heights[left] < heights[right]:
                left_max = max(left_max, heights[left])
                total += left_max - heights[left]
                left += 1
            else:
                right_max = max(right_max, heights[right])
                total += right_max - heights[right]
                right -= 1
        return total
