//! Kattis / ICPC problem packages (`problem.yaml`), in the legacy format and
//! the 2023-07 and 2025-09 versions, loaded into the same [`Problem`] as the
//! native format.
//!
//! The mapping:
//! - `data/sample` → samples, `data/secret` (recursively, test groups
//!   flattened into `hidden/<group>-<case>`) → hidden cases; for scoring
//!   problems the groups' points become [`TestCase::points`];
//! - `submissions/<dir>/` and `submissions/submissions.yaml` → solutions
//!   with their [`ExpectedVerdict`];
//! - `statement/` or `problem_statement/`: Markdown as is, LaTeX converted;
//! - limits: `limits.time_limit`, `.timelimit`, `domjudge-problem.ini`, else
//!   computed from the accepted submissions (see [`TimeLimit`]);
//! - `output_validator/` or `output_validators/`: one custom validator, or
//!   the default validator with its flags ([`Checker::KattisDefault`]).
//!
//! Interactive, multi-pass and submit-answer problems are refused. Anything
//! read but not supported becomes a [`Problem::notices`] entry. This module
//! never runs anything: computing a time limit from submissions is the
//! judge's job, with [`TimeLimit::FromSubmissions`] telling it how.
//!
//! Over 500 lines because it is the package's whole layout in one reader
//! (directories, `problem.yaml`, limits, what is refused); the formats
//! inside it have modules of their own.

mod export;
mod statement;
mod submissions;
mod testdata;
pub mod tex;
mod validator;
mod yaml;

use std::collections::BTreeMap;
use std::path::Path;

use serde_norway::{Mapping, Value};

use crate::error::{Diagnostics, ProblemError};
use crate::model::*;
use crate::native::{slug_of, MEMORY_LIMIT_RANGE_MB, TIME_LIMIT_RANGE_MS};

pub use export::{checker_name, write_native, ExportError};
pub use validator::{default_checker, default_checker_flags};

/// Memory above this is lowered: an OA practice judge runs several cases
/// at once on an ordinary machine, and OA platforms give 256–512 MiB.
pub const MEMORY_CAP_MB: u64 = 1024;
/// The package format's usual default when `limits.memory` is absent.
pub const DEFAULT_MEMORY_MB: u64 = 2048;
/// Time limit used until one is computed from the submissions.
pub const PROVISIONAL_TIME_LIMIT_MS: u64 = 10_000;

/// Which version of the format a package declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum FormatVersion {
    /// No `problem_format_version`, or `legacy` / `legacy-icpc`.
    Legacy,
    /// `2023-07-draft` or `2023-07`.
    V2023_07,
    /// `2025-09`, `2025-09-draft` or `draft`.
    V2025_09,
}

/// Where the time limit came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum TimeLimit {
    /// Given by the package: `problem.yaml`, `.timelimit` or
    /// `domjudge-problem.ini` (the file is named).
    Given { ms: u64, from: String },
    /// Not given: it is the slowest accepted submission's time multiplied by
    /// `ac_to_time_limit`, rounded up to a multiple of `resolution_s`
    /// (at least one); time-limit submissions must still exceed it
    /// multiplied by `time_limit_to_tle`.
    FromSubmissions { ac_to_time_limit: f64, time_limit_to_tle: f64, resolution_s: f64 },
}

impl TimeLimit {
    /// The limit for a slowest accepted run of `slowest_ms`, as problemtools
    /// computes it.
    pub fn from_slowest_ms(&self, slowest_ms: u64) -> u64 {
        match self {
            TimeLimit::Given { ms, .. } => *ms,
            TimeLimit::FromSubmissions { ac_to_time_limit, resolution_s, .. } => {
                let exact_s = slowest_ms as f64 / 1000.0 * ac_to_time_limit;
                let steps = (exact_s / resolution_s).ceil().max(1.0);
                (steps * resolution_s * 1000.0).round() as u64
            }
        }
    }
}

/// A loaded package: the problem plus what only packages have.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub problem: Problem,
    pub version: FormatVersion,
    pub time_limit: TimeLimit,
    /// Time-limit submissions must still be too slow with the limit
    /// multiplied by this (`time_limit_to_tle`, legacy `time_safety_margin`).
    pub time_limit_to_tle: f64,
}

/// Whether `dir` looks like a Kattis/ICPC package.
pub fn is_package(dir: &Path) -> bool {
    dir.join("problem.yaml").is_file()
}

