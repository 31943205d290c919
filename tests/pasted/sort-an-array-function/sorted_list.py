class Solution:
    def sortArray(self, nums: List[int]) -> List[int]:
        sl = SortedList()
        for x in nums:
            sl.add(x)
        return list(sl)
