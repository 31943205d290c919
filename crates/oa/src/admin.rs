//! What the admin page lists: users, attempts, submissions and the judge
//! queue. Every call requires an admin.
//!
//! Admins see who did what and how it was judged, never what anyone wrote:
//! these views carry no code (drafts or submitted) and no explanations. On
//! a study-group server the admin is a member who organises, not a grader;
//! members share their code with each other when they choose to.

use oaj_judge::Verdict;
use serde::Serialize;

use crate::engine::{mode_of, parse_verdict, status_of};
use crate::store::JobRow;
use crate::{
    Account, AttemptId, AttemptStatus, Engine, Error, GroupOaId, JobId, JobKind, JobStatus, Mode, Result, UserId,
};

/// A user as the admin page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserInfo {
    pub account: Account,
    pub created_ms: i64,
    /// Since when the account is disabled, if it is.
    pub disabled_ms: Option<i64>,
}

/// An attempt of anyone, without its code.
#[derive(Debug, Clone, Serialize)]
pub struct AdminAttempt {
    pub id: AttemptId,
    pub user_id: UserId,
    pub user_name: String,
    pub mode: Mode,
    pub status: AttemptStatus,
    pub started_ms: i64,
    pub deadline_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub group_oa_id: Option<GroupOaId>,
    pub score: f64,
    pub max_score: usize,
}

/// A run or submission of anyone, without its code or input.
#[derive(Debug, Clone, Serialize)]
pub struct AdminJob {
    pub id: JobId,
    pub attempt_id: AttemptId,
    pub user_name: String,
    pub slug: String,
    pub kind: JobKind,
    pub language: String,
    /// "queued", "running" or "done", as stored.
    pub stored_status: String,
    /// Live progress while this engine is judging it.
    pub progress: Option<JobStatus>,
    pub created_ms: i64,
    pub finished_ms: Option<i64>,
    pub verdict: Option<Verdict>,
    pub passed: Option<i64>,
    pub total: Option<i64>,
    pub error: Option<String>,
}

/// The judge queue: the pool's capacity and every job not judged yet.
#[derive(Debug, Clone, Serialize)]
pub struct QueueView {
    /// Judgings at once.
    pub slots: usize,
    /// Judgings that may wait for a slot before new ones are refused.
    pub queue_capacity: usize,
    /// Judgings this engine holds now (running or waiting for a slot).
    pub pending: usize,
    /// Jobs not done in the store, oldest first. One that no engine is
    /// judging (no progress) was left by a stopped server and is re-queued
    /// at the next start.
    pub jobs: Vec<AdminJob>,
    pub now_ms: i64,
    /// False when this server judges nothing itself (`judge_slots` 0).
    pub local_judging: bool,
    /// Jobs stored and not yet claimed by any judge.
    pub waiting: usize,
    /// The `oaj worker` processes registered in the store.
    pub workers: Vec<crate::WorkerInfo>,
}

fn require_admin(account: &Account) -> Result<()> {
    if account.is_admin() {
        Ok(())
    } else {
        Err(Error::Forbidden("only an admin may see or change this".into()))
    }
}

impl Engine {
    /// Every user (admins only).
    pub async fn admin_users(&self, admin: &Account) -> Result<Vec<UserInfo>> {
        require_admin(admin)?;
        self.inner.store.users().await
    }

    /// Disables or enables a user (admins only). An admin cannot disable
    /// themselves: that could leave the server without an admin who can
    /// undo it.
    pub async fn set_user_disabled(&self, admin: &Account, user: UserId, disabled: bool) -> Result<()> {
        require_admin(admin)?;
        if disabled && user == admin.id {
            return Err(Error::Invalid("you cannot disable your own account".into()));
        }
        let at = disabled.then(|| self.now_ms());
        self.inner.store.set_user_disabled(user, at).await?;
        tracing::info!("user {} {} user {user}", admin.id, if disabled { "disabled" } else { "enabled" });
        Ok(())
    }

    /// The newest attempts of everyone (admins only).
    pub async fn admin_attempts(&self, admin: &Account, limit: usize) -> Result<Vec<AdminAttempt>> {
        require_admin(admin)?;
        self.expire_due().await?;
        let mut out = Vec::new();
        for (row, user_name) in self.inner.store.recent_attempts(limit).await? {
            let (score, max_score, _) = self.attempt_score(&row).await?;
            out.push(AdminAttempt {
                id: row.id,
                user_id: row.user_id,
                user_name,
                mode: mode_of(&row)?,
                status: status_of(&row)?,
                started_ms: row.started_ms,
                deadline_ms: row.deadline_ms,
                ended_ms: row.ended_ms,
                group_oa_id: row.group_oa_id,
                score,
                max_score,
            });
        }
        Ok(out)
    }

    /// The newest submissions of everyone (admins only).
    pub async fn admin_submissions(&self, admin: &Account, limit: usize) -> Result<Vec<AdminJob>> {
        require_admin(admin)?;
        let rows = self.inner.store.jobs_for_admin(false, limit).await?;
        Ok(rows.into_iter().map(|(job, user, slug)| self.admin_job(job, user, slug)).collect())
    }

    /// The judge queue (admins only).
    pub async fn judge_queue(&self, admin: &Account) -> Result<QueueView> {
        require_admin(admin)?;
        let rows = self.inner.store.jobs_for_admin(true, 500).await?;
        let pool = &self.inner.pool;
        Ok(QueueView {
            slots: pool.slot_count(),
            queue_capacity: pool.queue_capacity(),
            pending: pool.pending(),
            jobs: rows.into_iter().map(|(job, user, slug)| self.admin_job(job, user, slug)).collect(),
            now_ms: self.now_ms(),
            local_judging: self.judges_locally(),
            waiting: self.inner.store.queue_depth().await?,
            workers: self.inner.store.workers(self.now_ms()).await?,
        })
    }

    fn admin_job(&self, job: JobRow, user_name: String, slug: String) -> AdminJob {
        let progress = (job.status != "done").then(|| self.subscribe(job.id).map(|rx| rx.borrow().status)).flatten();
        AdminJob {
            id: job.id,
            attempt_id: job.attempt_id,
            user_name,
            slug,
            kind: JobKind::parse(&job.kind).unwrap_or(JobKind::Submit),
            language: job.language,
            stored_status: job.status,
            progress,
            created_ms: job.created_ms,
            finished_ms: job.finished_ms,
            verdict: job.verdict.as_deref().and_then(parse_verdict),
            passed: job.passed,
            total: job.total,
            error: job.error,
        }
    }
}
