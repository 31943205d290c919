//! Batch mode of function problems (all hidden cases in one process) gives
//! every case the verdict it gets in its own process, through the real
//! `oaj run --json`, on a problem with mixed outcomes.

mod function_support;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn fixture() -> PathBuf {
    function_support::repo_root().join("tests/fixtures/function-batch")
}

/// `oaj run --json`, with `--per-case` or not: (name, verdict, message) per
/// case.
fn judge(cache: &std::path::Path, solution: &str, language: &str, per_case: bool) -> Vec<(String, String, String)> {
    let mut cmd = Command::cargo_bin("oaj").expect("oaj binary");
    cmd.env("OAJ_CACHE_DIR", cache)
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
    json["cases"]
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
        .collect()
}

#[test]
fn batch_verdicts_equal_per_case_verdicts() {
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
    let cache = tempfile::tempdir().expect("tempdir");
    // (language, solution, the line of its `raise`/`throw`)
    for (language, solution, line) in [("python", "mixed.py", 7), ("java", "Mixed.java", 5)] {
        let tc = function_support::toolchain(language);
        if !function_support::available(language, &tc) {
            continue;
        }
        let batch = judge(cache.path(), solution, language, false);
        let per_case = judge(cache.path(), solution, language, true);
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
        assert!(raised.contains("unlucky 13") && raised.contains(&format!("line {line} ")), "{language}: {raised}");
    }
}
