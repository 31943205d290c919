//! Group OAs: an admin schedules one OA for the whole group, with a window
//! in which members may start it and a duration; each member's attempt is an
//! ordinary timed attempt linked to it. Also the leaderboards built on them.
//!
//! Rules (each tested in `tests/groups.rs`):
//! - A member may start in `[opens_ms, closes_ms)`, at most once.
//! - The attempt's deadline is `min(start + minutes, closes_ms)`, fixed at
//!   start like every deadline; from then on it is a normal timed attempt
//!   (drafts, runs, submissions, lazy expiry, auto-submit).
//! - Hidden cases of a group attempt stay hidden (numbered, no messages, no
//!   failing cases in the report) until an admin reveals the group OA, which
//!   is possible only once its window has closed: until then other members
//!   may still be taking it.
//! - The per-OA leaderboard ranks attempts whose coding part has ended, by
//!   score, then by time used (the coding time, start to end); equal score
//!   and time share a rank.

use oaj_spec::Difficulty;
use serde::{Deserialize, Serialize};

use crate::draw::{self, Rng};
use crate::engine::{counted_of, is_submission, stats_of, status_of};
use crate::store::{AttemptRow, GroupOaRow, JobRow};
use crate::{Account, AttemptId, AttemptStatus, Engine, Error, Result, StartOptions, UserId, MAX_MINUTES};

/// A group OA.
pub type GroupOaId = i64;

/// The longest title of a group OA, in characters.
pub const MAX_GROUP_TITLE_CHARS: usize = 120;

/// Which problems the members of a group OA get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupProblems {
    /// The same problems for everyone, in this order.
    Fixed { slugs: Vec<String> },
    /// Each member draws their own when they start: one problem per
    /// difficulty, as a personal OA does (the problems they have seen least
    /// first), restricted to the topics when there are some.
    Drawn { difficulties: Vec<Difficulty>, topics: Vec<String> },
}

impl GroupProblems {
    pub fn count(&self) -> usize {
        match self {
            GroupProblems::Fixed { slugs } => slugs.len(),
            GroupProblems::Drawn { difficulties, .. } => difficulties.len(),
        }
    }

    fn start_options(&self, minutes: u32) -> StartOptions {
        match self {
            GroupProblems::Fixed { slugs } => {
                StartOptions { minutes, difficulties: vec![], topics: vec![], problems: Some(slugs.clone()) }
            }
            GroupProblems::Drawn { difficulties, topics } => {
                StartOptions { minutes, difficulties: difficulties.clone(), topics: topics.clone(), problems: None }
            }
        }
    }
}

/// What an admin schedules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroupOa {
    pub title: String,
    pub problems: GroupProblems,
    /// Members may start from this instant (unix ms) ...
    pub opens_ms: i64,
    /// ... until this one, excluded; no attempt runs past it.
    pub closes_ms: i64,
    /// One member's time, 1..=180 minutes (cut short by the window's close).
    pub minutes: u32,
}

/// Where a group OA's window is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    Upcoming,
    Live,
    Closed,
}

/// The viewer's own attempt at a group OA.
#[derive(Debug, Clone, Serialize)]
pub struct MyGroupAttempt {
    pub attempt_id: AttemptId,
    pub status: AttemptStatus,
    pub started_ms: i64,
    pub deadline_ms: Option<i64>,
}

/// A group OA as a viewer sees it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupOaView {
    pub id: GroupOaId,
    pub title: String,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub minutes: u32,
    pub state: WindowState,
    pub problem_count: usize,
    /// Each member draws their own problems.
    pub drawn: bool,
    /// The problems themselves: only for admins, so members do not learn a
    /// fixed OA's problems before they start it.
    pub problems: Option<GroupProblems>,
    pub revealed_ms: Option<i64>,
    /// Members who started it.
    pub started: usize,
    pub mine: Option<MyGroupAttempt>,
    pub now_ms: i64,
}

