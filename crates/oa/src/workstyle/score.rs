//! Scoring a sitting: a pure function of the bank, the answers and three
//! instants. No randomness and no clock: the same answers always give the
//! same profile. The formula is written out in docs/workstyle.md; the
//! tests in crates/oa/tests/workstyle.rs hold it to that description.

use serde::{Deserialize, Serialize};

use super::bank::{shared_principle, Bank, Direction, ItemForm, Side};

/// One answer, in the file's terms (side A or B, not the side shown first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "lowercase")]
pub enum Answer {
    /// How well the statement describes the person: 1 (not at all) to 5 (exactly).
    Likert { value: u8 },
    /// The statement that describes them better, and whether strongly.
    Choice { side: Side, strong: bool },
}

impl Answer {
    /// The answer as one signed number, how it is stored: Likert 1..=5;
    /// forced choice -2 (A, strongly), -1 (A, somewhat), 1 (B, somewhat),
    /// 2 (B, strongly).
    pub fn code(self) -> i64 {
        match self {
            Answer::Likert { value } => i64::from(value),
            Answer::Choice { side, strong } => {
                let size = if strong { 2 } else { 1 };
                match side {
                    Side::A => -size,
                    Side::B => size,
                }
            }
        }
    }

    /// The inverse of [`Answer::code`] for an item of the given form.
    pub fn from_code(likert: bool, code: i64) -> Option<Answer> {
        if likert {
            return (1..=5).contains(&code).then_some(Answer::Likert { value: code as u8 });
        }
        match code {
            -2 => Some(Answer::Choice { side: Side::A, strong: true }),
            -1 => Some(Answer::Choice { side: Side::A, strong: false }),
            1 => Some(Answer::Choice { side: Side::B, strong: false }),
            2 => Some(Answer::Choice { side: Side::B, strong: true }),
            _ => None,
        }
    }
}

/// What scoring needs of a sitting.
#[derive(Debug, Clone)]
pub struct Sheet<'a> {
    /// The drawn items by id, in the order shown, with their answers
    /// (None: not answered before the sitting ended).
    pub answers: &'a [(String, Option<Answer>)],
    pub started_ms: i64,
    /// When the sitting ended: the finish, or the deadline.
    pub ended_ms: i64,
    pub deadline_ms: i64,
}

