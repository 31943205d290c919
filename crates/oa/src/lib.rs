//! The OA engine of OA Judge: timed attempts (an online-assessment
//! rehearsal) and untimed practice, with no HTTP in it.
//!
//! The engine owns every rule: which problems are drawn, the deadline (fixed
//! at start, never moved), drafts, runs and submissions, the auto-submit of
//! drafts at expiry, explanations, scoring and the report, the integrity log
//! and history. Time comes from an injectable [`Clock`] so tests can jump it.
//! The web server (`oaj-server`) and the terminal mode (`oaj oa ...`) only
//! translate their input into [`Engine`] calls and share one [`Store`].
//!
//! Scoring: the **last** submission of each problem counts, as on OA
//! platforms; the best one is shown beside it for information.

pub mod accounts;
mod admin;
mod archives;
mod catalog;
mod clock;
mod draw;
mod engine;
mod error;
mod group;
mod lease;
mod library;
mod metrics;
mod migrate;
pub mod pg_cluster;
pub mod phone;
mod pool;
mod progress;
mod queue_probe;
mod report;
mod starter;
mod store;
mod types;
pub mod unpack;
mod workers;
pub mod workstyle;

pub use admin::{AdminAttempt, AdminJob, QueueView, UserInfo};
pub use archives::{
    pack_problem, unpack_problem, ProblemArchive, ProblemCacheLimits, Published, ARCHIVE_WAIT, DEFAULT_PROBLEM_CACHE,
    FETCHED_SUBDIR, MAX_ARCHIVE_BYTES,
};
pub use catalog::{Catalog, CatalogEntry};
pub use clock::{Clock, FakeClock, OffsetClock, SystemClock};
pub use engine::{Engine, EngineConfig};
pub use error::{Error, Result};
pub use group::{
    rank_group_entries, rank_overall_entries, GroupEntry, GroupLeaderboard, GroupOaId, GroupOaView, GroupPlacement,
    GroupProblems, MyGroupAttempt, NewGroupOa, OverallEntry, OverallPlacement, WindowState, MAX_GROUP_TITLE_CHARS,
};
pub use lease::DEFAULT_LEASE;
pub use library::{check_slug, ImportSource, ImportStatus, ProblemImport, PROBLEMS_SUBDIR};
pub use metrics::{EngineMetrics, QueueState};
pub use migrate::Backend;
pub use progress::{StoredProgress, PROGRESS_CHANNEL, PROGRESS_INTERVAL};
pub use queue_probe::JobTimes;
pub use report::{AttemptSummary, ProblemReport, Report, RevealedCase, Stats, SummaryProblem, TimelineEntry};
pub use store::{redact_url, Store, DATABASE_FILE};
pub use types::*;
pub use workers::{
    problem_hash, JobListener, JobNotice, WorkerInfo, FALLBACK_POLL, HEARTBEAT, HEARTBEAT_STALE, JOBS_CHANNEL,
};

/// Who owns an attempt. Without accounts (a loopback server, the terminal
/// OA) everything belongs to [`LOCAL_USER`].
pub type UserId = i64;
/// The single local user, a row created by the first migration.
pub const LOCAL_USER: UserId = 1;

/// What a user may do on a shared server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Schedules group OAs, invites members, adds problems, sees the queue.
    Admin,
    /// Takes OAs and sees their own attempts and the leaderboards.
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            _ => None,
        }
    }
}

/// The user a request acts for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Account {
    pub id: UserId,
    pub name: String,
    pub role: Role,
}

impl Account {
    /// The one user of a server without accounts: it owns everything and may
    /// do everything, as the only person who can reach the server.
    pub fn local() -> Account {
        Account { id: LOCAL_USER, name: "local".to_string(), role: Role::Admin }
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}
/// An attempt (a timed OA or a practice session).
pub type AttemptId = i64;
/// A run or a submission.
pub type JobId = i64;

/// Sources larger than this are refused before they reach a judge.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;
/// Custom input for "run" larger than this is refused.
pub const MAX_CUSTOM_INPUT_BYTES: usize = 1 << 20;
/// A failing hidden case's input, answer and output are cut to this many
/// bytes in the report.
pub const REVEAL_BYTES: usize = 4 * 1024;
/// At most this many failing hidden cases per problem are revealed.
pub const REVEAL_CASES: usize = 5;

/// Where the store lives unless `--data` says otherwise:
/// `$XDG_DATA_HOME/oaj`, else `~/.local/share/oaj`, else a directory under
/// the system temp dir.
pub fn default_data_dir() -> std::path::PathBuf {
    use std::path::PathBuf;
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("oaj");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".local").join("share").join("oaj");
    }
    std::env::temp_dir().join("oaj-data")
}