impl GroupOaView {
    /// An admin may reveal the hidden cases now.
    pub fn can_reveal(&self) -> bool {
        self.state == WindowState::Closed && self.revealed_ms.is_none()
    }
}

/// Why an entry of a group OA's leaderboard is below the one above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupPlacement {
    /// The top entry.
    First,
    /// A lower score.
    LowerScore,
    /// The same score, but more time used.
    MoreTime,
    /// The same score and the same time used: the same rank.
    Tied,
}

/// One finished attempt on a group OA's leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupEntry {
    /// 1-based; tied entries share one (1, 2, 2, 4).
    pub rank: usize,
    pub placement: GroupPlacement,
    pub user_id: UserId,
    pub name: String,
    /// Sum of the problems' scores (the last submission of each), each in [0, 1].
    pub score: f64,
    pub max_score: usize,
    /// From the member's start to the end of their coding part (finishing
    /// early, or the deadline).
    pub time_used_ms: i64,
    /// Some submission is still being judged: the score may still change.
    pub pending: bool,
    /// The viewer's own attempt (None on other members' entries, so the
    /// board never hands out another member's attempt id).
    pub attempt_id: Option<AttemptId>,
}

/// A group OA's leaderboard.
#[derive(Debug, Clone, Serialize)]
pub struct GroupLeaderboard {
    pub group: GroupOaView,
    pub entries: Vec<GroupEntry>,
    /// Members still coding: not ranked until their coding part ends.
    pub in_progress: usize,
}

/// Why an entry of the overall leaderboard is below the one above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverallPlacement {
    First,
    FewerSolved,
    FewerOas,
    LowerAverage,
    Tied,
}

/// One user on the overall leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallEntry {
    pub rank: usize,
    pub placement: OverallPlacement,
    pub user_id: UserId,
    pub name: String,
    /// Distinct problems whose counted (last) submission in some attempt
    /// passed every hidden case (practice included), as [`crate::Stats`].
    pub problems_solved: usize,
    /// Timed attempts whose coding part has ended (personal and group).
    pub oas_taken: usize,
    /// Of those, group OAs.
    pub group_oas_taken: usize,
    /// Mean of score / max score over those timed attempts.
    pub average_score: Option<f64>,
}

/// Scores compared to a millionth of a problem, so sums of fractions that
/// differ only by rounding are equal.
fn score_key(score: f64) -> i64 {
    (score * 1e6).round() as i64
}

/// Sorts a group OA's entries (score descending, then time used ascending,
/// then name for a stable display of ties) and sets their ranks and
/// placements.
pub fn rank_group_entries(entries: &mut [GroupEntry]) {
    entries.sort_by(|a, b| {
        score_key(b.score)
            .cmp(&score_key(a.score))
            .then(a.time_used_ms.cmp(&b.time_used_ms))
            .then_with(|| a.name.cmp(&b.name))
    });
    for i in 0..entries.len() {
        let (rank, placement) = if i == 0 {
            (1, GroupPlacement::First)
        } else {
            let above = &entries[i - 1];
            let here = &entries[i];
            if score_key(above.score) != score_key(here.score) {
                (i + 1, GroupPlacement::LowerScore)
            } else if above.time_used_ms != here.time_used_ms {
                (i + 1, GroupPlacement::MoreTime)
            } else {
                (above.rank, GroupPlacement::Tied)
            }
        };
        entries[i].rank = rank;
        entries[i].placement = placement;
    }
}

