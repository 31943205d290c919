func sortArray(nums []int) []int {
    lo, hi := nums[0], nums[0]
    for _, x := range nums {
        lo = min(lo, x)
        hi = max(hi, x)
    }
    if hi-lo > 2000000 {
        sort.Ints(nums)
        return nums
    }
    count := make([]int, hi-lo+1)
    for _, x := range nums {
        count[x-lo]++
    }
    res := nums[:0]
    for i, c := range count {
        for ; c > 0; c-- {
            res = append(res, i+lo)
        }
    }
    return res
}
