//! Phone-screen sessions: creation, the two capability links, the live
//! editor rooms, runs, the interviewer's notes and STAR notes, the report.
//!
//! Who may do what: the candidate link's token is the whole capability (a
//! candidate needs no account). The interviewer link needs its token **and**
//! the account that created the session: a link pasted into the wrong chat
//! opens nothing, and notes stay with their author. Everything the
//! interviewer alone may see (notes, STAR notes, the candidate's caret) is
//! either never broadcast or marked [`PhoneEvent::for_candidate`] false.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use oaj_judge::{CaseSelection, JudgeOptions, Submission, Verdict};
use oaj_spec::{Checker, Difficulty, Problem, ProblemKind, ProblemLimits, SourceFormat};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use tokio::sync::broadcast;

use super::behavioural::behavioural;
use super::ot::{transform_index, Operation};
use super::sync::{Doc, LoggedOp, Receipt, SyncError};
use crate::{Engine, Error, Result, Sample, UserId, MAX_CUSTOM_INPUT_BYTES, MAX_SOURCE_BYTES};

pub type PhoneId = i64;
pub type PhoneRunId = i64;

/// A phone screen lasts this many minutes, at least and at most.
pub const PHONE_MINUTES: (u32, u32) = (45, 60);
/// The behavioural part: the last this many minutes.
pub const BEHAVIOURAL_MINUTES: u32 = 15;
/// Behavioural questions drawn when the interviewer names no principles.
pub const DEFAULT_QUESTIONS: usize = 4;
/// At most this many questions per session.
pub const MAX_QUESTIONS: usize = 8;
/// Notes, a STAR field, a typed statement: at most this many bytes.
pub const MAX_NOTES_BYTES: usize = 64 * 1024;
/// Limits of a typed problem's runs (bank problems use their own).
pub const TYPED_LIMITS: ProblemLimits = ProblemLimits { time_limit_ms: 2000, memory_limit_mb: 256 };
/// Output kept per run for the page.
const SHOWN_BYTES: usize = 64 * 1024;

/// Which link a request came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneRole {
    Candidate,
    Interviewer,
}

impl PhoneRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneRole::Candidate => "candidate",
            PhoneRole::Interviewer => "interviewer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneStatus {
    /// Created; the clock has not started.
    Waiting,
    /// Started: the deadline is fixed.
    Live,
    /// Over: the editor is read-only.
    Ended,
}

/// The problem of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhoneProblem {
    /// A problem of the bank, by slug.
    Bank(String),
    /// A problem the interviewer typed.
    Typed { title: String, statement_md: String, sample_input: Option<String>, sample_output: Option<String> },
}

#[derive(Debug, Clone)]
pub struct NewPhoneSession {
    pub problem: PhoneProblem,
    pub minutes: u32,
    pub language: String,
    /// Principle ids to draw one question each from; empty: a random
    /// [`DEFAULT_QUESTIONS`].
    pub principles: Vec<String>,
}

/// A new session and its two links' tokens (shown once; only hashes are stored).
#[derive(Debug, Clone)]
pub struct CreatedSession {
    pub id: PhoneId,
    pub candidate_token: String,
    pub interviewer_token: String,
}

/// What both sides may see of a session.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneSession {
    pub id: PhoneId,
    pub problem_slug: Option<String>,
    pub title: String,
    pub statement_md: String,
    pub samples: Vec<Sample>,
    pub language: String,
    pub minutes: u32,
    pub status: PhoneStatus,
    pub created_ms: i64,
    pub started_ms: Option<i64>,
    pub deadline_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub now_ms: i64,
}

/// A behavioural question of a session with the interviewer's STAR notes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct StarNotes {
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    /// 1 (weak) to 4 (strong).
    pub rating: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionQuestion {
    pub index: usize,
    pub question_id: String,
    pub principle: String,
    pub principle_name: String,
    pub text: String,
    pub star: StarNotes,
}

/// One sample's outcome in a run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunCase {
    pub name: String,
    pub verdict: String,
    pub time_ms: u64,
    pub input: String,
    pub expected: String,
    /// What the program printed (kept when it was not accepted).
    pub output: Option<String>,
    pub message: String,
}

/// What a run produced, as both pages show it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct RunOutcome {
    pub verdict: Option<String>,
    pub summary: String,
    pub compile_error: Option<String>,
    pub cases: Vec<RunCase>,
    pub stdout: Option<String>,
    pub stderr: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PhoneRun {
    pub id: PhoneRunId,
    pub rev: u64,
    pub author: String,
    pub language: String,
    /// Custom input; None: the samples.
    pub input: Option<String>,
    pub done: bool,
    pub created_ms: i64,
    pub finished_ms: Option<i64>,
    pub outcome: Option<RunOutcome>,
    pub error: Option<String>,
}

/// What the room broadcasts to its sockets.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PhoneEvent {
    /// An operation of the log.
    Op(LoggedOp),
    /// The candidate's caret or selection at revision `rev` (interviewer only).
    Cursor {
        rev: u64,
        anchor: usize,
        head: usize,
    },
    Run {
        run: PhoneRun,
    },
    Language {
        language: String,
    },
    Status {
        status: PhoneStatus,
        started_ms: Option<i64>,
        deadline_ms: Option<i64>,
        ended_ms: Option<i64>,
        now_ms: i64,
    },
    /// The candidate link was replaced: candidate sockets opened through the
    /// old one are closed.
    CandidateLinkReplaced,
}

