//! Comparing a program's output with the answer.
//!
//! Messages say where the output went wrong but never quote the expected
//! answer: the same messages are shown for hidden cases. Samples get a diff
//! on top (see `diff.rs`).

use std::collections::HashMap;

pub(crate) mod json;
mod kattis;
pub mod kattis_default;

use oaj_spec::{Checker, ProblemKind, TestCase};

use crate::env::RunEnv;
use crate::result::Verdict;

pub(crate) use kattis::build_checker;

/// The checker's decision on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOutcome {
    /// AC, WA or IE.
    pub verdict: Verdict,
    pub message: String,
}

impl CheckOutcome {
    pub fn accepted() -> Self {
        CheckOutcome { verdict: Verdict::AC, message: String::new() }
    }

    pub fn wrong(message: impl Into<String>) -> Self {
        CheckOutcome { verdict: Verdict::WA, message: message.into() }
    }

    pub fn judge_error(message: impl Into<String>) -> Self {
        CheckOutcome { verdict: Verdict::IE, message: message.into() }
    }
}

/// A problem's checker, ready for every case of one judging.
#[derive(Debug, Clone)]
pub(crate) enum PreparedChecker {
    Builtin(Checker),
    /// A problem-supplied program (Kattis protocol), compiled.
    Custom(Box<kattis::KattisChecker>),
    /// The custom checker cannot run (does not compile, no toolchain):
    /// every case is a judge error with this message.
    Broken(String),
}

impl PreparedChecker {
    /// Checks one case's output of a `kind` problem against its answer.
    pub(crate) fn check(
        &self,
        env: &RunEnv,
        kind: ProblemKind,
        case: &TestCase,
        output: &[u8],
        answer: &[u8],
    ) -> CheckOutcome {
        match self {
            PreparedChecker::Broken(message) => CheckOutcome::judge_error(message.clone()),
            PreparedChecker::Builtin(checker) => match kind {
                ProblemKind::Function => json::check_function_result(checker, answer, output, case.visibility),
                ProblemKind::Stdio => check_builtin(checker, output, answer),
            },
            PreparedChecker::Custom(custom) => {
                // A function problem's checker gets the result as canonical
                // JSON, whatever spacing the language's harness printed.
                let canonical = match kind {
                    ProblemKind::Function => {
                        json::canonical_json(&String::from_utf8_lossy(output)).ok().map(String::into_bytes)
                    }
                    ProblemKind::Stdio => None,
                };
                let output = canonical.as_deref().unwrap_or(output);
                custom
                    .check(env, case, output, answer)
                    .unwrap_or_else(|e| CheckOutcome::judge_error(format!("the checker could not run: {e}")))
            }
        }
    }
}

/// Runs a built-in checker. A custom checker is a program and is run by the
/// pipeline; asking for one here is a judge error.
pub fn check_builtin(checker: &Checker, output: &[u8], answer: &[u8]) -> CheckOutcome {
    // Works on the raw bytes, as the validator it reproduces does.
    if let Checker::KattisDefault { case_sensitive, space_change_sensitive, float_abs_tol, float_rel_tol } = checker {
        let flags = kattis_default::Flags {
            case_sensitive: *case_sensitive,
            space_change_sensitive: *space_change_sensitive,
            float_abs_tol: *float_abs_tol,
            float_rel_tol: *float_rel_tol,
        };
        return kattis_default::check(&flags, output, answer);
    }
    let output = String::from_utf8_lossy(output);
    let answer = String::from_utf8_lossy(answer);
    match checker {
        Checker::Exact => exact(&output, &answer),
        Checker::Tokens => tokens(&output, &answer, |a, b| a == b),
        Checker::Float { abs_tol, rel_tol } => {
            tokens(&output, &answer, |got, want| float_token_eq(got, want, *abs_tol, *rel_tol))
        }
        Checker::Unordered => unordered_lines(&output, &answer, false),
        Checker::AnyOrderNested => unordered_lines(&output, &answer, true),
        Checker::Custom(_) => CheckOutcome::judge_error("custom checker reached the built-in comparison"),
        Checker::KattisDefault { .. } => CheckOutcome::judge_error("the Kattis default checker is handled above"),
    }
}

