//! The item bank: the sixteen principles and the items, read from a TOML
//! file (`assessments/workstyle.toml`) and checked as a whole before any
//! sitting may use it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

/// The item file bundled with OA Judge.
pub const BUNDLED_FILE: &str = "assessments/workstyle.toml";
const BUNDLED_TEXT: &str = include_str!("../../../../assessments/workstyle.toml");

/// How many principles a bank must describe, and how many items must stand
/// behind each of them at least.
pub const PRINCIPLES: usize = 16;
pub const MIN_ITEMS_PER_PRINCIPLE: usize = 3;

/// What is wrong with an item file. The message names the file and, where
/// one is to blame, the item or principle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct BankError {
    pub file: String,
    pub message: String,
}

/// One of the sixteen principles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principle {
    pub id: String,
    pub number: u32,
    pub name: String,
    pub description: String,
    /// One sentence for the result page: what a high score says.
    pub meaning: String,
}

/// Whether agreeing with a Likert statement raises or lowers a principle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Raises,
    Lowers,
}

/// The two statements of a forced-choice item, in the file's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    A,
    B,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemForm {
    /// "Which describes you better?" Each side speaks for one principle.
    Choice { a: String, a_favours: usize, b: String, b_favours: usize },
    /// "How well does this describe you?" 1 to 5; one or two principles
    /// (indexes into [`Bank::principles`]) with a direction each.
    Likert { text: String, keys: Vec<(usize, Direction)> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub form: ItemForm,
    /// The consistency pair this item belongs to, if any.
    pub pair: Option<String>,
}

impl Item {
    /// The principles (indexes) this item moves, in the order the file gives.
    pub fn principles(&self) -> Vec<usize> {
        match &self.form {
            ItemForm::Choice { a_favours, b_favours, .. } => vec![*a_favours, *b_favours],
            ItemForm::Likert { keys, .. } => keys.iter().map(|(p, _)| *p).collect(),
        }
    }
}

/// A checked item file.
#[derive(Debug, Clone)]
pub struct Bank {
    file: String,
    principles: Vec<Principle>,
    items: Vec<Item>,
    by_id: HashMap<String, usize>,
    /// Pair id -> the two items (indexes), in file order.
    pairs: BTreeMap<String, [usize; 2]>,
}

// ---- the file as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    principle: Vec<RawPrinciple>,
    #[serde(default)]
    item: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrinciple {
    id: String,
    number: u32,
    name: String,
    description: String,
    meaning: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    kind: String,
    text: Option<String>,
    keys: Option<BTreeMap<String, String>>,
    a: Option<String>,
    a_favours: Option<String>,
    b: Option<String>,
    b_favours: Option<String>,
    pair: Option<String>,
}

impl Bank {
    /// The bundled item file, parsed and checked once per process.
    pub fn bundled() -> Result<Arc<Bank>, BankError> {
        static BUNDLED: OnceLock<Result<Arc<Bank>, BankError>> = OnceLock::new();
        BUNDLED.get_or_init(|| Bank::parse(BUNDLED_TEXT, BUNDLED_FILE).map(Arc::new)).clone()
    }

    /// Reads and checks an item file.
    pub fn load(path: &Path) -> Result<Bank, BankError> {
        let text = std::fs::read_to_string(path).map_err(|e| BankError {
            file: path.display().to_string(),
            message: format!("cannot read the item file: {e}"),
        })?;
        Bank::parse(&text, &path.display().to_string())
    }

    /// Parses and checks an item file's text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Bank, BankError> {
        let fail = |message: String| BankError { file: file.to_string(), message };
        let raw: RawFile = toml::from_str(text).map_err(|e| fail(e.to_string().trim_end().to_string()))?;

        let mut principles: Vec<Principle> = Vec::new();
        let mut principle_index: HashMap<String, usize> = HashMap::new();
        for p in raw.principle {
            let what = format!("principle `{}`", p.id);
            if p.id.trim().is_empty() {
                return Err(fail("a principle has an empty id".into()));
            }
            if principle_index.contains_key(&p.id) {
                return Err(fail(format!("{what} is described twice")));
            }
            for (field, value) in [("name", &p.name), ("description", &p.description), ("meaning", &p.meaning)] {
                if value.trim().is_empty() {
                    return Err(fail(format!("{what} has an empty {field}")));
                }
            }
            if principles.iter().any(|q| q.number == p.number) {
                return Err(fail(format!("{what} has number {}, which another principle has", p.number)));
            }
            principle_index.insert(p.id.clone(), principles.len());
            principles.push(Principle {
                id: p.id,
                number: p.number,
                name: p.name,
                description: p.description,
                meaning: p.meaning,
            });
        }
        if principles.len() != PRINCIPLES {
            return Err(fail(format!(
                "the file describes {} principles; it must describe {PRINCIPLES}",
                principles.len()
            )));
        }
        principles.sort_by_key(|p| p.number);
        let expected: Vec<u32> = (1..=PRINCIPLES as u32).collect();
        if principles.iter().map(|p| p.number).collect::<Vec<_>>() != expected {
            return Err(fail(format!("the principles must be numbered 1 to {PRINCIPLES}")));
        }
        principle_index = principles.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        let principle = |item: &str, id: &str| {
            principle_index.get(id).copied().ok_or_else(|| {
                fail(format!("item `{item}` maps to `{id}`, which is not one of the principles of this file"))
            })
        };
        let text_of = |item: &str, field: &str, value: Option<String>| match value {
            Some(v) if !v.trim().is_empty() => Ok(v),
            Some(_) => Err(fail(format!("item `{item}` has an empty `{field}`"))),
            None => Err(fail(format!("item `{item}` has no `{field}`"))),
        };

        let mut items: Vec<Item> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for raw in raw.item {
            let id = raw.id.clone();
            if id.trim().is_empty() {
                return Err(fail("an item has an empty id".into()));
            }
            if by_id.contains_key(&id) {
                return Err(fail(format!("item `{id}` appears twice (item ids must be unique)")));
            }
            let form = match raw.kind.as_str() {
                "choice" => {
                    for (field, present) in [("text", raw.text.is_some()), ("keys", raw.keys.is_some())] {
                        if present {
                            return Err(fail(format!(
                                "item `{id}` is a forced choice; `{field}` belongs to Likert items (use a, a_favours, b, b_favours)"
                            )));
                        }
                    }
                    let a = text_of(&id, "a", raw.a)?;
                    let b = text_of(&id, "b", raw.b)?;
                    let a_favours = principle(&id, &text_of(&id, "a_favours", raw.a_favours)?)?;
                    let b_favours = principle(&id, &text_of(&id, "b_favours", raw.b_favours)?)?;
                    if a_favours == b_favours {
                        return Err(fail(format!(
                            "item `{id}`: both sides favour `{}`; a forced choice sets two different principles against each other",
                            principles[a_favours].id
                        )));
                    }
                    if a.trim() == b.trim() {
                        return Err(fail(format!("item `{id}`: both sides say the same thing")));
                    }
                    ItemForm::Choice { a, a_favours, b, b_favours }
                }
                "likert" => {
                    for (field, present) in [
                        ("a", raw.a.is_some()),
                        ("b", raw.b.is_some()),
                        ("a_favours", raw.a_favours.is_some()),
                        ("b_favours", raw.b_favours.is_some()),
                    ] {
                        if present {
                            return Err(fail(format!(
                                "item `{id}` is a Likert item; `{field}` belongs to forced-choice items (use text and keys)"
                            )));
                        }
                    }
                    let text = text_of(&id, "text", raw.text)?;
                    let raw_keys = raw.keys.ok_or_else(|| fail(format!("item `{id}` has no `keys`")))?;
                    if raw_keys.is_empty() || raw_keys.len() > 2 {
                        return Err(fail(format!(
                            "item `{id}` maps to {} principles; an item maps to one or two",
                            raw_keys.len()
                        )));
                    }
                    let mut keys = Vec::new();
                    for (p, direction) in raw_keys {
                        let direction = match direction.as_str() {
                            "+" => Direction::Raises,
                            "-" => Direction::Lowers,
                            other => {
                                return Err(fail(format!(
                                    "item `{id}`: the direction of `{p}` is {other:?}; write \"+\" (agreeing raises it) or \"-\" (agreeing lowers it)"
                                )))
                            }
                        };
                        keys.push((principle(&id, &p)?, direction));
                    }
                    // File order of principles, so a pair's shared principle is well defined.
                    keys.sort_by_key(|(p, _)| *p);
                    ItemForm::Likert { text, keys }
                }
                other => {
                    return Err(fail(format!(
                        "item `{id}` has kind {other:?}; the kinds are \"choice\" and \"likert\""
                    )))
                }
            };
            if let Some(pair) = &raw.pair {
                if pair.trim().is_empty() {
                    return Err(fail(format!("item `{id}` has an empty pair name")));
                }
            }
            by_id.insert(id.clone(), items.len());
            items.push(Item { id, form, pair: raw.pair });
        }

        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(pair) = &item.pair {
                members.entry(pair.clone()).or_default().push(i);
            }
        }
        let mut pairs = BTreeMap::new();
        for (pair, list) in members {
            let ids: Vec<&str> = list.iter().map(|&i| items[i].id.as_str()).collect();
            let [first, second] = list[..] else {
                return Err(fail(format!(
                    "pair `{pair}` has {} member(s) ({}); a consistency pair has exactly two",
                    list.len(),
                    ids.join(", ")
                )));
            };
            if shared_principle(&items[first], &items[second]).is_none() {
                return Err(fail(format!(
                    "pair `{pair}`: items `{}` and `{}` share no principle, so they cannot ask about the same trait",
                    ids[0], ids[1]
                )));
            }
            pairs.insert(pair, [first, second]);
        }

        for (p, principle) in principles.iter().enumerate() {
            let behind = items.iter().filter(|item| item.principles().contains(&p)).count();
            if behind < MIN_ITEMS_PER_PRINCIPLE {
                return Err(fail(format!(
                    "principle `{}` is behind {behind} item(s); every principle needs at least {MIN_ITEMS_PER_PRINCIPLE}",
                    principle.id
                )));
            }
        }
        Ok(Bank { file: file.to_string(), principles, items, by_id, pairs })
    }

    /// The file this bank was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The principles, by number.
    pub fn principles(&self) -> &[Principle] {
        &self.principles
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    /// The consistency pairs: name -> the indexes of its two items.
    pub fn pairs(&self) -> &BTreeMap<String, [usize; 2]> {
        &self.pairs
    }
}

/// The principle two paired items both ask about: the first (by number)
/// that both map to.
pub(crate) fn shared_principle(first: &Item, second: &Item) -> Option<usize> {
    let theirs = second.principles();
    let mut mine = first.principles();
    mine.sort_unstable();
    mine.into_iter().find(|p| theirs.contains(p))
}
