//! Test data: `data/sample` and `data/secret` (recursively, in test groups),
//! with the group settings of `testdata.yaml` (legacy) or `test_group.yaml`
//! (2023-07 and later): output validator flags and, for scoring problems,
//! the points each case is worth.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_norway::{Mapping, Value};

use super::statement::relative;
use super::yaml;
use crate::error::Diagnostics;
use crate::model::{TestCase, Visibility};
use crate::native::natural_cmp;

/// Cases with the output validator arguments that apply to them.
pub(crate) struct TestData {
    pub samples: Vec<TestCase>,
    pub hidden: Vec<TestCase>,
    /// Validator arguments per case name, with the file that set them.
    pub validator_args: Vec<(String, Vec<String>, Option<PathBuf>)>,
}

/// Settings a group passes down to its cases and subgroups.
#[derive(Clone, Default)]
struct Inherited {
    args: Vec<String>,
    args_from: Option<PathBuf>,
    /// Legacy `accept_score`: points for each accepted case.
    accept_score: Option<f64>,
}

struct RawCase {
    /// Path under `data/<top>/` without `.in`, with `/` between groups.
    rel: String,
    input: PathBuf,
    answer: PathBuf,
    args: Vec<String>,
    args_from: Option<PathBuf>,
    accept_score: Option<f64>,
    /// The top-level group under `data/secret` the case belongs to, if any.
    group: Option<String>,
}

pub(crate) fn read(
    root: &Path,
    scoring: bool,
    legacy: bool,
    base_args: Vec<String>,
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
) -> TestData {
    let data = root.join("data");
    let mut inherited = Inherited { args: base_args, ..Inherited::default() };
    // Settings in data/ itself apply to both sample and secret.
    apply_group_config(root, &data, &mut inherited, diags, notices, &mut None);

    let mut sample_raw = Vec::new();
    let sample_dir = data.join("sample");
    if sample_dir.is_dir() {
        let mut sample_inherited = inherited.clone();
        apply_group_config(root, &sample_dir, &mut sample_inherited, diags, notices, &mut None);
        walk(root, &sample_dir, "", &sample_inherited, None, &mut sample_raw, diags, notices);
        if sample_raw.iter().any(|c| c.rel.contains('/')) {
            diags.push(&sample_dir, "data/sample must not contain test groups (subdirectories with test cases)");
        }
    }

    let secret_dir = data.join("secret");
    let mut secret_raw = Vec::new();
    let mut secret_config = None;
    // A package without secret data (DOMjudge's example `hello` has one
    // sample and nothing else) is judged on its samples, as DOMjudge judges
    // samples too: they become the hidden cases as well.
    let mut samples_as_secret = false;
    if secret_dir.is_dir() {
        let mut secret_inherited = inherited.clone();
        apply_group_config(root, &secret_dir, &mut secret_inherited, diags, notices, &mut secret_config);
        walk(root, &secret_dir, "", &secret_inherited, None, &mut secret_raw, diags, notices);
        if secret_raw.is_empty() {
            if sample_raw.is_empty() {
                diags.push(&secret_dir, "no test cases: add NAME.in and NAME.ans files (or test groups with them)");
            } else {
                samples_as_secret = true;
            }
        }
    } else if sample_raw.is_empty() {
        diags.push(
            &secret_dir,
            "missing: a package keeps its test cases in data/secret/ (or at least samples in data/sample/)",
        );
    } else {
        samples_as_secret = true;
    }
    if samples_as_secret {
        notices.push(format!(
            "test data: data/secret has no test cases, so the {} sample case(s) are judged as the test set too \
             (as DOMjudge judges samples)",
            sample_raw.len()
        ));
        secret_raw = sample_raw
            .iter()
            .map(|c| RawCase {
                rel: c.rel.clone(),
                input: c.input.clone(),
                answer: c.answer.clone(),
                args: c.args.clone(),
                args_from: c.args_from.clone(),
                accept_score: c.accept_score,
                group: None,
            })
            .collect();
    }

    let points = if scoring {
        points(root, &secret_dir, secret_config.as_ref(), &secret_raw, legacy, diags, notices)
    } else {
        vec![None; secret_raw.len()]
    };

    let samples: Vec<TestCase> = sample_raw
        .iter()
        .map(|c| TestCase {
            name: format!("sample/{}", c.rel),
            input: c.input.clone(),
            answer: c.answer.clone(),
            visibility: Visibility::Sample,
            points: None,
        })
        .collect();
    let sample_stems: HashMap<String, ()> = sample_raw.iter().map(|c| (c.rel.to_lowercase(), ())).collect();
    let mut hidden = Vec::new();
    let mut names: HashMap<String, String> = HashMap::new();
    for (case, points) in secret_raw.iter().zip(points) {
        // The native format keeps hidden cases in one flat directory, and a
        // case name must not repeat a sample's; keep names importable.
        let mut stem = case.rel.replace('/', "-");
        if !samples_as_secret && sample_stems.contains_key(&stem.to_lowercase()) {
            stem = format!("secret-{stem}");
        }
        if let Some(previous) = names.insert(stem.to_lowercase(), case.rel.clone()) {
            diags.push(
                &case.input,
                format!(
                    "secret/{} and secret/{previous} both become the case name `{stem}` once groups are flattened; rename one",
                    case.rel
                ),
            );
        }
        hidden.push(TestCase {
            name: format!("hidden/{stem}"),
            input: case.input.clone(),
            answer: case.answer.clone(),
            visibility: Visibility::Hidden,
            points,
        });
    }
    let mut validator_args = Vec::new();
    for (case, test) in sample_raw.iter().zip(&samples).chain(secret_raw.iter().zip(&hidden)) {
        validator_args.push((test.name.clone(), case.args.clone(), case.args_from.clone()));
    }
    let mut samples = samples;
    samples.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    hidden.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    TestData { samples, hidden, validator_args }
}

