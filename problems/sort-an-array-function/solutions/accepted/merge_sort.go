func sortArray(nums []int) []int {
	buf := make([]int, len(nums))
	var sortRange func(lo, hi int)
	sortRange = func(lo, hi int) {
		if hi-lo < 2 {
			return
		}
		mid := (lo + hi) / 2
		sortRange(lo, mid)
		sortRange(mid, hi)
		i, j, k := lo, mid, lo
		for i < mid && j < hi {
			if nums[i] <= nums[j] {
				buf[k] = nums[i]
				i++
			} else {
				buf[k] = nums[j]
				j++
			}
			k++
		}
		k += copy(buf[k:], nums[i:mid])
		copy(buf[k:], nums[j:hi])
		copy(nums[lo:hi], buf[lo:hi])
	}
	sortRange(0, len(nums))
	return nums
}
