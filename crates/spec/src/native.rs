//! The native problem format: `problem.toml`, `statement.md`,
//! `tests/{sample,hidden}/NAME.{in,ans}`, `solutions/<expected>/`, `checker/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostics, ProblemError};
use crate::model::*;
use crate::signature::Signature;

pub const TIME_LIMIT_RANGE_MS: (u64, u64) = (100, 60_000);
pub const MEMORY_LIMIT_RANGE_MB: (u64, u64) = (16, 4096);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemToml {
    title: String,
    difficulty: Difficulty,
    #[serde(default = "default_kind")]
    kind: ProblemKind,
    time_limit_ms: u64,
    memory_limit_mb: u64,
    #[serde(default = "default_checker")]
    checker: String,
    float_abs_tol: Option<f64>,
    float_rel_tol: Option<f64>,
    /// Extra arguments for a custom checker.
    #[serde(default)]
    checker_args: Vec<String>,
    signature: Option<Signature>,
    /// Points of hidden cases by stem (`"big-1" = 20`); others count 1.
    #[serde(default)]
    points: BTreeMap<String, f64>,
    /// Free-form labels; not interpreted (`topics` is what OAs are drawn by).
    #[serde(default)]
    #[allow(dead_code)]
    tags: Vec<String>,
    /// What the problem practises, lowercase words joined by `-`.
    #[serde(default)]
    topics: Vec<String>,
    /// Estimated solving time in minutes.
    minutes: Option<u32>,
    /// Where the problem idea comes from; not interpreted.
    #[allow(dead_code)]
    source: Option<String>,
}

fn default_kind() -> ProblemKind {
    ProblemKind::Stdio
}

fn default_checker() -> String {
    "tokens".to_string()
}

pub fn load(dir: &Path) -> Result<Problem, ProblemError> {
    let mut diags = Diagnostics::default();
    let toml_path = dir.join("problem.toml");
    let text = match std::fs::read_to_string(&toml_path) {
        Ok(text) => text,
        Err(e) => return Err(ProblemError::single(&toml_path, format!("cannot read: {e}"))),
    };
    let parsed: ProblemToml = match toml::from_str(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            let line = e.span().map(|span| line_of(&text, span.start));
            // The toml message already says what was expected; drop its
            // own location header since we print path:line.
            let message = e.message().to_string();
            return Err(ProblemError { diagnostics: vec![crate::Diagnostic { path: toml_path, line, message }] });
        }
    };

    for topic in &parsed.topics {
        if topic.is_empty() || !topic.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            diags.push(
                &toml_path,
                format!("topic `{topic}` must be lowercase words joined by `-` (e.g. `sliding-window`)"),
            );
        }
    }
    if let Some(minutes) = parsed.minutes {
        if !(1..=180).contains(&minutes) {
            diags.push(&toml_path, format!("`minutes` is {minutes}, expected between 1 and 180"));
        }
    }
    let validators = files_of(&dir.join("validators"));
    if parsed.title.trim().is_empty() {
        diags.push(&toml_path, "`title` is empty");
    }
    let (lo, hi) = TIME_LIMIT_RANGE_MS;
    if !(lo..=hi).contains(&parsed.time_limit_ms) {
        diags.push(&toml_path, format!("`time_limit_ms` is {}, expected between {lo} and {hi}", parsed.time_limit_ms));
    }
    let (lo, hi) = MEMORY_LIMIT_RANGE_MB;
    if !(lo..=hi).contains(&parsed.memory_limit_mb) {
        diags.push(
            &toml_path,
            format!("`memory_limit_mb` is {}, expected between {lo} and {hi}", parsed.memory_limit_mb),
        );
    }

    match (parsed.kind, &parsed.signature) {
        (ProblemKind::Function, None) => diags.push(&toml_path, "`kind = \"function\"` needs a [signature] table"),
        (ProblemKind::Stdio, Some(_)) => {
            diags.push(&toml_path, "[signature] is only for `kind = \"function\"`; remove it or set the kind")
        }
        (_, Some(signature)) => {
            for problem in signature.problems() {
                diags.push(&toml_path, format!("[signature]: {problem}"));
            }
        }
        _ => {}
    }

    let checker = checker_from(&parsed, dir, &toml_path, &mut diags);

    let statement_path = dir.join("statement.md");
    let statement = match std::fs::read_to_string(&statement_path) {
        Ok(text) => text,
        Err(e) => {
            diags.push(&statement_path, format!("cannot read the statement: {e}"));
            String::new()
        }
    };

    let samples = read_cases(&dir.join("tests/sample"), Visibility::Sample, false, &mut diags);
    let mut hidden = read_cases(&dir.join("tests/hidden"), Visibility::Hidden, true, &mut diags);
    for (stem, points) in &parsed.points {
        match hidden.iter_mut().find(|c| c.name.strip_prefix("hidden/") == Some(stem.as_str())) {
            Some(case) if points.is_finite() && *points >= 0.0 => case.points = Some(*points),
            Some(_) => diags.push(&toml_path, format!("[points] `{stem}` is {points}, expected a number >= 0")),
            None => diags.push(&toml_path, format!("[points] names `{stem}`, which is not a case in tests/hidden")),
        }
    }
    check_unique_names(&samples, &hidden, dir, &mut diags);
    if let (ProblemKind::Function, Some(signature)) = (parsed.kind, &parsed.signature) {
        for case in samples.iter().chain(&hidden) {
            crate::testdata::check_case(signature, case, &mut diags, false);
        }
    }
    let solutions = read_solutions(&dir.join("solutions"), &mut diags);

    let problem = Problem {
        slug: slug_of(dir),
        dir: dir.to_path_buf(),
        title: parsed.title.trim().to_string(),
        difficulty: parsed.difficulty,
        kind: parsed.kind,
        limits: ProblemLimits { time_limit_ms: parsed.time_limit_ms, memory_limit_mb: parsed.memory_limit_mb },
        checker,
        signature: parsed.signature,
        statement,
        samples,
        hidden,
        solutions,
        format: SourceFormat::Native,
        notices: Vec::new(),
        topics: parsed.topics,
        minutes: parsed.minutes,
        validators,
    };
    diags.into_result(problem)
}

