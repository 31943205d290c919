//! The problem bank as the engine sees it: every problem directory under a
//! bank directory, loaded and validated once, plus the problems an admin
//! added while the server runs (see `library.rs`).
//!
//! A catalog is never changed in place: the engine swaps in a new one
//! (copy on write), so whoever holds an `Arc<Catalog>` keeps a consistent
//! view, and a problem once in the catalog keeps its `Arc<Problem>`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oaj_spec::{Difficulty, Problem, ProblemKind};

use crate::{Error, Result};

/// One problem of the bank, with what lists and the draw need.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    pub slug: String,
    pub title: String,
    pub difficulty: Difficulty,
    pub kind: ProblemKind,
    pub topics: Vec<String>,
    pub minutes: Option<u32>,
    pub problem: Arc<Problem>,
}

impl CatalogEntry {
    fn new(problem: Problem) -> Self {
        CatalogEntry {
            slug: problem.slug.clone(),
            title: problem.title.clone(),
            difficulty: problem.difficulty,
            kind: problem.kind,
            topics: problem.topics.clone(),
            minutes: problem.minutes,
            problem: Arc::new(problem),
        }
    }
}

/// The loaded bank, by slug. Broken problems are kept aside with their
/// error so a page or `oaj oa` can say why one is missing.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    dir: PathBuf,
    entries: BTreeMap<String, CatalogEntry>,
    broken: Vec<(String, String)>,
    /// Slugs an admin hid from drawing: never drawn at random, still
    /// available to admins for practice and fixed selection.
    hidden_from_draw: BTreeSet<String>,
    /// Slugs added at runtime (the rest come from the bank directory).
    uploaded: BTreeSet<String>,
}

impl Catalog {
    /// Loads every problem directory under `dir` (names starting with `.`
    /// are skipped). Fails only when `dir` itself cannot be read.
    pub fn load(dir: &Path) -> Result<Catalog> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Error::Invalid(format!("cannot read the problem bank {}: {e}", dir.display())))?;
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        paths.sort();
        let generation = generate_missing(&paths);
        let mut catalog = Catalog { dir: dir.to_path_buf(), ..Catalog::default() };
        for (path, generated) in paths.into_iter().zip(generation) {
            if let Err(e) = generated {
                let slug = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                tracing::warn!("skipping {}: its hidden cases cannot be generated: {e}", path.display());
                catalog.broken.push((slug, format!("its hidden cases cannot be generated: {e}")));
                continue;
            }
            match oaj_spec::load(&path) {
                Ok(problem) => {
                    catalog.entries.insert(problem.slug.clone(), CatalogEntry::new(problem));
                }
                Err(e) => {
                    let slug = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    tracing::warn!("skipping the broken problem {}: {e}", path.display());
                    catalog.broken.push((slug, e.to_string()));
                }
            }
        }
        Ok(catalog)
    }

    /// A catalog of problems already loaded (tests, embedding).
    pub fn from_problems(dir: &Path, problems: Vec<Problem>) -> Catalog {
        let entries = problems.into_iter().map(|p| (p.slug.clone(), CatalogEntry::new(p))).collect();
        Catalog { dir: dir.to_path_buf(), entries, ..Catalog::default() }
    }

    /// Adds a problem added at runtime. A slug already in the catalog is
    /// refused: a problem an attempt uses never changes under it.
    pub fn add_uploaded(&mut self, problem: Problem) -> Result<()> {
        if self.entries.contains_key(&problem.slug) {
            return Err(Error::Conflict(format!(
                "a problem `{}` is already in the bank; a problem never changes once added (attempts use it), so \
                 upload it under another slug",
                problem.slug
            )));
        }
        self.uploaded.insert(problem.slug.clone());
        self.entries.insert(problem.slug.clone(), CatalogEntry::new(problem));
        Ok(())
    }

    /// Whether `slug` was added at runtime rather than loaded from the bank.
    pub fn is_uploaded(&self, slug: &str) -> bool {
        self.uploaded.contains(slug)
    }

    /// Whether an admin hid `slug` from drawing.
    pub fn is_hidden_from_draw(&self, slug: &str) -> bool {
        self.hidden_from_draw.contains(slug)
    }

    /// Hides `slug` from drawing, or shows it again.
    pub fn set_hidden_from_draw(&mut self, slug: &str, hidden: bool) {
        if hidden {
            self.hidden_from_draw.insert(slug.to_string());
        } else {
            self.hidden_from_draw.remove(slug);
        }
    }

    /// The problems a random draw may pick.
    pub fn drawable(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.values().filter(|e| !self.hidden_from_draw.contains(&e.slug))
    }

    /// The bank directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn get(&self, slug: &str) -> Option<&CatalogEntry> {
        self.entries.get(slug)
    }

    /// The problem behind `slug`, or NotFound naming the known ones.
    pub fn require(&self, slug: &str) -> Result<&CatalogEntry> {
        self.get(slug).ok_or_else(|| {
            let known: Vec<&str> = self.entries.keys().map(String::as_str).collect();
            let closest: Vec<String> =
                oaj_spec::closest_names(slug, &known, 3).iter().map(|slug| format!("`{slug}`")).collect();
            let hint = if closest.is_empty() {
                format!("the bank has {} problems", known.len())
            } else {
                format!("did you mean {}?", closest.join(" or "))
            };
            Error::NotFound(format!("no problem `{slug}` in the bank; {hint}"))
        })
    }

    /// Every problem, sorted by slug.
    pub fn entries(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.values()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Problems that failed to load: (directory name, error).
    pub fn broken(&self) -> &[(String, String)] {
        &self.broken
    }

    /// Every topic of the bank, sorted, without duplicates.
    pub fn topics(&self) -> Vec<String> {
        let mut topics: Vec<String> = self.entries.values().flat_map(|e| e.topics.iter().cloned()).collect();
        topics.sort();
        topics.dedup();
        topics
    }
}

/// Generates the hidden cases that problems keep as a generator and a
/// manifest rather than as files (see `oaj_judge::generate`); the first
/// start on a fresh checkout does this once.
fn generate_missing(paths: &[PathBuf]) -> Vec<std::result::Result<(), String>> {
    use oaj_judge::generate::{ensure_all_hidden_cases, Generated};
    let outcomes = ensure_all_hidden_cases(paths);
    paths
        .iter()
        .zip(outcomes)
        .map(|(path, outcome)| match outcome {
            Ok(Generated::Generated { files, elapsed }) => {
                tracing::info!(
                    "{}: generated {files} hidden test files in {:.1} s (first use)",
                    path.display(),
                    elapsed.as_secs_f64()
                );
                Ok(())
            }
            Ok(_) => Ok(()),
            Err(e) => Err(e.to_string()),
        })
        .collect()
}
