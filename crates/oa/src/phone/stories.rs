//! The STAR story bank: each user writes stories (situation, task, action,
//! result) and maps each to two or three principles; the coverage table
//! shows which principles no story answers yet.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::behavioural::{behavioural, Principle};
use crate::{Engine, Error, Result, UserId};

pub type StoryId = i64;

/// Principles a story maps to: at least, at most.
pub const STORY_PRINCIPLES: (usize, usize) = (2, 3);
/// The advice shown with the bank: how many distinct stories to prepare.
pub const STORIES_ADVISED: (usize, usize) = (5, 8);
/// One field of a story, at most (bytes).
pub const MAX_STORY_FIELD_BYTES: usize = 8 * 1024;
/// Stories per user, at most (a bank, not a diary).
pub const MAX_STORIES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StoryInput {
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    /// Principle ids.
    pub principles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub principles: Vec<String>,
    pub created_ms: i64,
    pub updated_ms: i64,
}

/// One row of the coverage table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub principle: Principle,
    /// Titles of the stories mapped to it.
    pub stories: Vec<String>,
}

/// The bank's state against the advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankAdvice {
    pub covered: usize,
    pub uncovered: Vec<Principle>,
    /// Sentences for the page: too few stories, uncovered principles, a
    /// story leaned on for too many principles.
    pub notes: Vec<String>,
}

/// The coverage of each principle by `stories`, in the principles' order.
pub fn coverage(principles: &[Principle], stories: &[Story]) -> Vec<Coverage> {
    principles
        .iter()
        .map(|p| Coverage {
            principle: p.clone(),
            stories: stories.iter().filter(|s| s.principles.contains(&p.id)).map(|s| s.title.clone()).collect(),
        })
        .collect()
}

/// What the page advises, from the coverage table.
pub fn advice(table: &[Coverage], stories: &[Story]) -> BankAdvice {
    let uncovered: Vec<Principle> =
        table.iter().filter(|c| c.stories.is_empty()).map(|c| c.principle.clone()).collect();
    let (low, high) = STORIES_ADVISED;
    let mut notes = Vec::new();
    if stories.len() < low {
        notes.push(format!(
            "You have {} {}; prepare {low} to {high} distinct stories so that no single one has to answer everything.",
            stories.len(),
            if stories.len() == 1 { "story" } else { "stories" }
        ));
    }
    if !uncovered.is_empty() {
        notes.push(format!("{} of {} principles have no story yet.", uncovered.len(), table.len()));
    }
    // One story answering many principles tempts reuse question after question.
    for c in table.iter().filter(|c| c.stories.len() == 1) {
        let title = &c.stories[0];
        let leaned_on = table.iter().filter(|d| d.stories.len() == 1 && &d.stories[0] == title).count();
        if leaned_on >= 3 && !notes.iter().any(|n| n.contains(&format!("“{title}”"))) {
            notes.push(format!(
                "“{title}” is the only story for {leaned_on} principles; interviewers notice one story told in a loop, so \
                 add another for some of them."
            ));
        }
    }
    BankAdvice { covered: table.len() - uncovered.len(), uncovered, notes }
}

/// Checks a story before it is stored; principle ids are deduplicated.
fn check(input: &StoryInput) -> Result<Vec<String>> {
    let file = behavioural()?;
    if input.title.trim().is_empty() {
        return Err(Error::Invalid("a story needs a title".into()));
    }
    for (field, text) in [
        ("title", &input.title),
        ("situation", &input.situation),
        ("task", &input.task),
        ("action", &input.action),
        ("result", &input.result),
    ] {
        if text.len() > MAX_STORY_FIELD_BYTES {
            return Err(Error::Invalid(format!(
                "the {field} is {} bytes; the limit is {} KiB",
                text.len(),
                MAX_STORY_FIELD_BYTES / 1024
            )));
        }
    }
    let mut principles: Vec<String> = Vec::new();
    for id in &input.principles {
        if file.principle(id).is_none() {
            return Err(Error::Invalid(format!("there is no principle {id:?}")));
        }
        if !principles.contains(id) {
            principles.push(id.clone());
        }
    }
    let (low, high) = STORY_PRINCIPLES;
    if !(low..=high).contains(&principles.len()) {
        return Err(Error::Invalid(format!(
            "map a story to {low} or {high} principles; this one has {}",
            principles.len()
        )));
    }
    Ok(principles)
}

