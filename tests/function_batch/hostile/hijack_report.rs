// expect: AC
// attack: closes the report descriptor and points it at stdout, then
// answers honestly: the harness can no longer report, and every case must
// still get its own verdict.
extern "C" {
    fn dup2(from: i32, to: i32) -> i32;
    fn close(fd: i32) -> i32;
}

impl Solution {
    pub fn double_it(x: i32) -> i64 {
        unsafe {
            dup2(1, 3);
            close(3);
        }
        2 * x as i64
    }
}
