impl Solution {
    pub fn longest_palindrome(s: String) -> String {
        let b = s.as_bytes();
        let n = b.len() as i64;
        let (mut best_start, mut best_len) = (0i64, 1i64);
        for centre in 0..(2 * n - 1) {
            let (mut lo, mut hi) = (centre / 2, (centre + 1) / 2);
            while lo >= 0 && hi < n && b[lo as usize] == b[hi as usize] {
                lo -= 1;
                hi += 1;
            }
            let (len, start) = (hi - lo - 1, lo + 1);
            if len > best_len || (len == best_len && start < best_start) {
                best_len = len;
                best_start = start;
            }
        }
        s[best_start as usize..(best_start + best_len) as usize].to_string()
    }
}
