//! The OA store, behind one interface with two backends: SQLite (the
//! default, embedded: WAL, `synchronous = FULL`, foreign keys) and
//! PostgreSQL (a shared store for several machines). Both go through sqlx's
//! `Any` driver, so every query is written once in portable SQL: `$n`
//! parameters, `ON CONFLICT ... DO UPDATE`, `RETURNING`, BIGINT unix
//! milliseconds, and values of the types `Any` carries (i64, f64, String,
//! Option of those; no booleans, no SQLite-only functions). Migrations come
//! from `crates/oa/migrations`; Postgres gets them through the rewrite in
//! `crate::migrate`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Executor, Row};

use crate::migrate::Backend;
use crate::{Account, AttemptId, Error, GroupOaId, JobId, Result, Role, UserId};

/// The pool every query runs on (SQLite or Postgres behind sqlx's `Any`).
pub(crate) type DbPool = sqlx::AnyPool;
/// A row of any query, read with `Row::try_get`.
pub(crate) type DbRow = sqlx::any::AnyRow;

pub(crate) fn account_from_row(row: &DbRow) -> Result<Account> {
    let role: String = row.try_get("role")?;
    Ok(Account {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| Error::Store(format!("user has an unknown role {role:?}")))?,
    })
}

/// The database file inside a data directory.
pub const DATABASE_FILE: &str = "oaj.sqlite3";

/// Set on every SQLite connection: `Any` opens connections from a URL, which
/// cannot carry these. WAL with `synchronous = FULL`: a submission that was
/// acknowledged survives `kill -9` and a power cut.
const SQLITE_PRAGMAS: &str =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

/// Connections to a Postgres store per process (a server, a terminal OA).
const POSTGRES_CONNECTIONS: u32 = 8;

/// A handle on the store; cheap to clone (a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    // Shared with the queries in `accounts.rs`, `admin.rs` and the feature modules.
    pub(crate) pool: DbPool,
    path: Option<PathBuf>,
    backend: Backend,
    /// The Postgres URL, for the LISTEN connection (`workers.rs`).
    pub(crate) url: Option<String>,
}