impl Engine {
    /// The user's stories, oldest first.
    pub async fn stories(&self, user: UserId) -> Result<Vec<Story>> {
        let db = self.store().db();
        let rows = sqlx::query(
            "SELECT id, title, situation, task, action, result, created_ms, updated_ms FROM stories \
             WHERE user_id = $1 ORDER BY created_ms, id",
        )
        .bind(user)
        .fetch_all(db)
        .await?;
        let links = sqlx::query(
            "SELECT sp.story_id, sp.principle FROM story_principles sp JOIN stories s ON s.id = sp.story_id \
             WHERE s.user_id = $1",
        )
        .bind(user)
        .fetch_all(db)
        .await?;
        let order = |id: &str| behavioural().ok().and_then(|f| f.principles.iter().position(|p| p.id == id));
        let mut stories = Vec::new();
        for row in rows {
            let id: StoryId = row.try_get("id")?;
            let mut principles: Vec<String> = links
                .iter()
                .filter(|l| l.try_get::<i64, _>("story_id").is_ok_and(|s| s == id))
                .filter_map(|l| l.try_get::<String, _>("principle").ok())
                .collect();
            principles.sort_by_key(|p| order(p));
            stories.push(Story {
                id,
                title: row.try_get("title")?,
                situation: row.try_get("situation")?,
                task: row.try_get("task")?,
                action: row.try_get("action")?,
                result: row.try_get("result")?,
                principles,
                created_ms: row.try_get("created_ms")?,
                updated_ms: row.try_get("updated_ms")?,
            });
        }
        Ok(stories)
    }

    pub async fn story(&self, user: UserId, id: StoryId) -> Result<Story> {
        self.stories(user)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound(format!("no story {id}")))
    }

    pub async fn create_story(&self, user: UserId, input: &StoryInput) -> Result<StoryId> {
        let principles = check(input)?;
        let now = self.now_ms();
        let mut tx = self.store().db().begin().await?;
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stories WHERE user_id = $1")
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;
        if count as usize >= MAX_STORIES {
            return Err(Error::Invalid(format!("a story bank holds at most {MAX_STORIES} stories")));
        }
        let id: StoryId = sqlx::query_scalar(
            "INSERT INTO stories (user_id, title, situation, task, action, result, created_ms, updated_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(user)
        .bind(input.title.trim())
        .bind(&input.situation)
        .bind(&input.task)
        .bind(&input.action)
        .bind(&input.result)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for p in &principles {
            sqlx::query("INSERT INTO story_principles (story_id, principle) VALUES ($1, $2)")
                .bind(id)
                .bind(p)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_story(&self, user: UserId, id: StoryId, input: &StoryInput) -> Result<()> {
        let principles = check(input)?;
        let mut tx = self.store().db().begin().await?;
        let changed = sqlx::query(
            "UPDATE stories SET title = $1, situation = $2, task = $3, action = $4, result = $5, updated_ms = $6 \
             WHERE id = $7 AND user_id = $8",
        )
        .bind(input.title.trim())
        .bind(&input.situation)
        .bind(&input.task)
        .bind(&input.action)
        .bind(&input.result)
        .bind(self.now_ms())
        .bind(id)
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(Error::NotFound(format!("no story {id}")));
        }
        sqlx::query("DELETE FROM story_principles WHERE story_id = $1").bind(id).execute(&mut *tx).await?;
        for p in &principles {
            sqlx::query("INSERT INTO story_principles (story_id, principle) VALUES ($1, $2)")
                .bind(id)
                .bind(p)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn delete_story(&self, user: UserId, id: StoryId) -> Result<()> {
        let mut tx = self.store().db().begin().await?;
        let owned: Option<i64> = sqlx::query_scalar("SELECT id FROM stories WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Err(Error::NotFound(format!("no story {id}")));
        }
        sqlx::query("DELETE FROM story_principles WHERE story_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM stories WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The coverage table and the advice for the user's bank.
    pub async fn story_coverage(&self, user: UserId) -> Result<(Vec<Story>, Vec<Coverage>, BankAdvice)> {
        let stories = self.stories(user).await?;
        let table = coverage(&behavioural()?.principles, &stories);
        let advice = advice(&table, &stories);
        Ok((stories, table, advice))
    }
}
