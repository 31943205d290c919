//! Kattis/ICPC packages through the real `oaj` binary: `oaj validate` on
//! packages, `oaj import` to the native format, and refusals.

mod support;

use std::path::{Path, PathBuf};

use support::TestDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kattis").join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// The row of `oaj validate`'s table for one submission.
fn row<'a>(stdout: &'a str, submission: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(submission))
        .unwrap_or_else(|| panic!("no row for {submission} in:\n{stdout}"))
}

/// Every submission of every fixture gets the verdict its directory (or
/// submissions.yaml) promises, in C++, Python and Java.
#[test]
fn validate_reports_each_verdict() {
    // (package, submission, expected as the package names it, verdict it gets)
    let table: &[(&str, &str, &str, &str)] = &[
        ("average", "submissions/accepted/mean.cpp", "accepted", "AC"),
        ("average", "submissions/accepted/mean.py", "accepted", "AC"),
        ("average", "submissions/accepted/Main.java", "accepted", "AC"),
        ("average", "submissions/wrong_answer/truncates.cpp", "wrong_answer", "WA"),
        ("average", "submissions/wrong_answer/rounds.py", "wrong_answer", "WA"),
        ("average", "submissions/wrong_answer/Main.java", "wrong_answer", "WA"),
        ("average", "submissions/time_limit_exceeded/spins.cpp", "time_limit_exceeded", "TLE"),
        ("average", "submissions/time_limit_exceeded/spins.py", "time_limit_exceeded", "TLE"),
        ("average", "submissions/time_limit_exceeded/Main.java", "time_limit_exceeded", "TLE"),
        ("average", "submissions/run_time_error/aborts.cpp", "run_time_error", "RE"),
        ("average", "submissions/run_time_error/raises.py", "run_time_error", "RE"),
        ("average", "submissions/run_time_error/Main.java", "run_time_error", "RE"),
        ("factor", "submissions/accepted/trial.cpp", "accepted", "AC"),
        ("factor", "submissions/wrong_answer/trivial.py", "wrong_answer", "WA"),
        ("factor", "submissions/time_limit_exceeded/linear.py", "time_limit_exceeded", "TLE"),
        ("timed", "submissions/accepted/counter.py", "accepted", "AC"),
        ("timed", "submissions/accepted/counts.cpp", "accepted", "AC"),
        ("timed", "submissions/wrong_answer/first.py", "wrong_answer", "WA"),
    ];
    let dir = TestDir::new();
    let packages = ["average", "factor", "timed"].map(|p| fixture(p).display().to_string());
    let output = dir.oaj().arg("validate").args(&packages).output().expect("runs");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    for (package, submission, expected, got) in table {
        let line = row(&stdout, submission);
        assert!(line.starts_with(package), "{submission}: {line}");
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(columns[2], *expected, "{package} {submission}: {line}");
        assert!(columns[3] == *got, "{package} {submission} should get {got}: {line}");
        assert!(line.trim_end().ends_with("ok"), "{package} {submission}: {line}");
    }
    // Time-limit submissions must be too slow even with the limit raised by
    // time_limit_to_tle (2 in legacy packages, 1.5 by default since 2023-07);
    // the table shows each language's own limit.
    // (submission, limit shown)
    let limits = [
        ("submissions/accepted/mean.cpp", "/ 1000 ms"),
        ("submissions/accepted/mean.py", "/ 3000 ms"),
        ("submissions/time_limit_exceeded/spins.cpp", "/ 2000 ms"),
        ("submissions/time_limit_exceeded/spins.py", "/ 6000 ms"),
        ("submissions/time_limit_exceeded/linear.py", "/ 4500 ms"),
    ];
    for (submission, limit) in limits {
        let line = row(&stdout, submission);
        assert!(line.contains(limit), "{submission} should be judged with {limit}: {line}");
    }
    assert!(
        stderr.contains("average: note: time_limit solutions are judged with the limit × 2 (2000 ms)"),
        "stderr:\n{stderr}"
    );
    assert!(
        stderr.contains("factor: note: time_limit solutions are judged with the limit × 1.5 (1500 ms)"),
        "stderr:\n{stderr}"
    );
    let rows = stdout.lines().filter(|l| l.contains("submissions/")).count();
    assert_eq!(rows, table.len(), "every submission is in the table and in this test:\n{stdout}");
    // The package without a time limit gets one from its accepted submissions.
    assert!(stderr.contains("timed: time limit 1000 ms, computed from the accepted submissions"), "stderr:\n{stderr}");
    assert!(stderr.contains("caps it at 1024 MiB"), "stderr:\n{stderr}");
}