/// Reads `test_group.yaml` or `testdata.yaml` in `dir` into `inherited`.
fn apply_group_config(
    root: &Path,
    dir: &Path,
    inherited: &mut Inherited,
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
    keep: &mut Option<(PathBuf, Mapping)>,
) {
    let new = dir.join("test_group.yaml");
    let old = dir.join("testdata.yaml");
    let path = match (new.is_file(), old.is_file()) {
        (true, true) => {
            notices.push(format!(
                "{} and {} both exist; only test_group.yaml is read",
                relative(root, &new),
                relative(root, &old)
            ));
            new
        }
        (true, false) => new,
        (false, true) => old,
        (false, false) => return,
    };
    let Some(map) = yaml::read_mapping(&path, diags) else { return };
    let shown = relative(root, &path);
    if let Some(value) = yaml::get(&map, "output_validator_args") {
        inherited.args = yaml::args(value, "output_validator_args", &path, diags);
        inherited.args_from = Some(path.clone());
    } else if let Some(value) = yaml::get(&map, "output_validator_flags") {
        // Legacy: appended to problem.yaml's validator_flags.
        let mut args = inherited.args.clone();
        args.extend(yaml::args(value, "output_validator_flags", &path, diags));
        inherited.args = args;
        inherited.args_from = Some(path.clone());
    }
    if yaml::get(&map, "accept_score").is_some() {
        inherited.accept_score = yaml::positive_number(&map, "accept_score", "accept_score", "points", &path, diags);
    }
    for key in ["args", "require_pass", "static_validation", "static_validation_score", "on_reject"] {
        if yaml::get(&map, key).is_some()
            && !(key == "on_reject" && yaml::get(&map, key) == Some(&Value::from("break")))
        {
            notices.push(format!("{shown}: `{key}` is not supported by OA Judge and is ignored"));
        }
    }
    *keep = Some((path, map));
}

