//! Live progress of judgings done elsewhere (migration 0011).
//!
//! A judge worker writes how far its judging is (compiling, or `done` of
//! `total` cases with the verdict so far) into the job's row, so that the
//! server following the job (`Engine::follow_remote`) can show "case 3 of
//! 20" before the result arrives, as it does for its own judgings.
//!
//! - Written only by the lease holder under a live lease, with the same
//!   condition as the result (`lease.rs`): a worker whose lease expired
//!   cannot overwrite the progress of the one that took the job over, and
//!   nothing is written once the job is done.
//! - Throttled: at most one write per [`PROGRESS_INTERVAL`] per job (the
//!   newest state is written when the interval ends), except that the last
//!   case is written at once. A judging of 20 fast cases costs a handful of
//!   writes, not 20.
//! - On Postgres each write sends `NOTIFY oaj_progress, 'ID'`, which only
//!   servers listen to (not workers: they would wake for nothing); the
//!   follower also polls every `FALLBACK_POLL`.
//! - Only engines that are told to ([`Engine::set_publish_progress`], the
//!   worker) write progress: a server's own judgings are shown from memory,
//!   and nobody else reads theirs.

use std::sync::atomic::Ordering;
use std::time::Duration;

use oaj_judge::Verdict;
use sqlx::Row;
use tokio::sync::watch;

use crate::engine::parse_verdict;
use crate::store::Store;
use crate::{Engine, JobId, JobStatus, Result};

/// The Postgres notification channel for progress: payload the job id.
pub const PROGRESS_CHANNEL: &str = "oaj_progress";

/// At most one progress write per job per this interval.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(250);

/// A job's row as a follower needs it: its stored status and the progress
/// its judge wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredProgress {
    /// The result is stored (`jobs.status = 'done'`).
    pub done: bool,
    /// The judge's last progress: `Compiling` or `Running`; None before
    /// the judge wrote any.
    pub status: Option<JobStatus>,
    /// When the judge wrote it (unix ms).
    pub written_ms: Option<i64>,
}

impl Store {
    /// Records the progress of job `id` if `owner` holds its lease at
    /// `now_ms` (the condition results are stored under); false otherwise
    /// (the lease was lost or the job is done), and nothing is written.
    /// Only `Compiling` and `Running` are progress; other states are refused.
    pub async fn write_job_progress(&self, id: JobId, owner: &str, now_ms: i64, status: JobStatus) -> Result<bool> {
        let (state, done, total, verdict) = match status {
            JobStatus::Compiling => ("compiling", None, None, None),
            JobStatus::Running { done, total, verdict } => {
                ("running", Some(done as i64), Some(total as i64), verdict.map(Verdict::as_str))
            }
            other => return Err(crate::Error::Invalid(format!("job {id}: {other:?} is not progress"))),
        };
        let changed = sqlx::query(
            "UPDATE jobs SET progress_state = $1, progress_done = $2, progress_total = $3, progress_verdict = $4, \
             progress_ms = $5 WHERE id = $6 AND status = 'running' AND lease_owner = $7 AND lease_until_ms >= $5",
        )
        .bind(state)
        .bind(done)
        .bind(total)
        .bind(verdict)
        .bind(now_ms)
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if changed == 1 {
            self.notify(PROGRESS_CHANNEL, &id.to_string()).await;
        }
        Ok(changed == 1)
    }

    /// The stored status and progress of job `id`; None when there is no such job.
    pub async fn job_progress(&self, id: JobId) -> Result<Option<StoredProgress>> {
        let row = sqlx::query(
            "SELECT status, progress_state, progress_done, progress_total, progress_verdict, progress_ms \
             FROM jobs WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let status: String = row.try_get(0)?;
        let state: Option<String> = row.try_get(1)?;
        let count = |i: usize| -> Result<usize> { Ok(row.try_get::<Option<i64>, _>(i)?.unwrap_or(0).max(0) as usize) };
        let verdict: Option<String> = row.try_get(4)?;
        let progress = match state.as_deref() {
            Some("compiling") => Some(JobStatus::Compiling),
            Some("running") => Some(JobStatus::Running {
                done: count(2)?,
                total: count(3)?,
                verdict: verdict.as_deref().and_then(parse_verdict),
            }),
            _ => None,
        };
        Ok(Some(StoredProgress { done: status == "done", status: progress, written_ms: row.try_get(5)? }))
    }
}

/// The last state a judging reaches before its result.
fn is_last(status: JobStatus) -> bool {
    matches!(status, JobStatus::Running { done, total, .. } if done >= total)
}

impl Engine {
    /// Whether this engine writes the progress of its judgings into the
    /// store for others to follow (a judge worker; off by default).
    pub fn set_publish_progress(&self, on: bool) {
        self.inner.publish_progress.store(on, Ordering::SeqCst);
    }

    pub(crate) fn publishes_progress(&self) -> bool {
        self.inner.publish_progress.load(Ordering::SeqCst)
    }

    /// Writes the states sent on `rx` as job `id`'s progress, throttled
    /// (see the module doc), until the sender is dropped or the lease is
    /// lost.
    pub(crate) async fn publish_progress(self, id: JobId, mut rx: watch::Receiver<Option<JobStatus>>) {
        let mut written: Option<JobStatus> = None;
        loop {
            let current = *rx.borrow_and_update();
            if let Some(status) = current.filter(|s| Some(*s) != written) {
                let owner = &self.inner.pool.leases.owner;
                match self.inner.store.write_job_progress(id, owner, self.now_ms(), status).await {
                    Ok(true) => {}
                    // The lease is gone (or the job done): nothing more of ours counts.
                    Ok(false) => return,
                    Err(e) => tracing::warn!("job {id}: cannot write its progress: {e}"),
                }
                written = Some(status);
                if !is_last(status) {
                    // Nothing more until the interval ends, but the last case at once.
                    tokio::select! {
                        _ = tokio::time::sleep(PROGRESS_INTERVAL) => {}
                        last = rx.wait_for(|s| s.is_some_and(is_last)) => if last.is_err() { return },
                    }
                    continue;
                }
            }
            if rx.changed().await.is_err() {
                return;
            }
        }
    }
}
