//! Judge workers on other machines (`oaj worker`): the store's side.
//!
//! - Wake-ups: on Postgres every job stored sends `NOTIFY oaj_jobs, 'queued'`
//!   (wakes idle workers) and every result stored `'done:ID'` (wakes the
//!   server, whose job views read the store). Listeners also poll every
//!   [`FALLBACK_POLL`], so a notification lost with a dropped connection
//!   delays work, never loses it. SQLite has no notifications: the poll only.
//! - The `workers` table (migration 0009): each worker registers at start,
//!   heartbeats every [`HEARTBEAT`] with its count of results stored, and
//!   marks itself stopped when it exits. A worker killed outright just stops
//!   heartbeating; its jobs come back through lease expiry (`lease.rs`).
//! - Problem identity: a job records the content hash of its problem when
//!   it is stored; a judge whose copy hashes differently refuses the job
//!   with an error instead of judging it against other test data.

use std::time::Duration;

use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::migrate::Backend;
use crate::store::Store;
use crate::{Error, JobId, Result};

/// The Postgres notification channel for the job queue.
pub const JOBS_CHANNEL: &str = "oaj_jobs";

/// How often a listener looks at the store without a notification.
pub const FALLBACK_POLL: Duration = Duration::from_secs(2);

/// How often a worker writes its heartbeat.
pub const HEARTBEAT: Duration = Duration::from_secs(5);

/// A worker whose last heartbeat is older than this is shown as not alive.
pub const HEARTBEAT_STALE: Duration = Duration::from_secs(15);

/// A worker as registered in the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WorkerInfo {
    pub name: String,
    pub host: String,
    pub slots: usize,
    pub started_ms: i64,
    pub heartbeat_ms: i64,
    pub stopped_ms: Option<i64>,
    pub jobs_done: u64,
    /// Not stopped, and heard from within [`HEARTBEAT_STALE`] of the time
    /// asked about.
    pub alive: bool,
}

/// What a notification on [`JOBS_CHANNEL`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobNotice {
    /// A job was stored: there is work.
    Queued,
    /// Job ID got its result.
    Done(JobId),
    /// Job ID's judge wrote new progress (on [`crate::PROGRESS_CHANNEL`]).
    Progress(JobId),
}

impl JobNotice {
    /// The channel and payload of the notification.
    fn message(self) -> (&'static str, String) {
        match self {
            JobNotice::Queued => (JOBS_CHANNEL, "queued".to_string()),
            JobNotice::Done(id) => (JOBS_CHANNEL, format!("done:{id}")),
            JobNotice::Progress(id) => (crate::PROGRESS_CHANNEL, id.to_string()),
        }
    }

    fn parse(channel: &str, payload: &str) -> Option<JobNotice> {
        if channel == crate::PROGRESS_CHANNEL {
            return payload.parse().ok().map(JobNotice::Progress);
        }
        match payload.strip_prefix("done:") {
            Some(id) => id.parse().ok().map(JobNotice::Done),
            None => (payload == "queued").then_some(JobNotice::Queued),
        }
    }
}

/// A connection listening on [`JOBS_CHANNEL`] (Postgres only).
pub struct JobListener {
    inner: sqlx::postgres::PgListener,
}

impl JobListener {
    /// The next notice; an error when the connection broke (sqlx reconnects
    /// on the next call, and notices sent meanwhile are lost: hence the
    /// fallback poll).
    pub async fn recv(&mut self) -> Result<Option<JobNotice>> {
        let notification = self.inner.recv().await?;
        Ok(JobNotice::parse(notification.channel(), notification.payload()))
    }
}

impl Store {
    /// Sends `notice` to the listeners (Postgres; nothing on SQLite). A
    /// failure is only logged: listeners poll as well.
    pub(crate) async fn notify_jobs(&self, notice: JobNotice) {
        let (channel, payload) = notice.message();
        self.notify(channel, &payload).await;
    }

