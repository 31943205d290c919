// Allocates 1 GiB in 16 MiB blocks; vec![1; n] writes every byte, so the
// memory is really used.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let sum: i64 = input.split_whitespace().map(|t| t.parse::<i64>().expect("an integer")).sum();
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    for i in 0..64u8 {
        blocks.push(vec![i + 1; 16 << 20]);
    }
    let checksum: u64 = blocks.iter().map(|b| u64::from(b[b.len() - 1])).sum();
    println!("{}", sum + (checksum % 2) as i64);
}
