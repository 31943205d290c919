class Solution:
    def sortArray(self, nums: List[int]) -> List[int]:
        def partition(lo, hi):
            p = randint(lo, hi)
            nums[p], nums[hi] = nums[hi], nums[p]
            pivot = nums[hi]
            lt, i, gt = lo, lo, hi
            while i <= gt:
                if nums[i] < pivot:
                    nums[lt], nums[i] = nums[i], nums[lt]
                    lt += 1
                    i += 1
                elif nums[i] > pivot:
                    nums[gt], nums[i] = nums[i], nums[gt]
                    gt -= 1
                else:
                    i += 1
            return lt, gt

        stack = [(0, len(nums) - 1)]
        random.seed(7)
        while stack:
            lo, hi = stack.pop()
            if lo >= hi:
                continue
            lt, gt = partition(lo, hi)
            stack.append((lo, lt - 1))
            stack.append((gt + 1, hi))
        return nums
