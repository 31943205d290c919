//! Batch mode of function problems (all hidden cases in one process) gives
//! every case the verdict it gets in its own process, through the real
//! `oaj run --json`: on a problem with mixed outcomes, and for hostile
//! solutions that lie from inside the process about their time or result
//! (the table under `tests/function_batch/hostile/`).

mod function_support;
mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture() -> PathBuf {
    function_support::repo_root().join("tests/fixtures/function-batch")
}

/// `oaj run --json`, with `--per-case` or not: (name, verdict, message) per
/// case, and how many cases a batch process decided (from the judge's log).
fn judge(
    cache: &std::path::Path,
    solution: &str,
    language: &str,
    per_case: bool,
) -> (Vec<(String, String, String)>, usize) {
    let mut cmd = Command::cargo_bin("oaj").expect("oaj binary");
    cmd.env("OAJ_CACHE_DIR", cache)
        .env("OAJ_LOG", "oaj_judge=info")
        .arg("run")
        .arg(fixture())
        .arg(function_support::repo_root().join("tests/function_batch").join(solution))
        .args(["--lang", language, "--json"]);
    if per_case {
        cmd.arg("--per-case");
    }
    let output = cmd.output().expect("run oaj");
    assert_eq!(output.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).expect("json output");
    let log = String::from_utf8_lossy(&output.stderr);
    let decided = log
        .split("decided_in_batch=")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let cases = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_string(),
                c["verdict"].as_str().unwrap_or_default().to_string(),
                c["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (cases, decided)
}

/// The mixed fixture in one language, in batch mode and per case: the same
/// verdicts, and failing cases with the same messages. One test per
/// language, so that the six spread over the test threads instead of
/// running one after another.
fn batch_verdicts_equal_per_case_verdicts(language: &str, solution: &str, line: Option<u32>) {
    // Hidden inputs: 1 2 7 3 13 4 99 5 -6 100000; the solutions get 7 wrong,
    // raise on 13 and loop forever on 99.
    let expected = [
        ("sample/01", "AC"),
        ("hidden/01", "AC"),
        ("hidden/02", "AC"),
        ("hidden/03", "WA"),
        ("hidden/04", "AC"),
        ("hidden/05", "RE"),
        ("hidden/06", "AC"),
        ("hidden/07", "TLE"),
        ("hidden/08", "AC"),
        ("hidden/09", "AC"),
        ("hidden/10", "AC"),
    ];
    // The tests' shared cache: a build made by one test (or run) serves
    // the others.
    let cache = support::shared_cache();
    let tc = function_support::toolchain(language);
    if !function_support::available(language, &tc) {
        return;
    }
    let (batch, decided) = judge(&cache, solution, language, false);
    let (per_case, decided_per_case) = judge(&cache, solution, language, true);
    // The batch really ran and decided cases (on a loaded machine fewer
    // than the six passing ones it can, never none); --per-case never
    // starts one.
    assert!(decided > 0, "{language}: no case was decided by a batch process");
    assert_eq!(decided_per_case, 0, "{language}: --per-case started a batch");
    let verdicts = |cases: &[(String, String, String)]| -> Vec<(String, String)> {
        cases.iter().map(|(n, v, _)| (n.clone(), v.clone())).collect()
    };
    let wanted: Vec<(String, String)> = expected.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
    assert_eq!(verdicts(&per_case), wanted, "{language} per case: {per_case:?}");
    assert_eq!(verdicts(&batch), wanted, "{language} batch: {batch:?}");
    // Failing cases ran alone in batch mode too: the same messages (the
    // exception's type, text and line). A TLE's message names the CPU or
    // the wall-clock limit depending on the machine's load, so only its
    // verdict is compared.
    for (b, p) in batch.iter().zip(&per_case) {
        if b.1 != "AC" && b.1 != "TLE" {
            assert_eq!(b.2, p.2, "{language} {}: batch vs per-case message", b.0);
        }
    }
    let raised = &batch[5].2;
    assert!(raised.contains("unlucky 13"), "{language}: {raised}");
    if let Some(line) = line {
        assert!(raised.contains(&format!("line {line} ")), "{language}: {raised}");
    }
}

// (language, solution, the line of its `raise`/`throw`/`panic` where the
// language's harness can name it)
#[test]
fn batch_verdicts_equal_per_case_verdicts_python() {
    batch_verdicts_equal_per_case_verdicts("python", "mixed.py", Some(7));
}

#[test]
fn batch_verdicts_equal_per_case_verdicts_java() {
    batch_verdicts_equal_per_case_verdicts("java", "Mixed.java", Some(5));
}

#[test]
fn batch_verdicts_equal_per_case_verdicts_cpp() {
    batch_verdicts_equal_per_case_verdicts("cpp", "mixed.cpp", None);
}

#[test]
fn batch_verdicts_equal_per_case_verdicts_go() {
    batch_verdicts_equal_per_case_verdicts("go", "mixed.go", Some(7));
}

#[test]
fn batch_verdicts_equal_per_case_verdicts_rust() {
    batch_verdicts_equal_per_case_verdicts("rust", "mixed.rs", Some(8));
}

#[test]
fn batch_verdicts_equal_per_case_verdicts_javascript() {
    batch_verdicts_equal_per_case_verdicts("javascript", "mixed.js", Some(4));
}

/// `oaj run --json` of `solution` on `problem`, in batch mode or per case.
fn run_json(cache: &Path, problem: &Path, solution: &Path, language: &str, per_case: bool) -> Value {
    let mut cmd = Command::cargo_bin("oaj").expect("oaj binary");
    cmd.env("OAJ_CACHE_DIR", cache).arg("run").arg(problem).arg(solution).args(["--lang", language, "--json"]);
    if per_case {
        cmd.arg("--per-case");
    }
    let output = cmd.output().expect("run oaj");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{}: no JSON ({e}); stderr: {}", solution.display(), String::from_utf8_lossy(&output.stderr))
    })
}

