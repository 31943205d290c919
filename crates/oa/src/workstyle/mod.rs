//! The work-style assessment: statements about how one works, tied to
//! sixteen principles, answered against a clock of its own.
//!
//! * [`Bank`]: the principles and items of `assessments/workstyle.toml`,
//!   checked as a whole when loaded.
//! * [`draw()`]: 30-40 items per sitting from a stored seed (pure).
//! * [`score()`]: the profile, the answers that pulled each principle down,
//!   the consistency of paired items and the time taken (pure).
//! * [`Workstyle`]: sittings in the store, for a user, standalone or after
//!   the coding part of an OA. The deadline is fixed when a sitting starts;
//!   a sitting read after it is ended then and there (answers not given by
//!   the deadline stay unanswered) and its result stored with it.
//!
//! docs/workstyle.md describes the file format, the draw and the formula.

mod bank;
mod draw;
mod score;
mod store;

use std::sync::Arc;

use serde::Serialize;

pub use bank::{
    Bank, BankError, Direction, Item, ItemForm, Principle, Side, BUNDLED_FILE, MIN_ITEMS_PER_PRINCIPLE, PRINCIPLES,
};
pub use draw::{draw, fresh_seed, Drawn, SplitMix64, DEFAULT_ITEMS, MAX_ITEMS, MIN_ITEMS, PAIRS_PER_SITTING};
pub use score::{
    describe, lean, likert_label, score, Answer, Consistency, Contradiction, PrincipleScore, PulledDown, Sheet,
    WorkstyleResult,
};
pub use store::SittingId;

use self::store::{AnswerRow, NewSitting, SittingRow};
use crate::{AttemptId, AttemptStatus, Engine, Error, Mode, Result, UserId};

/// A sitting's own clock: 15 minutes unless asked otherwise, 10 to 20.
pub const DEFAULT_MINUTES: u32 = 15;
pub const MIN_MINUTES: u32 = 10;
pub const MAX_MINUTES: u32 = 20;

/// An answer as the person gave it on screen: for a forced choice, which of
/// the two statements *as shown* (the draw may show B first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "form", rename_all = "lowercase")]
pub enum ShownAnswer {
    Likert { value: u8 },
    Choice { first: bool, strong: bool },
}

/// An item as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "form", rename_all = "lowercase")]
pub enum ShownForm {
    Likert { text: String },
    Choice { first: String, second: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct ShownItem {
    /// 1-based place in the sitting.
    pub position: usize,
    pub id: String,
    pub form: ShownForm,
    pub answer: Option<ShownAnswer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SittingStatus {
    Open,
    Finished,
}

/// A sitting as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SittingView {
    pub id: SittingId,
    /// The OA this sitting follows; None for practice.
    pub attempt_id: Option<AttemptId>,
    pub status: SittingStatus,
    pub minutes: u32,
    pub seed: u64,
    pub started_ms: i64,
    pub deadline_ms: i64,
    /// The engine's clock when this view was made.
    pub now_ms: i64,
    pub ended_ms: Option<i64>,
    /// "finished" or "deadline".
    pub end_reason: Option<String>,
    pub items: Vec<ShownItem>,
    pub result: Option<WorkstyleResult>,
}

impl SittingView {
    /// Milliseconds left (0 once it has ended).
    pub fn remaining_ms(&self) -> i64 {
        match self.status {
            SittingStatus::Open => (self.deadline_ms - self.now_ms).max(0),
            SittingStatus::Finished => 0,
        }
    }

    pub fn answered(&self) -> usize {
        self.items.iter().filter(|i| i.answer.is_some()).count()
    }
}

/// A sitting in a list (history, an OA report).
#[derive(Debug, Clone, Serialize)]
pub struct SittingSummary {
    pub id: SittingId,
    pub attempt_id: Option<AttemptId>,
    pub status: SittingStatus,
    pub minutes: u32,
    pub started_ms: i64,
    pub ended_ms: Option<i64>,
    pub result: Option<WorkstyleResult>,
}

/// What an OA attempt's work-style section is at.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum OaSection {
    /// Neither taken nor declined yet.
    Offered,
    Skipped,
    Taken(SittingSummary),
}

/// Sittings for users: the engine's store and clock with an item bank.
#[derive(Clone)]
pub struct Workstyle {
    engine: Engine,
    bank: Arc<Bank>,
}

impl Workstyle {
    pub fn new(engine: Engine, bank: Arc<Bank>) -> Workstyle {
        Workstyle { engine, bank }
    }

