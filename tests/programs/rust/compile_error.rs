// Adds an i64 to a string slice: a type error.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let a: i64 = 1;
    let sum: i64 = a + "2";
    println!("{sum}");
}
