// Indexes past the end of a vector: panics, exit code 101.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let v: Vec<i64> = input.split_whitespace().map(|t| t.parse().expect("an integer")).collect();
    let third = v.len() + 1;
    println!("{}", v[0] + v[third]);
}