/// Loads the package in `dir` as a problem. Without a time limit in the
/// package, the problem carries [`PROVISIONAL_TIME_LIMIT_MS`] and a notice;
/// use [`load_package`] to learn how to compute the real one.
pub fn load(dir: &Path) -> Result<Problem, ProblemError> {
    load_package(dir).map(|p| p.problem)
}

pub fn load_package(dir: &Path) -> Result<Package, ProblemError> {
    let mut diags = Diagnostics::default();
    let mut notices = Vec::new();
    let yaml_path = dir.join("problem.yaml");
    let Some(config) = yaml::read_mapping(&yaml_path, &mut diags) else {
        if diags.is_empty() {
            diags.push(&yaml_path, "missing: a Kattis package has a problem.yaml");
        }
        return diags.into_result(unreachable_problem());
    };

    let version = format_version(&config, &yaml_path, &mut diags);
    let types = problem_types(&config, version, &yaml_path, &mut diags);
    for refused in ["interactive", "multi-pass", "submit-answer"] {
        if types.iter().any(|t| t == refused) {
            let field =
                if version == FormatVersion::Legacy && refused == "interactive" { "validation" } else { "type" };
            diags.push(
                &yaml_path,
                format!(
                    "`{field}`: {refused} problems are not supported by OA Judge yet; this package cannot be judged"
                ),
            );
        }
    }
    if !diags.is_empty() {
        // Refused outright: reading the rest would only add noise.
        return diags.into_result(unreachable_problem());
    }
    let scoring = types.iter().any(|t| t == "scoring");

    let constants = constants(&config, &yaml_path, &mut diags);
    let limits = yaml::get(&config, "limits").and_then(Value::as_mapping).cloned().unwrap_or_default();
    if let Some(value) = yaml::get(&config, "limits").filter(|v| !v.is_mapping()) {
        diags.push(&yaml_path, format!("`limits` is {}, expected a mapping", yaml::kind(value)));
    }
    let (time_limit, time_limit_to_tle) = time_limit(dir, &limits, version, &yaml_path, &mut diags);
    let memory_limit_mb = memory_limit(&limits, &yaml_path, &mut diags, &mut notices);
    note_unsupported_keys(&config, &limits, &mut notices);

    // Validator flags: legacy problem.yaml `validator_flags`, then per group.
    let base_args = match yaml::get(&config, "validator_flags") {
        Some(value) => yaml::args(value, "validator_flags", &yaml_path, &mut diags),
        None => Vec::new(),
    };
    let data = testdata::read(dir, scoring, version == FormatVersion::Legacy, base_args, &mut diags, &mut notices);
    let checker = checker(dir, &config, version, &data, &yaml_path, &mut diags, &mut notices);
    let solutions = submissions::read(dir, &mut diags, &mut notices);
    let statement = statement::read(dir, &constants, &data.samples, &mut diags, &mut notices);
    if dir.join("include").is_dir() {
        notices.push("include/: files added to every submission are not supported; submissions get none".to_string());
    }
    let title = title(&config, &statement, dir, &yaml_path, &mut diags);
    notices.push("difficulty: packages have none; `medium` is used".to_string());

    let time_limit_ms = match &time_limit {
        TimeLimit::Given { ms, .. } => *ms,
        TimeLimit::FromSubmissions { .. } => {
            notices.push(format!(
                "time limit: none in the package; it is computed from the accepted submissions when they are judged \
                 (slowest × ac_to_time_limit, as problemtools does); {} s until then",
                PROVISIONAL_TIME_LIMIT_MS / 1000
            ));
            PROVISIONAL_TIME_LIMIT_MS
        }
    };
    let problem = Problem {
        slug: slug_of(dir),
        dir: dir.to_path_buf(),
        title,
        difficulty: Difficulty::Medium,
        kind: ProblemKind::Stdio,
        limits: ProblemLimits { time_limit_ms, memory_limit_mb },
        checker,
        signature: None,
        statement: statement.markdown,
        samples: data.samples,
        hidden: data.hidden,
        solutions,
        format: SourceFormat::Kattis,
        notices,
        topics: Vec::new(),
        minutes: None,
        // Single-file input validators; the Kattis protocol is the native one.
        validators: crate::native::files_of(&dir.join("input_validators")),
    };
    diags.into_result(Package { problem, version, time_limit, time_limit_to_tle })
}

