# Insertion sort: O(n^2), fine for small arrays, hopeless for 100000 elements.
class Solution:
    def sortArray(self, nums: List[int]) -> List[int]:
        for i in range(1, len(nums)):
            value, j = nums[i], i - 1
            while j >= 0 and nums[j] > value:
                nums[j + 1] = nums[j]
                j -= 1
            nums[j + 1] = value
        return nums