    /// With the bundled item file (checked once per process).
    pub fn bundled(engine: Engine) -> std::result::Result<Workstyle, BankError> {
        Ok(Workstyle::new(engine, Bank::bundled()?))
    }

    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    /// Starts a practice sitting of `minutes` (10 to 20).
    pub async fn start_practice(&self, user: UserId, minutes: u32) -> Result<SittingId> {
        self.start(user, None, minutes, fresh_seed()).await
    }

    /// Starts the sitting that follows an OA's coding part, or returns the
    /// one already started for it (a second click, a reload).
    pub async fn start_after_oa(&self, user: UserId, attempt: AttemptId, minutes: u32) -> Result<SittingId> {
        self.check_oa(user, attempt).await?;
        if let Some(row) = self.engine.store().sitting_of_attempt(attempt).await? {
            if row.status != "skipped" {
                return Ok(row.id);
            }
        }
        match self.start(user, Some(attempt), minutes, fresh_seed()).await {
            Err(Error::Conflict(_)) => match self.engine.store().sitting_of_attempt(attempt).await? {
                Some(row) if row.status != "skipped" => Ok(row.id),
                _ => Err(Error::Conflict(format!("attempt {attempt}'s work-style assessment could not be started"))),
            },
            other => other,
        }
    }

    /// Starts a sitting with a given seed (tests use this to know the draw).
    pub async fn start_seeded(
        &self,
        user: UserId,
        attempt: Option<AttemptId>,
        minutes: u32,
        seed: u64,
    ) -> Result<SittingId> {
        if let Some(attempt) = attempt {
            self.check_oa(user, attempt).await?;
        }
        self.start(user, attempt, minutes, seed).await
    }

    async fn start(&self, user: UserId, attempt: Option<AttemptId>, minutes: u32, seed: u64) -> Result<SittingId> {
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
            return Err(Error::Invalid(format!(
                "a work-style assessment lasts {MIN_MINUTES} to {MAX_MINUTES} minutes; {minutes} was asked"
            )));
        }
        let drawn = draw(&self.bank, DEFAULT_ITEMS, seed);
        let now = self.engine.now_ms();
        let new = NewSitting {
            user,
            attempt,
            seed,
            minutes,
            started_ms: now,
            deadline_ms: now + i64::from(minutes) * 60_000,
            drawn: &drawn,
        };
        self.engine.store().insert_sitting(&new).await?.ok_or_else(|| {
            Error::Conflict(format!("attempt {} already has a work-style assessment", attempt.unwrap_or_default()))
        })
    }

    /// Declines the assessment after an OA; it can still be taken later
    /// from the report. Nothing happens when one was already started.
    pub async fn skip_after_oa(&self, user: UserId, attempt: AttemptId) -> Result<()> {
        self.check_oa(user, attempt).await?;
        self.engine.store().insert_skip(user, attempt, self.engine.now_ms()).await
    }

    /// The work-style section of an OA attempt.
    pub async fn oa_section(&self, user: UserId, attempt: AttemptId) -> Result<OaSection> {
        self.engine.attempt(user, attempt).await?;
        let Some(row) = self.engine.store().sitting_of_attempt(attempt).await? else {
            return Ok(OaSection::Offered);
        };
        if row.status == "skipped" {
            return Ok(OaSection::Skipped);
        }
        let row = self.current(user, row.id).await?;
        Ok(OaSection::Taken(self.summary(&row)?))
    }