/// Only built when there are diagnostics, so it is never returned.
fn unreachable_problem() -> Package {
    Package {
        problem: Problem {
            slug: String::new(),
            dir: Default::default(),
            title: String::new(),
            difficulty: Difficulty::Medium,
            kind: ProblemKind::Stdio,
            limits: ProblemLimits { time_limit_ms: 0, memory_limit_mb: 0 },
            checker: Checker::Tokens,
            signature: None,
            statement: String::new(),
            samples: vec![],
            hidden: vec![],
            solutions: vec![],
            format: SourceFormat::Kattis,
            notices: vec![],
            topics: vec![],
            minutes: None,
            validators: vec![],
        },
        version: FormatVersion::Legacy,
        time_limit: TimeLimit::Given { ms: 0, from: String::new() },
        time_limit_to_tle: 1.0,
    }
}

fn format_version(config: &Mapping, path: &Path, diags: &mut Diagnostics) -> FormatVersion {
    let Some(value) = yaml::get(config, "problem_format_version") else { return FormatVersion::Legacy };
    match value.as_str().unwrap_or_default() {
        "legacy" | "legacy-icpc" => FormatVersion::Legacy,
        "2023-07-draft" | "2023-07" => FormatVersion::V2023_07,
        "2025-09" | "2025-09-draft" | "draft" => FormatVersion::V2025_09,
        _ => {
            diags.push(
                path,
                format!("`problem_format_version` is {}, expected legacy, 2023-07-draft or 2025-09", yaml::show(value)),
            );
            FormatVersion::Legacy
        }
    }
}

/// The problem's types; the legacy `validation: custom interactive|score`
/// is folded in.
fn problem_types(config: &Mapping, version: FormatVersion, path: &Path, diags: &mut Diagnostics) -> Vec<String> {
    let mut types = match yaml::get(config, "type") {
        Some(value) => yaml::string_list(value, "type", path, diags),
        None => vec!["pass-fail".to_string()],
    };
    const KNOWN: &[&str] = &["pass-fail", "scoring", "interactive", "multi-pass", "submit-answer"];
    for t in &types {
        if !KNOWN.contains(&t.as_str()) {
            diags.push(path, format!("`type`: unknown problem type `{t}`, expected one of {}", KNOWN.join(", ")));
        }
    }
    if let Some(validation) = yaml::string(config, "validation", "validation", path, diags) {
        let words: Vec<&str> = validation.split_whitespace().collect();
        if version != FormatVersion::Legacy {
            diags.push(path, "`validation` is a legacy key; in this format version the problem `type` says it");
        } else if words.first().is_some_and(|w| *w == "custom") {
            if words.contains(&"interactive") {
                types.push("interactive".to_string());
            }
        } else if words.first().is_some_and(|w| *w != "default") {
            diags.push(
                path,
                format!("`validation` is {validation:?}, expected `default` or `custom [interactive] [score]`"),
            );
        }
    }
    types
}

fn constants(config: &Mapping, path: &Path, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(value) = yaml::get(config, "constants") else { return out };
    let Some(map) = value.as_mapping() else {
        diags.push(path, format!("`constants` is {}, expected a mapping of names to values", yaml::kind(value)));
        return out;
    };
    for (key, value) in map {
        let name = yaml::show(key).trim_matches('"').to_string();
        match value {
            Value::String(s) => out.insert(name, s.clone()),
            Value::Number(n) => out.insert(name, n.to_string()),
            other => {
                diags.push(path, format!("`constants.{name}` is {}, expected a number or a string", yaml::kind(other)));
                None
            }
        };
    }
    out
}