/// A submission that does not earn its expected verdict fails validation.
#[test]
fn validate_fails_on_a_mismatch() {
    let dir = TestDir::new();
    let package = dir.path().join("timed");
    copy_dir(&fixture("timed"), &package);
    std::fs::rename(package.join("submissions/wrong_answer/first.py"), package.join("submissions/accepted/first.py"))
        .expect("move");
    let output = dir.oaj().args(["validate", "timed"]).output().expect("runs");
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{}", text(&output.stderr));
    let line = row(&stdout, "submissions/accepted/first.py");
    assert!(line.contains("accepted") && line.contains("WA") && line.trim_end().ends_with("FAIL"), "{line}");
}

/// Interactive packages are refused by every command, saying why.
#[test]
fn interactive_package_is_refused() {
    let dir = TestDir::new();
    let guess = fixture("guess").display().to_string();
    let solution = fixture("guess").join("submissions/accepted/bisect.py").display().to_string();
    let into = dir.path().join("bank").display().to_string();
    // (arguments, exit code)
    let cases: &[(&[&str], i32)] =
        &[(&["validate", &guess], 1), (&["run", &guess, &solution], 2), (&["import", &guess, "--into", &into], 2)];
    for (args, code) in cases {
        let output = dir.oaj().args(*args).output().expect("runs");
        let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert_eq!(output.status.code(), Some(*code), "oaj {args:?}:\n{all}");
        assert!(
            all.contains("problem.yaml: `type`: interactive problems are not supported by OA Judge yet"),
            "oaj {args:?}:\n{all}"
        );
    }
    assert!(!dir.path().join("bank/guess").exists());
}

fn case_verdicts(json: &serde_json::Value) -> Vec<(String, String)> {
    json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| (c["name"].as_str().unwrap_or("").to_string(), c["verdict"].as_str().unwrap_or("").to_string()))
        .collect()
}

/// `oaj import` writes native problems that load and judge like the
/// package: same cases, same verdicts, same checker messages.
#[test]
fn import_judges_like_the_package() {
    let dir = TestDir::new();
    for package in ["average", "factor", "timed"] {
        let output = dir
            .oaj()
            .args(["import", &fixture(package).display().to_string(), "--into", "bank"])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "import {package}:\n{}", text(&output.stderr));
        assert!(text(&output.stdout).starts_with("imported "), "{}", text(&output.stdout));
    }
    let imported = |p: &str| dir.path().join("bank").join(p);
    assert!(imported("factor/checker/checker.cpp").is_file());
    assert!(imported("factor/checker/validate.h").is_file(), "the validator's header travels with it");
    assert!(imported("timed/checker/checker.py").is_file());
    let toml = std::fs::read_to_string(imported("timed/problem.toml")).expect("problem.toml");
    assert!(toml.contains("time_limit_ms = 1000"), "computed time limit is written:\n{toml}");
    let toml = std::fs::read_to_string(imported("average/problem.toml")).expect("problem.toml");
    assert!(toml.contains("checker = \"kattis_default\""), "{toml}");

    // Importing again does not overwrite.
    let again =
        dir.oaj().args(["import", &fixture("factor").display().to_string(), "--into", "bank"]).output().expect("runs");
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"), "{}", text(&again.stderr));

    // (package, submission, message expected on some case)
    let table = [
        ("average", "submissions/wrong_answer/rounds.py", "not within the tolerance"),
        ("average", "submissions/accepted/mean.py", ""),
        ("factor", "submissions/wrong_answer/trivial.py", "both factors must be at least 2, got 1 and 15"),
        ("timed", "submissions/wrong_answer/first.py", "the most frequent word occurs"),
        ("factor", "submissions/time_limit_exceeded/linear.py", ""),
    ];
    for (package, submission, message) in table {
        let file = fixture(package).join(submission).display().to_string();
        let (from_package, _) = dir.run_json(&fixture(package).display().to_string(), &file, &[]);
        let (from_native, _) = dir.run_json(&imported(package).display().to_string(), &file, &[]);
        assert_eq!(case_verdicts(&from_package), case_verdicts(&from_native), "{package} {submission}");
        assert_eq!(from_package["verdict"], from_native["verdict"], "{package} {submission}");
        assert_eq!(from_package["score"], from_native["score"], "{package} {submission}: points travel with the cases");
        if submission.ends_with("linear.py") {
            // Passes group1 (40 of 100 points), times out on group2.
            let score = from_native["score"].as_f64().expect("score");
            assert!((score - 0.4).abs() < 1e-9, "score {score}");
        }
        let messages: Vec<String> = from_native["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| c["message"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(messages.iter().any(|m| m.contains(message)), "{package} {submission}: {messages:?}");
    }
}