fn exact(output: &str, answer: &str) -> CheckOutcome {
    let strip = |s: &str| s.strip_suffix('\n').unwrap_or(s).to_string();
    let (out, ans) = (strip(output), strip(answer));
    if out == ans {
        return CheckOutcome::accepted();
    }
    let (out_lines, ans_lines): (Vec<_>, Vec<_>) = (out.split('\n').collect(), ans.split('\n').collect());
    for (i, (o, a)) in out_lines.iter().zip(&ans_lines).enumerate() {
        if o != a {
            let hint = if o.trim_end() == a.trim_end() { " (whitespace at the end of the line)" } else { "" };
            return CheckOutcome::wrong(format!("line {} differs{hint}", i + 1));
        }
    }
    CheckOutcome::wrong(format!("output has {} lines, expected {}", out_lines.len(), ans_lines.len()))
}

/// Tokens with the line they stand on, for messages.
fn tokens_with_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().flat_map(|(i, line)| line.split_ascii_whitespace().map(move |t| (i + 1, t)))
}

fn tokens(output: &str, answer: &str, eq: impl Fn(&str, &str) -> bool) -> CheckOutcome {
    let mut out = tokens_with_lines(output);
    let mut ans = tokens_with_lines(answer);
    let mut index = 0usize;
    loop {
        index += 1;
        match (out.next(), ans.next()) {
            (None, None) => return CheckOutcome::accepted(),
            (Some((line, got)), Some((_, want))) => {
                if !eq(got, want) {
                    return CheckOutcome::wrong(format!("token {index} (line {line} of your output) differs"));
                }
            }
            (None, Some(_)) => {
                let expected = index + ans.count();
                return CheckOutcome::wrong(format!("output ended after {} tokens, expected {expected}", index - 1));
            }
            (Some((line, _)), None) => {
                return CheckOutcome::wrong(format!(
                    "extra output: token {index} (line {line}) comes after the expected {} tokens",
                    index - 1
                ))
            }
        }
    }
}

/// Numbers compare within tolerance; anything else compares as text.
fn float_token_eq(got: &str, want: &str, abs_tol: f64, rel_tol: f64) -> bool {
    if got == want {
        return true;
    }
    match (parse_number(got), parse_number(want)) {
        (Some(g), Some(w)) => {
            if w.is_nan() || g.is_nan() {
                return w.is_nan() && g.is_nan();
            }
            if w.is_infinite() || g.is_infinite() {
                return w == g;
            }
            let diff = (g - w).abs();
            diff <= abs_tol || diff <= rel_tol * w.abs()
        }
        _ => false,
    }
}

/// Numbers as contestants write them; not words Rust would also accept
/// ("inf", "infinity") unless the answer holds them too.
fn parse_number(token: &str) -> Option<f64> {
    let looks_numeric = token.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    if looks_numeric {
        token.parse().ok()
    } else if token.eq_ignore_ascii_case("nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// Lines compared as a multiset; blank lines are ignored. With
/// `nested`, the tokens within each line are a multiset too.
fn unordered_lines(output: &str, answer: &str, nested: bool) -> CheckOutcome {
    let normalize = |line: &str| {
        let mut tokens: Vec<&str> = line.split_ascii_whitespace().collect();
        if nested {
            tokens.sort_unstable();
        }
        tokens.join(" ")
    };
    let count = |text: &str| {
        let mut counts: HashMap<String, i64> = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            *counts.entry(normalize(line)).or_default() += 1;
        }
        counts
    };
    let (out, ans) = (count(output), count(answer));
    let out_total: i64 = out.values().sum();
    let ans_total: i64 = ans.values().sum();
    if out_total != ans_total {
        return CheckOutcome::wrong(format!("output has {out_total} lines, expected {ans_total}"));
    }
    let missing: i64 = ans.iter().map(|(line, n)| (n - out.get(line).copied().unwrap_or(0)).max(0)).sum();
    if missing == 0 {
        CheckOutcome::accepted()
    } else {
        CheckOutcome::wrong(format!("{missing} of {ans_total} expected lines are missing from your output"))
    }
}

#[cfg(test)]
mod tests;