/// The time limit (or how to compute it) and the `time_limit_to_tle` margin.
fn time_limit(
    dir: &Path,
    limits: &Mapping,
    version: FormatVersion,
    yaml_path: &Path,
    diags: &mut Diagnostics,
) -> (TimeLimit, f64) {
    // The multipliers of the version, overridden by the package.
    let (mut ac, mut tle) = match version {
        FormatVersion::Legacy => (5.0, 2.0),
        _ => (2.0, 1.5),
    };
    if let Some(m) = yaml::get(limits, "time_multipliers").and_then(Value::as_mapping) {
        ac = multiplier(m, "time_multipliers.ac_to_time_limit", "ac_to_time_limit", ac, yaml_path, diags);
        tle = multiplier(m, "time_multipliers.time_limit_to_tle", "time_limit_to_tle", tle, yaml_path, diags);
    }
    ac = multiplier(limits, "time_multiplier", "time_multiplier", ac, yaml_path, diags);
    tle = multiplier(limits, "time_safety_margin", "time_safety_margin", tle, yaml_path, diags);
    let to_ms = |seconds: f64, field: &str, path: &Path, diags: &mut Diagnostics| -> u64 {
        let ms = (seconds * 1000.0).round() as u64;
        let (lo, hi) = TIME_LIMIT_RANGE_MS;
        if !(lo..=hi).contains(&ms) {
            diags.push(
                path,
                format!("`{field}` is {seconds} s; OA Judge accepts {} s to {} s", lo as f64 / 1000.0, hi / 1000),
            );
        }
        ms.clamp(lo, hi)
    };
    if let Some(seconds) = yaml::positive_number(limits, "time_limit", "limits.time_limit", "seconds", yaml_path, diags)
    {
        let ms = to_ms(seconds, "limits.time_limit", yaml_path, diags);
        return (TimeLimit::Given { ms, from: "problem.yaml `limits.time_limit`".to_string() }, tle);
    }
    let dot = dir.join(".timelimit");
    if let Ok(text) = std::fs::read_to_string(&dot) {
        let limit = match text.trim().parse::<f64>() {
            Ok(seconds) if seconds > 0.0 && seconds.is_finite() => {
                TimeLimit::Given { ms: to_ms(seconds, "time limit", &dot, diags), from: ".timelimit".to_string() }
            }
            _ => {
                diags.push(&dot, format!("expected a number of seconds, found {:?}", text.trim()));
                TimeLimit::Given { ms: PROVISIONAL_TIME_LIMIT_MS, from: ".timelimit".to_string() }
            }
        };
        return (limit, tle);
    }
    let ini = dir.join("domjudge-problem.ini");
    if let Ok(text) = std::fs::read_to_string(&ini) {
        for (i, line) in text.lines().enumerate() {
            let Some((key, value)) = line.split_once('=') else { continue };
            if key.trim() != "timelimit" {
                continue;
            }
            let value = value.trim().trim_matches(|c| c == '\'' || c == '"');
            let limit = match value.parse::<f64>() {
                Ok(seconds) if seconds > 0.0 && seconds.is_finite() => TimeLimit::Given {
                    ms: to_ms(seconds, "timelimit", &ini, diags),
                    from: "domjudge-problem.ini `timelimit`".to_string(),
                },
                _ => {
                    diags.push_at(&ini, Some(i + 1), format!("`timelimit` is {value:?}, expected a number of seconds"));
                    TimeLimit::Given { ms: PROVISIONAL_TIME_LIMIT_MS, from: "domjudge-problem.ini".to_string() }
                }
            };
            return (limit, tle);
        }
    }
    let resolution_s =
        yaml::positive_number(limits, "time_resolution", "limits.time_resolution", "seconds", yaml_path, diags)
            .unwrap_or(1.0);
    (TimeLimit::FromSubmissions { ac_to_time_limit: ac, time_limit_to_tle: tle, resolution_s }, tle)
}

fn multiplier(map: &Mapping, field: &str, key: &str, default: f64, path: &Path, diags: &mut Diagnostics) -> f64 {
    let Some(value) = yaml::get(map, key) else { return default };
    match yaml::as_f64(value) {
        Some(v) if v >= 1.0 => v,
        _ => {
            diags.push(path, format!("`limits.{field}` is {}, expected a number >= 1", yaml::show(value)));
            default
        }
    }
}

fn memory_limit(limits: &Mapping, path: &Path, diags: &mut Diagnostics, notices: &mut Vec<String>) -> u64 {
    let given = yaml::positive_number(limits, "memory", "limits.memory", "MiB", path, diags).map(|m| m.round() as u64);
    let memory = given.unwrap_or(DEFAULT_MEMORY_MB);
    let (lo, _) = MEMORY_LIMIT_RANGE_MB;
    if memory < lo {
        diags.push(path, format!("`limits.memory` is {memory} MiB; OA Judge needs at least {lo} MiB"));
        return lo;
    }
    if memory > MEMORY_CAP_MB {
        let why = match given {
            Some(m) => format!("limits.memory is {m} MiB"),
            None => format!("no limits.memory, so the format's default {DEFAULT_MEMORY_MB} MiB applies"),
        };
        notices.push(format!("memory limit: {why}; OA Judge caps it at {MEMORY_CAP_MB} MiB"));
        return MEMORY_CAP_MB;
    }
    memory
}

