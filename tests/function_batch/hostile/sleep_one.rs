// expect: TLE
// hidden: AC TLE AC
// attack: sleeps past the limit on one case (x = 5) and answers the others
// at once: only that case may be a TLE, in batch mode as per case.
impl Solution {
    pub fn double_it(x: i32) -> i64 {
        if x == 5 {
            std::thread::sleep(std::time::Duration::from_secs(4));
        }
        2 * x as i64
    }
}
