//! The sixteen principles and the behavioural questions asked by principle
//! (`assessments/behavioural.toml`, compiled in), validated when loaded.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The file as shipped.
pub const BEHAVIOURAL_TOML: &str = include_str!("../../../../assessments/behavioural.toml");

/// Questions each principle needs at least.
pub const MIN_QUESTIONS_PER_PRINCIPLE: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principle {
    pub id: String,
    pub name: String,
    /// What it means, in a sentence.
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    /// A principle id.
    pub principle: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behavioural {
    #[serde(rename = "principle")]
    pub principles: Vec<Principle>,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

impl Behavioural {
    /// Parses and validates a question file.
    pub fn parse(text: &str) -> Result<Behavioural> {
        let file: Behavioural = toml::from_str(text)
            .map_err(|e| Error::Invalid(format!("the behavioural question file is not valid TOML: {e}")))?;
        file.validate()?;
        Ok(file)
    }

    fn validate(&self) -> Result<()> {
        let bad = |message: String| Err(Error::Invalid(format!("the behavioural question file: {message}")));
        let mut ids = HashSet::new();
        for p in &self.principles {
            if p.id.trim().is_empty() || p.name.trim().is_empty() || p.meaning.trim().is_empty() {
                return bad(format!("principle {:?} needs an id, a name and a meaning", p.id));
            }
            if !ids.insert(p.id.as_str()) {
                return bad(format!("principle id {:?} appears twice", p.id));
            }
        }
        let mut question_ids = HashSet::new();
        for q in &self.questions {
            if !question_ids.insert(q.id.as_str()) {
                return bad(format!("question id {:?} appears twice", q.id));
            }
            if !ids.contains(q.principle.as_str()) {
                return bad(format!("question {:?} names the unknown principle {:?}", q.id, q.principle));
            }
            if q.text.trim().is_empty() {
                return bad(format!("question {:?} has no text", q.id));
            }
        }
        for p in &self.principles {
            let n = self.questions.iter().filter(|q| q.principle == p.id).count();
            if n < MIN_QUESTIONS_PER_PRINCIPLE {
                return bad(format!(
                    "principle {:?} has {n} questions; each needs at least {MIN_QUESTIONS_PER_PRINCIPLE}",
                    p.id
                ));
            }
        }
        Ok(())
    }

    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|p| p.id == id)
    }

    /// One question for each of `principles` (ids, in that order), picked
    /// with `pick(n)` returning an index below `n`.
    pub fn draw(&self, principles: &[String], mut pick: impl FnMut(usize) -> usize) -> Result<Vec<Question>> {
        let mut out = Vec::new();
        for id in principles {
            if self.principle(id).is_none() {
                return Err(Error::Invalid(format!("there is no principle {id:?}")));
            }
            let pool: Vec<&Question> = self.questions.iter().filter(|q| &q.principle == id).collect();
            out.push(pool[pick(pool.len()) % pool.len()].clone());
        }
        Ok(out)
    }
}

/// The shipped file, parsed once. It is compiled in and checked by a test,
/// so a failure here is a build of a broken file: the error says where.
pub fn behavioural() -> Result<&'static Behavioural> {
    static PARSED: OnceLock<std::result::Result<Behavioural, String>> = OnceLock::new();
    PARSED
        .get_or_init(|| Behavioural::parse(BEHAVIOURAL_TOML).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Store(format!("assessments/behavioural.toml: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_valid_and_names_the_sixteen_principles() {
        let file = behavioural().expect("valid");
        let names: Vec<&str> = file.principles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Customer Obsession",
                "Ownership",
                "Invent and Simplify",
                "Are Right, A Lot",
                "Learn and Be Curious",
                "Hire and Develop the Best",
                "Insist on the Highest Standards",
                "Think Big",
                "Bias for Action",
                "Frugality",
                "Earn Trust",
                "Dive Deep",
                "Have Backbone; Disagree and Commit",
                "Deliver Results",
                "Strive to be Earth's Best Employer",
                "Success and Scale Bring Broad Responsibility",
            ]
        );
    }

    #[test]
    fn broken_files_are_refused_with_the_reason() {
        let principle = "[[principle]]\nid = \"a\"\nname = \"A\"\nmeaning = \"m\"\n";
        let question = |id: &str, p: &str| format!("[[question]]\nid = \"{id}\"\nprinciple = \"{p}\"\ntext = \"t\"\n");
        let three = format!("{}{}{}", question("1", "a"), question("2", "a"), question("3", "a"));
        let cases = [
            (format!("{principle}{three}"), None),
            (format!("{principle}{}{}", question("1", "a"), question("2", "a")), Some("has 2 questions")),
            (format!("{principle}{three}{}", question("3", "a")), Some("appears twice")),
            (format!("{principle}{three}{}", question("4", "b")), Some("unknown principle")),
            (format!("{principle}{principle}{three}"), Some("appears twice")),
            ("[[principle]]\nid = 1\n".to_string(), Some("not valid TOML")),
        ];
        for (text, error) in cases {
            match (Behavioural::parse(&text), error) {
                (Ok(_), None) => {}
                (Err(e), Some(part)) => assert!(e.to_string().contains(part), "{e} should contain {part:?}"),
                (other, _) => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_draw_asks_one_question_of_each_principle_asked_for() {
        let file = behavioural().expect("valid");
        let wanted = vec!["dive-deep".to_string(), "frugality".to_string()];
        let drawn = file.draw(&wanted, |n| n - 1).expect("draw");
        assert_eq!(drawn.iter().map(|q| q.principle.as_str()).collect::<Vec<_>>(), ["dive-deep", "frugality"]);
        assert_eq!(drawn[0].id, "dd-3");
        assert!(file.draw(&["nope".to_string()], |_| 0).is_err());
    }
}
