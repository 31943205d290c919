// expect: RE
// sample: RE
// attack: points descriptor 3 (the batch's report pipe) at stdout and
// closes it, then answers honestly. Nothing reported counts, so every case
// runs alone; and alone, descriptor 3 is where the one-case harness saved
// its stdout, so the result is lost there too: RE both ways, never a
// verdict from the broken channel.
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