impl PhoneEvent {
    /// Whether the candidate's socket may carry it.
    pub fn for_candidate(&self) -> bool {
        !matches!(self, PhoneEvent::Cursor { .. })
    }
}

/// The interviewer's report after the session.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneReport {
    pub session: PhoneSession,
    pub final_code: String,
    pub runs: Vec<PhoneRun>,
    pub notes: String,
    pub questions: Vec<SessionQuestion>,
    pub initial_text: String,
    pub ops: Vec<LoggedOp>,
}

/// A session as listed for its interviewer.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneSummary {
    pub id: PhoneId,
    pub title: String,
    pub status: PhoneStatus,
    pub minutes: u32,
    pub created_ms: i64,
    pub started_ms: Option<i64>,
}

/// A resolved link: which session, as whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneAccess {
    pub id: PhoneId,
    pub role: PhoneRole,
}

/// What a socket gets when it (re)connects.
pub struct Connection {
    pub session: PhoneSession,
    pub rev: u64,
    /// The operations after the revision the client had.
    pub catch_up: Vec<LoggedOp>,
    /// The text at revision 0 and at `rev` (a first load needs the latter).
    pub text: String,
    pub runs: Vec<PhoneRun>,
    pub events: broadcast::Receiver<PhoneEvent>,
}

/// How long a room that no page is connected to stays in memory, so that a
/// page that dropped and reconnects finds it; an ended session's room goes
/// as soon as its pages have left. See [`Engine::evict_phone_rooms`].
pub const PHONE_ROOM_IDLE_MS: i64 = 10 * 60_000;

/// The open editors of a process.
#[derive(Default)]
pub struct Hub {
    rooms: Mutex<HashMap<PhoneId, Arc<Room>>>,
}

/// A session's editor in memory. Everything in it is also in the store
/// (every operation is in `phone_ops` before it is broadcast), so a room can
/// be dropped at any time nobody uses it and is rebuilt by the next use.
struct Room {
    doc: tokio::sync::Mutex<Doc>,
    events: broadcast::Sender<PhoneEvent>,
    /// The engine clock's ms at the last use (a page connecting, an edit, a caret).
    last_used_ms: AtomicI64,
    /// The session has ended: no edit will come.
    ended: AtomicBool,
}

#[derive(Debug, Clone)]
struct SessionRow {
    id: PhoneId,
    interviewer_id: UserId,
    problem_slug: Option<String>,
    title: String,
    statement_md: String,
    sample_input: Option<String>,
    sample_output: Option<String>,
    language: String,
    minutes: u32,
    status: String,
    created_ms: i64,
    started_ms: Option<i64>,
    deadline_ms: Option<i64>,
    ended_ms: Option<i64>,
    initial_text: String,
}

const SESSION_COLUMNS: &str = "id, interviewer_id, problem_slug, title, statement_md, sample_input, sample_output, \
     language, minutes, status, created_ms, started_ms, deadline_ms, ended_ms, initial_text";

fn session_row(row: &crate::store::DbRow) -> Result<SessionRow> {
    Ok(SessionRow {
        id: row.try_get("id")?,
        interviewer_id: row.try_get("interviewer_id")?,
        problem_slug: row.try_get("problem_slug")?,
        title: row.try_get("title")?,
        statement_md: row.try_get("statement_md")?,
        sample_input: row.try_get("sample_input")?,
        sample_output: row.try_get("sample_output")?,
        language: row.try_get("language")?,
        minutes: row.try_get::<i64, _>("minutes")? as u32,
        status: row.try_get("status")?,
        created_ms: row.try_get("created_ms")?,
        started_ms: row.try_get("started_ms")?,
        deadline_ms: row.try_get("deadline_ms")?,
        ended_ms: row.try_get("ended_ms")?,
        initial_text: row.try_get("initial_text")?,
    })
}

fn status_of(row: &SessionRow) -> Result<PhoneStatus> {
    match row.status.as_str() {
        "waiting" => Ok(PhoneStatus::Waiting),
        "live" => Ok(PhoneStatus::Live),
        "ended" => Ok(PhoneStatus::Ended),
        other => Err(Error::Store(format!("phone session {}: unknown status {other:?}", row.id))),
    }
}

/// A new capability token: 32 bytes from the OS, as hex.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Store(format!("the OS random source failed: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What is stored of a token: a leaked database does not open sessions.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn check_len(what: &str, text: &str, limit: usize) -> Result<()> {
    if text.len() > limit {
        return Err(Error::Invalid(format!("the {what} is {} bytes; the limit is {} KiB", text.len(), limit / 1024)));
    }
    Ok(())
}

