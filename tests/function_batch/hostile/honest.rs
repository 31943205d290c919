// expect: AC
// attack: none; the control: an honest solution is accepted in batch mode.
impl Solution {
    pub fn double_it(x: i32) -> i64 {
        2 * x as i64
    }
}
