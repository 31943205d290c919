//! Leases on judging jobs: the job table as a queue that several processes
//! (servers on one Postgres store today, judge workers later) may take work
//! from without judging a job twice into the store.
//!
//! - A process judges a job only after claiming it: the job was `queued`,
//!   or `running` under a lease that expired (its holder died). The claim
//!   sets `status = 'running'`, `lease_owner` and `lease_until_ms` in one
//!   statement.
//! - While judging, the holder renews its lease every third of the lease.
//! - The result is written only by the current holder under a live lease
//!   (`UPDATE ... WHERE lease_owner = me AND lease_until_ms >= now`): a late
//!   result from a process whose lease expired is discarded, so each job gets
//!   exactly one final result.
//! - `Engine::requeue_expired` (run by the background tick) judges the jobs
//!   whose lease expired. Start-up (`Engine::startup`, `resume_attempt`)
//!   takes over the unfinished jobs whatever their lease, as a restart on
//!   one machine means their holder is gone; if it was not, its result is
//!   the one discarded.
//!
//! Claiming the next job of the queue: on Postgres
//! `SELECT ... FOR UPDATE SKIP LOCKED` inside the `UPDATE`, so concurrent
//! claimers take different jobs without waiting; on SQLite the same single
//! `UPDATE ... WHERE id = (SELECT ... LIMIT 1) RETURNING`, which takes the
//! database's write lock when it starts (SQLite has one writer at a time),
//! so two claimers are serialized.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sqlx::Row;

use crate::migrate::Backend;
use crate::store::{JobRow, Store, JOB_COLUMNS};
use crate::{Engine, JobId, Result};

/// How long a claim holds a job unless renewed.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(60);

/// Who holds a lease: this host, this process, this engine.
pub(crate) fn new_owner() -> String {
    static ENGINES: AtomicUsize = AtomicUsize::new(0);
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".to_string());
    format!("{host}:{}:{}", std::process::id(), ENGINES.fetch_add(1, Ordering::SeqCst))
}

/// A new claim starts the job's progress over (`progress.rs`): what a
/// previous holder wrote is not the new holder's.
const NO_PROGRESS: &str = "progress_state = NULL, progress_done = NULL, progress_total = NULL, \
                           progress_verdict = NULL, progress_ms = NULL";

/// The condition of a job that may be claimed at `now` (a parameter like `$3`).
fn free_at(now: &str) -> String {
    format!("(status = 'queued' OR (status = 'running' AND (lease_until_ms IS NULL OR lease_until_ms < {now})))")
}

impl Store {
    /// Claims job `id` for `owner` until `now_ms + lease_ms`: when it is free
    /// or already `owner`'s, or whatever its lease when `take_over`
    /// (start-up). None when it is done or another holder's lease is live.
    pub(crate) async fn claim_job(
        &self,
        id: JobId,
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
        take_over: bool,
    ) -> Result<Option<JobRow>> {
        let free = if take_over {
            "status <> 'done'".to_string()
        } else {
            format!("({} OR (status = 'running' AND lease_owner = $2))", free_at("$3"))
        };
        let row = sqlx::query(&format!(
            "UPDATE jobs SET status = 'running', lease_owner = $2, lease_until_ms = $4, {NO_PROGRESS} \
             WHERE id = $1 AND {free} RETURNING {JOB_COLUMNS}"
        ))
        .bind(id)
        .bind(owner)
        .bind(now_ms)
        .bind(now_ms + lease_ms)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| JobRow::from_row(&r)).transpose()
    }

    /// Claims the oldest free job for `owner` (the queue of a worker).
    pub(crate) async fn claim_next_job(&self, owner: &str, now_ms: i64, lease_ms: i64) -> Result<Option<JobRow>> {
        // Postgres: rows another claimer holds are skipped, not waited for.
        let lock = match self.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let free = free_at("$2");
        let row = sqlx::query(&format!(
            "UPDATE jobs SET status = 'running', lease_owner = $1, lease_until_ms = $3, {NO_PROGRESS} \
             WHERE id = (SELECT id FROM jobs WHERE {free} ORDER BY id LIMIT 1 {lock}) AND {free} \
             RETURNING {JOB_COLUMNS}"
        ))
        .bind(owner)
        .bind(now_ms)
        .bind(now_ms + lease_ms)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| JobRow::from_row(&r)).transpose()
    }

    /// Jobs whose holder's lease expired at `now_ms`, oldest first.
    pub(crate) async fn expired_jobs(&self, now_ms: i64) -> Result<Vec<JobId>> {
        let rows = sqlx::query(
            "SELECT id FROM jobs WHERE status = 'running' AND (lease_until_ms IS NULL OR lease_until_ms < $1) \
             ORDER BY id",
        )
        .bind(now_ms)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Extends `owner`'s lease on job `id`; false when it is no longer theirs.
    pub(crate) async fn renew_lease(&self, id: JobId, owner: &str, now_ms: i64, lease_ms: i64) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE jobs SET lease_until_ms = $1 WHERE id = $2 AND status = 'running' AND lease_owner = $3 \
             AND lease_until_ms >= $4",
        )
        .bind(now_ms + lease_ms)
        .bind(id)
        .bind(owner)
        .bind(now_ms)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }
}