#[allow(clippy::too_many_arguments)]
fn walk(
    root: &Path,
    dir: &Path,
    prefix: &str,
    inherited: &Inherited,
    group: Option<&str>,
    out: &mut Vec<RawCase>,
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
) {
    let entries = super::validator::visible_entries(dir);
    let mut stems: BTreeMap<String, ()> = BTreeMap::new();
    for path in &entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_file() {
            if let Some(stem) = name.strip_suffix(".in") {
                stems.insert(stem.to_string(), ());
            } else if let Some(stem) = name.strip_suffix(".interaction") {
                if !dir.join(format!("{stem}.in")).is_file() {
                    diags.push(path, "an interaction log without a .in file: interactive problems are not supported");
                }
            } else if let Some(stem) = name.strip_suffix(".ans") {
                if !dir.join(format!("{stem}.in")).is_file() {
                    diags.push(path, format!("answer file without an input file: add {stem}.in or remove {name}"));
                }
            }
        }
    }
    for stem in stems.keys() {
        let input = dir.join(format!("{stem}.in"));
        let answer = dir.join(format!("{stem}.ans"));
        if !answer.is_file() {
            diags.push(&input, format!("test case `{stem}` has no answer file {stem}.ans"));
            continue;
        }
        let mut args = inherited.args.clone();
        let mut args_from = inherited.args_from.clone();
        let case_yaml = dir.join(format!("{stem}.yaml"));
        if let Some(map) = yaml::read_mapping(&case_yaml, diags) {
            if let Some(value) = yaml::get(&map, "output_validator_args") {
                args = yaml::args(value, "output_validator_args", &case_yaml, diags);
                args_from = Some(case_yaml.clone());
            }
            if yaml::get(&map, "args").is_some() {
                notices.push(format!(
                    "{}: `args` (command-line arguments for submissions) is not supported and is ignored",
                    relative(root, &case_yaml)
                ));
            }
        }
        if dir.join(format!("{stem}.files")).is_dir() {
            notices.push(format!(
                "{}: input files for file I/O are not supported; the case gets only its standard input",
                relative(root, &dir.join(format!("{stem}.files")))
            ));
        }
        out.push(RawCase {
            rel: format!("{prefix}{stem}"),
            input,
            answer,
            args,
            args_from,
            accept_score: inherited.accept_score,
            group: group.map(str::to_string),
        });
    }
    for path in entries.iter().filter(|p| p.is_dir()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(".files") {
            continue;
        }
        let mut child = inherited.clone();
        apply_group_config(root, path, &mut child, diags, notices, &mut None);
        let group = group.map(str::to_string).unwrap_or_else(|| name.clone());
        walk(root, path, &format!("{prefix}{name}/"), &child, Some(&group), out, diags, notices);
    }
}

