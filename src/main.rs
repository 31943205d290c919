//! `oaj`: the OA Judge command line. Thin by design: every rule lives in the
//! crates under `crates/`.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::SUCCESS
}
