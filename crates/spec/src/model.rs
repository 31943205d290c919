use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::signature::Signature;

/// A loaded, validated problem. Test data stays on disk; cases hold paths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Short name used on the command line and in URLs (the directory name).
    pub slug: String,
    /// Directory the problem was loaded from.
    pub dir: PathBuf,
    pub title: String,
    pub difficulty: Difficulty,
    pub kind: ProblemKind,
    pub limits: ProblemLimits,
    pub checker: Checker,
    /// Present exactly when `kind` is [`ProblemKind::Function`].
    pub signature: Option<Signature>,
    /// Markdown.
    pub statement: String,
    /// Cases shown to the user.
    pub samples: Vec<TestCase>,
    /// Cases that decide the score; never shown during an OA.
    pub hidden: Vec<TestCase>,
    /// Reference and deliberately wrong solutions, for `oaj validate`.
    pub solutions: Vec<Solution>,
    /// Where the problem came from, for messages.
    pub format: SourceFormat,
    /// Things the user should know about how the problem was read (a limit
    /// capped, a feature of the source format that is not supported, ...).
    pub notices: Vec<String>,
    /// What the problem practises ("sliding-window", "union-find", ...), for
    /// drawing an OA by topic and filtering `oaj list`.
    pub topics: Vec<String>,
    /// Estimated solving time in minutes for someone prepared for an OA.
    pub minutes: Option<u32>,
    /// Input validators (`validators/*`): each reads one case's input on
    /// stdin and exits 42 when it meets the stated constraints.
    pub validators: Vec<PathBuf>,
}

impl Problem {
    /// Samples first, then hidden cases.
    pub fn all_cases(&self) -> impl Iterator<Item = &TestCase> {
        self.samples.iter().chain(self.hidden.iter())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        })
    }
}

impl std::str::FromStr for Difficulty {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "easy" => Ok(Difficulty::Easy),
            "medium" => Ok(Difficulty::Medium),
            "hard" => Ok(Difficulty::Hard),
            other => Err(format!("unknown difficulty `{other}`: expected easy, medium or hard")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// The program reads stdin and writes stdout.
    Stdio,
    /// The user completes a function; a generated harness calls it.
    Function,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProblemKind::Stdio => "stdio",
            ProblemKind::Function => "function",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemLimits {
    /// For the reference languages (C, C++, Rust); other languages get a
    /// multiplier from `sandbox/languages.toml`.
    pub time_limit_ms: u64,
    pub memory_limit_mb: u64,
}

/// How a contestant's output is compared with the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Checker {
    /// Byte for byte, except that a final newline is optional.
    Exact,
    /// Whitespace-separated tokens must match.
    Tokens,
    /// Tokens; numeric tokens may differ within either tolerance.
    Float { abs_tol: f64, rel_tol: f64 },
    /// Lines as a multiset.
    Unordered,
    /// For function problems: the returned array and the arrays nested in it
    /// compare as multisets.
    AnyOrderNested,
    /// A program speaking the Kattis output-validator protocol.
    Custom(CustomChecker),
    /// The default output validator of the Kattis problem package format,
    /// with its flags: tokens compared case-insensitively unless
    /// `case_sensitive`, whitespace ignored unless `space_change_sensitive`,
    /// and numeric answer tokens compared within a tolerance when one is set.
    KattisDefault {
        case_sensitive: bool,
        space_change_sensitive: bool,
        float_abs_tol: Option<f64>,
        float_rel_tol: Option<f64>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomChecker {
    /// Its source file (`checker/checker.cpp`, `checker/checker.py`, ...).
    pub source: PathBuf,
    /// Extra arguments after `input answer feedback_dir`.
    pub args: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Sample,
    Hidden,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestCase {
    /// Unique within the problem (`sample/1`, `hidden/max-random`).
    pub name: String,
    pub input: PathBuf,
    pub answer: PathBuf,
    pub visibility: Visibility,
    /// Weight in the score; `None` counts as 1.
    pub points: Option<f64>,
}

/// The verdict a bundled solution is expected to earn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedVerdict {
    /// AC on every case.
    Accepted,
    /// WA on at least one hidden case.
    WrongAnswer,
    /// TLE on at least one hidden case.
    TimeLimit,
    /// RE on at least one hidden case.
    RuntimeError,
    /// MLE on at least one hidden case.
    MemoryLimit,
}

impl ExpectedVerdict {
    /// Directory names under `solutions/` (native) or `submissions/` (Kattis).
    pub fn from_dir_name(name: &str) -> Option<Self> {
        Some(match name {
            "accepted" => ExpectedVerdict::Accepted,
            "wrong_answer" => ExpectedVerdict::WrongAnswer,
            "time_limit" | "time_limit_exceeded" => ExpectedVerdict::TimeLimit,
            "runtime_error" | "run_time_error" => ExpectedVerdict::RuntimeError,
            "memory_limit" | "memory_limit_exceeded" => ExpectedVerdict::MemoryLimit,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExpectedVerdict::Accepted => "accepted",
            ExpectedVerdict::WrongAnswer => "wrong_answer",
            ExpectedVerdict::TimeLimit => "time_limit",
            ExpectedVerdict::RuntimeError => "runtime_error",
            ExpectedVerdict::MemoryLimit => "memory_limit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    pub path: PathBuf,
    pub expected: ExpectedVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Native,
    Kattis,
}