/// What the engine knows about its leases (in the judge pool).
pub(crate) struct Leases {
    /// This engine as a lease holder.
    pub owner: String,
    /// The lease length in milliseconds.
    pub lease_ms: std::sync::atomic::AtomicI64,
    /// Results this engine judged but could not store: its lease was lost.
    pub discarded: AtomicUsize,
}

impl Leases {
    pub(crate) fn new() -> Leases {
        Leases {
            owner: new_owner(),
            lease_ms: std::sync::atomic::AtomicI64::new(DEFAULT_LEASE.as_millis() as i64),
            discarded: AtomicUsize::new(0),
        }
    }

    pub(crate) fn lease_ms(&self) -> i64 {
        self.lease_ms.load(Ordering::SeqCst)
    }
}

impl Engine {
    /// Sets how long a claim holds a job unless renewed (default
    /// [`DEFAULT_LEASE`]); the lease is renewed every third of it.
    pub fn set_lease(&self, lease: Duration) {
        let ms = i64::try_from(lease.as_millis()).unwrap_or(i64::MAX).max(3);
        self.inner.pool.leases.lease_ms.store(ms, Ordering::SeqCst);
    }

    /// This engine's name as a lease holder (`host:pid:n`).
    pub fn lease_owner(&self) -> &str {
        &self.inner.pool.leases.owner
    }

    /// Results this engine judged and discarded because another process had
    /// taken the job over (its lease had expired).
    pub fn discarded_results(&self) -> usize {
        self.inner.pool.leases.discarded.load(Ordering::SeqCst)
    }

    /// Judges the jobs whose holder's lease expired (a process that died
    /// while judging). Returns how many this engine took.
    pub async fn requeue_expired(&self) -> Result<usize> {
        if self.inner.remote {
            // Workers take expired jobs over (`judge_next` claims them).
            return Ok(0);
        }
        let now = self.now_ms();
        let live: Vec<JobId> = self.inner.pool.live.lock().map(|l| l.keys().copied().collect()).unwrap_or_default();
        let mut taken = 0;
        for id in self.inner.store.expired_jobs(now).await? {
            if live.contains(&id) {
                continue;
            }
            if let Some(job) = self.inner.store.job(id).await? {
                tracing::info!("job {id}: its lease expired; judging it again");
                let reservation = self.inner.pool.force_reserve();
                self.spawn_job(job, reservation, false);
                taken += 1;
            }
        }
        Ok(taken)
    }

    /// Claims the oldest free job of the store (queued, or running under an
    /// expired lease) and judges it in the background: one step of a judge
    /// worker. Returns the job, or None when there is nothing to judge.
    pub async fn judge_next(&self) -> Result<Option<JobId>> {
        let leases = &self.inner.pool.leases;
        let Some(job) = self.inner.store.claim_next_job(&leases.owner, self.now_ms(), leases.lease_ms()).await? else {
            return Ok(None);
        };
        let id = job.id;
        let waiting_here = self.inner.pool.live.lock().map(|l| l.contains_key(&id)).unwrap_or(false);
        // A job of this engine waiting for a slot keeps its place: the claim
        // is ours already.
        if !waiting_here {
            let reservation = self.inner.pool.force_reserve();
            self.spawn_job(job, reservation, false);
        }
        Ok(Some(id))
    }

    /// Renews the lease on `id` every third of the lease until dropped or
    /// the lease is lost.
    pub(crate) async fn renew_until_lost(self, id: JobId) {
        loop {
            let lease_ms = self.inner.pool.leases.lease_ms();
            tokio::time::sleep(Duration::from_millis((lease_ms / 3).max(1) as u64)).await;
            let owner = &self.inner.pool.leases.owner;
            match self.inner.store.renew_lease(id, owner, self.now_ms(), lease_ms).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::warn!(
                        "job {id}: the lease was lost (taken over after it expired); its result will be discarded"
                    );
                    return;
                }
                Err(e) => tracing::warn!("job {id}: cannot renew the lease: {e}"),
            }
        }
    }
}
