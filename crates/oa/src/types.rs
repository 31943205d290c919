//! The engine's inputs and views; every view is `Serialize` so the server
//! and `oaj oa ... --json` print them as they are.

use std::collections::BTreeMap;

use oaj_judge::{CustomRunResult, JudgeResult, Verdict};
use oaj_spec::{Difficulty, ProblemKind, ProblemLimits};
use serde::{Deserialize, Serialize};

use crate::{AttemptId, JobId};

/// How to start a timed OA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartOptions {
    /// 1..=180.
    pub minutes: u32,
    /// One problem per entry, in order (default medium, hard).
    pub difficulties: Vec<Difficulty>,
    /// When not empty, only problems with at least one of these topics.
    pub topics: Vec<String>,
    /// Explicit problems by slug; the difficulties and topics are then ignored.
    pub problems: Option<Vec<String>>,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions {
            minutes: DEFAULT_MINUTES,
            difficulties: vec![Difficulty::Medium, Difficulty::Hard],
            topics: vec![],
            problems: None,
        }
    }
}

pub const DEFAULT_MINUTES: u32 = 90;
pub const MAX_MINUTES: u32 = 180;
/// Problems in one attempt, at most.
pub const MAX_PROBLEMS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// An OA with a deadline.
    Timed,
    /// One problem, no timer.
    Practice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    /// Before the deadline and before finishing: drafts, runs, submissions.
    Coding,
    /// Coding is over; the explanations may be written; the report is ready.
    Explaining,
    /// Every problem has an explanation.
    Finished,
}

/// An attempt as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AttemptView {
    pub id: AttemptId,
    pub mode: Mode,
    pub status: AttemptStatus,
    pub started_ms: i64,
    /// Fixed at start; None in practice mode.
    pub deadline_ms: Option<i64>,
    /// The engine's clock when this view was made (for a countdown that
    /// does not trust the browser's clock).
    pub now_ms: i64,
    pub ended_ms: Option<i64>,
    pub problems: Vec<ProblemView>,
}

impl AttemptView {
    /// Milliseconds left before the deadline (0 after it), None in practice.
    pub fn remaining_ms(&self) -> Option<i64> {
        self.deadline_ms.map(|d| (d - self.now_ms).max(0))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub name: String,
    pub input: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub language: String,
    pub code: String,
}

/// A submission's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreView {
    pub job: JobId,
    pub verdict: Verdict,
    pub passed: usize,
    pub total: usize,
    /// Points of the passed hidden cases over all points, in [0, 1].
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    /// 1-based, as in URLs and `oaj oa run <n>`.
    pub index: usize,
    pub slug: String,
    pub title: String,
    pub difficulty: Difficulty,
    pub kind: ProblemKind,
    pub statement_md: String,
    pub samples: Vec<Sample>,
    pub limits: ProblemLimits,
    /// The draft of the language used last.
    pub draft: Option<Draft>,
    /// Every saved draft, by language.
    pub drafts_by_language: BTreeMap<String, String>,
    /// The highest-scoring submission (shown for information).
    pub best: Option<ScoreView>,
    /// The last judged submission: the one that counts.
    pub counted: Option<ScoreView>,
    /// Runs and submissions, oldest first.
    pub submissions: Vec<JobSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    RunSamples,
    RunCustom,
    Submit,
    /// The last draft of a never-submitted problem, judged at expiry.
    AutoSubmit,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::RunSamples => "run_samples",
            JobKind::RunCustom => "run_custom",
            JobKind::Submit => "submit",
            JobKind::AutoSubmit => "auto_submit",
        }
    }

    pub fn parse(text: &str) -> Option<JobKind> {
        Some(match text {
            "run_samples" => JobKind::RunSamples,
            "run_custom" => JobKind::RunCustom,
            "submit" => JobKind::Submit,
            "auto_submit" => JobKind::AutoSubmit,
            _ => return None,
        })
    }

    /// Submissions count for the score; runs do not.
    pub fn is_submission(self) -> bool {
        matches!(self, JobKind::Submit | JobKind::AutoSubmit)
    }
}

/// Where a judging is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Compiling,
    /// `done` of `total` cases finished; `verdict`: the verdict so far,
    /// that of the first failed case among those finished (in case order),
    /// None while every finished case passed.
    Running {
        done: usize,
        total: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        verdict: Option<Verdict>,
    },
    /// Finished: `JobView::judged`/`custom` hold the result, or
    /// `JobView::error` says why there is none.
    Done,
}

/// A run or submission in a list.
#[derive(Debug, Clone, Serialize)]
pub struct JobSummary {
    pub id: JobId,
    pub kind: JobKind,
    pub language: String,
    pub created_ms: i64,
    pub done: bool,
    pub verdict: Option<Verdict>,
    pub passed: Option<usize>,
    pub total: Option<usize>,
    pub score: Option<f64>,
    pub error: Option<String>,
}

/// One run or submission with its result. During a timed attempt a
/// submission's hidden cases show verdict, time and memory only.
#[derive(Debug, Clone, Serialize)]
pub struct JobView {
    pub id: JobId,
    pub attempt_id: AttemptId,
    /// 1-based.
    pub problem_index: usize,
    pub kind: JobKind,
    pub language: String,
    pub status: JobStatus,
    pub created_ms: i64,
    pub finished_ms: Option<i64>,
    /// Runs on samples and submissions.
    pub judged: Option<JudgeResult>,
    /// Runs on custom input.
    pub custom: Option<CustomRunResult>,
    /// The judge could not judge at all.
    pub error: Option<String>,
}

/// What to run a draft on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunInput {
    Samples,
    Custom(String),
}

/// "Explain your approach", per problem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub approach: String,
    pub time_complexity: String,
    pub space_complexity: String,
}

/// Limits of an explanation's fields.
pub const MAX_EXPLANATION_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityKind {
    Paste,
    Blur,
    Hidden,
    Visible,
    Focus,
    Reload,
}

impl IntegrityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrityKind::Paste => "paste",
            IntegrityKind::Blur => "blur",
            IntegrityKind::Hidden => "hidden",
            IntegrityKind::Visible => "visible",
            IntegrityKind::Focus => "focus",
            IntegrityKind::Reload => "reload",
        }
    }

    pub fn parse(text: &str) -> Option<IntegrityKind> {
        Some(match text {
            "paste" => IntegrityKind::Paste,
            "blur" => IntegrityKind::Blur,
            "hidden" => IntegrityKind::Hidden,
            "visible" => IntegrityKind::Visible,
            "focus" => IntegrityKind::Focus,
            "reload" => IntegrityKind::Reload,
            _ => return None,
        })
    }
}

/// Something a proctored OA would log: a paste (detail: its size), leaving
/// the tab (detail: for how long), a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrityEvent {
    pub kind: IntegrityKind,
    pub at_ms: i64,
    pub detail: Option<String>,
}

/// Limit of an integrity event's detail.
pub const MAX_INTEGRITY_DETAIL_BYTES: usize = 512;
/// Integrity events kept per attempt, at most.
pub const MAX_INTEGRITY_EVENTS: usize = 5000;

/// A language the judge knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageInfo {
    pub id: String,
    pub name: String,
    /// Whether its toolchain is installed here.
    pub available: bool,
}
