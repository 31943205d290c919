//! `oaj`: the OA Judge command line. Thin by design: every rule lives in the
//! crates under `crates/`.

use std::process::ExitCode;

fn main() -> ExitCode {
    // The sandbox exec helper must run before anything else starts a thread.
    if std::env::args_os().nth(1).is_some_and(|a| a == oaj_sandbox::HELPER_SUBCOMMAND) {
        return oaj_sandbox::helper_main();
    }
    if std::env::args_os().nth(1).is_some_and(|a| a == "doctor") {
        return doctor();
    }
    ExitCode::SUCCESS
}

/// `oaj doctor`: which sandbox protections are active on this host.
fn doctor() -> ExitCode {
    let sandbox = oaj_sandbox::Sandbox::new();
    println!("sandbox protections:");
    print!("{}", sandbox.protections());
    if sandbox.is_isolated() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