/// The stored result of a sitting. It carries the names and statements it
/// shows, so a later edit of the item file never changes a past result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkstyleResult {
    /// One per principle, by number.
    pub principles: Vec<PrincipleScore>,
    pub consistency: Consistency,
    pub items: usize,
    pub answered: usize,
    pub unanswered: usize,
    /// From the start to the finish, at most the time allowed.
    pub time_taken_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipleScore {
    pub id: String,
    pub number: u32,
    pub name: String,
    pub meaning: String,
    /// 0-100; None when no answered item touched this principle.
    pub score: Option<u8>,
    /// Answered items that touched this principle.
    pub answered: usize,
    /// The answers that leant against this principle, the strongest first.
    pub pulled_down: Vec<PulledDown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulledDown {
    pub item: String,
    /// What was answered, in words.
    pub answer: String,
    /// How far the answer leant against the principle: 1 (a little) or 2 (fully).
    pub weight: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consistency {
    /// Pairs drawn in this sitting whose two items were both answered.
    pub pairs_answered: usize,
    pub contradictions: usize,
    /// 0-100; None when no pair was answered in full.
    pub score: Option<u8>,
    /// The pairs answered in contradiction.
    pub contradicting: Vec<Contradiction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contradiction {
    pub pair: String,
    /// The principle both items ask about.
    pub principle: String,
    pub first: String,
    pub second: String,
}

/// How an answer leans on a principle the item maps to, from -2 (fully
/// against) through 0 (neutral) to 2 (fully for). Likert: (value - 3),
/// negated when agreeing lowers the principle. Forced choice: +2 / +1 for
/// choosing the principle's side strongly / somewhat, -1 / -2 for choosing
/// the other side somewhat / strongly. None when the item does not map to
/// the principle or the answer does not fit the item.
pub fn lean(form: &ItemForm, answer: Answer, principle: usize) -> Option<i64> {
    match (form, answer) {
        (ItemForm::Likert { keys, .. }, Answer::Likert { value }) if (1..=5).contains(&value) => {
            let (_, direction) = keys.iter().find(|(p, _)| *p == principle)?;
            let agreement = i64::from(value) - 3;
            Some(match direction {
                Direction::Raises => agreement,
                Direction::Lowers => -agreement,
            })
        }
        (ItemForm::Choice { a_favours, b_favours, .. }, Answer::Choice { side, strong }) => {
            let size = if strong { 2 } else { 1 };
            let towards_a = match side {
                Side::A => size,
                Side::B => -size,
            };
            if *a_favours == principle {
                Some(towards_a)
            } else if *b_favours == principle {
                Some(-towards_a)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `numerator / denominator` rounded half up, for non-negative values.
fn rounded(numerator: i64, denominator: i64) -> i64 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// Scores a sitting.
///
/// * Each answered item gives every principle it maps to a support of
///   `2 + lean` (0 to 4, see [`lean`]).
/// * A principle's score is `100 * sum(support) / (4 * n)` over its `n`
///   answered items, rounded half up; with no answered item it is None.
///   Unanswered items count for nothing: they neither raise nor lower.
/// * The answers with a negative lean are the ones that pulled it down.
/// * A consistency pair whose two items were both answered contradicts
///   when their leans on the shared principle have opposite signs (a
///   neutral 3 contradicts nothing). Consistency = `100 * (pairs answered -
///   contradictions) / pairs answered`, rounded half up.
/// * Time taken = `min(ended, deadline) - started`, never negative.
///
/// Items missing from the bank are skipped (and not counted at all).
pub fn score(bank: &Bank, sheet: &Sheet<'_>) -> WorkstyleResult {
    let principles = bank.principles();
    let mut sums = vec![0i64; principles.len()];
    let mut counts = vec![0usize; principles.len()];
    let mut pulled: Vec<Vec<(i64, usize, PulledDown)>> = vec![Vec::new(); principles.len()];
    let mut items = 0;
    let mut answered = 0;
    for (position, (id, answer)) in sheet.answers.iter().enumerate() {
        let Some(item) = bank.item(id) else { continue };
        items += 1;
        let Some(answer) = answer else { continue };
        let mut counted = false;
        for p in item.principles() {
            let Some(lean) = lean(&item.form, *answer, p) else { continue };
            counted = true;
            sums[p] += 2 + lean;
            counts[p] += 1;
            if lean < 0 {
                let entry =
                    PulledDown { item: id.clone(), answer: describe(&item.form, *answer), weight: (-lean) as u8 };
                pulled[p].push((lean, position, entry));
            }
        }
        if counted {
            answered += 1;
        }
    }
    let principles = principles
        .iter()
        .enumerate()
        .map(|(p, principle)| {
            let mut down = std::mem::take(&mut pulled[p]);
            down.sort_by_key(|(lean, position, _)| (*lean, *position));
            PrincipleScore {
                id: principle.id.clone(),
                number: principle.number,
                name: principle.name.clone(),
                meaning: principle.meaning.clone(),
                score: (counts[p] > 0).then(|| rounded(100 * sums[p], 4 * counts[p] as i64) as u8),
                answered: counts[p],
                pulled_down: down.into_iter().map(|(_, _, entry)| entry).collect(),
            }
        })
        .collect();

    let answer_of = |id: &str| sheet.answers.iter().find(|(i, _)| i == id).and_then(|(_, a)| *a);
    let mut pairs_answered = 0;
    let mut contradicting = Vec::new();
    for (pair, [first, second]) in bank.pairs() {
        let (first, second) = (&bank.items()[*first], &bank.items()[*second]);
        let (Some(x), Some(y)) = (answer_of(&first.id), answer_of(&second.id)) else { continue };
        let Some(shared) = shared_principle(first, second) else { continue };
        let (Some(lx), Some(ly)) = (lean(&first.form, x, shared), lean(&second.form, y, shared)) else { continue };
        pairs_answered += 1;
        if lx * ly < 0 {
            contradicting.push(Contradiction {
                pair: pair.clone(),
                principle: bank.principles()[shared].name.clone(),
                first: describe(&first.form, x),
                second: describe(&second.form, y),
            });
        }
    }
    let contradictions = contradicting.len();
    let consistency = Consistency {
        pairs_answered,
        contradictions,
        score: (pairs_answered > 0)
            .then(|| rounded(100 * (pairs_answered - contradictions) as i64, pairs_answered as i64) as u8),
        contradicting,
    };
    WorkstyleResult {
        principles,
        consistency,
        items,
        answered,
        unanswered: items - answered,
        time_taken_ms: (sheet.ended_ms.min(sheet.deadline_ms) - sheet.started_ms).max(0),
    }
}

/// The words of a Likert value.
pub fn likert_label(value: u8) -> &'static str {
    match value {
        1 => "not like me at all",
        2 => "mostly not like me",
        3 => "neither",
        4 => "mostly like me",
        _ => "exactly like me",
    }
}

/// An answer in words, for the result page.
pub fn describe(form: &ItemForm, answer: Answer) -> String {
    match (form, answer) {
        (ItemForm::Likert { text, .. }, Answer::Likert { value }) => {
            format!("“{text}”: you answered {value}, {}", likert_label(value))
        }
        (ItemForm::Choice { a, b, .. }, Answer::Choice { side, strong }) => {
            let (chosen, other) = match side {
                Side::A => (a, b),
                Side::B => (b, a),
            };
            let how = if strong { "strongly" } else { "somewhat" };
            format!("you chose “{chosen}” ({how}) over “{other}”")
        }
        _ => "an answer that does not fit this item".to_string(),
    }
}
