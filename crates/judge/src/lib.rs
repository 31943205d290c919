//! The OA Judge judging core: languages, the compile cache, running cases in
//! the sandbox, checkers and verdicts.
//!
//! [`Judge::judge`] is async, reports progress case by case through an
//! optional channel, and returns a serializable [`JudgeResult`]. Processes
//! are only ever started through [`oaj_sandbox::Sandbox`], on blocking
//! threads, never by forking inside the async runtime.

mod batch;
pub mod build;
mod case;
pub mod checker;
mod diff;
mod env;
pub mod function;
pub mod generate;
mod java_class;
pub mod language;
mod language_rules;
mod parallel;
mod pipeline;
pub mod result;
mod schedule;
mod submission;
mod toolchain_cache;
pub mod validate;

use std::path::{Path, PathBuf};

pub use language::{Language, Languages, SourceNaming, Toolchain};
pub use pipeline::input_validation::InputProblem;
pub use pipeline::{CaseSelection, CustomRunResult, Judge, JudgeConfig, JudgeOptions, Submission};
pub use result::{CaseResult, CompileReport, JudgeEvent, JudgeResult, Verdict};
pub use submission::{read_source, SubmissionError, MAX_SOURCE_BYTES};

/// A failure to judge at all (as opposed to a verdict).
#[derive(Debug, thiserror::Error)]
pub enum JudgeError {
    /// The language's compiler or runtime is not installed.
    #[error("{0}")]
    Toolchain(String),
    #[error(transparent)]
    Language(#[from] language::LanguageError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the sandbox failed: {0}")]
    Sandbox(#[source] oaj_sandbox::SandboxError),
    #[error("{0}")]
    Problem(String),
    /// Input the user gave that the problem cannot take (custom input of a
    /// function problem that does not fit its parameters): the user's
    /// mistake, said as such, never a judge error.
    #[error("{0}")]
    Input(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl JudgeError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        JudgeError::Io { path: path.to_path_buf(), source }
    }
}

/// Where compiled builds are cached: `$OAJ_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/oaj`, else `~/.cache/oaj`, else a directory under the
/// system temp dir.
pub fn default_cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("OAJ_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("oaj");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".cache").join("oaj");
    }
    std::env::temp_dir().join("oaj-cache")
}
