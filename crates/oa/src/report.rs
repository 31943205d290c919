//! What an attempt teaches afterwards: the report, history and statistics.

use oaj_judge::Verdict;
use oaj_spec::Difficulty;
use serde::Serialize;

use crate::{AttemptId, AttemptStatus, Explanation, GroupOaId, IntegrityEvent, JobId, JobSummary, Mode};

/// The report of an attempt, available once its coding part has ended.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub attempt_id: AttemptId,
    pub mode: Mode,
    pub status: AttemptStatus,
    pub started_ms: i64,
    pub deadline_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    /// The group OA this attempt belongs to.
    pub group_oa_id: Option<GroupOaId>,
    /// The failing hidden cases are withheld: a group OA whose hidden cases
    /// an admin has not revealed yet (others may still be taking it).
    pub failing_cases_withheld: bool,
    /// "deadline" or "finished" (ended early by the user).
    pub end_reason: Option<String>,
    /// How the score is computed, for people.
    pub scoring: String,
    /// Sum of the problems' scores, each in [0, 1].
    pub score: f64,
    pub max_score: usize,
    /// Some submission (a judging after the deadline) is not judged yet;
    /// ask again for the final score.
    pub pending: bool,
    pub problems: Vec<ProblemReport>,
    pub integrity: Vec<IntegrityEvent>,
    /// Runs, submissions and integrity events in time order.
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemReport {
    /// 1-based.
    pub index: usize,
    pub slug: String,
    pub title: String,
    pub difficulty: Difficulty,
    /// The counted (last) submission's score in [0, 1]; 0 without one.
    pub score: f64,
    pub passed: usize,
    pub total: usize,
    pub verdict: Option<Verdict>,
    /// The submission that counts.
    pub counted_job: Option<JobId>,
    /// It was the last draft, judged at the deadline.
    pub auto_submitted: bool,
    /// The best submission's score, for comparison.
    pub best_score: Option<f64>,
    /// From the start of the attempt to the counted submission.
    pub time_used_ms: Option<i64>,
    pub submissions: usize,
    pub runs: usize,
    pub final_language: Option<String>,
    /// The counted submission's code, else the last draft.
    pub final_code: Option<String>,
    pub explanation: Option<Explanation>,
    /// Hidden cases the counted submission failed, with their data
    /// (truncated) — unlike on a real OA, so the user learns.
    pub failing_cases: Vec<RevealedCase>,
    /// Failing cases beyond those revealed.
    pub more_failing_cases: usize,
    pub history: Vec<JobSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevealedCase {
    pub name: String,
    pub verdict: Verdict,
    pub message: String,
    pub input: String,
    pub input_truncated: bool,
    pub expected: String,
    pub expected_truncated: bool,
    /// What the program printed (None when the judge kept nothing, e.g. it
    /// printed nothing before a crash).
    pub got: Option<String>,
    pub got_truncated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub at_ms: i64,
    /// Milliseconds since the attempt started.
    pub offset_ms: i64,
    /// "start", "run", "submit", "auto_submit", "integrity" or "end".
    pub kind: String,
    /// 1-based problem, when the entry is about one.
    pub problem_index: Option<usize>,
    pub text: String,
}

/// One attempt in the history.
#[derive(Debug, Clone, Serialize)]
pub struct AttemptSummary {
    pub id: AttemptId,
    pub mode: Mode,
    pub status: AttemptStatus,
    pub started_ms: i64,
    pub deadline_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub group_oa_id: Option<GroupOaId>,
    pub problems: Vec<SummaryProblem>,
    pub score: f64,
    pub max_score: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryProblem {
    pub slug: String,
    pub title: String,
    pub score: Option<f64>,
}

/// Practice statistics over a user's history.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Timed attempts whose coding part has ended.
    pub attempts: usize,
    pub practice_attempts: usize,
    /// Mean of (score / max_score) over those timed attempts, in [0, 1].
    pub average_score: Option<f64>,
    /// Distinct problems with at least one submission.
    pub problems_attempted: usize,
    /// Distinct problems with a submission that passed every hidden case.
    pub problems_solved: usize,
}
