// Prints a - b instead of a + b.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let v: Vec<i64> = input.split_whitespace().map(|t| t.parse().expect("an integer")).collect();
    println!("{}", v[0] - v[1]);
}
