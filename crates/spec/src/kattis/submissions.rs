//! Example submissions: `submissions/<directory>/<program>`, with the
//! expected verdict from the directory name, possibly refined by
//! `submissions/submissions.yaml` (2025-09), whose keys are glob patterns
//! with `permitted` / `required` verdict sets.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_norway::{Mapping, Value};

use super::statement::relative;
use super::yaml;
use crate::error::Diagnostics;
use crate::model::{ExpectedVerdict, Solution};

/// What a submission must earn, as the 2025-09 format writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Rule {
    /// Every case's verdict must be in this set (None: any).
    permitted: Option<BTreeSet<String>>,
    /// Each set needs at least one case with a verdict in it.
    required: Vec<BTreeSet<String>>,
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The format's default rules per directory.
fn default_rule(directory: &str) -> Option<Rule> {
    Some(match directory {
        "accepted" => Rule { permitted: Some(set(&["AC"])), required: vec![] },
        "wrong_answer" => Rule { permitted: Some(set(&["AC", "WA"])), required: vec![set(&["WA"])] },
        "time_limit_exceeded" => Rule { permitted: Some(set(&["AC", "TLE"])), required: vec![set(&["TLE"])] },
        "run_time_error" => Rule { permitted: Some(set(&["AC", "RTE"])), required: vec![set(&["RTE"])] },
        "rejected" => Rule { permitted: None, required: vec![set(&["RTE", "TLE", "WA"])] },
        "brute_force" => Rule { permitted: Some(set(&["AC", "RTE", "TLE"])), required: vec![set(&["RTE", "TLE"])] },
        _ => return None,
    })
}

/// The OA Judge expectation a rule amounts to, when there is one.
fn expected(rule: &Rule) -> Option<ExpectedVerdict> {
    let permitted = rule.permitted.clone().unwrap_or_else(|| set(&["AC", "WA", "TLE", "RTE"]));
    match rule.required.as_slice() {
        [] if permitted == set(&["AC"]) => Some(ExpectedVerdict::Accepted),
        [one] if one.len() == 1 => {
            let verdict = one.iter().next()?.as_str();
            // The permitted set must allow the required verdict and AC only,
            // which is what OA Judge's expectations check.
            let fits = permitted.contains(verdict) && permitted.iter().all(|v| v == "AC" || v == verdict);
            if !fits {
                return None;
            }
            match verdict {
                "WA" => Some(ExpectedVerdict::WrongAnswer),
                "TLE" => Some(ExpectedVerdict::TimeLimit),
                "RTE" => Some(ExpectedVerdict::RuntimeError),
                _ => None,
            }
        }
        _ => None,
    }
}

pub(crate) fn read(root: &Path, diags: &mut Diagnostics, notices: &mut Vec<String>) -> Vec<Solution> {
    let dir = root.join("submissions");
    if !dir.is_dir() {
        notices.push("no submissions/ directory: nothing for `oaj validate` to check".to_string());
        return Vec::new();
    }
    let yaml_path = dir.join("submissions.yaml");
    let config = yaml::read_mapping(&yaml_path, diags).unwrap_or_default();
    let patterns = patterns(&config, &yaml_path, diags, notices, root);

    let mut solutions = Vec::new();
    for category in super::validator::visible_entries(&dir).into_iter().filter(|p| p.is_dir()) {
        let directory = category.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for program in super::validator::visible_entries(&category) {
            let rel = format!("{directory}/{}", program.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
            let mut rule = patterns
                .iter()
                .find(|(p, _)| *p == directory)
                .map(|(_, r)| r.clone())
                .or_else(|| default_rule(&directory));
            // Glob rules add constraints to the directory's rule.
            for (pattern, extra) in &patterns {
                if *pattern != directory && matches_submission(pattern, &rel) {
                    let base = rule.get_or_insert_with(Rule::default);
                    if let Some(p) = &extra.permitted {
                        base.permitted = Some(match &base.permitted {
                            Some(existing) => existing.intersection(p).cloned().collect(),
                            None => p.clone(),
                        });
                    }
                    for required in &extra.required {
                        if !base.required.contains(required) {
                            base.required.push(required.clone());
                        }
                    }
                }
            }
            let shown = relative(root, &program);
            let Some(rule) = rule else {
                notices.push(format!(
                    "{shown}: `{directory}` is not a submissions directory OA Judge knows (accepted, wrong_answer, \
                     time_limit_exceeded, run_time_error); skipped"
                ));
                continue;
            };
            let Some(expected) = expected(&rule) else {
                notices.push(format!(
                    "{shown}: its expected verdicts ({}) cannot be checked by OA Judge; skipped",
                    describe(&rule)
                ));
                continue;
            };
            let Some(source) = program_source(&program, &shown, notices) else { continue };
            solutions.push(Solution { path: source, expected });
        }
    }
    solutions.sort_by(|a, b| a.path.cmp(&b.path));
    solutions
}

fn describe(rule: &Rule) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &rule.permitted {
        parts.push(format!("permitted {}", p.iter().cloned().collect::<Vec<_>>().join("/")));
    }
    for r in &rule.required {
        parts.push(format!("required {}", r.iter().cloned().collect::<Vec<_>>().join("/")));
    }
    parts.join(", ")
}

/// A submission is a file, or a directory holding one source file.
fn program_source(program: &Path, shown: &str, notices: &mut Vec<String>) -> Option<PathBuf> {
    if program.is_file() {
        return Some(program.to_path_buf());
    }
    let files: Vec<PathBuf> = super::validator::visible_entries(program).into_iter().filter(|p| p.is_file()).collect();
    match files.as_slice() {
        [one] => Some(one.clone()),
        _ => {
            notices.push(format!(
                "{shown}: a submission of {} files; OA Judge judges single-file submissions only; skipped",
                files.len()
            ));
            None
        }
    }
}