/// Runs every hostile solution of `language` (files under
/// `tests/function_batch/hostile/` with `extension`) in batch mode and per
/// case. Each declares `expect: VERDICT` in its header comment: the
/// verdict of the judging, and of every hidden case unless `hidden: V V V`
/// names them one by one (inputs 3, 5, 8); its sample (x = 0) gets
/// `sample: VERDICT`, AC by default (most answer it honestly).
fn hostile_table(language: &str, extension: &str, comment: &str) {
    let tc = function_support::toolchain(language);
    if !function_support::available(language, &tc) {
        return;
    }
    let root = function_support::repo_root();
    let problem = root.join("tests/fixtures/function-batch-hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/function_batch/hostile"))
        .expect("hostile dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{language}: hostile solutions missing");
    let cache = support::shared_cache();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read solution");
        let header = |key: &str| {
            text.lines()
                .take_while(|l| l.starts_with(comment))
                .find_map(|l| l.trim_start_matches(comment).trim().strip_prefix(key).map(|v| v.trim().to_string()))
        };
        let expected = header("expect:").unwrap_or_else(|| panic!("{}: no `expect:` line", file.display()));
        let sample = header("sample:").unwrap_or_else(|| "AC".to_string());
        let hidden: Vec<String> = match header("hidden:") {
            Some(list) => list.split_whitespace().map(str::to_string).collect(),
            None => vec![expected.clone(); 3],
        };
        for per_case in [false, true] {
            let json = run_json(&cache, &problem, file, language, per_case);
            let cases = json["cases"].as_array().cloned().unwrap_or_default();
            let verdicts: Vec<(String, String, u64)> = cases
                .iter()
                .map(|c| {
                    (
                        c["name"].as_str().unwrap_or_default().to_string(),
                        c["verdict"].as_str().unwrap_or_default().to_string(),
                        c["time_ms"].as_u64().unwrap_or_default(),
                    )
                })
                .collect();
            let got_hidden: Vec<&str> =
                verdicts.iter().filter(|(n, _, _)| n.starts_with("hidden/")).map(|(_, v, _)| v.as_str()).collect();
            let hidden_ok = got_hidden == hidden
                && verdicts.iter().filter(|(n, _, _)| !n.starts_with("hidden/")).all(|(_, v, _)| *v == sample);
            if !hidden_ok || json["verdict"] != expected.as_str() {
                let mode = if per_case { "per case" } else { "batch" };
                failures.push(format!(
                    "{} ({mode}): expected {expected}, hidden cases {hidden:?} ({sample} on the sample), got {} {verdicts:?}",
                    file.display(),
                    json["verdict"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_python_solutions_get_the_verdicts_they_earn() {
    hostile_table("python", "py", "#");
}

#[test]
fn hostile_java_solutions_get_the_verdicts_they_earn() {
    hostile_table("java", "java", "//");
}

#[test]
fn hostile_cpp_solutions_get_the_verdicts_they_earn() {
    hostile_table("cpp", "cpp", "//");
}

#[test]
fn hostile_go_solutions_get_the_verdicts_they_earn() {
    hostile_table("go", "go", "//");
}

#[test]
fn hostile_rust_solutions_get_the_verdicts_they_earn() {
    hostile_table("rust", "rs", "//");
}

#[test]
fn hostile_javascript_solutions_get_the_verdicts_they_earn() {
    hostile_table("javascript", "js", "//");
}
