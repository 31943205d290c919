// expect: TLE
// sample: TLE
// attack: precomputes for twice the limit on the first call into a lazily
// initialized static, so every later call in the same process is instant
// and a batch would pay the precomputation once.
use std::sync::OnceLock;

static TABLE: OnceLock<i64> = OnceLock::new();

extern "C" {
    fn clock_gettime(clock: i32, time: *mut [i64; 2]) -> i32;
}

fn cpu_ns() -> i64 {
    let mut t = [0i64; 2];
    unsafe { clock_gettime(2, &mut t) };
    t[0] * 1_000_000_000 + t[1]
}

fn slow() -> i64 {
    let (end, mut s) = (cpu_ns() + 600_000_000, 1i64);
    while cpu_ns() < end {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1);
    }
    s
}

impl Solution {
    pub fn double_it(x: i32) -> i64 {
        let table = *TABLE.get_or_init(slow);
        2 * x as i64 + (table == 42) as i64
    }
}
