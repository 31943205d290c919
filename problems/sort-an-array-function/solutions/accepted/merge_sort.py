class Solution:
    def sortArray(self, nums: List[int]) -> List[int]:
        # Bottom-up merge sort: no recursion, O(n log n) in every case.
        src, dst = nums[:], [0] * len(nums)
        width, n = 1, len(nums)
        while width < n:
            for lo in range(0, n, 2 * width):
                mid, hi = min(lo + width, n), min(lo + 2 * width, n)
                i, j, k = lo, mid, lo
                while i < mid and j < hi:
                    if src[i] <= src[j]:
                        dst[k] = src[i]; i += 1
                    else:
                        dst[k] = src[j]; j += 1
                    k += 1
                dst[k:k + mid - i] = src[i:mid]
                k += mid - i
                dst[k:k + hi - j] = src[j:hi]
            src, dst = dst, src
            width *= 2
        return src
