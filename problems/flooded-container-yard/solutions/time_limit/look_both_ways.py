# Brute force: for every slot, find the tallest stack on each side by
# scanning. O(n^2).
class Solution:
    def trappedWater(self, heights: List[int]) -> int:
        n = len(heights)
        total = 0
        for i in range(n):
            left = max(heights[j] for j in range(i + 1))
            right = max(heights[j] for j in range(i, n))
            total += min(left, right) - heights[i]
        return total
