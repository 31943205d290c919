//! The behavioural questions asked by principle
//! (`assessments/behavioural.toml`, compiled in), validated when loaded
//! against the one list of the sixteen principles: the work-style item
//! file's (`assessments/workstyle.toml`, [`crate::workstyle::Bank`]).

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::workstyle::Bank;
use crate::{Error, Result};

/// The file as shipped.
pub const BEHAVIOURAL_TOML: &str = include_str!("../../../../assessments/behavioural.toml");
/// Its name in errors.
pub const BEHAVIOURAL_FILE: &str = "assessments/behavioural.toml";

/// Questions each principle needs at least.
pub const MIN_QUESTIONS_PER_PRINCIPLE: usize = 3;

/// A principle as the phone screen and the story bank show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principle {
    pub id: String,
    pub name: String,
    /// What it asks of someone (the principle's description).
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// A principle id.
    pub principle: String,
    pub text: String,
}

/// The questions, with the principles they are asked by (in the principles'
/// order).
#[derive(Debug, Clone)]
pub struct Behavioural {
    pub principles: Vec<Principle>,
    pub questions: Vec<Question>,
}

/// The question file as written: questions only, so the principles cannot
/// be described a second time here.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(rename = "question", default)]
    questions: Vec<Question>,
}

impl Behavioural {
    /// Parses and validates a question file (`file` names it in errors)
    /// against the principles of `bank`.
    pub fn parse(text: &str, file: &str, bank: &Bank) -> Result<Behavioural> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| Error::Invalid(format!("{file}: not a valid question file: {e}")))?;
        let principles = bank
            .principles()
            .iter()
            .map(|p| Principle { id: p.id.clone(), name: p.name.clone(), meaning: p.description.clone() })
            .collect();
        let parsed = Behavioural { principles, questions: raw.questions };
        parsed.validate(file, bank.file())?;
        Ok(parsed)
    }

    fn validate(&self, file: &str, principles_file: &str) -> Result<()> {
        let bad = |message: String| Err(Error::Invalid(format!("{file}: {message}")));
        let ids: HashSet<&str> = self.principles.iter().map(|p| p.id.as_str()).collect();
        let mut question_ids = HashSet::new();
        for q in &self.questions {
            if !question_ids.insert(q.id.as_str()) {
                return bad(format!("question id {:?} appears twice", q.id));
            }
            if !ids.contains(q.principle.as_str()) {
                return bad(format!(
                    "question {:?} names the principle {:?}, which {principles_file} does not describe",
                    q.id, q.principle
                ));
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

/// The shipped file, parsed once against the shipped principles. Both are
/// compiled in and checked by a test, so a failure here is a build of a
/// broken file: the error says which file and what.
pub fn behavioural() -> Result<&'static Behavioural> {
    static PARSED: OnceLock<std::result::Result<Behavioural, String>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            let bank = Bank::bundled().map_err(|e| e.to_string())?;
            Behavioural::parse(BEHAVIOURAL_TOML, BEHAVIOURAL_FILE, &bank).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Store(e.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_asks_by_the_principles_of_the_workstyle_file() {
        let file = behavioural().expect("valid");
        let bank = Bank::bundled().expect("valid");
        let ids: Vec<&str> = file.principles.iter().map(|p| p.id.as_str()).collect();
        let described: Vec<&str> = bank.principles().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, described, "one list of principles, in its order");
        assert_eq!(ids.len(), crate::workstyle::PRINCIPLES);
    }

    /// `n` questions of each of the bundled principles (ids `id-1`...).
    fn questions(n: usize) -> String {
        let bank = Bank::bundled().expect("valid");
        let mut text = String::new();
        for p in bank.principles() {
            for i in 1..=n {
                text += &format!("[[question]]\nid = \"{}-{i}\"\nprinciple = \"{}\"\ntext = \"t\"\n", p.id, p.id);
            }
        }
        text
    }

    #[test]
    fn broken_files_are_refused_naming_the_file_and_the_id() {
        let bank = Bank::bundled().expect("valid");
        let question = |id: &str, p: &str| format!("[[question]]\nid = \"{id}\"\nprinciple = \"{p}\"\ntext = \"t\"\n");
        let cases = [
            (questions(3), None),
            (
                format!("{}{}", questions(3), question("x-1", "no-such-principle")),
                Some("questions.toml: question \"x-1\" names the principle \"no-such-principle\", which assessments/workstyle.toml does not describe"),
            ),
            (questions(2), Some("questions.toml: principle \"customer-obsession\" has 2 questions")),
            (format!("{}{}", questions(3), question("ownership-1", "ownership")), Some("\"ownership-1\" appears twice")),
            // The principles are described in one place only.
            (
                format!("[[principle]]\nid = \"a\"\nname = \"A\"\nmeaning = \"m\"\n{}", questions(3)),
                Some("questions.toml: not a valid question file"),
            ),
            ("[[question]]\nid = 1\n".to_string(), Some("not a valid question file")),
        ];
        for (text, error) in cases {
            match (Behavioural::parse(&text, "questions.toml", &bank), error) {
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