    /// A sitting of `user`, ended first if its deadline has passed.
    pub async fn sitting(&self, user: UserId, id: SittingId) -> Result<SittingView> {
        let row = self.current(user, id).await?;
        let answers = self.engine.store().sitting_answers(id).await?;
        let mut items = Vec::new();
        for a in &answers {
            let Some(item) = self.bank.item(&a.item_id) else {
                // The item file changed since this sitting was drawn. The
                // stored result still reads; the item itself cannot.
                let text = format!("(item `{}` is no longer in {})", a.item_id, self.bank.file());
                items.push(ShownItem {
                    position: a.pos,
                    id: a.item_id.clone(),
                    form: ShownForm::Likert { text },
                    answer: None,
                });
                continue;
            };
            let form = match &item.form {
                ItemForm::Likert { text, .. } => ShownForm::Likert { text: text.clone() },
                ItemForm::Choice { a: sa, b: sb, .. } => {
                    let (first, second) = if a.swapped { (sb, sa) } else { (sa, sb) };
                    ShownForm::Choice { first: first.clone(), second: second.clone() }
                }
            };
            let answer = self.stored_answer(id, item, a)?.map(|answer| match answer {
                Answer::Likert { value } => ShownAnswer::Likert { value },
                Answer::Choice { side, strong } => {
                    ShownAnswer::Choice { first: (side == Side::A) != a.swapped, strong }
                }
            });
            items.push(ShownItem { position: a.pos, id: a.item_id.clone(), form, answer });
        }
        Ok(SittingView {
            id,
            attempt_id: row.attempt_id,
            status: status_of(&row)?,
            minutes: row.minutes,
            seed: row.seed,
            started_ms: row.started_ms,
            deadline_ms: row.deadline_ms,
            now_ms: self.engine.now_ms(),
            ended_ms: row.ended_ms,
            end_reason: row.end_reason.clone(),
            items,
            result: result_of(&row)?,
        })
    }

    /// Saves the answer to the item at `position` (1-based). Refused once
    /// the sitting has ended; an answer may be changed until then.
    pub async fn answer(&self, user: UserId, id: SittingId, position: usize, shown: ShownAnswer) -> Result<()> {
        let row = self.current(user, id).await?;
        if row.status != "open" {
            return Err(ended(id));
        }
        let answers = self.engine.store().sitting_answers(id).await?;
        let stored = answers.iter().find(|a| a.pos == position).ok_or_else(|| {
            Error::Invalid(format!("sitting {id} has items 1 to {}; there is no item {position}", answers.len()))
        })?;
        let item = self.item(id, &stored.item_id)?;
        let answer = match (&item.form, shown) {
            (ItemForm::Likert { .. }, ShownAnswer::Likert { value }) if (1..=5).contains(&value) => {
                Answer::Likert { value }
            }
            (ItemForm::Likert { .. }, ShownAnswer::Likert { value }) => {
                return Err(Error::Invalid(format!("item {position} is answered 1 to 5, not {value}")))
            }
            (ItemForm::Choice { .. }, ShownAnswer::Choice { first, strong }) => {
                let side = if first != stored.swapped { Side::A } else { Side::B };
                Answer::Choice { side, strong }
            }
            (ItemForm::Likert { .. }, ShownAnswer::Choice { .. }) => {
                return Err(Error::Invalid(format!(
                    "item {position} is rated 1 to 5, not a choice between two statements"
                )))
            }
            (ItemForm::Choice { .. }, ShownAnswer::Likert { .. }) => {
                return Err(Error::Invalid(format!("item {position} is a choice between two statements, not a rating")))
            }
        };
        if !self.engine.store().save_sitting_answer(id, position, answer.code(), self.engine.now_ms()).await? {
            // The deadline passed between the check and the write.
            self.current(user, id).await?;
            return Err(ended(id));
        }
        Ok(())
    }

    /// Ends the sitting now and returns its result (the stored one when it
    /// had already ended).
    pub async fn finish(&self, user: UserId, id: SittingId) -> Result<WorkstyleResult> {
        let row = self.current(user, id).await?;
        if row.status == "open" {
            self.end(&row, self.engine.now_ms(), "finished").await?;
        }
        let row = self.current(user, id).await?;
        result_of(&row)?.ok_or_else(|| Error::Store(format!("work-style sitting {id} ended without a result")))
    }

    /// The user's sittings, newest first.
    pub async fn history(&self, user: UserId) -> Result<Vec<SittingSummary>> {
        let rows = self.engine.store().sittings_of_user(user).await?;
        let mut out = Vec::new();
        for row in rows {
            let row = self.expire(row).await?;
            out.push(self.summary(&row)?);
        }
        Ok(out)
    }

    // ---- internals ----