    /// `NOTIFY channel, payload` on Postgres; nothing on SQLite. A failure
    /// is only logged: listeners poll as well.
    pub(crate) async fn notify(&self, channel: &str, payload: &str) {
        if self.backend() != Backend::Postgres {
            return;
        }
        // pg_notify returns void, which the Any driver cannot read: count instead.
        let sent = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT pg_notify($1, $2)) AS n")
            .bind(channel)
            .bind(payload)
            .fetch_one(&self.pool)
            .await;
        if let Err(e) = sent {
            tracing::warn!("cannot notify {channel} ({payload}): {e}");
        }
    }

    /// Listens on [`JOBS_CHANNEL`] (what a worker needs); None on SQLite
    /// (no notifications).
    pub async fn listen_jobs(&self) -> Result<Option<JobListener>> {
        self.listen(&[JOBS_CHANNEL]).await
    }

    /// Listens on [`JOBS_CHANNEL`] and [`crate::PROGRESS_CHANNEL`] (what a
    /// server following workers' judgings needs); None on SQLite.
    pub async fn listen_job_events(&self) -> Result<Option<JobListener>> {
        self.listen(&[JOBS_CHANNEL, crate::PROGRESS_CHANNEL]).await
    }

    async fn listen(&self, channels: &[&str]) -> Result<Option<JobListener>> {
        let Some(url) = self.url.as_deref().filter(|_| self.backend() == Backend::Postgres) else {
            return Ok(None);
        };
        let shown = crate::redact_url(url);
        let mut inner = sqlx::postgres::PgListener::connect(url)
            .await
            .map_err(|e| Error::Store(format!("cannot open a LISTEN connection to {shown}: {e}")))?;
        inner
            .listen_all(channels.iter().copied())
            .await
            .map_err(|e| Error::Store(format!("cannot LISTEN on {} at {shown}: {e}", channels.join(", "))))?;
        Ok(Some(JobListener { inner }))
    }

    /// Records worker `name` as started (again, if the name was used before).
    pub async fn register_worker(&self, name: &str, host: &str, slots: usize, now_ms: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO workers (name, host, slots, started_ms, heartbeat_ms, stopped_ms, jobs_done) \
             VALUES ($1, $2, $3, $4, $4, NULL, 0) \
             ON CONFLICT (name) DO UPDATE SET host = $2, slots = $3, started_ms = $4, heartbeat_ms = $4, \
             stopped_ms = NULL, jobs_done = 0",
        )
        .bind(name)
        .bind(host)
        .bind(slots as i64)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Worker `name` is alive at `now_ms` and has stored `jobs_done` results.
    pub async fn worker_heartbeat(&self, name: &str, now_ms: i64, jobs_done: u64) -> Result<()> {
        sqlx::query("UPDATE workers SET heartbeat_ms = $1, jobs_done = $2 WHERE name = $3")
            .bind(now_ms)
            .bind(jobs_done as i64)
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Worker `name` stopped on purpose at `now_ms`.
    pub async fn worker_stopped(&self, name: &str, now_ms: i64, jobs_done: u64) -> Result<()> {
        sqlx::query("UPDATE workers SET heartbeat_ms = $1, stopped_ms = $1, jobs_done = $2 WHERE name = $3")
            .bind(now_ms)
            .bind(jobs_done as i64)
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every registered worker, most recently heard from first, with
    /// whether it is alive at `now_ms`.
    pub async fn workers(&self, now_ms: i64) -> Result<Vec<WorkerInfo>> {
        let rows = sqlx::query(
            "SELECT name, host, slots, started_ms, heartbeat_ms, stopped_ms, jobs_done FROM workers \
             ORDER BY heartbeat_ms DESC, name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let stopped_ms: Option<i64> = r.try_get(5)?;
                let heartbeat_ms: i64 = r.try_get(4)?;
                Ok(WorkerInfo {
                    alive: stopped_ms.is_none() && now_ms - heartbeat_ms <= HEARTBEAT_STALE.as_millis() as i64,
                    name: r.try_get(0)?,
                    host: r.try_get(1)?,
                    slots: r.try_get::<i64, _>(2)?.max(0) as usize,
                    started_ms: r.try_get(3)?,
                    heartbeat_ms,
                    stopped_ms,
                    jobs_done: r.try_get::<i64, _>(6)?.max(0) as u64,
                })
            })
            .collect()
    }

    /// Jobs waiting for a judge (queued, not yet claimed) and jobs claimed
    /// by a judge (running, whether or not the lease is still live), in one
    /// query (for `/metrics`).
    pub async fn job_counts(&self) -> Result<(usize, usize)> {
        let row = sqlx::query(
            "SELECT CAST(SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS BIGINT) \
             FROM jobs WHERE status IN ('queued', 'running')",
        )
        .fetch_one(&self.pool)
        .await?;
        // SUM over no rows is NULL.
        let count = |i: usize| -> Result<usize> { Ok(row.try_get::<Option<i64>, _>(i)?.unwrap_or(0).max(0) as usize) };
        Ok((count(0)?, count(1)?))
    }

    /// Jobs waiting for a judge (queued, not yet claimed).
    pub async fn queue_depth(&self) -> Result<usize> {
        let n: i64 =
            sqlx::query("SELECT COUNT(*) FROM jobs WHERE status = 'queued'").fetch_one(&self.pool).await?.try_get(0)?;
        Ok(n.max(0) as usize)
    }
}

