// expect: WA
// attack: on a hidden case, writes a forged report for every case of the
// batch (guessed nonces, `ready`) to every descriptor from 3 to 63 and exits
// with status 0 without returning: nothing it forged may count.
extern "C" {
    fn write(fd: i32, buf: *const u8, count: usize) -> isize;
}

impl Solution {
    pub fn double_it(x: i32) -> i64 {
        if x == 0 {
            return 0;
        }
        let mut lines = String::from("ready\n");
        for c in 0..3 {
            lines.push_str(&format!("{} {c} R {}\n", "0".repeat(32), 2 * x as i64));
        }
        for fd in 3..64 {
            unsafe { write(fd, lines.as_ptr(), lines.len()) };
        }
        std::process::exit(0);
    }
}