    /// The attempt exists for this user, is a timed OA, and its coding part is over.
    async fn check_oa(&self, user: UserId, attempt: AttemptId) -> Result<()> {
        let view = self.engine.attempt(user, attempt).await?;
        if view.mode != Mode::Timed {
            return Err(Error::Invalid(format!(
                "attempt {attempt} is a practice session; the work-style assessment follows a timed OA \
                 (or take it on its own at /workstyle)"
            )));
        }
        if view.status == AttemptStatus::Coding {
            return Err(Error::Conflict(format!(
                "the work-style assessment of attempt {attempt} comes after its coding part; finish the OA first"
            )));
        }
        Ok(())
    }

    async fn current(&self, user: UserId, id: SittingId) -> Result<SittingRow> {
        let row = match self.engine.store().sitting(id).await? {
            Some(row) if row.user_id == user && row.status != "skipped" => row,
            _ => return Err(Error::NotFound(format!("no work-style sitting {id}"))),
        };
        self.expire(row).await
    }

    /// Ends an open sitting whose deadline has passed, at its deadline.
    async fn expire(&self, row: SittingRow) -> Result<SittingRow> {
        if row.status == "open" && row.deadline_ms <= self.engine.now_ms() {
            self.end(&row, row.deadline_ms, "deadline").await?;
            return self
                .engine
                .store()
                .sitting(row.id)
                .await?
                .ok_or_else(|| Error::Store(format!("work-style sitting {} vanished", row.id)));
        }
        Ok(row)
    }

    async fn end(&self, row: &SittingRow, ended_ms: i64, reason: &str) -> Result<()> {
        let stored = self.engine.store().sitting_answers(row.id).await?;
        let mut answers = Vec::new();
        for a in &stored {
            let answer = match self.bank.item(&a.item_id) {
                Some(item) => self.stored_answer(row.id, item, a)?,
                None => None,
            };
            answers.push((a.item_id.clone(), answer));
        }
        let sheet = Sheet { answers: &answers, started_ms: row.started_ms, ended_ms, deadline_ms: row.deadline_ms };
        let result = score(&self.bank, &sheet);
        let json = serde_json::to_string(&result)
            .map_err(|e| Error::Store(format!("cannot store the result of work-style sitting {}: {e}", row.id)))?;
        self.engine.store().end_sitting(row.id, ended_ms, reason, &json).await?;
        Ok(())
    }

    fn item(&self, id: SittingId, item: &str) -> Result<&Item> {
        self.bank.item(item).ok_or_else(|| {
            Error::NotFound(format!(
                "work-style sitting {id} asks item `{item}`, which is no longer in {}",
                self.bank.file()
            ))
        })
    }

    fn stored_answer(&self, id: SittingId, item: &Item, row: &AnswerRow) -> Result<Option<Answer>> {
        let Some(code) = row.answer else { return Ok(None) };
        let likert = matches!(item.form, ItemForm::Likert { .. });
        Answer::from_code(likert, code).map(Some).ok_or_else(|| {
            Error::Store(format!(
                "work-style sitting {id}, item {}: stored answer {code} does not fit the item",
                row.pos
            ))
        })
    }

    fn summary(&self, row: &SittingRow) -> Result<SittingSummary> {
        Ok(SittingSummary {
            id: row.id,
            attempt_id: row.attempt_id,
            status: status_of(row)?,
            minutes: row.minutes,
            started_ms: row.started_ms,
            ended_ms: row.ended_ms,
            result: result_of(row)?,
        })
    }
}

fn ended(id: SittingId) -> Error {
    Error::Conflict(format!(
        "work-style sitting {id} has ended (finished, or its time is up); answers can no longer be given or changed"
    ))
}

fn status_of(row: &SittingRow) -> Result<SittingStatus> {
    match row.status.as_str() {
        "open" => Ok(SittingStatus::Open),
        "finished" => Ok(SittingStatus::Finished),
        other => Err(Error::Store(format!("work-style sitting {}: unknown status `{other}`", row.id))),
    }
}

fn result_of(row: &SittingRow) -> Result<Option<WorkstyleResult>> {
    row.result_json
        .as_deref()
        .map(|json| {
            serde_json::from_str(json).map_err(|e| {
                Error::Store(format!("work-style sitting {}: the stored result cannot be read: {e}", row.id))
            })
        })
        .transpose()
}
