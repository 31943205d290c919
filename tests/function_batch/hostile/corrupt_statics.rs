// expect: AC
// attack: corrupts its own static state on the first hidden call, so every
// later call in the same process answers 2x + 1. One process per case
// answers every case right; batch mode must too (a failing case reruns
// alone).
use std::sync::atomic::{AtomicBool, Ordering};

static USED: AtomicBool = AtomicBool::new(false);

impl Solution {
    pub fn double_it(x: i32) -> i64 {
        if USED.load(Ordering::SeqCst) {
            return 2 * x as i64 + 1;
        }
        USED.store(x != 0, Ordering::SeqCst);
        2 * x as i64
    }
}
