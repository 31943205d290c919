//! One rule for a missing toolchain or test tool, shared by every test
//! binary: in CI (`CI=true`) it fails the test, since a suite that skips is
//! not a suite that passed; locally the test skips with a loud message.

/// Whether the tests run in CI.
pub fn in_ci() -> bool {
    matches!(std::env::var("CI").as_deref(), Ok("true") | Ok("1"))
}

/// Reports that `what` is missing: panics in CI, else prints a loud skip
/// notice (the caller then returns or moves on).
pub fn missing(what: &str, detail: &str) {
    if in_ci() {
        panic!("{what} is missing in CI, where every test must run: {detail}");
    }
    eprintln!("\n!!!!!! SKIPPING: {what} is not installed here ({detail}) !!!!!!\n");
}