/// Reads the glob patterns of submissions.yaml with their rules.
fn patterns(
    config: &Mapping,
    path: &Path,
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
    root: &Path,
) -> Vec<(String, Rule)> {
    let shown = relative(root, path);
    let mut out = Vec::new();
    for (key, value) in config {
        let Some(pattern) = key.as_str() else {
            diags.push(path, format!("key {} is not a glob pattern string", yaml::show(key)));
            continue;
        };
        let Some(map) = value.as_mapping() else {
            diags.push(path, format!("`{pattern}` is {}, expected a mapping", yaml::kind(value)));
            continue;
        };
        let directory = pattern.trim_end_matches("/*").trim_end_matches('/');
        let mut rule =
            if !pattern.contains('/') { default_rule(directory).unwrap_or_default() } else { Rule::default() };
        for field in yaml::keys(map) {
            let value = map.get(field.as_str()).unwrap_or(&Value::Null);
            let name = format!("{pattern}.{field}");
            match field.as_str() {
                "permitted" => rule.permitted = Some(verdicts(value, &name, path, diags)),
                "required" => rule.required = vec![verdicts(value, &name, path, diags)],
                "language" => {
                    let language = value.as_str().unwrap_or_default();
                    if !language.starts_with("python3") && !["c", "cpp", "java", "rust", "go", "javascript", "python"].contains(&language) {
                        notices.push(format!(
                            "{shown}: `{name}: {language}`: OA Judge picks the language from the file extension"
                        ));
                    }
                }
                "authors" | "model_solution" => {}
                "use_for_time_limit" | "entrypoint" | "message" | "score" => notices.push(format!(
                    "{shown}: `{name}` is not supported by OA Judge and is ignored"
                )),
                group if group.starts_with("sample") || group.starts_with("secret") => notices.push(format!(
                    "{shown}: `{name}`: expectations for single test groups are not supported; only the submission's overall rules are checked"
                )),
                other => diags.push(path, format!("`{pattern}`: unknown key `{other}`")),
            }
        }
        out.push((pattern.to_string(), rule));
    }
    out
}

fn verdicts(value: &Value, field: &str, path: &Path, diags: &mut Diagnostics) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for verdict in yaml::string_list(value, field, path, diags) {
        if ["AC", "WA", "TLE", "RTE"].contains(&verdict.as_str()) {
            out.insert(verdict);
        } else {
            diags.push(path, format!("`{field}`: unknown verdict `{verdict}`, expected AC, WA, TLE or RTE"));
        }
    }
    out
}

/// Glob matching as the format defines it: `*` within one path component,
/// `{a,b}` alternatives; a pattern matches a submission when it matches the
/// submission's path or one of its parent directories.
pub(crate) fn matches_submission(pattern: &str, rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    (1..=parts.len()).any(|n| expand_braces(pattern).iter().any(|p| glob_path(p, &parts[..n].join("/"))))
}

fn expand_braces(pattern: &str) -> Vec<String> {
    let Some(open) = pattern.find('{') else { return vec![pattern.to_string()] };
    let Some(close) = pattern[open..].find('}').map(|i| open + i) else { return vec![pattern.to_string()] };
    let (head, body, tail) = (&pattern[..open], &pattern[open + 1..close], &pattern[close + 1..]);
    body.split(',').flat_map(|alt| expand_braces(&format!("{head}{alt}{tail}"))).collect()
}

fn glob_path(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.split('/').collect();
    let s: Vec<&str> = path.split('/').collect();
    p.len() == s.len() && p.iter().zip(&s).all(|(p, s)| glob_component(p.as_bytes(), s.as_bytes()))
}

fn glob_component(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| glob_component(rest, &s[i..])),
        Some((c, rest)) => s.first() == Some(c) && glob_component(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submission_globs() {
        let cases = [
            ("accepted", "accepted/a.py", true),
            ("accepted/*", "accepted/a.py", true),
            ("accepted/*.py", "accepted/a.cpp", false),
            ("*/a.{py,cpp}", "wrong_answer/a.cpp", true),
            ("wrong_answer/*", "accepted/a.py", false),
            ("a*", "accepted/x/y.py", true),
            ("*", "accepted/a.py", true),
            ("accepted/b*", "accepted/a.py", false),
        ];
        for (pattern, rel, expected) in cases {
            assert_eq!(matches_submission(pattern, rel), expected, "{pattern} vs {rel}");
        }
    }

    #[test]
    fn rules_to_expectations() {
        let rule = |permitted: Option<&[&str]>, required: &[&[&str]]| Rule {
            permitted: permitted.map(set),
            required: required.iter().map(|r| set(r)).collect(),
        };
        let cases = [
            (default_rule("accepted"), Some(ExpectedVerdict::Accepted)),
            (default_rule("wrong_answer"), Some(ExpectedVerdict::WrongAnswer)),
            (default_rule("time_limit_exceeded"), Some(ExpectedVerdict::TimeLimit)),
            (default_rule("run_time_error"), Some(ExpectedVerdict::RuntimeError)),
            (default_rule("rejected"), None),
            (default_rule("brute_force"), None),
            (Some(rule(Some(&["AC", "WA", "TLE"]), &[&["TLE"]])), None),
            (Some(rule(Some(&["AC", "TLE"]), &[&["TLE"]])), Some(ExpectedVerdict::TimeLimit)),
        ];
        for (rule, want) in cases {
            let rule = rule.expect("a rule");
            assert_eq!(expected(&rule), want, "{rule:?}");
        }
    }
}
