//! The judge's answer: verdicts per case and overall, in a stable,
//! serializable form (the `--json` output and what servers store).

use std::fmt;

use oaj_spec::Visibility;
use serde::{Deserialize, Serialize};

/// The verdict of one case or of a whole submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Accepted.
    AC,
    /// Wrong answer.
    WA,
    /// Time limit exceeded (CPU or wall clock).
    TLE,
    /// Memory limit exceeded.
    MLE,
    /// Runtime error: non-zero exit or killed by a signal.
    RE,
    /// Output limit exceeded.
    OLE,
    /// Compile error.
    CE,
    /// Judge error: a fault of the judge or the problem, never of the user.
    IE,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::AC => "AC",
            Verdict::WA => "WA",
            Verdict::TLE => "TLE",
            Verdict::MLE => "MLE",
            Verdict::RE => "RE",
            Verdict::OLE => "OLE",
            Verdict::CE => "CE",
            Verdict::IE => "IE",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Verdict::AC => "accepted",
            Verdict::WA => "wrong answer",
            Verdict::TLE => "time limit exceeded",
            Verdict::MLE => "memory limit exceeded",
            Verdict::RE => "runtime error",
            Verdict::OLE => "output limit exceeded",
            Verdict::CE => "compile error",
            Verdict::IE => "judge error",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How compilation went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompileReport {
    pub ok: bool,
    /// Compiler output (trimmed, paths relative); empty when there was none.
    pub message: String,
    pub time_ms: u64,
    /// Whether the build came from the cache.
    #[serde(default)]
    pub cached: bool,
}

/// The result of one test case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseResult {
    /// `sample/<stem>` or `hidden/<stem>`.
    pub name: String,
    pub verdict: Verdict,
    /// CPU time, all threads and children.
    pub time_ms: u64,
    pub wall_ms: u64,
    pub memory_kb: u64,
    /// A short explanation for people; never contains hidden test data.
    pub message: String,
    pub visibility: Visibility,
    /// TLE cases only: the wall-clock limit stopped the run while its CPU
    /// time was still under the time limit (the program slept or waited,
    /// or a loaded machine gave it too little CPU). Such a TLE is the
    /// user's verdict all the same, but it proves nothing about the
    /// program's speed: `oaj validate` reruns the case instead of taking it
    /// as evidence (see [`crate::validate`]). False for a CPU-time TLE.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped_by_wall_clock: bool,
    /// Sample cases only: expected vs actual output as a short unified diff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// Sample cases only: what the program wrote to stderr (for function
    /// problems this holds the user's own prints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<String>,
    /// Only when [`crate::JudgeOptions::keep_output_bytes`] asked for it and
    /// the case was not accepted: the start of what the program printed
    /// (for function problems, the returned value as JSON). Hidden test
    /// data; whoever keeps it decides when a user may see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

/// The result of judging one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeResult {
    pub problem: String,
    pub language: String,
    /// The CPU time limit per case for this language (the problem's limit
    /// times the language's multiplier).
    pub time_limit_ms: u64,
    /// CE when compilation failed; else the first non-AC verdict among the
    /// cases that count, or AC.
    pub verdict: Verdict,
    /// Cases that count (hidden cases, or samples when only samples ran)
    /// that were accepted.
    pub passed: usize,
    pub total: usize,
    /// Points of the passed cases over all points, in [0, 1].
    pub score: f64,
    pub compile: CompileReport,
    /// Every case that ran, in problem order (samples first).
    pub cases: Vec<CaseResult>,
}

impl JudgeResult {
    /// The largest CPU time over the cases that ran.
    pub fn max_time_ms(&self) -> u64 {
        self.cases.iter().map(|c| c.time_ms).max().unwrap_or(0)
    }
}

/// Progress of one judging, for callers that show it live.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum JudgeEvent {
    Compiling,
    Compiled {
        report: CompileReport,
    },
    /// A case finished; `index` is its position in the final `cases` list
    /// order and `of` how many cases will run.
    CaseFinished {
        index: usize,
        of: usize,
        result: CaseResult,
    },
}
