// a+b with 64-bit arithmetic: the sum can exceed 32 bits.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let sum: i64 = input.split_whitespace().map(|t| t.parse::<i64>().expect("an integer")).sum();
    println!("{sum}");
}