pub(crate) fn slug_of(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "problem".to_string())
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn checker_from(parsed: &ProblemToml, dir: &Path, toml_path: &Path, diags: &mut Diagnostics) -> Checker {
    let tolerances_given = parsed.float_abs_tol.is_some() || parsed.float_rel_tol.is_some();
    if tolerances_given && parsed.checker != "float" {
        diags.push(toml_path, "`float_abs_tol` and `float_rel_tol` only apply with `checker = \"float\"`");
    }
    if !parsed.checker_args.is_empty() && !matches!(parsed.checker.as_str(), "custom" | "kattis_default") {
        diags.push(toml_path, "`checker_args` only applies with `checker = \"custom\"` or `\"kattis_default\"`");
    }
    match parsed.checker.as_str() {
        "exact" => Checker::Exact,
        "tokens" => Checker::Tokens,
        "unordered" => Checker::Unordered,
        "any_order_nested" => Checker::AnyOrderNested,
        "float" => {
            let abs_tol = parsed.float_abs_tol.unwrap_or(1e-6);
            let rel_tol = parsed.float_rel_tol.unwrap_or(1e-6);
            for (name, value) in [("float_abs_tol", abs_tol), ("float_rel_tol", rel_tol)] {
                if !(value.is_finite() && value >= 0.0) {
                    diags.push(toml_path, format!("`{name}` is {value}, expected a number >= 0"));
                }
            }
            Checker::Float { abs_tol, rel_tol }
        }
        // The default output validator of Kattis packages, with its flags
        // in `checker_args`; written by `oaj import`.
        "kattis_default" if parsed.kind == ProblemKind::Function => {
            diags
                .push(toml_path, "`checker = \"kattis_default\"` compares text output; use it with `kind = \"stdio\"`");
            Checker::Tokens
        }
        "kattis_default" => crate::kattis::default_checker(&parsed.checker_args).unwrap_or_else(|message| {
            diags.push(toml_path, format!("`checker_args`: {message}"));
            Checker::Tokens
        }),
        "custom" => {
            let checker_dir = dir.join("checker");
            let sources: Vec<PathBuf> = std::fs::read_dir(&checker_dir)
                .map(|entries| {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file() && p.file_stem().is_some_and(|s| s == "checker"))
                        .collect();
                    files.sort();
                    files
                })
                .unwrap_or_default();
            match sources.as_slice() {
                [source] => {
                    Checker::Custom(CustomChecker { source: source.clone(), args: parsed.checker_args.clone() })
                }
                [] => {
                    diags.push(
                        &checker_dir,
                        "`checker = \"custom\"` needs one source file named checker.<ext> here (checker.cpp, checker.py, ...)",
                    );
                    Checker::Tokens
                }
                _ => {
                    diags.push(&checker_dir, "more than one checker.<ext> file; keep exactly one");
                    Checker::Tokens
                }
            }
        }
        other => {
            diags.push(
                toml_path,
                format!(
                    "unknown `checker = \"{other}\"`: expected exact, tokens, float, unordered, any_order_nested, kattis_default or custom"
                ),
            );
            Checker::Tokens
        }
    }
}

