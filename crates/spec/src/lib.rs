//! The problem model of OA Judge.
//!
//! A [`Problem`] is loaded from a directory, either in the native format
//! (`problem.toml`, `statement.md`, `tests/{sample,hidden}/NAME.{in,ans}`) or
//! from a Kattis/ICPC problem package. Loading validates everything and
//! reports every mistake with the file, the field or case, and what was
//! expected. This crate never runs anything.

mod error;
pub mod kattis;
mod model;
mod names;
mod native;
pub mod signature;
pub mod testdata;

pub use error::{Diagnostic, ProblemError};
pub use model::*;
pub use names::closest_names;
pub use signature::{Param, Signature, Type};

use std::path::Path;

/// Loads and validates the problem in `dir`, whatever its format.
pub fn load(dir: &Path) -> Result<Problem, ProblemError> {
    if !dir.is_dir() {
        return Err(ProblemError::single(dir, "not a problem directory (it does not exist or is not a directory)"));
    }
    if dir.join("problem.toml").is_file() {
        native::load(dir)
    } else if kattis::is_package(dir) {
        kattis::load(dir)
    } else {
        Err(ProblemError::single(
            dir,
            "no problem.toml here: a problem directory holds problem.toml, statement.md and tests/ (or problem.yaml for a Kattis/ICPC package)",
        ))
    }
}