/// Keys that change how a problem is judged but that OA Judge ignores.
fn note_unsupported_keys(config: &Mapping, limits: &Mapping, notices: &mut Vec<String>) {
    if let Some(languages) = yaml::get(config, "languages") {
        if languages.as_str() != Some("all") {
            notices
                .push("languages: the package restricts languages; OA Judge accepts all of its languages".to_string());
        }
    }
    for key in [
        "output",
        "code",
        "compilation_time",
        "compilation_memory",
        "validation_time",
        "validation_memory",
        "validation_output",
    ] {
        if yaml::get(limits, key).is_some() {
            notices.push(format!("limits.{key} is not supported by OA Judge and is ignored"));
        }
    }
    if let Some(grading) = yaml::get(config, "grading").and_then(Value::as_mapping) {
        if yaml::get(grading, "objective").and_then(Value::as_str) == Some("min") {
            notices.push("grading.objective min: OA Judge always maximizes the score".to_string());
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn checker(
    dir: &Path,
    config: &Mapping,
    version: FormatVersion,
    data: &testdata::TestData,
    yaml_path: &Path,
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
) -> Checker {
    // One checker per problem: every case must use the same arguments.
    let mut args: Option<(&Vec<String>, &Option<std::path::PathBuf>, &str)> = None;
    for (name, case_args, from) in &data.validator_args {
        match args {
            None => args = Some((case_args, from, name)),
            Some((first, first_from, first_name)) if first != case_args => {
                let place = |from: &Option<std::path::PathBuf>| {
                    from.as_ref().map(|p| statement::relative(dir, p)).unwrap_or_else(|| "problem.yaml".to_string())
                };
                diags.push(
                    from.as_deref().unwrap_or(yaml_path),
                    format!(
                        "output validator arguments differ between cases ({first_name}: {:?} from {}; {name}: {:?} from {}); \
                         OA Judge uses one set of arguments per problem",
                        first.join(" "),
                        place(first_from),
                        case_args.join(" "),
                        place(from)
                    ),
                );
                break;
            }
            _ => {}
        }
    }
    let args: Vec<String> = args.map(|(a, _, _)| a.clone()).unwrap_or_default();
    let dirs = ["output_validator", "output_validators"].map(|d| dir.join(d));
    let present: Vec<&std::path::PathBuf> = dirs.iter().filter(|d| d.is_dir()).collect();
    let legacy_custom = yaml::get(config, "validation")
        .and_then(Value::as_str)
        .is_some_and(|v| v.split_whitespace().next() == Some("custom"));
    if legacy_custom && yaml::get(config, "validation").and_then(Value::as_str).is_some_and(|v| v.contains("score")) {
        notices.push(
            "validation: custom score: scores written by the validator are ignored; an accepted case earns its points"
                .to_string(),
        );
    }
    let validator_dir = match present.as_slice() {
        [] => {
            if legacy_custom {
                diags.push(yaml_path, "`validation: custom` but there is no output_validators/ directory");
            }
            None
        }
        [one] => Some((*one).clone()),
        [first, ..] => {
            notices.push(format!(
                "both output_validator/ and output_validators/ exist; {} is used",
                statement::relative(dir, first)
            ));
            Some((*first).clone())
        }
    };
    match validator_dir {
        Some(validator_dir) => {
            if version == FormatVersion::Legacy && !legacy_custom {
                notices.push(format!(
                    "{} exists but problem.yaml does not say `validation: custom`; the custom validator is used",
                    statement::relative(dir, &validator_dir)
                ));
            }
            validator::custom_checker(&validator_dir, args, diags).unwrap_or(Checker::Tokens)
        }
        None => match validator::default_checker(&args) {
            Ok(checker) => checker,
            Err(message) => {
                let source = data
                    .validator_args
                    .iter()
                    .find_map(|(_, _, from)| from.clone())
                    .unwrap_or_else(|| yaml_path.to_path_buf());
                let field = if source == yaml_path { "validator_flags" } else { "output validator flags" };
                diags.push(source, format!("{field}: {message}"));
                Checker::Tokens
            }
        },
    }
}

fn title(
    config: &Mapping,
    statement: &statement::Statement,
    dir: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> String {
    let from_yaml = match yaml::get(config, "name") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Mapping(names)) => {
            yaml::get(names, "en").or_else(|| names.values().next()).and_then(Value::as_str).map(str::to_string)
        }
        Some(other) => {
            diags.push(
                path,
                format!("`name` is {}, expected a string or a mapping of languages to names", yaml::kind(other)),
            );
            None
        }
        None => None,
    };
    from_yaml
        .or_else(|| statement.title.clone())
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| slug_of(dir))
}

#[cfg(test)]
mod tests;