impl Store {
    /// Opens (creating on first use) the SQLite store `data_dir/oaj.sqlite3`
    /// and brings its schema up to date.
    pub async fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| Error::Store(format!("cannot create the data directory {}: {e}", data_dir.display())))?;
        let path = data_dir.join(DATABASE_FILE);
        let url = sqlite_url(&path)?;
        let pool = sqlite_pool_options()
            .max_connections(4)
            .connect(&url)
            .await
            .map_err(|e| Error::Store(format!("cannot open the database {}: {e}", path.display())))?;
        crate::migrate::run(&pool, Backend::Sqlite).await?;
        Ok(Store { pool, path: Some(path), backend: Backend::Sqlite, url: None })
    }

    /// Connects to a PostgreSQL store (`postgres://user:password@host/db`,
    /// or `postgres:///db?host=/run/postgresql` for a unix socket) and
    /// brings its schema up to date. Several processes may share it; the
    /// migrations run under Postgres's advisory lock.
    pub async fn connect(url: &str) -> Result<Store> {
        Store::connect_with(url, POSTGRES_CONNECTIONS).await
    }

    /// [`Store::connect`] with a pool of at most `connections` connections
    /// (`oaj bench --workers --claimers`: one each).
    pub async fn connect_with(url: &str, connections: u32) -> Result<Store> {
        let shown = redact_url(url);
        if Backend::of_url(url) != Some(Backend::Postgres) {
            return Err(Error::Invalid(format!(
                "the database {shown} is not a postgres:// URL; the SQLite store is the file {DATABASE_FILE} in the \
                 data directory (--data)"
            )));
        }
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .connect(url)
            .await
            .map_err(|e| Error::Store(format!("cannot connect to the database {shown}: {e}")))?;
        crate::migrate::run(&pool, Backend::Postgres).await?;
        Ok(Store { pool, path: None, backend: Backend::Postgres, url: Some(url.to_string()) })
    }

    /// Writes a consistent copy of the database of `data_dir` to `dest` (a
    /// file that must not exist) with `VACUUM INTO`: one read transaction,
    /// so it sees one instant of the database while a server keeps writing
    /// (WAL readers do not block writers). Runs no migration: the copy has
    /// the schema the live database has.
    pub async fn backup_database(data_dir: &Path, dest: &Path) -> Result<()> {
        let path = data_dir.join(DATABASE_FILE);
        if !path.is_file() {
            return Err(Error::NotFound(format!("no database at {}", path.display())));
        }
        let options =
            SqliteConnectOptions::new().filename(&path).create_if_missing(false).busy_timeout(Duration::from_secs(30));
        let mut connection = sqlx::ConnectOptions::connect(&options)
            .await
            .map_err(|e| Error::Store(format!("cannot open the database {}: {e}", path.display())))?;
        let target = dest.to_str().ok_or_else(|| Error::Invalid(format!("{} is not UTF-8", dest.display())))?;
        sqlx::query("VACUUM INTO $1").bind(target).execute(&mut connection).await.map_err(|e| {
            Error::Store(format!("cannot copy the database {} to {}: {e}", path.display(), dest.display()))
        })?;
        sqlx::Connection::close(connection).await?;
        Ok(())
    }

    /// A SQLite store that lives as long as this handle (tests). One
    /// connection, so every query sees the same in-memory database.
    pub async fn open_in_memory() -> Result<Store> {
        let pool = sqlite_pool_options()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect("sqlite::memory:")
            .await?;
        crate::migrate::run(&pool, Backend::Sqlite).await?;
        Ok(Store { pool, path: None, backend: Backend::Sqlite, url: None })
    }

    /// The connection pool, for the queries of modules with their own
    /// tables (`crate::phone`).
    pub(crate) fn db(&self) -> &DbPool {
        &self.pool
    }

    /// Which database this store is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite database file (None for an in-memory or Postgres store).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Closes every connection (at shutdown: SQLite then checkpoints the
    /// WAL into the database file). Later queries fail.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database answers (a readiness probe).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    /// Timed attempts still coding with their deadline ahead of `now_ms`.
    pub(crate) async fn active_timed_attempts(&self, now_ms: i64) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM attempts WHERE mode = 'timed' AND status = 'coding' AND deadline_ms > $1",
        )
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// The connection pool, for the store code kept beside the feature that
    /// uses it (`library.rs`, `workstyle/store.rs`).
    pub(crate) fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// Adds a user; a name that is taken is [`Error::Conflict`].
    pub async fn create_user(
        &self,
        name: &str,
        role: Role,
        password_hash: Option<&str>,
        created_ms: i64,
    ) -> Result<UserId> {
        let mut conn = self.pool.acquire().await?;
        Store::create_user_on(&mut conn, name, role, password_hash, created_ms)
            .await?
            .ok_or_else(|| Error::Conflict(format!("the user name {name:?} is taken")))
    }

    /// The one insert of a user, on any connection: a pool's, or a
    /// transaction's (`&mut *tx`), so that making an account can be part of
    /// a larger change ([`Store::join`]). `None` when the name is taken.
    pub(crate) async fn create_user_on(
        conn: &mut sqlx::AnyConnection,
        name: &str,
        role: Role,
        password_hash: Option<&str>,
        created_ms: i64,
    ) -> Result<Option<UserId>> {
        let inserted = sqlx::query(
            "INSERT INTO users (name, role, password_hash, created_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO NOTHING RETURNING id",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(password_hash)
        .bind(created_ms)
        .fetch_optional(&mut *conn)
        .await?;
        inserted.map(|row| row.try_get(0)).transpose().map_err(Error::from)
    }

    /// The account with this id, if it exists (disabled or not).
    pub async fn account(&self, id: UserId) -> Result<Option<Account>> {
        let row =
            sqlx::query("SELECT id, name, role FROM users WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| account_from_row(&r)).transpose()
    }

    /// The account with this name, if it exists (disabled or not).
    pub async fn account_by_name(&self, name: &str) -> Result<Option<Account>> {
        let row = sqlx::query("SELECT id, name, role FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| account_from_row(&r)).transpose()
    }

    pub(crate) async fn insert_attempt(
        &self,
        user: UserId,
        mode: &str,
        started_ms: i64,
        deadline_ms: Option<i64>,
        slugs: &[String],
        group_oa: Option<GroupOaId>,
    ) -> Result<AttemptId> {
        let mut tx = self.pool.begin().await?;
        // A second start of the same group OA by the same member meets the
        // unique index (group_oa_id, user_id) and inserts nothing.
        let inserted = sqlx::query(
            "INSERT INTO attempts (user_id, mode, status, started_ms, deadline_ms, group_oa_id) \
             VALUES ($1, $2, 'coding', $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(user)
        .bind(mode)
        .bind(started_ms)
        .bind(deadline_ms)
        .bind(group_oa)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(inserted) = inserted else {
            return Err(Error::Conflict(match group_oa {
                Some(group) => format!("you have already started group OA {group}; it can be taken once"),
                None => "the attempt could not be created: it clashes with an existing one".to_string(),
            }));
        };
        let id: i64 = inserted.try_get(0)?;
        for (i, slug) in slugs.iter().enumerate() {
            sqlx::query("INSERT INTO attempt_problems (attempt_id, idx, slug) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(i as i64 + 1)
                .bind(slug)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub(crate) async fn attempt(&self, id: AttemptId) -> Result<Option<AttemptRow>> {
        let row = sqlx::query(&format!("SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| AttemptRow::from_row(&r)).transpose()
    }

    pub(crate) async fn attempts_of_user(&self, user: UserId) -> Result<Vec<AttemptRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE user_id = $1 ORDER BY started_ms DESC, id DESC"
        ))
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(AttemptRow::from_row).collect()
    }

    /// Timed attempts still coding whose deadline has passed.
    pub(crate) async fn due_attempts(&self, now_ms: i64) -> Result<Vec<AttemptRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts \
             WHERE status = 'coding' AND deadline_ms IS NOT NULL AND deadline_ms <= $1 ORDER BY id"
        ))
        .bind(now_ms)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(AttemptRow::from_row).collect()
    }

    pub(crate) async fn problems(&self, attempt: AttemptId) -> Result<Vec<ProblemRow>> {
        let rows =
            sqlx::query("SELECT idx, slug, last_language FROM attempt_problems WHERE attempt_id = $1 ORDER BY idx")
                .bind(attempt)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                Ok(ProblemRow {
                    index: r.try_get::<i64, _>(0)? as usize,
                    slug: r.try_get(1)?,
                    last_language: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// How many attempts of `user` each problem appeared in.
    pub(crate) async fn seen_counts(&self, user: UserId) -> Result<HashMap<String, usize>> {
        let rows = sqlx::query(
            "SELECT p.slug, COUNT(*) FROM attempt_problems p JOIN attempts a ON a.id = p.attempt_id \
             WHERE a.user_id = $1 GROUP BY p.slug",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get::<i64, _>(1)? as usize))).collect()
    }

    pub(crate) async fn save_draft(
        &self,
        attempt: AttemptId,
        index: usize,
        language: &str,
        code: &str,
        now_ms: i64,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO drafts (attempt_id, idx, language, code, updated_ms) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (attempt_id, idx, language) DO UPDATE SET code = excluded.code, updated_ms = excluded.updated_ms",
        )
        .bind(attempt)
        .bind(index as i64)
        .bind(language)
        .bind(code)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE attempt_problems SET last_language = $1 WHERE attempt_id = $2 AND idx = $3")
            .bind(language)
            .bind(attempt)
            .bind(index as i64)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn drafts(&self, attempt: AttemptId) -> Result<Vec<DraftRow>> {
        let rows = sqlx::query(
            "SELECT idx, language, code, updated_ms FROM drafts WHERE attempt_id = $1 ORDER BY idx, language",
        )
        .bind(attempt)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DraftRow {
                    index: r.try_get::<i64, _>(0)? as usize,
                    language: r.try_get(1)?,
                    code: r.try_get(2)?,
                    updated_ms: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Inserts a run or submission, only while the attempt is coding (in the
    /// same statement, so a deadline passing meanwhile cannot let one in
    /// after the auto-submissions). None when coding has ended.
    pub(crate) async fn insert_job(&self, job: &NewJob<'_>, now_ms: i64) -> Result<Option<JobId>> {
        let row = sqlx::query(
            "INSERT INTO jobs (attempt_id, idx, kind, language, code, input, status, created_ms, problem_hash) \
             SELECT $1, $2, $3, $4, $5, $6, 'queued', $7, $8 \
             WHERE EXISTS (SELECT 1 FROM attempts WHERE id = $1 AND status = 'coding') RETURNING id",
        )
        .bind(job.attempt)
        .bind(job.index as i64)
        .bind(job.kind)
        .bind(job.language)
        .bind(job.code)
        .bind(job.input)
        .bind(now_ms)
        .bind(job.problem_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    pub(crate) async fn job(&self, id: JobId) -> Result<Option<JobRow>> {
        let row = sqlx::query(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| JobRow::from_row(&r)).transpose()
    }

    pub(crate) async fn jobs_of_attempt(&self, attempt: AttemptId) -> Result<Vec<JobRow>> {
        let rows = sqlx::query(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE attempt_id = $1 ORDER BY id"))
            .bind(attempt)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(JobRow::from_row).collect()
    }

    /// Jobs that were queued or running when the engine last stopped.
    pub(crate) async fn unfinished_jobs(&self) -> Result<Vec<JobRow>> {
        let rows = sqlx::query(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE status <> 'done' ORDER BY id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(JobRow::from_row).collect()
    }

    /// Stores the result of job `id` if `owner` still holds its lease at
    /// `now_ms`; false when the lease was lost (the result is discarded: the
    /// process that took the job over stores its own).
    pub(crate) async fn finish_job(&self, id: JobId, owner: &str, outcome: &JobOutcome, now_ms: i64) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE jobs SET status = 'done', finished_ms = $1, verdict = $2, passed = $3, total = $4, score = $5, \
             result_json = $6, error = $7, finishes = finishes + 1 WHERE id = $8 AND status = 'running' AND lease_owner = $9 \
             AND lease_until_ms >= $1",
        )
        .bind(now_ms)
        .bind(outcome.verdict.as_deref())
        .bind(outcome.passed.map(|n| n as i64))
        .bind(outcome.total.map(|n| n as i64))
        .bind(OptionalF64(outcome.score))
        .bind(outcome.result_json.as_deref())
        .bind(outcome.error.as_deref())
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Ends the coding part of an attempt and inserts the auto-submissions
    /// in one transaction. None when the attempt was no longer coding (an
    /// expiry and a finish raced; the first one did the work).
    pub(crate) async fn end_coding(
        &self,
        attempt: AttemptId,
        ended_ms: i64,
        reason: &str,
        auto_submits: &[NewJob<'_>],
        now_ms: i64,
    ) -> Result<Option<Vec<JobId>>> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE attempts SET status = 'explaining', ended_ms = $1, end_reason = $2 \
             WHERE id = $3 AND status = 'coding'",
        )
        .bind(ended_ms)
        .bind(reason)
        .bind(attempt)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        let mut ids = Vec::new();
        for job in auto_submits {
            let id: i64 = sqlx::query(
                "INSERT INTO jobs (attempt_id, idx, kind, language, code, input, status, created_ms, problem_hash) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8) RETURNING id",
            )
            .bind(job.attempt)
            .bind(job.index as i64)
            .bind(job.kind)
            .bind(job.language)
            .bind(job.code)
            .bind(job.input)
            .bind(now_ms)
            .bind(job.problem_hash)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(Some(ids))
    }

    pub(crate) async fn set_status(&self, attempt: AttemptId, from: &str, to: &str) -> Result<()> {
        sqlx::query("UPDATE attempts SET status = $1 WHERE id = $2 AND status = $3")
            .bind(to)
            .bind(attempt)
            .bind(from)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(crate) async fn save_explanation(
        &self,
        attempt: AttemptId,
        index: usize,
        explanation: &crate::Explanation,
        now_ms: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO explanations (attempt_id, idx, approach, time_complexity, space_complexity, updated_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (attempt_id, idx) DO UPDATE SET \
             approach = excluded.approach, time_complexity = excluded.time_complexity, \
             space_complexity = excluded.space_complexity, updated_ms = excluded.updated_ms",
        )
        .bind(attempt)
        .bind(index as i64)
        .bind(&explanation.approach)
        .bind(&explanation.time_complexity)
        .bind(&explanation.space_complexity)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn explanations(&self, attempt: AttemptId) -> Result<HashMap<usize, crate::Explanation>> {
        let rows = sqlx::query(
            "SELECT idx, approach, time_complexity, space_complexity FROM explanations WHERE attempt_id = $1",
        )
        .bind(attempt)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get::<i64, _>(0)? as usize,
                    crate::Explanation {
                        approach: r.try_get(1)?,
                        time_complexity: r.try_get(2)?,
                        space_complexity: r.try_get(3)?,
                    },
                ))
            })
            .collect()
    }

    pub(crate) async fn insert_integrity(
        &self,
        attempt: AttemptId,
        event: &crate::IntegrityEvent,
        now_ms: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO integrity_events (attempt_id, kind, at_ms, recorded_ms, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(attempt)
        .bind(event.kind.as_str())
        .bind(event.at_ms)
        .bind(now_ms)
        .bind(event.detail.as_deref())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn integrity_count(&self, attempt: AttemptId) -> Result<usize> {
        let row = sqlx::query("SELECT COUNT(*) FROM integrity_events WHERE attempt_id = $1")
            .bind(attempt)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>(0)? as usize)
    }

    pub(crate) async fn integrity(&self, attempt: AttemptId) -> Result<Vec<crate::IntegrityEvent>> {
        let rows =
            sqlx::query("SELECT kind, at_ms, detail FROM integrity_events WHERE attempt_id = $1 ORDER BY at_ms, id")
                .bind(attempt)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get(0)?;
                Ok(crate::IntegrityEvent {
                    kind: crate::IntegrityKind::parse(&kind)
                        .ok_or_else(|| Error::Store(format!("unknown integrity event kind `{kind}` in the store")))?,
                    at_ms: r.try_get(1)?,
                    detail: r.try_get(2)?,
                })
            })
            .collect()
    }
}

pub(crate) const ATTEMPT_COLUMNS: &str =
    "id, user_id, mode, status, started_ms, deadline_ms, ended_ms, end_reason, group_oa_id";

#[derive(Debug, Clone)]
pub(crate) struct AttemptRow {
    pub id: AttemptId,
    pub user_id: UserId,
    pub mode: String,
    pub status: String,
    pub started_ms: i64,
    pub deadline_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub end_reason: Option<String>,
    /// The group OA this attempt belongs to, if any.
    pub group_oa_id: Option<GroupOaId>,
}

impl AttemptRow {
    pub(crate) fn from_row(r: &DbRow) -> Result<Self> {
        Ok(AttemptRow {
            id: r.try_get(0)?,
            user_id: r.try_get(1)?,
            mode: r.try_get(2)?,
            status: r.try_get(3)?,
            started_ms: r.try_get(4)?,
            deadline_ms: r.try_get(5)?,
            ended_ms: r.try_get(6)?,
            end_reason: r.try_get(7)?,
            group_oa_id: r.try_get(8)?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ProblemRow {
    pub index: usize,
    pub slug: String,
    pub last_language: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct DraftRow {
    pub index: usize,
    pub language: String,
    pub code: String,
    pub updated_ms: i64,
}

pub(crate) struct NewJob<'a> {
    pub attempt: AttemptId,
    pub index: usize,
    pub kind: &'a str,
    pub language: &'a str,
    pub code: &'a str,
    pub input: Option<&'a str>,
    /// The content hash of the problem the job names (see `Engine::problem_hash`).
    pub problem_hash: Option<&'a str>,
}

/// What a finished judging stores.
#[derive(Debug, Default)]
pub(crate) struct JobOutcome {
    pub verdict: Option<String>,
    pub passed: Option<usize>,
    pub total: Option<usize>,
    pub score: Option<f64>,
    pub result_json: Option<String>,
    pub error: Option<String>,
}

pub(crate) const JOB_COLUMNS: &str =
    "id, attempt_id, idx, kind, language, code, input, status, created_ms, finished_ms, \
                           verdict, passed, total, score, result_json, error, problem_hash";

#[derive(Debug, Clone)]
pub(crate) struct JobRow {
    pub id: JobId,
    pub attempt_id: AttemptId,
    pub index: usize,
    pub kind: String,
    pub language: String,
    pub code: String,
    pub input: Option<String>,
    pub status: String,
    pub created_ms: i64,
    pub finished_ms: Option<i64>,
    pub verdict: Option<String>,
    pub passed: Option<i64>,
    pub total: Option<i64>,
    pub score: Option<f64>,
    pub result_json: Option<String>,
    pub error: Option<String>,
    pub problem_hash: Option<String>,
}

impl JobRow {
    pub(crate) fn from_row(r: &DbRow) -> Result<Self> {
        Ok(JobRow {
            id: r.try_get(0)?,
            attempt_id: r.try_get(1)?,
            index: r.try_get::<i64, _>(2)? as usize,
            kind: r.try_get(3)?,
            language: r.try_get(4)?,
            code: r.try_get(5)?,
            input: r.try_get(6)?,
            status: r.try_get(7)?,
            created_ms: r.try_get(8)?,
            finished_ms: r.try_get(9)?,
            verdict: r.try_get(10)?,
            passed: r.try_get(11)?,
            total: r.try_get(12)?,
            score: r.try_get(13)?,
            result_json: r.try_get(14)?,
            error: r.try_get(15)?,
            problem_hash: r.try_get(16)?,
        })
    }
}

/// `a, b, c` as `t.a, t.b, t.c`, for joins over tables sharing column names.
fn qualified(columns: &str, table: &str) -> String {
    columns.split(',').map(|c| format!("{table}.{}", c.trim())).collect::<Vec<_>>().join(", ")
}

/// Users, group OAs and the lists of the admin page.
impl Store {
    // `set_user_disabled` (which also ends the user's sessions) is in
    // `accounts.rs` with the rest of the account queries.

    /// Every user, oldest first.
    pub async fn users(&self) -> Result<Vec<crate::UserInfo>> {
        let rows = sqlx::query("SELECT id, name, role, created_ms, disabled_ms FROM users ORDER BY created_ms, id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(crate::UserInfo {
                    account: account_from_row(r)?,
                    created_ms: r.try_get("created_ms")?,
                    disabled_ms: r.try_get("disabled_ms")?,
                })
            })
            .collect()
    }

    pub(crate) async fn insert_group_oa(
        &self,
        new: &crate::NewGroupOa,
        created_by: UserId,
        now_ms: i64,
    ) -> Result<GroupOaId> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO group_oas (title, opens_ms, closes_ms, minutes, created_by, created_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&new.title)
        .bind(new.opens_ms)
        .bind(new.closes_ms)
        .bind(i64::from(new.minutes))
        .bind(created_by)
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let rows: Vec<(Option<String>, Option<String>)> = match &new.problems {
            crate::GroupProblems::Fixed { slugs } => slugs.iter().map(|s| (Some(s.clone()), None)).collect(),
            crate::GroupProblems::Drawn { difficulties, .. } => {
                difficulties.iter().map(|d| (None, Some(d.to_string()))).collect()
            }
        };
        for (i, (slug, difficulty)) in rows.iter().enumerate() {
            sqlx::query("INSERT INTO group_oa_problems (group_oa_id, idx, slug, difficulty) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(i as i64 + 1)
                .bind(slug)
                .bind(difficulty)
                .execute(&mut *tx)
                .await?;
        }
        if let crate::GroupProblems::Drawn { topics, .. } = &new.problems {
            for topic in topics {
                sqlx::query("INSERT INTO group_oa_topics (group_oa_id, topic) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id)
                    .bind(topic)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(id)
    }

    pub(crate) async fn group_oa(&self, id: GroupOaId) -> Result<Option<GroupOaRow>> {
        Ok(self.load_group_oas(Some(id)).await?.pop())
    }

    /// Every group OA, the latest window first.
    pub(crate) async fn group_oas(&self) -> Result<Vec<GroupOaRow>> {
        self.load_group_oas(None).await
    }

    async fn load_group_oas(&self, only: Option<GroupOaId>) -> Result<Vec<GroupOaRow>> {
        // `$1 IS NULL OR id = $1`: one query for one group OA or all of them.
        let heads = sqlx::query(
            "SELECT id, title, opens_ms, closes_ms, minutes, revealed_ms FROM group_oas \
             WHERE $1 IS NULL OR id = $1 ORDER BY opens_ms DESC, id DESC",
        )
        .bind(only)
        .fetch_all(&self.pool)
        .await?;
        let problems = sqlx::query(
            "SELECT group_oa_id, slug, difficulty FROM group_oa_problems WHERE $1 IS NULL OR group_oa_id = $1 \
             ORDER BY group_oa_id, idx",
        )
        .bind(only)
        .fetch_all(&self.pool)
        .await?;
        let topics = sqlx::query(
            "SELECT group_oa_id, topic FROM group_oa_topics WHERE $1 IS NULL OR group_oa_id = $1 \
             ORDER BY group_oa_id, topic",
        )
        .bind(only)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for head in &heads {
            let id: GroupOaId = head.try_get(0)?;
            let mut slugs = Vec::new();
            let mut difficulties = Vec::new();
            for p in problems.iter().filter(|p| p.try_get::<i64, _>(0).is_ok_and(|g| g == id)) {
                if let Some(slug) = p.try_get::<Option<String>, _>(1)? {
                    slugs.push(slug);
                } else if let Some(d) = p.try_get::<Option<String>, _>(2)? {
                    difficulties.push(d.parse().map_err(|e| Error::Store(format!("group OA {id}: {e}")))?);
                }
            }
            let problems = if difficulties.is_empty() {
                crate::GroupProblems::Fixed { slugs }
            } else {
                let topics = topics
                    .iter()
                    .filter(|t| t.try_get::<i64, _>(0).is_ok_and(|g| g == id))
                    .map(|t| t.try_get::<String, _>(1))
                    .collect::<Result<Vec<_>, _>>()?;
                crate::GroupProblems::Drawn { difficulties, topics }
            };
            out.push(GroupOaRow {
                id,
                title: head.try_get(1)?,
                opens_ms: head.try_get(2)?,
                closes_ms: head.try_get(3)?,
                minutes: head.try_get::<i64, _>(4)? as u32,
                revealed_ms: head.try_get(5)?,
                problems,
            });
        }
        Ok(out)
    }

    /// Sets the reveal time once; revealing again keeps the first time.
    pub(crate) async fn set_group_revealed(&self, id: GroupOaId, now_ms: i64) -> Result<()> {
        sqlx::query("UPDATE group_oas SET revealed_ms = $1 WHERE id = $2 AND revealed_ms IS NULL")
            .bind(now_ms)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The attempts of a group OA with their members' names.
    pub(crate) async fn group_attempts(&self, group: GroupOaId) -> Result<Vec<(AttemptRow, String)>> {
        let rows = sqlx::query(&format!(
            "SELECT {}, u.name FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.group_oa_id = $1 \
             ORDER BY a.started_ms, a.id",
            qualified(ATTEMPT_COLUMNS, "a")
        ))
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((AttemptRow::from_row(r)?, r.try_get("name")?))).collect()
    }

    /// How many members started each group OA.
    pub(crate) async fn group_attempt_counts(&self) -> Result<HashMap<GroupOaId, usize>> {
        let rows = sqlx::query(
            "SELECT group_oa_id, COUNT(*) FROM attempts WHERE group_oa_id IS NOT NULL GROUP BY group_oa_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get::<i64, _>(1)? as usize))).collect()
    }

    /// The newest attempts of everyone, with their users' names.
    pub(crate) async fn recent_attempts(&self, limit: usize) -> Result<Vec<(AttemptRow, String)>> {
        let rows = sqlx::query(&format!(
            "SELECT {}, u.name FROM attempts a JOIN users u ON u.id = a.user_id \
             ORDER BY a.started_ms DESC, a.id DESC LIMIT $1",
            qualified(ATTEMPT_COLUMNS, "a")
        ))
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((AttemptRow::from_row(r)?, r.try_get("name")?))).collect()
    }

    /// Jobs with their owner's name and problem slug: the newest
    /// submissions (`unfinished` false), or every job not judged yet, oldest
    /// first (`unfinished` true).
    pub(crate) async fn jobs_for_admin(&self, unfinished: bool, limit: usize) -> Result<Vec<(JobRow, String, String)>> {
        let filter = if unfinished {
            "j.status <> 'done' ORDER BY j.id"
        } else {
            "j.kind IN ('submit', 'auto_submit') ORDER BY j.id DESC"
        };
        let rows = sqlx::query(&format!(
            "SELECT {}, u.name, p.slug FROM jobs j JOIN attempts a ON a.id = j.attempt_id \
             JOIN users u ON u.id = a.user_id \
             JOIN attempt_problems p ON p.attempt_id = j.attempt_id AND p.idx = j.idx \
             WHERE {filter} LIMIT $1",
            qualified(JOB_COLUMNS, "j")
        ))
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((JobRow::from_row(r)?, r.try_get("name")?, r.try_get("slug")?))).collect()
    }
}

/// A group OA as stored.
#[derive(Debug, Clone)]
pub(crate) struct GroupOaRow {
    pub id: GroupOaId,
    pub title: String,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub minutes: u32,
    pub revealed_ms: Option<i64>,
    pub problems: crate::GroupProblems,
}

/// An optional f64 to bind: use it instead of `Option<f64>`. sqlx 0.8's
/// `Any` driver hands a NULL f64 to Postgres typed as `real` (float4); the
/// connection caches the prepared statement with that parameter type, and
/// the next non-NULL f64 in the same statement then fails with "incorrect
/// binary data format". This sends NULL as a `double precision` instead
/// (`Any` maps a NULL f32 to a float8 NULL, the mirror of the same mix-up).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OptionalF64(pub Option<f64>);

impl sqlx::Type<sqlx::Any> for OptionalF64 {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <f64 as sqlx::Type<sqlx::Any>>::type_info()
    }
}

impl<'q> sqlx::Encode<'q, sqlx::Any> for OptionalF64 {
    fn encode_by_ref(
        &self,
        buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        match self.0 {
            Some(value) => <f64 as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&value, buf),
            None => <Option<f32> as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&None, buf),
        }
    }
}

/// Pool options of a SQLite store: the pragmas run on every new connection.
fn sqlite_pool_options() -> AnyPoolOptions {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new().after_connect(|conn, _meta| {
        Box::pin(async move {
            conn.execute(SQLITE_PRAGMAS).await?;
            Ok(())
        })
    })
}

/// `sqlite://PATH?mode=rwc` (create if missing). The path is percent-encoded
/// where a URL would misread it (`%`, `?`, `#`, spaces).
fn sqlite_url(path: &Path) -> Result<String> {
    let text =
        path.to_str().ok_or_else(|| Error::Store(format!("the database path {} is not UTF-8", path.display())))?;
    let mut encoded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => encoded.push_str("%25"),
            '?' => encoded.push_str("%3F"),
            '#' => encoded.push_str("%23"),
            ' ' => encoded.push_str("%20"),
            c => encoded.push(c),
        }
    }
    Ok(format!("sqlite://{encoded}?mode=rwc"))
}

/// A database URL with its password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_hide_passwords_and_paths_are_encoded() {
        let cases = [
            ("postgres://oaj:s3cret@db:5432/oaj", "postgres://oaj:***@db:5432/oaj"),
            ("postgres://oaj@db/oaj", "postgres://oaj@db/oaj"),
            ("postgres:///oaj?host=/run/postgresql", "postgres:///oaj?host=/run/postgresql"),
            ("postgres://a:b@c@h/x?sslmode=disable", "postgres://a:***@h/x?sslmode=disable"),
            ("not a url", "not a url"),
        ];
        for (url, shown) in cases {
            assert_eq!(redact_url(url), shown, "{url}");
        }
        assert_eq!(
            sqlite_url(Path::new("/tmp/a b/100%/x?#/oaj.sqlite3")).ok().as_deref(),
            Some("sqlite:///tmp/a%20b/100%25/x%3F%23/oaj.sqlite3?mode=rwc")
        );
    }
}
