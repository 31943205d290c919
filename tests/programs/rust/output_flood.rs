// Writes to stdout without end.
use std::io::Write;

fn main() {
    let line = vec![b'x'; 1 << 16];
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    loop {
        out.write_all(&line).expect("write to stdout");
    }
}