/// Reads `NAME.in` + `NAME.ans` pairs from `dir`, in natural order.
pub(crate) fn read_cases(dir: &Path, visibility: Visibility, required: bool, diags: &mut Diagnostics) -> Vec<TestCase> {
    let prefix = match visibility {
        Visibility::Sample => "sample",
        Visibility::Hidden => "hidden",
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            if required || dir.exists() {
                diags.push(dir, format!("cannot read the test directory: {e}"));
            }
            return vec![];
        }
    };
    // stem -> (has .in, has .ans)
    let mut stems: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if let Some(stem) = name.strip_suffix(".in") {
            stems.entry(stem.to_string()).or_default().0 = true;
        } else if let Some(stem) = name.strip_suffix(".ans") {
            stems.entry(stem.to_string()).or_default().1 = true;
        }
    }
    let mut cases = Vec::new();
    for (stem, (has_in, has_ans)) in &stems {
        let input = dir.join(format!("{stem}.in"));
        let answer = dir.join(format!("{stem}.ans"));
        match (has_in, has_ans) {
            (true, false) => diags.push(&input, format!("test case `{stem}` has no answer file {stem}.ans")),
            (false, true) => diags.push(&answer, format!("test case `{stem}` has no input file {stem}.in")),
            _ => {
                for path in [&input, &answer] {
                    if let Err(e) = std::fs::File::open(path) {
                        diags.push(path, format!("cannot read: {e}"));
                    }
                }
                cases.push(TestCase { name: format!("{prefix}/{stem}"), input, answer, visibility, points: None })
            }
        }
    }
    if required && stems.is_empty() {
        diags.push(dir, "no test cases: add NAME.in and NAME.ans files");
    }
    cases.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    cases
}

/// Case names must stay distinct where file systems or people might fold
/// them together: `Max.in` and `max.in` are one case to a reader.
fn check_unique_names(samples: &[TestCase], hidden: &[TestCase], dir: &Path, diags: &mut Diagnostics) {
    for cases in [samples, hidden] {
        let mut seen = std::collections::HashMap::new();
        for case in cases {
            if let Some(previous) = seen.insert(case.name.to_lowercase(), case.name.clone()) {
                diags.push(
                    dir.join("tests"),
                    format!(
                        "duplicate test case name: `{previous}` and `{}` differ only in case; rename one",
                        case.name
                    ),
                );
            }
        }
    }
}

fn read_solutions(dir: &Path, diags: &mut Diagnostics) -> Vec<Solution> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut solutions = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(expected) = ExpectedVerdict::from_dir_name(&name) else {
            diags.push(
                &path,
                "unknown solutions directory: expected accepted, wrong_answer, time_limit, runtime_error or memory_limit",
            );
            continue;
        };
        if let Ok(files) = std::fs::read_dir(&path) {
            for file in files.flatten() {
                let file = file.path();
                if file.is_file() && !file.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                    solutions.push(Solution { path: file, expected });
                }
            }
        }
    }
    solutions.sort_by(|a, b| a.path.cmp(&b.path));
    solutions
}

/// Orders "2" before "10" so cases run in the order people number them.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, sa), (db, sb)) in ca.iter().zip(cb.iter()) {
        let ord = if *da && *db {
            let (ta, tb) = (sa.trim_start_matches('0'), sb.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then(ta.cmp(tb))
        } else {
            sa.cmp(sb)
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    // Equal apart from leading zeros: fall back to plain order so the
    // result is still total.
    ca.len().cmp(&cb.len()).then(a.cmp(b))
}

/// The regular files directly in `dir`, sorted; none when it does not exist.
pub(crate) fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}
