// expect: TLE
// attack: before computing slowly, writes report lines for its case to the
// real stdout (descriptor 1): the report format with a guessed nonce, and
// bare `ready`.
use std::sync::atomic::{AtomicUsize, Ordering};

static CALLS: AtomicUsize = AtomicUsize::new(0);

extern "C" {
    fn clock_gettime(clock: i32, time: *mut [i64; 2]) -> i32;
    fn write(fd: i32, buf: *const u8, count: usize) -> isize;
}

fn cpu_ns() -> i64 {
    let mut t = [0i64; 2];
    unsafe { clock_gettime(2, &mut t) };
    t[0] * 1_000_000_000 + t[1]
}

impl Solution {
    pub fn double_it(x: i32) -> i64 {
        if x == 0 {
            return 0;
        }
        let c = CALLS.fetch_add(1, Ordering::SeqCst);
        let lines = format!("ready\n{} {c} R {}\n", "0".repeat(32), 2 * x as i64);
        unsafe { write(1, lines.as_ptr(), lines.len()) };
        // Twice the 300 ms limit of CPU, then the answer.
        let (end, mut s) = (cpu_ns() + 600_000_000, x as i64);
        while cpu_ns() < end {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
        2 * x as i64 + (s == 42) as i64
    }
}