/// Points per secret case for a scoring problem.
///
/// OA Judge scores a submission as the sum of the points of the cases it
/// passes. A group that the package scores all-or-nothing (`min` or
/// `pass-fail` aggregation) is spread evenly over its cases, which gives the
/// same total for a submission that passes the group and partial credit for
/// one that does not; that difference is reported.
fn points(
    root: &Path,
    secret_dir: &Path,
    secret_config: Option<&(PathBuf, Mapping)>,
    cases: &[RawCase],
    legacy: bool,
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
) -> Vec<Option<f64>> {
    if legacy {
        // Legacy graders add `accept_score` (default 1) per accepted case,
        // unless a group's grader takes the minimum.
        let mut counts: HashMap<Option<String>, usize> = HashMap::new();
        for case in cases {
            *counts.entry(case.group.clone()).or_default() += 1;
        }
        let mut min_groups = Vec::new();
        let result = cases
            .iter()
            .map(|case| {
                let score = case.accept_score.unwrap_or(1.0);
                let group_dir = match &case.group {
                    Some(g) => secret_dir.join(g),
                    None => secret_dir.to_path_buf(),
                };
                if grader_takes_min(&group_dir, diags) {
                    if !min_groups.contains(&group_dir) {
                        min_groups.push(group_dir.clone());
                    }
                    Some(score / counts[&case.group] as f64)
                } else {
                    Some(score)
                }
            })
            .collect();
        for dir in min_groups {
            notices.push(format!(
                "{}: the group is scored all-or-nothing (grader_flags min); OA Judge spreads its points over its cases",
                relative(root, &dir)
            ));
        }
        return result;
    }

    let secret_max = match secret_config {
        Some((path, map)) => max_score(map, path, diags).unwrap_or(Some(100.0)),
        None => Some(100.0),
    };
    let grouped = cases.iter().any(|c| c.group.is_some());
    if !grouped {
        let n = cases.len().max(1) as f64;
        let each = secret_max.map(|m| m / n);
        if let Some((path, map)) = secret_config {
            note_all_or_nothing(root, path, map, "sum", notices);
        }
        return cases.iter().map(|_| each.or(Some(1.0))).collect();
    }
    let mut group_names: Vec<String> = cases.iter().filter_map(|c| c.group.clone()).collect();
    group_names.dedup();
    let mut group_max: HashMap<String, Option<f64>> = HashMap::new();
    for name in &group_names {
        let dir = secret_dir.join(name);
        let config = ["test_group.yaml", "testdata.yaml"].map(|f| dir.join(f)).into_iter().find(|p| p.is_file());
        let mut max = None;
        if let Some(path) = config {
            if let Some(map) = yaml::read_mapping(&path, &mut Diagnostics::default()) {
                max = max_score(&map, &path, diags).flatten();
                note_all_or_nothing(root, &path, &map, "pass-fail", notices);
            }
        } else {
            notices.push(format!(
                "{}: the group is scored all-or-nothing (pass-fail); OA Judge spreads its points over its cases",
                relative(root, &dir)
            ));
        }
        if max.is_none() && secret_max.is_some() {
            diags.push(
                &dir,
                "this group of a scoring problem has no `max_score` in its test_group.yaml; give it the points it is worth",
            );
        }
        group_max.insert(name.clone(), max);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for case in cases {
        if let Some(g) = &case.group {
            *counts.entry(g.as_str()).or_default() += 1;
        }
    }
    cases
        .iter()
        .map(|case| match &case.group {
            Some(g) => Some(group_max.get(g).copied().flatten().unwrap_or(1.0) / counts[g.as_str()] as f64),
            None => Some(1.0),
        })
        .collect()
}

/// `max_score` (2025-09) or `scoring.score` (2023-07 draft); `Ok(None)`
/// inside means unbounded, `None` means not given.
fn max_score(map: &Mapping, path: &Path, diags: &mut Diagnostics) -> Option<Option<f64>> {
    let (value, field) = match yaml::get(map, "max_score") {
        Some(v) => (v, "max_score"),
        None => match yaml::get(map, "scoring").and_then(|s| s.as_mapping()).and_then(|s| yaml::get(s, "score")) {
            Some(v) => (v, "scoring.score"),
            None => return None,
        },
    };
    if value.as_str() == Some("unbounded") {
        return Some(None);
    }
    match yaml::as_f64(value) {
        Some(v) if v >= 0.0 => Some(Some(v)),
        _ => {
            diags.push(path, format!("`{field}` is {}, expected a number >= 0 or `unbounded`", yaml::show(value)));
            None
        }
    }
}

fn note_all_or_nothing(root: &Path, path: &Path, map: &Mapping, default: &str, notices: &mut Vec<String>) {
    let aggregation = yaml::get(map, "score_aggregation")
        .or_else(|| yaml::get(map, "scoring").and_then(|s| s.as_mapping()).and_then(|s| yaml::get(s, "aggregation")))
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| default.to_string());
    if aggregation != "sum" {
        notices.push(format!(
            "{}: the group is scored all-or-nothing ({aggregation}); OA Judge spreads its points over its cases",
            relative(root, path.parent().unwrap_or(path))
        ));
    }
}

fn grader_takes_min(dir: &Path, diags: &mut Diagnostics) -> bool {
    let path = dir.join("testdata.yaml");
    // Syntax errors in this file were reported when the groups were read.
    let Some(map) = yaml::read_mapping(&path, &mut Diagnostics::default()) else { return false };
    yaml::get(&map, "grader_flags")
        .map(|v| yaml::args(v, "grader_flags", &path, diags))
        .is_some_and(|flags| flags.iter().any(|f| f == "min"))
}