/// Sorts the overall leaderboard (problems solved, then OAs taken, then
/// average score, each descending; no average ranks last) and sets ranks.
pub fn rank_overall_entries(entries: &mut [OverallEntry]) {
    let average = |e: &OverallEntry| e.average_score.map_or(-1, score_key);
    entries.sort_by(|a, b| {
        b.problems_solved
            .cmp(&a.problems_solved)
            .then(b.oas_taken.cmp(&a.oas_taken))
            .then(average(b).cmp(&average(a)))
            .then_with(|| a.name.cmp(&b.name))
    });
    for i in 0..entries.len() {
        let (rank, placement) = if i == 0 {
            (1, OverallPlacement::First)
        } else {
            let (above, here) = (&entries[i - 1], &entries[i]);
            if above.problems_solved != here.problems_solved {
                (i + 1, OverallPlacement::FewerSolved)
            } else if above.oas_taken != here.oas_taken {
                (i + 1, OverallPlacement::FewerOas)
            } else if average(above) != average(here) {
                (i + 1, OverallPlacement::LowerAverage)
            } else {
                (above.rank, OverallPlacement::Tied)
            }
        };
        entries[i].rank = rank;
        entries[i].placement = placement;
    }
}

fn require_admin(account: &Account, what: &str) -> Result<()> {
    if account.is_admin() {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("only an admin may {what}")))
    }
}

impl Engine {
    /// Schedules a group OA (admins only). The problems are checked now: a
    /// fixed problem must be in the bank, a drawn OA must be drawable.
    pub async fn schedule_group_oa(&self, admin: &Account, new: NewGroupOa) -> Result<GroupOaId> {
        require_admin(admin, "schedule a group OA")?;
        let mut new = new;
        new.title = new.title.trim().to_string();
        if new.title.is_empty() || new.title.chars().count() > MAX_GROUP_TITLE_CHARS {
            return Err(Error::Invalid(format!("a group OA needs a title of 1 to {MAX_GROUP_TITLE_CHARS} characters")));
        }
        if !(1..=MAX_MINUTES).contains(&new.minutes) {
            return Err(Error::Invalid(format!("an OA lasts 1 to {MAX_MINUTES} minutes; {} was asked", new.minutes)));
        }
        if new.closes_ms <= new.opens_ms {
            return Err(Error::Invalid("the window must close after it opens".into()));
        }
        let now = self.now_ms();
        if new.closes_ms <= now {
            return Err(Error::Invalid("the window closes in the past; no member could start this OA".into()));
        }
        if let GroupProblems::Drawn { topics, .. } = &mut new.problems {
            let mut clean: Vec<String> =
                topics.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
            clean.sort();
            clean.dedup();
            *topics = clean;
        }
        // A dry run of the draw checks the slugs (fixed) or that the bank
        // has enough problems (drawn), with the draw's own messages.
        let options = new.problems.start_options(new.minutes);
        let slugs = draw::draw(&self.catalog(), &options, &Default::default(), &mut Rng::from_entropy())?;
        if let GroupProblems::Fixed { slugs: given } = &mut new.problems {
            *given = slugs;
        }
        let id = self.inner.store.insert_group_oa(&new, admin.id, now).await?;
        tracing::info!("group OA {id} scheduled by user {}: {:?}", admin.id, new.title);
        Ok(id)
    }

    /// Every group OA, the latest window first, as `viewer` sees it.
    pub async fn group_oas(&self, viewer: &Account) -> Result<Vec<GroupOaView>> {
        let rows = self.inner.store.group_oas().await?;
        let counts = self.inner.store.group_attempt_counts().await?;
        let mine = self.my_group_attempts(viewer.id).await?;
        let now = self.now_ms();
        Ok(rows
            .into_iter()
            .map(|row| {
                let started = counts.get(&row.id).copied().unwrap_or(0);
                let my = mine.iter().find(|(g, _)| *g == row.id).map(|(_, a)| a.clone());
                view(row, viewer, started, my, now)
            })
            .collect())
    }

    /// One group OA as `viewer` sees it.
    pub async fn group_oa(&self, viewer: &Account, id: GroupOaId) -> Result<GroupOaView> {
        let row = self.group_row(id).await?;
        let attempts = self.inner.store.group_attempts(id).await?;
        let mine = self.my_group_attempts(viewer.id).await?;
        let my = mine.into_iter().find(|(g, _)| *g == id).map(|(_, a)| a);
        Ok(view(row, viewer, attempts.len(), my, self.now_ms()))
    }

