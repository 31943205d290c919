//! Finding problems: a slug in the bank or a path to a problem directory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use oaj_spec::Problem;

/// The problem bank: a directory of problem directories.
pub struct Bank {
    explicit: Option<PathBuf>,
}

impl Bank {
    pub fn new(explicit: Option<PathBuf>) -> Self {
        Bank { explicit }
    }

    /// The bank directory: `--problems-dir`, `$OAJ_PROBLEMS_DIR`,
    /// `./problems`, or the problems shipped beside the source.
    pub fn dir(&self) -> PathBuf {
        if let Some(dir) = &self.explicit {
            return dir.clone();
        }
        if let Some(dir) = std::env::var_os("OAJ_PROBLEMS_DIR").filter(|d| !d.is_empty()) {
            return PathBuf::from(dir);
        }
        let local = PathBuf::from("problems");
        if local.is_dir() {
            return local;
        }
        Path::new(env!("CARGO_MANIFEST_DIR")).join("problems")
    }

    /// Resolves `name` (a path to a directory, or a slug in the bank).
    pub fn locate(&self, name: &str) -> anyhow::Result<PathBuf> {
        let as_path = Path::new(name);
        if as_path.is_dir() && (name.contains('/') || !self.dir().join(name).is_dir()) {
            return Ok(as_path.to_path_buf());
        }
        let in_bank = self.dir().join(name);
        if in_bank.is_dir() {
            return Ok(in_bank);
        }
        let known = self.slugs().unwrap_or_default();
        if known.is_empty() {
            bail!(
                "no problem `{name}`: it is not a directory, and the problem bank {} is empty or missing",
                self.dir().display()
            );
        }
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let closest = oaj_spec::closest_names(name, &known, 3);
        let hint = if closest.is_empty() {
            format!("`oaj list` shows its {} problems", known.len())
        } else {
            let quoted: Vec<String> = closest.iter().map(|slug| format!("`{slug}`")).collect();
            format!("did you mean {}? (`oaj list` shows all {})", quoted.join(" or "), known.len())
        };
        bail!("no problem `{name}`: it is neither a directory nor a problem in {}; {hint}", self.dir().display())
    }

    pub fn load(&self, name: &str) -> anyhow::Result<Problem> {
        let dir = self.locate(name)?;
        load_dir(&dir)
    }

    /// Slugs of every problem directory in the bank, sorted.
    pub fn slugs(&self) -> anyhow::Result<Vec<String>> {
        let dir = self.dir();
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("cannot read the problem bank {}", dir.display()))?;
        let mut slugs: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect();
        slugs.sort();
        Ok(slugs)
    }
}

/// Loads a problem directory, generating its hidden cases first when they
/// are generated rather than stored (see `oaj_judge::generate`).
pub fn load_dir(dir: &Path) -> anyhow::Result<Problem> {
    ensure_generated(dir)?;
    oaj_spec::load(dir).map_err(|e| anyhow::anyhow!("the problem {} is broken:\n{e}", dir.display()))
}

/// Generates a problem's missing hidden cases, saying so on stderr (it takes
/// a moment, once).
pub fn ensure_generated(dir: &Path) -> anyhow::Result<()> {
    report_generated(dir, oaj_judge::generate::ensure_hidden_cases(dir))
}

/// Generates the missing hidden cases of many problems, one generator per
/// core at a time (a fresh checkout's first `oaj list` or `oaj validate`
/// generates the whole bank), saying so on stderr. A problem whose
/// generator fails is left to [`load_dir`], which reports it.
pub fn ensure_all_generated(bank: &Bank, slugs: &[String]) {
    let dirs: Vec<PathBuf> = slugs.iter().filter_map(|slug| bank.locate(slug).ok()).collect();
    for (dir, outcome) in dirs.iter().zip(oaj_judge::generate::ensure_all_hidden_cases(&dirs)) {
        if outcome.is_ok() {
            let _ = report_generated(dir, outcome);
        }
    }
}

