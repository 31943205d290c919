//! Standard output that survives its reader going away. `oaj run ... | head
//! -1` closes the pipe after one line, and std's `println!` panics on the
//! next one. Dying on SIGPIPE instead is no better: the judging would stop
//! half-way, leaving its run directories behind. So the binary's `println!`
//! and `print!` (macros in `main.rs`, shadowing std's) come here: once
//! stdout is gone, the rest of the output is dropped and the command ends
//! as it would have, with its usual exit code.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout has failed: nothing more is written.
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Writes `args` (and a newline) to stdout, unless stdout is gone.
pub(crate) fn write(args: fmt::Arguments<'_>, newline: bool) {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    let written = out.write_fmt(args).and_then(|()| if newline { out.write_all(b"\n") } else { out.flush() });
    if let Err(error) = written {
        STDOUT_GONE.store(true, Ordering::Relaxed);
        // A closed pipe is the reader's choice; anything else (a full disk
        // behind a redirect) is worth a line on stderr.
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("oaj: cannot write to standard output ({error}); the rest of the output is dropped");
        }
    }
}