/// The content hash of a problem as a judge sees it: its slug, its
/// problem.toml (or problem.yaml), its custom checker's source if it has
/// one, and every test case's input and answer. Blocking (reads files).
///
/// The same hash keys the problem's archive in the store (`archives.rs`):
/// a worker checks a fetched problem against it before judging with it.
pub fn problem_hash(problem: &oaj_spec::Problem) -> Result<String> {
    let mut hash = Sha256::new();
    let mut field = |bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|e| {
            Error::Store(format!("problem {}: cannot read {} to hash it: {e}", problem.slug, path.display()))
        })
    };
    field(problem.slug.as_bytes());
    for config in ["problem.toml", "problem.yaml"] {
        let path = problem.dir.join(config);
        if path.is_file() {
            field(config.as_bytes());
            field(&read(&path)?);
        }
    }
    if let oaj_spec::Checker::Custom(checker) = &problem.checker {
        // Named relative to the problem, so the hash does not depend on
        // where the problem directory is.
        let name = checker.source.strip_prefix(&problem.dir).unwrap_or(&checker.source);
        field(b"checker");
        field(name.to_string_lossy().as_bytes());
        field(&read(&checker.source)?);
    }
    for case in problem.samples.iter().chain(&problem.hidden) {
        field(case.name.as_bytes());
        field(&read(&case.input)?);
        field(&read(&case.answer)?);
    }
    Ok(hex::encode(hash.finalize()))
}

/// The first characters of a hash, for messages.
pub(crate) fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// What a judge worker and a server without local judging need of the engine.
impl crate::Engine {
    /// False when built with `judge_slots: 0` (jobs judged by workers).
    pub fn judges_locally(&self) -> bool {
        !self.inner.remote
    }

    /// Judgings this engine is running or waiting to run now.
    pub fn judging(&self) -> usize {
        self.inner.pool.live.lock().map(|l| l.len()).unwrap_or(0)
    }

    /// Waits until a judging of this engine ends, at most `timeout`.
    pub async fn wait_job_end(&self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.inner.job_ended.notified()).await;
    }

    /// Results this engine judged and stored.
    pub fn results_stored(&self) -> u64 {
        self.inner.stored.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// A notice from [`JOBS_CHANNEL`] or [`crate::PROGRESS_CHANNEL`]: a job
    /// judged elsewhere got its result or new progress.
    pub fn job_changed_elsewhere(&self, notice: JobNotice) {
        if let JobNotice::Done(id) | JobNotice::Progress(id) = notice {
            if let Some(wake) = self.inner.wakes.lock().ok().and_then(|w| w.get(&id).cloned()) {
                wake.notify_one();
            }
        }
    }

    /// The content hash of `problem` ([`problem_hash`]), computed once per
    /// problem directory (problems are added, never changed in place).
    pub async fn problem_hash(&self, problem: &oaj_spec::Problem) -> Result<String> {
        if let Some(hash) = self.inner.hashes.lock().ok().and_then(|h| h.get(&problem.dir).cloned()) {
            return Ok(hash);
        }
        let owned = problem.clone();
        let hash = tokio::task::spawn_blocking(move || problem_hash(&owned))
            .await
            .map_err(|e| Error::Store(format!("hashing problem {} failed: {e}", problem.slug)))??;
        if let Ok(mut hashes) = self.inner.hashes.lock() {
            hashes.insert(problem.dir.clone(), hash.clone());
        }
        Ok(hash)
    }

    /// Follows job `id`, judged by a worker, in the store until it is done
    /// (woken by its `done` and progress notices, else every
    /// [`FALLBACK_POLL`]): the worker's progress goes to `tx` as it is
    /// written (see `progress.rs`), then the stored view, as a local
    /// judging would send them.
    pub(crate) async fn follow_remote(self, id: JobId, tx: tokio::sync::watch::Sender<crate::JobView>) {
        let wake = std::sync::Arc::new(tokio::sync::Notify::new());
        if let Ok(mut wakes) = self.inner.wakes.lock() {
            wakes.insert(id, wake.clone());
        }
        loop {
            // Registered before reading, so a notice in between is kept.
            let woken = wake.notified();
            match self.inner.store.job_progress(id).await {
                Ok(Some(row)) if row.done => break,
                Ok(Some(row)) => {
                    // No progress yet (or a new holder starting over): queued.
                    let status = row.status.unwrap_or(crate::JobStatus::Queued);
                    tx.send_if_modified(|view| std::mem::replace(&mut view.status, status) != status);
                }
                Ok(None) => break,
                Err(e) => tracing::warn!("job {id}: cannot read it from the store: {e}"),
            }
            tokio::select! {
                _ = woken => {}
                _ = tokio::time::sleep(FALLBACK_POLL) => {}
            }
        }
        if let Ok(mut wakes) = self.inner.wakes.lock() {
            wakes.remove(&id);
        }
        match self.stored_view(id).await {
            Ok(view) => {
                tx.send_replace(view);
            }
            Err(e) => tracing::error!("cannot read back job {id}: {e}"),
        }
        if let Ok(mut live) = self.inner.pool.live.lock() {
            live.remove(&id);
        }
    }

    async fn stored_view(&self, id: JobId) -> Result<crate::JobView> {
        let row = self.inner.store.job(id).await?.ok_or_else(|| Error::NotFound(format!("no job {id}")))?;
        let attempt = self
            .inner
            .store
            .attempt(row.attempt_id)
            .await?
            .ok_or_else(|| Error::NotFound(format!("no attempt {}", row.attempt_id)))?;
        crate::engine::view_of(&row, &attempt, self.group_withholds(&attempt).await?)
    }
}