fn report_generated(
    dir: &Path,
    outcome: Result<oaj_judge::generate::Generated, oaj_judge::generate::GenerateError>,
) -> anyhow::Result<()> {
    use oaj_judge::generate::Generated;
    match outcome {
        Ok(Generated::Generated { files, elapsed }) => {
            eprintln!(
                "{}: generated {files} hidden test files in {:.1} s (first use)",
                dir.display(),
                elapsed.as_secs_f64()
            );
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(e) => Err(anyhow::anyhow!("the problem {} has no usable hidden cases: {e}", dir.display())),
    }
}

/// `oaj gen`: regenerates hidden cases from the generator.
pub fn gen(bank: &Bank, names: &[String], write_manifest: bool) -> anyhow::Result<ExitCode> {
    let names = if names.is_empty() { bank.slugs()? } else { names.to_vec() };
    let mut failures = 0;
    for name in &names {
        let dir = bank.locate(name)?;
        if !dir.join(oaj_judge::generate::GENERATOR).is_file() {
            eprintln!("{name}: no {} to run; skipped", oaj_judge::generate::GENERATOR);
            continue;
        }
        match oaj_judge::generate::regenerate(&dir, write_manifest) {
            Ok(files) if write_manifest => {
                println!("{name}: {files} hidden test files; digests written to {}", oaj_judge::generate::MANIFEST)
            }
            Ok(files) => println!("{name}: {files} hidden test files, as the manifest records"),
            Err(e) => {
                failures += 1;
                eprintln!("{name}: {e}");
            }
        }
    }
    Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `oaj list` filters.
#[derive(Debug, Default, clap::Args)]
pub struct ListFilter {
    /// Only problems of this difficulty (easy, medium, hard); repeatable.
    #[arg(long = "difficulty", value_name = "LEVEL")]
    pub difficulties: Vec<oaj_spec::Difficulty>,
    /// Only problems with this topic (e.g. sliding-window); repeatable, any matches.
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
}

impl ListFilter {
    fn admits(&self, problem: &Problem) -> bool {
        (self.difficulties.is_empty() || self.difficulties.contains(&problem.difficulty))
            && (self.topics.is_empty() || self.topics.iter().any(|t| problem.topics.contains(t)))
    }
}

pub fn list(bank: &Bank, filter: &ListFilter) -> anyhow::Result<ExitCode> {
    let slugs = bank.slugs()?;
    if slugs.is_empty() {
        anyhow::bail!(
            "the problem bank {} holds no problem (a problem is a directory with problem.toml, or a Kattis \
             package); `oaj new` makes one, and --problems-dir or OAJ_PROBLEMS_DIR names another bank",
            bank.dir().display()
        );
    }
    ensure_all_generated(bank, &slugs);
    let mut broken = 0;
    let mut rows: Vec<[String; 6]> = Vec::new();
    let mut known_topics = std::collections::BTreeSet::new();
    for slug in &slugs {
        match load_dir(&bank.dir().join(slug)) {
            Ok(p) => {
                known_topics.extend(p.topics.iter().cloned());
                if filter.admits(&p) {
                    rows.push([
                        p.slug.clone(),
                        p.title.clone(),
                        p.difficulty.to_string(),
                        p.kind.to_string(),
                        p.topics.join(", "),
                        p.minutes.map_or("-".into(), |m| m.to_string()),
                    ]);
                }
            }
            Err(e) => {
                broken += 1;
                let first = format!("{e:#}").lines().last().unwrap_or_default().trim().to_string();
                rows.push([
                    slug.clone(),
                    format!("(broken: {first}; see `oaj validate {slug}`)"),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                ]);
            }
        }
    }
    if rows.is_empty() {
        let unknown: Vec<&String> = filter.topics.iter().filter(|t| !known_topics.contains(*t)).collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = known_topics.iter().map(String::as_str).collect();
            anyhow::bail!(
                "no problem has the topic {}; topics in the bank: {}",
                unknown.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "),
                known.join(", ")
            );
        }
        eprintln!("no problem matches these filters");
        return Ok(ExitCode::from(1));
    }
    crate::render::table(&["SLUG", "TITLE", "DIFFICULTY", "KIND", "TOPICS", "MINUTES"], &rows);
    Ok(if broken == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

pub fn show(bank: &Bank, name: &str) -> anyhow::Result<ExitCode> {
    let problem = bank.load(name)?;
    println!("# {}", problem.title);
    println!(
        "{} · {} · time limit {} ms (C, C++, Rust; other languages get more, see `oaj langs`) · memory limit {} MiB\n",
        problem.difficulty, problem.kind, problem.limits.time_limit_ms, problem.limits.memory_limit_mb
    );
    println!("{}", problem.statement.trim_end());
    for notice in &problem.notices {
        println!("\nnote: {notice}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads the bank as the web app and the terminal OA see it. Generating the
/// hidden cases of a fresh checkout takes a while (tens of seconds on a
/// small machine), so the terminal says so before and after instead of
/// staying silent.
pub fn load_catalog(bank: &Path) -> anyhow::Result<oaj_oa::Catalog> {
    let pending = ungenerated_problems(bank);
    let started = std::time::Instant::now();
    if pending > 0 {
        eprintln!(
            "Generating the hidden test cases of {pending} problem(s) in {} (only on first use; this can take a minute)...",
            bank.display()
        );
    }
    // The error already names the directory.
    let catalog = oaj_oa::Catalog::load(bank)?;
    if pending > 0 {
        // Those that failed are named in the warnings about skipped problems.
        let generated = pending.saturating_sub(ungenerated_problems(bank));
        eprintln!(
            "Generated the hidden test cases of {generated} problem(s) in {:.0} s.",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(catalog)
}

/// How many problem directories of `bank` name generated hidden cases in
/// their manifest that are not on disk yet. Unreadable entries count as
/// nothing: `Catalog::load` reports them.
fn ungenerated_problems(bank: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(bank) else { return 0 };
    entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|dir| dir.is_dir() && !dir.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .filter(|dir| match oaj_judge::generate::read_manifest(dir) {
            Ok(Some(manifest)) => manifest.keys().any(|name| !dir.join("tests/hidden").join(name).is_file()),
            _ => false,
        })
        .count()
}