/// Whitespace-separated tokens equal: the sample check of a typed problem.
fn same_tokens(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn cut(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_string();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n… (cut at {} KiB)", &text[..end], limit / 1024)
}

impl Engine {
    // ---- sessions ----

    pub async fn phone_create(&self, user: UserId, new: NewPhoneSession) -> Result<CreatedSession> {
        let (low, high) = PHONE_MINUTES;
        if !(low..=high).contains(&new.minutes) {
            return Err(Error::Invalid(format!(
                "a phone screen lasts {low} to {high} minutes; {} was asked",
                new.minutes
            )));
        }
        let (slug, title, statement, sample_input, sample_output, initial) = match &new.problem {
            PhoneProblem::Bank(slug) => {
                let catalog = self.catalog();
                let entry = catalog.require(slug)?;
                self.check_language(&entry.problem, &new.language)?;
                let starter = self.starter(slug, &new.language)?;
                (
                    Some(entry.slug.clone()),
                    entry.problem.title.clone(),
                    entry.problem.statement.clone(),
                    None,
                    None,
                    starter,
                )
            }
            PhoneProblem::Typed { title, statement_md, sample_input, sample_output } => {
                if title.trim().is_empty() {
                    return Err(Error::Invalid("a typed problem needs a title".into()));
                }
                check_len("statement", statement_md, MAX_NOTES_BYTES)?;
                check_len("title", title, 512)?;
                let sample = |s: &Option<String>| s.clone().filter(|t| !t.trim().is_empty());
                let (input, output) = (sample(sample_input), sample(sample_output));
                for text in [&input, &output].into_iter().flatten() {
                    check_len("sample", text, MAX_CUSTOM_INPUT_BYTES)?;
                }
                if input.is_some() != output.is_some() {
                    return Err(Error::Invalid("give both a sample input and its output, or neither".into()));
                }
                self.judge().languages().get(&new.language).map_err(|e| Error::Invalid(e.to_string()))?;
                (None, title.trim().to_string(), statement_md.clone(), input, output, String::new())
            }
        };
        let file = behavioural()?;
        let principles: Vec<String> = if new.principles.is_empty() {
            let mut all: Vec<String> = file.principles.iter().map(|p| p.id.clone()).collect();
            let mut picked = Vec::new();
            while picked.len() < DEFAULT_QUESTIONS && !all.is_empty() {
                picked.push(all.remove(random_below(all.len())?));
            }
            picked
        } else {
            let mut unique = Vec::new();
            for p in &new.principles {
                if !unique.contains(p) {
                    unique.push(p.clone());
                }
            }
            unique
        };
        if principles.len() > MAX_QUESTIONS {
            return Err(Error::Invalid(format!(
                "pick at most {MAX_QUESTIONS} principles; {} were picked",
                principles.len()
            )));
        }
        let mut picks = Vec::new();
        for _ in &principles {
            picks.push(random_below(usize::MAX)?);
        }
        let mut picks = picks.into_iter();
        let questions = file.draw(&principles, |n| picks.next().unwrap_or(0) % n)?;
        let candidate_token = new_token()?;
        let interviewer_token = new_token()?;
        let now = self.now_ms();
        let mut tx = self.store().db().begin().await?;
        let id: PhoneId = sqlx::query_scalar(
            "INSERT INTO phone_sessions (interviewer_id, problem_slug, title, statement_md, sample_input, sample_output, \
             language, minutes, status, created_ms, candidate_token_hash, initial_text, notes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'waiting', $9, $10, $11, '') RETURNING id",
        )
        .bind(user)
        .bind(&slug)
        .bind(&title)
        .bind(&statement)
        .bind(&sample_input)
        .bind(&sample_output)
        .bind(&new.language)
        .bind(i64::from(new.minutes))
        .bind(now)
        .bind(token_hash(&candidate_token))
        .bind(&initial)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO phone_interviewer_links (token_hash, session_id, created_ms) VALUES ($1, $2, $3)")
            .bind(token_hash(&interviewer_token))
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for (idx, q) in questions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO phone_questions (session_id, idx, question_id, principle, text, situation, task, action, result) \
                 VALUES ($1, $2, $3, $4, $5, '', '', '', '')",
            )
            .bind(id)
            .bind(idx as i64 + 1)
            .bind(&q.id)
            .bind(&q.principle)
            .bind(&q.text)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(CreatedSession { id, candidate_token, interviewer_token })
    }

    /// The sessions `user` created, newest first.
    pub async fn phone_sessions(&self, user: UserId) -> Result<Vec<PhoneSummary>> {
        let rows = sqlx::query(&format!(
            "SELECT {SESSION_COLUMNS} FROM phone_sessions WHERE interviewer_id = $1 ORDER BY created_ms DESC, id DESC"
        ))
        .bind(user)
        .fetch_all(self.store().db())
        .await?;
        let mut out = Vec::new();
        for row in rows {
            let row = self.current(session_row(&row)?).await?;
            out.push(PhoneSummary {
                id: row.id,
                title: row.title.clone(),
                status: status_of(&row)?,
                minutes: row.minutes,
                created_ms: row.created_ms,
                started_ms: row.started_ms,
            });
        }
        Ok(out)
    }

    /// Resolves a link. The interviewer link also needs `user` to be the
    /// session's creator; anything else is NotFound, like a wrong token.
    pub async fn phone_access(&self, token: &str, role: PhoneRole, user: Option<UserId>) -> Result<PhoneAccess> {
        let query = match role {
            PhoneRole::Candidate => "SELECT id, interviewer_id FROM phone_sessions WHERE candidate_token_hash = $1",
            PhoneRole::Interviewer => {
                "SELECT s.id, s.interviewer_id FROM phone_interviewer_links l \
                 JOIN phone_sessions s ON s.id = l.session_id WHERE l.token_hash = $1"
            }
        };
        let row: Option<(i64, i64)> =
            sqlx::query_as(query).bind(token_hash(token)).fetch_optional(self.store().db()).await?;
        let missing = || Error::NotFound("no phone screen behind this link (it may be mistyped)".into());
        let (id, owner) = row.ok_or_else(missing)?;
        if role == PhoneRole::Interviewer && user != Some(owner) {
            return Err(missing());
        }
        Ok(PhoneAccess { id, role })
    }

    /// The session as its interviewer's account sees it (for the report and
    /// the list): another user's session is NotFound.
    pub async fn phone_owned(&self, user: UserId, id: PhoneId) -> Result<PhoneAccess> {
        let row = self.session_row(id).await?;
        if row.interviewer_id != user {
            return Err(Error::NotFound(format!("no phone screen {id}")));
        }
        Ok(PhoneAccess { id, role: PhoneRole::Interviewer })
    }

    pub async fn phone_session(&self, access: PhoneAccess) -> Result<PhoneSession> {
        let row = self.current(self.session_row(access.id).await?).await?;
        self.session_view(&row)
    }

    /// Starts the clock: the deadline is fixed now and never moves.
    pub async fn phone_start(&self, access: PhoneAccess) -> Result<PhoneSession> {
        interviewer_only(access)?;
        let row = self.session_row(access.id).await?;
        if row.status != "waiting" {
            return Err(Error::Conflict("this phone screen has already started".into()));
        }
        let now = self.now_ms();
        let deadline = now + i64::from(row.minutes) * 60_000;
        sqlx::query(
            "UPDATE phone_sessions SET status = 'live', started_ms = $1, deadline_ms = $2 WHERE id = $3 AND status = 'waiting'",
        )
        .bind(now)
        .bind(deadline)
        .bind(access.id)
        .execute(self.store().db())
        .await?;
        self.broadcast_status(access.id).await
    }

    /// Ends the session now (the editor becomes read-only). Idempotent.
    pub async fn phone_end(&self, access: PhoneAccess) -> Result<PhoneSession> {
        interviewer_only(access)?;
        let now = self.now_ms();
        sqlx::query("UPDATE phone_sessions SET status = 'ended', ended_ms = $1 WHERE id = $2 AND status <> 'ended'")
            .bind(now)
            .bind(access.id)
            .execute(self.store().db())
            .await?;
        self.broadcast_status(access.id).await
    }

    /// A new candidate link (the old one stops working): the token is
    /// stored hashed, so a lost link cannot be shown again, only replaced.
    pub async fn phone_new_candidate_link(&self, access: PhoneAccess) -> Result<String> {
        interviewer_only(access)?;
        let token = new_token()?;
        sqlx::query("UPDATE phone_sessions SET candidate_token_hash = $1 WHERE id = $2")
            .bind(token_hash(&token))
            .bind(access.id)
            .execute(self.store().db())
            .await?;
        if let Some(room) = self.open_room(access.id) {
            let _ = room.events.send(PhoneEvent::CandidateLinkReplaced);
        }
        Ok(token)
    }

    /// Another interviewer link for the creator (who lost theirs): the
    /// links already given keep working, for the creator only.
    pub async fn phone_new_interviewer_link(&self, user: UserId, id: PhoneId) -> Result<String> {
        self.phone_owned(user, id).await?;
        let token = new_token()?;
        sqlx::query("INSERT INTO phone_interviewer_links (token_hash, session_id, created_ms) VALUES ($1, $2, $3)")
            .bind(token_hash(&token))
            .bind(id)
            .bind(self.now_ms())
            .execute(self.store().db())
            .await?;
        Ok(token)
    }

    pub async fn phone_set_language(&self, access: PhoneAccess, language: &str) -> Result<()> {
        let row = self.current(self.session_row(access.id).await?).await?;
        if row.status == "ended" {
            return Err(Error::Invalid("the phone screen has ended".into()));
        }
        match &row.problem_slug {
            Some(slug) => self.check_language(&self.catalog().require(slug)?.problem, language)?,
            None => {
                self.judge().languages().get(language).map_err(|e| Error::Invalid(e.to_string()))?;
            }
        }
        sqlx::query("UPDATE phone_sessions SET language = $1 WHERE id = $2")
            .bind(language)
            .bind(access.id)
            .execute(self.store().db())
            .await?;
        let room = self.room(access.id).await?;
        let _ = room.events.send(PhoneEvent::Language { language: language.to_string() });
        Ok(())
    }

    // ---- the editor ----

    /// A socket connects: `rev` is the revision a reconnecting page has
    /// seen (it gets the operations since), None for a first load (it gets
    /// the whole text).
    pub async fn phone_connect(&self, access: PhoneAccess, rev: Option<u64>) -> Result<Connection> {
        let session = self.phone_session(access).await?;
        let room = self.room(access.id).await?;
        // Subscribing under the document's lock: no operation falls between
        // the catch-up and the broadcast.
        let doc = room.doc.lock().await;
        let rev = match rev {
            Some(rev) if rev > doc.rev() => {
                return Err(Error::Invalid(format!(
                    "this page has revision {rev}, but the document is only at revision {}; reload the page",
                    doc.rev()
                )));
            }
            Some(rev) => rev,
            None => doc.rev(),
        };
        let events = room.events.subscribe();
        let catch_up = doc.since(rev).to_vec();
        let text = doc.text();
        let current = doc.rev();
        drop(doc);
        let runs = self.phone_runs(access.id).await?;
        Ok(Connection { session, rev: current, catch_up, text, runs, events })
    }

    /// An edit from a page: transformed, applied, stored, broadcast.
    pub async fn phone_edit(
        &self,
        access: PhoneAccess,
        client: &str,
        seq: u64,
        base: u64,
        op: Operation,
    ) -> Result<Option<LoggedOp>> {
        if client.is_empty() || client.len() > 64 {
            return Err(Error::Invalid("a page id is 1 to 64 characters".into()));
        }
        let row = self.current(self.session_row(access.id).await?).await?;
        if row.status == "ended" {
            return Err(Error::Invalid("the phone screen has ended; the editor is read-only".into()));
        }
        let room = self.room(access.id).await?;
        let mut doc = room.doc.lock().await;
        let receipt = doc.receive(client, seq, access.role.as_str(), base, op, self.now_ms()).map_err(|e| match e {
            SyncError::FutureRevision { .. } | SyncError::Ot(_) | SyncError::TooLarge { .. } => {
                Error::Invalid(e.to_string())
            }
        })?;
        let Receipt::Applied(entry) = receipt else { return Ok(None) };
        let stored = sqlx::query(
            "INSERT INTO phone_ops (session_id, rev, client, seq, author, op_json, created_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(access.id)
        .bind(entry.rev as i64)
        .bind(&entry.client)
        .bind(entry.seq as i64)
        .bind(&entry.author)
        .bind(serde_json::to_string(&entry.op).unwrap_or_default())
        .bind(entry.at_ms)
        .execute(self.store().db())
        .await;
        if let Err(e) = stored {
            // The room's memory is ahead of the store: forget the room so the
            // next connection rebuilds it from what was stored.
            drop(doc);
            if let Ok(mut rooms) = self.phone_hub().rooms.lock() {
                rooms.remove(&access.id);
            }
            return Err(e.into());
        }
        let _ = room.events.send(PhoneEvent::Op(entry.clone()));
        Ok(Some(entry))
    }

    /// The candidate's caret (made on revision `rev`), moved through what
    /// was logged since and shown to the interviewer only.
    pub async fn phone_cursor(&self, access: PhoneAccess, rev: u64, anchor: usize, head: usize) -> Result<()> {
        if access.role != PhoneRole::Candidate {
            return Ok(()); // only the candidate's caret is shown
        }
        let room = self.room(access.id).await?;
        let doc = room.doc.lock().await;
        if rev > doc.rev() {
            return Err(Error::Invalid(format!("a caret on revision {rev}, ahead of the document ({})", doc.rev())));
        }
        let (mut anchor, mut head) = (anchor, head);
        for entry in doc.since(rev) {
            anchor = transform_index(&entry.op, anchor);
            head = transform_index(&entry.op, head);
        }
        let len = super::ot::utf16_len(&doc.text());
        let _ = room.events.send(PhoneEvent::Cursor { rev: doc.rev(), anchor: anchor.min(len), head: head.min(len) });
        Ok(())
    }

    // ---- runs ----

    /// Runs the editor's current text on the samples (`input` None) or on
    /// custom input, in the engine's judge pool; both sides see the result.
    pub async fn phone_run(&self, access: PhoneAccess, input: Option<String>) -> Result<PhoneRunId> {
        let row = self.current(self.session_row(access.id).await?).await?;
        if row.status == "ended" {
            return Err(Error::Invalid("the phone screen has ended; runs are closed".into()));
        }
        if let Some(text) = &input {
            check_len("custom input", text, MAX_CUSTOM_INPUT_BYTES)?;
        }
        if input.is_none() && row.problem_slug.is_none() && row.sample_input.is_none() {
            return Err(Error::Invalid("this problem has no samples; run it on custom input".into()));
        }
        let room = self.room(access.id).await?;
        let (code, rev) = {
            let doc = room.doc.lock().await;
            (doc.text(), doc.rev())
        };
        if code.trim().is_empty() {
            return Err(Error::Invalid("the code is empty".into()));
        }
        check_len("code", &code, MAX_SOURCE_BYTES)?;
        let problem = self.phone_problem(&row)?;
        self.check_language(&problem, &row.language)?;
        let reservation = self.judge_pool().try_reserve()?;
        let now = self.now_ms();
        let id: PhoneRunId = sqlx::query_scalar(
            "INSERT INTO phone_runs (session_id, rev, author, language, code, input, status, created_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7) RETURNING id",
        )
        .bind(access.id)
        .bind(rev as i64)
        .bind(access.role.as_str())
        .bind(&row.language)
        .bind(&code)
        .bind(&input)
        .bind(now)
        .fetch_one(self.store().db())
        .await?;
        let queued = PhoneRun {
            id,
            rev,
            author: access.role.as_str().into(),
            language: row.language.clone(),
            input: input.clone(),
            done: false,
            created_ms: now,
            finished_ms: None,
            outcome: None,
            error: None,
        };
        let _ = room.events.send(PhoneEvent::Run { run: queued.clone() });
        let engine = self.clone();
        let sample = row.sample_input.clone().zip(row.sample_output.clone());
        tokio::spawn(async move {
            let _reservation = reservation;
            let permit = engine.judge_pool().slots.clone().acquire_owned().await;
            let submission = Submission { language: queued.language.clone(), source: code };
            let outcome = run_outcome(&engine, problem, submission, input, sample).await;
            drop(permit);
            let finished = engine.now_ms();
            let (outcome, error) = match outcome {
                Ok(o) => (Some(o), None),
                Err(e) => (None, Some(e)),
            };
            let stored = sqlx::query(
                "UPDATE phone_runs SET status = 'done', finished_ms = $1, verdict = $2, result_json = $3, error = $4 WHERE id = $5",
            )
            .bind(finished)
            .bind(outcome.as_ref().and_then(|o| o.verdict.clone()))
            .bind(outcome.as_ref().and_then(|o| serde_json::to_string(o).ok()))
            .bind(&error)
            .bind(id)
            .execute(engine.store().db())
            .await;
            if let Err(e) = stored {
                tracing::error!("cannot store phone run {id}: {e}");
            }
            let run = PhoneRun { done: true, finished_ms: Some(finished), outcome, error, ..queued };
            let _ = room.events.send(PhoneEvent::Run { run });
        });
        Ok(id)
    }

    async fn phone_runs(&self, id: PhoneId) -> Result<Vec<PhoneRun>> {
        let rows = sqlx::query(
            "SELECT id, rev, author, language, input, status, created_ms, finished_ms, result_json, error \
             FROM phone_runs WHERE session_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(self.store().db())
        .await?;
        let mut runs = Vec::new();
        for row in rows {
            let json: Option<String> = row.try_get("result_json")?;
            runs.push(PhoneRun {
                id: row.try_get("id")?,
                rev: row.try_get::<i64, _>("rev")? as u64,
                author: row.try_get("author")?,
                language: row.try_get("language")?,
                input: row.try_get("input")?,
                done: row.try_get::<String, _>("status")? == "done",
                created_ms: row.try_get("created_ms")?,
                finished_ms: row.try_get("finished_ms")?,
                outcome: json.and_then(|j| serde_json::from_str(&j).ok()),
                error: row.try_get("error")?,
            });
        }
        Ok(runs)
    }

    // ---- interviewer only ----

    pub async fn phone_notes(&self, access: PhoneAccess) -> Result<String> {
        interviewer_only(access)?;
        Ok(sqlx::query_scalar("SELECT notes FROM phone_sessions WHERE id = $1")
            .bind(access.id)
            .fetch_one(self.store().db())
            .await?)
    }

    /// Autosave of the notes; allowed after the end too (notes are often
    /// finished afterwards).
    pub async fn phone_save_notes(&self, access: PhoneAccess, notes: &str) -> Result<()> {
        interviewer_only(access)?;
        check_len("notes", notes, MAX_NOTES_BYTES)?;
        sqlx::query("UPDATE phone_sessions SET notes = $1, notes_updated_ms = $2 WHERE id = $3")
            .bind(notes)
            .bind(self.now_ms())
            .bind(access.id)
            .execute(self.store().db())
            .await?;
        Ok(())
    }

    pub async fn phone_questions(&self, access: PhoneAccess) -> Result<Vec<SessionQuestion>> {
        interviewer_only(access)?;
        let file = behavioural()?;
        let rows = sqlx::query(
            "SELECT idx, question_id, principle, text, situation, task, action, result, rating FROM phone_questions \
             WHERE session_id = $1 ORDER BY idx",
        )
        .bind(access.id)
        .fetch_all(self.store().db())
        .await?;
        let mut out = Vec::new();
        for row in rows {
            let principle: String = row.try_get("principle")?;
            out.push(SessionQuestion {
                index: row.try_get::<i64, _>("idx")? as usize,
                question_id: row.try_get("question_id")?,
                principle_name: file.principle(&principle).map_or_else(|| principle.clone(), |p| p.name.clone()),
                principle,
                text: row.try_get("text")?,
                star: StarNotes {
                    situation: row.try_get("situation")?,
                    task: row.try_get("task")?,
                    action: row.try_get("action")?,
                    result: row.try_get("result")?,
                    rating: row.try_get::<Option<i64>, _>("rating")?.map(|r| r as u8),
                },
            });
        }
        Ok(out)
    }

    pub async fn phone_save_star(&self, access: PhoneAccess, index: usize, star: &StarNotes) -> Result<()> {
        interviewer_only(access)?;
        for (field, text) in
            [("situation", &star.situation), ("task", &star.task), ("action", &star.action), ("result", &star.result)]
        {
            check_len(field, text, MAX_NOTES_BYTES)?;
        }
        if star.rating.is_some_and(|r| !(1..=4).contains(&r)) {
            return Err(Error::Invalid("a rating is 1 to 4".into()));
        }
        let changed = sqlx::query(
            "UPDATE phone_questions SET situation = $1, task = $2, action = $3, result = $4, rating = $5, updated_ms = $6 \
             WHERE session_id = $7 AND idx = $8",
        )
        .bind(&star.situation)
        .bind(&star.task)
        .bind(&star.action)
        .bind(&star.result)
        .bind(star.rating.map(i64::from))
        .bind(self.now_ms())
        .bind(access.id)
        .bind(index as i64)
        .execute(self.store().db())
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(Error::NotFound(format!("this phone screen has no question {index}")));
        }
        Ok(())
    }

    /// The report: final code, runs, notes, STAR notes and the op log.
    pub async fn phone_report(&self, access: PhoneAccess) -> Result<PhoneReport> {
        interviewer_only(access)?;
        let session = self.phone_session(access).await?;
        let room = self.room(access.id).await?;
        let (final_code, initial_text, ops) = {
            let doc = room.doc.lock().await;
            (doc.text(), doc.initial().to_string(), doc.log().to_vec())
        };
        Ok(PhoneReport {
            session,
            final_code,
            runs: self.phone_runs(access.id).await?,
            notes: self.phone_notes(access).await?,
            questions: self.phone_questions(access).await?,
            initial_text,
            ops,
        })
    }

    // ---- internals ----

    async fn session_row(&self, id: PhoneId) -> Result<SessionRow> {
        let row = sqlx::query(&format!("SELECT {SESSION_COLUMNS} FROM phone_sessions WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.store().db())
            .await?
            .ok_or_else(|| Error::NotFound(format!("no phone screen {id}")))?;
        session_row(&row)
    }

    /// The row after ending the session if its deadline has passed.
    async fn current(&self, row: SessionRow) -> Result<SessionRow> {
        match row.deadline_ms {
            Some(deadline) if row.status == "live" && deadline <= self.now_ms() => {
                sqlx::query(
                    "UPDATE phone_sessions SET status = 'ended', ended_ms = $1 WHERE id = $2 AND status = 'live'",
                )
                .bind(deadline)
                .bind(row.id)
                .execute(self.store().db())
                .await?;
                let ended = self.session_row(row.id).await?;
                if let Some(room) = self.open_room(row.id) {
                    room.ended.store(true, Ordering::Relaxed);
                    let _ = room.events.send(status_event(&ended, self.now_ms())?);
                }
                Ok(ended)
            }
            _ => Ok(row),
        }
    }

    fn session_view(&self, row: &SessionRow) -> Result<PhoneSession> {
        let samples = match (&row.problem_slug, &row.sample_input, &row.sample_output) {
            (Some(slug), _, _) => self
                .catalog()
                .get(slug)
                .map(|e| {
                    e.problem
                        .samples
                        .iter()
                        .map(|c| Sample {
                            name: c.name.clone(),
                            input: read_text(&c.input),
                            answer: read_text(&c.answer),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            (None, Some(input), Some(output)) => {
                vec![Sample { name: "sample/1".into(), input: input.clone(), answer: output.clone() }]
            }
            _ => Vec::new(),
        };
        Ok(PhoneSession {
            id: row.id,
            problem_slug: row.problem_slug.clone(),
            title: row.title.clone(),
            statement_md: row.statement_md.clone(),
            samples,
            language: row.language.clone(),
            minutes: row.minutes,
            status: status_of(row)?,
            created_ms: row.created_ms,
            started_ms: row.started_ms,
            deadline_ms: row.deadline_ms,
            ended_ms: row.ended_ms,
            now_ms: self.now_ms(),
        })
    }

    async fn broadcast_status(&self, id: PhoneId) -> Result<PhoneSession> {
        let row = self.session_row(id).await?;
        if let Some(room) = self.open_room(id) {
            room.ended.store(row.status == "ended", Ordering::Relaxed);
            let _ = room.events.send(status_event(&row, self.now_ms())?);
        }
        self.session_view(&row)
    }

    /// The problem the judge runs: the bank's, or one made of the typed text.
    fn phone_problem(&self, row: &SessionRow) -> Result<Arc<Problem>> {
        if let Some(slug) = &row.problem_slug {
            return Ok(self.catalog().require(slug)?.problem.clone());
        }
        Ok(Arc::new(Problem {
            slug: format!("phone-{}", row.id),
            // Stdio programs need no problem files; the directory is never read.
            dir: std::env::temp_dir(),
            title: row.title.clone(),
            difficulty: Difficulty::Medium,
            kind: ProblemKind::Stdio,
            limits: TYPED_LIMITS,
            checker: Checker::Tokens,
            signature: None,
            statement: row.statement_md.clone(),
            samples: Vec::new(),
            hidden: Vec::new(),
            solutions: Vec::new(),
            format: SourceFormat::Native,
            notices: Vec::new(),
            topics: Vec::new(),
            minutes: None,
            validators: Vec::new(),
        }))
    }

    fn open_room(&self, id: PhoneId) -> Option<Arc<Room>> {
        self.phone_hub().rooms.lock().ok()?.get(&id).cloned()
    }

    /// Drops from memory the editor rooms nobody uses: no page connected,
    /// no call working in them, and the session ended or untouched for
    /// [`PHONE_ROOM_IDLE_MS`]. Nothing is lost: the store has every
    /// operation, and the next use rebuilds the room from it. The server
    /// calls this every second; returns how many rooms went.
    pub fn evict_phone_rooms(&self) -> usize {
        let now = self.now_ms();
        let Ok(mut rooms) = self.phone_hub().rooms.lock() else { return 0 };
        let before = rooms.len();
        rooms.retain(|_, room| {
            // Held only by the hub (a call in progress holds a clone, taken
            // under this lock) and no page subscribed to its events.
            let unused = Arc::strong_count(room) == 1 && room.events.receiver_count() == 0;
            let done = room.ended.load(Ordering::Relaxed)
                || now - room.last_used_ms.load(Ordering::Relaxed) >= PHONE_ROOM_IDLE_MS;
            !(unused && done)
        });
        before - rooms.len()
    }

    /// How many editor rooms are in memory.
    pub fn phone_rooms_in_memory(&self) -> usize {
        self.phone_hub().rooms.lock().map(|rooms| rooms.len()).unwrap_or(0)
    }

    /// The live room of a session, loaded from its stored log on first use.
    async fn room(&self, id: PhoneId) -> Result<Arc<Room>> {
        if let Some(room) = self.open_room(id) {
            room.last_used_ms.store(self.now_ms(), Ordering::Relaxed);
            return Ok(room);
        }
        let row = self.session_row(id).await?;
        let rows = sqlx::query(
            "SELECT rev, client, seq, author, op_json, created_ms FROM phone_ops WHERE session_id = $1 ORDER BY rev",
        )
        .bind(id)
        .fetch_all(self.store().db())
        .await?;
        let mut log = Vec::new();
        for r in rows {
            let json: String = r.try_get("op_json")?;
            let rev = r.try_get::<i64, _>("rev")? as u64;
            let op = serde_json::from_str(&json)
                .map_err(|e| Error::Store(format!("phone screen {id}: operation {rev} is unreadable: {e}")))?;
            log.push(LoggedOp {
                rev,
                client: r.try_get("client")?,
                seq: r.try_get::<i64, _>("seq")? as u64,
                author: r.try_get("author")?,
                op,
                at_ms: r.try_get("created_ms")?,
            });
        }
        let doc = Doc::replay(&row.initial_text, MAX_SOURCE_BYTES, log)
            .map_err(|e| Error::Store(format!("phone screen {id}: the stored log does not replay: {e}")))?;
        let (events, _) = broadcast::channel(1024);
        let fresh = Arc::new(Room {
            doc: tokio::sync::Mutex::new(doc),
            events,
            last_used_ms: AtomicI64::new(self.now_ms()),
            ended: AtomicBool::new(row.status == "ended"),
        });
        let mut rooms = self.phone_hub().rooms.lock().map_err(|_| Error::Store("the phone hub is poisoned".into()))?;
        // Another connection may have loaded it meanwhile: keep the first.
        Ok(rooms.entry(id).or_insert(fresh).clone())
    }
}

fn interviewer_only(access: PhoneAccess) -> Result<()> {
    if access.role != PhoneRole::Interviewer {
        return Err(Error::NotFound("no such page".into()));
    }
    Ok(())
}

fn status_event(row: &SessionRow, now_ms: i64) -> Result<PhoneEvent> {
    Ok(PhoneEvent::Status {
        status: status_of(row)?,
        started_ms: row.started_ms,
        deadline_ms: row.deadline_ms,
        ended_ms: row.ended_ms,
        now_ms,
    })
}

fn read_text(path: &std::path::Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => cut(&String::from_utf8_lossy(&bytes), SHOWN_BYTES),
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

fn random_below(n: usize) -> Result<usize> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::Store(format!("the OS random source failed: {e}")))?;
    Ok((u64::from_le_bytes(bytes) % n.max(1) as u64) as usize)
}

/// Judges one run. Bank problems run their samples through the judge as an
/// OA's "run samples" does; a typed problem's one sample runs as custom
/// input compared token by token.
async fn run_outcome(
    engine: &Engine,
    problem: Arc<Problem>,
    submission: Submission,
    input: Option<String>,
    typed_sample: Option<(String, String)>,
) -> std::result::Result<RunOutcome, String> {
    let judge = engine.judge();
    let compile_error = |c: &oaj_judge::CompileReport| (!c.ok).then(|| cut(&c.message, SHOWN_BYTES));
    if let Some(input) = input {
        let r = judge.run_custom(problem, submission, input.into_bytes()).await.map_err(|e| e.to_string())?;
        return Ok(RunOutcome {
            verdict: Some(r.verdict.as_str().to_string()),
            summary: match r.verdict {
                Verdict::AC => format!("ran in {} ms", r.time_ms),
                Verdict::CE => "compilation failed".into(),
                v => format!("{v}: {}", r.message),
            },
            compile_error: compile_error(&r.compile),
            cases: Vec::new(),
            stdout: Some(cut(&r.stdout, SHOWN_BYTES)),
            stderr: Some(cut(&r.stderr, SHOWN_BYTES)),
        });
    }
    if let Some((sample_in, sample_out)) = typed_sample {
        let r =
            judge.run_custom(problem, submission, sample_in.clone().into_bytes()).await.map_err(|e| e.to_string())?;
        let verdict = match r.verdict {
            Verdict::AC if same_tokens(&r.stdout, &sample_out) => Verdict::AC,
            Verdict::AC => Verdict::WA,
            other => other,
        };
        let passed = usize::from(verdict == Verdict::AC);
        return Ok(RunOutcome {
            verdict: Some(verdict.as_str().to_string()),
            summary: if verdict == Verdict::CE {
                "compilation failed".into()
            } else {
                format!("{passed} / 1 samples passed")
            },
            compile_error: compile_error(&r.compile),
            cases: vec![RunCase {
                name: "sample/1".into(),
                verdict: verdict.as_str().to_string(),
                time_ms: r.time_ms,
                input: cut(&sample_in, SHOWN_BYTES),
                expected: cut(&sample_out, SHOWN_BYTES),
                output: Some(cut(&r.stdout, SHOWN_BYTES)),
                message: r.message.clone(),
            }],
            stdout: None,
            stderr: (!r.stderr.is_empty()).then(|| cut(&r.stderr, SHOWN_BYTES)),
        });
    }
    let options =
        JudgeOptions { cases: CaseSelection::Samples, keep_output_bytes: SHOWN_BYTES, ..JudgeOptions::default() };
    let samples = problem.samples.clone();
    let r = judge.judge(problem, submission, options, None).await.map_err(|e| e.to_string())?;
    let cases = r
        .cases
        .iter()
        .map(|c| {
            let test = samples.iter().find(|t| t.name == c.name);
            RunCase {
                name: c.name.clone(),
                verdict: c.verdict.as_str().to_string(),
                time_ms: c.time_ms,
                input: test.map(|t| read_text(&t.input)).unwrap_or_default(),
                expected: test.map(|t| read_text(&t.answer)).unwrap_or_default(),
                output: c.output.clone(),
                message: c.message.clone(),
            }
        })
        .collect();
    Ok(RunOutcome {
        verdict: Some(r.verdict.as_str().to_string()),
        summary: if r.verdict == Verdict::CE {
            "compilation failed".into()
        } else {
            format!("{} / {} samples passed", r.passed, r.total)
        },
        compile_error: compile_error(&r.compile),
        cases,
        stdout: None,
        stderr: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_hashes() {
        assert!(same_tokens("3\n", " 3 "));
        assert!(!same_tokens("3 4", "3"));
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let (a, b) = (new_token().expect("token"), new_token().expect("token"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(cut("héllo", 2), "h\n… (cut at 0 KiB)");
    }
}
