//! The job queue's store statements one at a time, for `oaj bench
//! --workers`: fill a queue, and claim, renew and finish jobs with the very
//! queries the engine and `oaj worker` use (`lease.rs`, `Store::finish_job`),
//! so the store's share of judging can be measured without judging; and the
//! timestamps of every job, to derive queue waits after a run.

use sqlx::Row;

use crate::store::{JobOutcome, NewJob, Store};
use crate::{AttemptId, JobId, Result, LOCAL_USER};

/// One job's times as the store has them.
#[derive(Debug, Clone)]
pub struct JobTimes {
    pub id: JobId,
    pub status: String,
    /// When the submission was stored (the server's clock).
    pub created_ms: i64,
    pub finished_ms: Option<i64>,
    /// The lease's end as last written: the claim time plus the lease when
    /// the lease was never renewed (a judging shorter than a third of it).
    pub lease_until_ms: Option<i64>,
    pub verdict: Option<String>,
    pub error: Option<String>,
}

impl Store {
    /// Inserts `jobs` queued submissions of one new practice attempt of the
    /// local user on `slug`; returns the attempt.
    pub async fn probe_fill_queue(&self, slug: &str, jobs: usize, now_ms: i64) -> Result<AttemptId> {
        let attempt = self.insert_attempt(LOCAL_USER, "practice", now_ms, None, &[slug.to_string()], None).await?;
        for n in 0..jobs {
            let code = format!("// queue probe {n}\n");
            let job = NewJob {
                attempt,
                index: 1,
                kind: "submit",
                language: "cpp",
                code: &code,
                input: None,
                problem_hash: None,
            };
            self.insert_job(&job, now_ms).await?;
        }
        Ok(attempt)
    }

    /// The claim of a judge worker (`Engine::judge_next`): the oldest free
    /// job, for `owner`.
    pub async fn probe_claim(&self, owner: &str, now_ms: i64, lease_ms: i64) -> Result<Option<JobId>> {
        Ok(self.claim_next_job(owner, now_ms, lease_ms).await?.map(|job| job.id))
    }

    /// The lease renewal a judging makes every third of its lease.
    pub async fn probe_renew(&self, id: JobId, owner: &str, now_ms: i64, lease_ms: i64) -> Result<bool> {
        self.renew_lease(id, owner, now_ms, lease_ms).await
    }

    /// Stores a final result of the size a judged 20-case submission has
    /// (its JudgeResult JSON is a few kilobytes), under `owner`'s lease.
    pub async fn probe_finish(&self, id: JobId, owner: &str, now_ms: i64) -> Result<bool> {
        let case = r#"{"name":"hidden/01","verdict":"AC","time_ms":3,"memory_kb":3584,"output":"","checker":""},"#;
        let outcome = JobOutcome {
            verdict: Some("AC".to_string()),
            passed: Some(20),
            total: Some(20),
            score: Some(1.0),
            result_json: Some(format!("{{\"verdict\":\"AC\",\"cases\":[{}]}}", case.repeat(20).trim_end_matches(','))),
            error: None,
        };
        self.finish_job(id, owner, &outcome, now_ms).await
    }

    /// Every job's times, by id.
    pub async fn probe_job_times(&self) -> Result<Vec<JobTimes>> {
        let rows = sqlx::query(
            "SELECT id, status, created_ms, finished_ms, lease_until_ms, verdict, error FROM jobs ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JobTimes {
                    id: r.try_get(0)?,
                    status: r.try_get(1)?,
                    created_ms: r.try_get(2)?,
                    finished_ms: r.try_get(3)?,
                    lease_until_ms: r.try_get(4)?,
                    verdict: r.try_get(5)?,
                    error: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// Connections open to this Postgres database now (every process's),
    /// this one's included; None on SQLite.
    pub async fn probe_connections(&self) -> Result<Option<i64>> {
        if self.backend() != crate::Backend::Postgres {
            return Ok(None);
        }
        let row =
            sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stat_activity WHERE datname = current_database()")
                .fetch_one(&self.pool)
                .await?;
        Ok(Some(row.try_get(0)?))
    }
}