    /// Starts `user`'s attempt at a group OA: only inside its window, only
    /// once. The deadline is min(now + duration, window close).
    pub async fn start_group_oa(&self, user: UserId, id: GroupOaId) -> Result<AttemptId> {
        let row = self.group_row(id).await?;
        let now = self.now_ms();
        if now < row.opens_ms {
            return Err(Error::Conflict(format!(
                "the group OA \"{}\" opens in {}; it cannot be started before its window opens",
                row.title,
                in_words(row.opens_ms - now)
            )));
        }
        if now >= row.closes_ms {
            return Err(Error::Conflict(format!(
                "the window of the group OA \"{}\" closed {} ago; it can no longer be started",
                row.title,
                in_words(now - row.closes_ms)
            )));
        }
        if let Some((_, mine)) = self.my_group_attempts(user).await?.into_iter().find(|(g, _)| *g == id) {
            return Err(Error::Conflict(format!(
                "you have already started the group OA \"{}\" (attempt {}); it can be taken once",
                row.title, mine.attempt_id
            )));
        }
        let options = row.problems.start_options(row.minutes);
        let seen = self.inner.store.seen_counts(user).await?;
        let slugs = draw::draw(&self.catalog(), &options, &seen, &mut Rng::from_entropy())?;
        let deadline = (now + i64::from(row.minutes) * 60_000).min(row.closes_ms);
        // The unique index (group_oa_id, user_id) refuses a second start that
        // raced past the check above.
        let attempt = self.inner.store.insert_attempt(user, "timed", now, Some(deadline), &slugs, Some(id)).await?;
        tracing::info!("user {user} started group OA {id} as attempt {attempt}, deadline {deadline}");
        Ok(attempt)
    }

    /// Reveals the hidden cases of a group OA to its members' reports
    /// (admins only, once its window has closed). Idempotent.
    pub async fn reveal_group_oa(&self, admin: &Account, id: GroupOaId) -> Result<()> {
        require_admin(admin, "reveal the hidden cases of a group OA")?;
        let row = self.group_row(id).await?;
        let now = self.now_ms();
        if now < row.closes_ms {
            return Err(Error::Conflict(format!(
                "the window of \"{}\" closes in {}; until then members may still be taking it, so its hidden \
                 cases stay hidden",
                row.title,
                in_words(row.closes_ms - now)
            )));
        }
        // Every attempt's deadline is at or before the close: end any that
        // the expiry tick has not reached yet before the cases are shown.
        self.expire_due().await?;
        self.inner.store.set_group_revealed(id, now).await
    }

    /// The leaderboard of one group OA.
    pub async fn group_leaderboard(&self, viewer: &Account, id: GroupOaId) -> Result<GroupLeaderboard> {
        self.expire_due().await?;
        let group = self.group_oa(viewer, id).await?;
        let attempts = self.inner.store.group_attempts(id).await?;
        let mut entries = Vec::new();
        let mut in_progress = 0;
        for (row, name) in attempts {
            if status_of(&row)? == AttemptStatus::Coding {
                in_progress += 1;
                continue;
            }
            let (score, max_score, pending) = self.attempt_score(&row).await?;
            entries.push(GroupEntry {
                rank: 0,
                placement: GroupPlacement::First,
                user_id: row.user_id,
                name,
                score,
                max_score,
                time_used_ms: row.ended_ms.unwrap_or(row.started_ms) - row.started_ms,
                pending,
                attempt_id: (row.user_id == viewer.id).then_some(row.id),
            });
        }
        rank_group_entries(&mut entries);
        Ok(GroupLeaderboard { group, entries, in_progress })
    }