/// A package shaped like DOMjudge's example `hello`: problem.yaml with only
/// a name, a `.timelimit`, the statement only as problem.pdf, one case in
/// data/sample and no data/secret. It judges (the sample is the test set),
/// with notices rather than errors, for `run`, `validate` and `import`; its
/// submissions include Kattis' `.py3` and a Java file whose public class is
/// named after it (`public class hello`).
#[test]
fn samples_only_package_with_a_pdf_statement_judges() {
    let dir = TestDir::new();
    let hello = fixture("hello").display().to_string();
    let notices = ["judged as the test set", "statement: only problem.pdf"];

    let output = dir.oaj().args(["validate", &hello]).output().expect("runs");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    // (submission, expected as the package names it, verdict it gets)
    let table = [
        ("submissions/accepted/greet.c", "accepted", "AC"),
        ("submissions/accepted/greet.py3", "accepted", "AC"),
        ("submissions/accepted/hello.java", "accepted", "AC"),
        ("submissions/wrong_answer/no_bang.py3", "wrong_answer", "WA"),
    ];
    for (submission, expected, got) in table {
        let columns: Vec<String> = row(&stdout, submission).split_whitespace().map(str::to_string).collect();
        assert_eq!((columns[2].as_str(), columns[3].as_str()), (expected, got), "{submission}:\n{stdout}");
    }
    for notice in notices {
        assert!(stderr.contains(notice), "validate should say {notice:?}:\n{stderr}");
    }

    // (submission, verdict)
    for (submission, verdict) in
        [("submissions/accepted/hello.java", "AC"), ("submissions/wrong_answer/no_bang.py3", "WA")]
    {
        let file = fixture("hello").join(submission).display().to_string();
        let (json, output) = dir.run_json(&hello, &file, &[]);
        assert_eq!(json["verdict"], verdict, "{submission}: {json}");
        assert_eq!(json["total"], 1, "the sample is the one counted case: {json}");
        let names: Vec<(String, String)> = case_verdicts(&json);
        assert_eq!(names.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["sample/hello", "hidden/hello"]);
        for notice in notices {
            assert!(text(&output.stderr).contains(notice), "run should say {notice:?}:\n{}", text(&output.stderr));
        }
    }

    let output = dir.oaj().args(["import", &hello, "--into", "bank"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "import:\n{}", text(&output.stderr));
    let imported = dir.path().join("bank/hello");
    assert!(imported.join("tests/hidden/hello.ans").is_file(), "the sample is written as a hidden case too");
    let statement = std::fs::read_to_string(imported.join("statement.md")).expect("statement.md");
    assert!(statement.contains("problem.pdf") && statement.contains("Hello world!"), "{statement}");
    let file = fixture("hello").join("submissions/accepted/greet.py3").display().to_string();
    let (json, _) = dir.run_json(&imported.display().to_string(), &file, &[]);
    assert_eq!(json["verdict"], "AC", "{json}");
}
