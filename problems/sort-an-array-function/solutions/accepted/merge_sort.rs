impl Solution {
    pub fn sort_array(nums: Vec<i32>) -> Vec<i32> {
        fn merge_sort(a: &mut [i32], buf: &mut Vec<i32>) {
            if a.len() < 2 {
                return;
            }
            let mid = a.len() / 2;
            merge_sort(&mut a[..mid], buf);
            merge_sort(&mut a[mid..], buf);
            buf.clear();
            let (mut i, mut j) = (0, mid);
            while i < mid && j < a.len() {
                if a[i] <= a[j] {
                    buf.push(a[i]);
                    i += 1;
                } else {
                    buf.push(a[j]);
                    j += 1;
                }
            }
            buf.extend_from_slice(&a[i..mid]);
            buf.extend_from_slice(&a[j..]);
            a.copy_from_slice(buf);
        }
        let mut nums = nums;
        let mut buf = Vec::with_capacity(nums.len());
        merge_sort(&mut nums, &mut buf);
        nums
    }
}