    /// The overall leaderboard: every enabled user with at least one attempt.
    pub async fn overall_leaderboard(&self) -> Result<Vec<OverallEntry>> {
        let users = self.inner.store.users().await?;
        let mut entries = Vec::new();
        for user in users.into_iter().filter(|u| u.disabled_ms.is_none()) {
            let history = self.history(user.account.id).await?;
            if history.is_empty() {
                continue;
            }
            let stats = stats_of(&history);
            let group_oas_taken =
                history.iter().filter(|a| a.group_oa_id.is_some() && a.status != AttemptStatus::Coding).count();
            entries.push(OverallEntry {
                rank: 0,
                placement: OverallPlacement::First,
                user_id: user.account.id,
                name: user.account.name,
                problems_solved: stats.problems_solved,
                oas_taken: stats.attempts,
                group_oas_taken,
                average_score: stats.average_score,
            });
        }
        rank_overall_entries(&mut entries);
        Ok(entries)
    }

    /// Whether the hidden cases of this attempt's submissions must stay
    /// hidden because it belongs to a group OA not revealed yet.
    pub(crate) async fn group_withholds(&self, attempt: &AttemptRow) -> Result<bool> {
        let Some(group) = attempt.group_oa_id else { return Ok(false) };
        Ok(self.inner.store.group_oa(group).await?.is_none_or(|g| g.revealed_ms.is_none()))
    }

    async fn group_row(&self, id: GroupOaId) -> Result<GroupOaRow> {
        self.inner.store.group_oa(id).await?.ok_or_else(|| Error::NotFound(format!("no group OA {id}")))
    }

    /// The group OAs `user` started: (group OA, their attempt).
    async fn my_group_attempts(&self, user: UserId) -> Result<Vec<(GroupOaId, MyGroupAttempt)>> {
        let mut out = Vec::new();
        for row in self.inner.store.attempts_of_user(user).await? {
            let Some(group) = row.group_oa_id else { continue };
            // Lazy expiry, so a finished clock shows as finished.
            let row = self.current_attempt(user, row.id).await?;
            out.push((
                group,
                MyGroupAttempt {
                    attempt_id: row.id,
                    status: status_of(&row)?,
                    started_ms: row.started_ms,
                    deadline_ms: row.deadline_ms,
                },
            ));
        }
        Ok(out)
    }

    /// (score, max score, some submission still judging) of an attempt, as
    /// its report counts it: the last submission of each problem.
    pub(crate) async fn attempt_score(&self, row: &AttemptRow) -> Result<(f64, usize, bool)> {
        let problems = self.inner.store.problems(row.id).await?;
        let jobs = self.inner.store.jobs_of_attempt(row.id).await?;
        let score = problems
            .iter()
            .map(|p| {
                let mine: Vec<&JobRow> = jobs.iter().filter(|j| j.index == p.index).collect();
                counted_of(&mine).map_or(0.0, |s| s.score)
            })
            .sum();
        let pending = jobs.iter().any(|j| is_submission(j) && j.status != "done");
        Ok((score, problems.len(), pending))
    }
}

fn view(row: GroupOaRow, viewer: &Account, started: usize, mine: Option<MyGroupAttempt>, now: i64) -> GroupOaView {
    let state = if now < row.opens_ms {
        WindowState::Upcoming
    } else if now < row.closes_ms {
        WindowState::Live
    } else {
        WindowState::Closed
    };
    GroupOaView {
        id: row.id,
        title: row.title,
        opens_ms: row.opens_ms,
        closes_ms: row.closes_ms,
        minutes: row.minutes,
        state,
        problem_count: row.problems.count(),
        drawn: matches!(row.problems, GroupProblems::Drawn { .. }),
        problems: viewer.is_admin().then_some(row.problems),
        revealed_ms: row.revealed_ms,
        started,
        mine,
        now_ms: now,
    }
}

/// `3 h 5 min`, `12 min`, `40 s`: how long until or since a window edge.
fn in_words(ms: i64) -> String {
    let s = (ms.max(0) + 999) / 1000;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", (s + 59) / 60),
        3600..=172_799 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => format!("{} days", s / 86_400),
    }
}
