//! The work-style tables (migration 0006): sittings and their answers.
//! Kept beside the feature; the queries are portable SQL like the rest of
//! the store.

use sqlx::Row;

use super::draw::Drawn;
use crate::store::Store;
use crate::{AttemptId, Result, UserId};

pub type SittingId = i64;

const SITTING_COLUMNS: &str =
    "id, user_id, attempt_id, status, seed, minutes, started_ms, deadline_ms, ended_ms, end_reason, result_json";

#[derive(Debug, Clone)]
pub(crate) struct SittingRow {
    pub id: SittingId,
    pub user_id: UserId,
    pub attempt_id: Option<AttemptId>,
    pub status: String,
    pub seed: u64,
    pub minutes: u32,
    pub started_ms: i64,
    pub deadline_ms: i64,
    pub ended_ms: Option<i64>,
    pub end_reason: Option<String>,
    pub result_json: Option<String>,
}

impl SittingRow {
    fn from_row(r: &crate::store::DbRow) -> Result<Self> {
        Ok(SittingRow {
            id: r.try_get(0)?,
            user_id: r.try_get(1)?,
            attempt_id: r.try_get(2)?,
            status: r.try_get(3)?,
            seed: r.try_get::<i64, _>(4)? as u64,
            minutes: r.try_get::<i64, _>(5)? as u32,
            started_ms: r.try_get(6)?,
            deadline_ms: r.try_get(7)?,
            ended_ms: r.try_get(8)?,
            end_reason: r.try_get(9)?,
            result_json: r.try_get(10)?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct AnswerRow {
    pub pos: usize,
    pub item_id: String,
    pub swapped: bool,
    pub answer: Option<i64>,
}

/// A sitting to insert.
pub(crate) struct NewSitting<'a> {
    pub user: UserId,
    pub attempt: Option<AttemptId>,
    pub seed: u64,
    pub minutes: u32,
    pub started_ms: i64,
    pub deadline_ms: i64,
    pub drawn: &'a [Drawn],
}

impl Store {
    /// Inserts a sitting and its drawn items in one transaction. For an OA
    /// attempt, a recorded skip is replaced; None when the attempt already
    /// has an open or finished sitting (two starts raced).
    pub(crate) async fn insert_sitting(&self, new: &NewSitting<'_>) -> Result<Option<SittingId>> {
        let mut tx = self.pool().begin().await?;
        if let Some(attempt) = new.attempt {
            sqlx::query("DELETE FROM workstyle_sittings WHERE attempt_id = $1 AND status = 'skipped'")
                .bind(attempt)
                .execute(&mut *tx)
                .await?;
        }
        let row = sqlx::query(
            "INSERT INTO workstyle_sittings (user_id, attempt_id, status, seed, minutes, started_ms, deadline_ms) \
             VALUES ($1, $2, 'open', $3, $4, $5, $6) ON CONFLICT (attempt_id) DO NOTHING RETURNING id",
        )
        .bind(new.user)
        .bind(new.attempt)
        .bind(new.seed as i64)
        .bind(i64::from(new.minutes))
        .bind(new.started_ms)
        .bind(new.deadline_ms)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let id: SittingId = row.try_get(0)?;
        for (i, drawn) in new.drawn.iter().enumerate() {
            sqlx::query("INSERT INTO workstyle_answers (sitting_id, pos, item_id, swapped) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(i as i64 + 1)
                .bind(&drawn.item)
                .bind(i64::from(drawn.swapped))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Records that the user declined the assessment after an OA (nothing
    /// when the attempt already has a sitting or a skip).
    pub(crate) async fn insert_skip(&self, user: UserId, attempt: AttemptId, now_ms: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO workstyle_sittings (user_id, attempt_id, status, seed, minutes, started_ms, deadline_ms, \
             ended_ms, end_reason) VALUES ($1, $2, 'skipped', 0, 0, $3, $3, $3, 'skipped') \
             ON CONFLICT (attempt_id) DO NOTHING",
        )
        .bind(user)
        .bind(attempt)
        .bind(now_ms)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub(crate) async fn sitting(&self, id: SittingId) -> Result<Option<SittingRow>> {
        let row = sqlx::query(&format!("SELECT {SITTING_COLUMNS} FROM workstyle_sittings WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| SittingRow::from_row(&r)).transpose()
    }

    pub(crate) async fn sitting_of_attempt(&self, attempt: AttemptId) -> Result<Option<SittingRow>> {
        let row = sqlx::query(&format!("SELECT {SITTING_COLUMNS} FROM workstyle_sittings WHERE attempt_id = $1"))
            .bind(attempt)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| SittingRow::from_row(&r)).transpose()
    }

    /// The user's sittings (skips left out), newest first.
    pub(crate) async fn sittings_of_user(&self, user: UserId) -> Result<Vec<SittingRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {SITTING_COLUMNS} FROM workstyle_sittings WHERE user_id = $1 AND status <> 'skipped' \
             ORDER BY started_ms DESC, id DESC"
        ))
        .bind(user)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(SittingRow::from_row).collect()
    }

    pub(crate) async fn sitting_answers(&self, id: SittingId) -> Result<Vec<AnswerRow>> {
        let rows = sqlx::query(
            "SELECT pos, item_id, swapped, answer FROM workstyle_answers WHERE sitting_id = $1 ORDER BY pos",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AnswerRow {
                    pos: r.try_get::<i64, _>(0)? as usize,
                    item_id: r.try_get(1)?,
                    swapped: r.try_get::<i64, _>(2)? != 0,
                    answer: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Saves one answer, only while the sitting is open and before its
    /// deadline (in the same statement, so the deadline cannot pass between
    /// a check and the write). False when it was not saved.
    pub(crate) async fn save_sitting_answer(
        &self,
        id: SittingId,
        pos: usize,
        answer: i64,
        now_ms: i64,
    ) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE workstyle_answers SET answer = $1, answered_ms = $2 WHERE sitting_id = $3 AND pos = $4 \
             AND EXISTS (SELECT 1 FROM workstyle_sittings s WHERE s.id = $3 AND s.status = 'open' AND s.deadline_ms > $2)",
        )
        .bind(answer)
        .bind(now_ms)
        .bind(id)
        .bind(pos as i64)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed > 0)
    }

    /// Ends an open sitting with its result. False when it had already
    /// ended (a finish and the deadline raced; the first one counts).
    pub(crate) async fn end_sitting(
        &self,
        id: SittingId,
        ended_ms: i64,
        reason: &str,
        result_json: &str,
    ) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE workstyle_sittings SET status = 'finished', ended_ms = $1, end_reason = $2, result_json = $3 \
             WHERE id = $4 AND status = 'open'",
        )
        .bind(ended_ms)
        .bind(reason)
        .bind(result_json)
        .bind(id)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed > 0)
    }
}
