#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The terminal OA through the real binary: start, run, submit, status, an
//! expired deadline (the test-only clock offset), finish and the report.

mod support;

use std::path::Path;

use support::{stdio_problem, TestDir};

const CORRECT: &str = "print(2 * int(input()))\n";
/// Right only for n = 1.
const WRONG: &str = "print(int(input()) + 1)\n";

/// Two cheap problems: print twice n. Hidden: 1, 5, 7.
fn bank(t: &TestDir) {
    for (name, difficulty) in [("double", "medium"), ("twice", "hard")] {
        stdio_problem(
            t,
            &format!("bank/{name}"),
            "",
            &[
                ("sample", "1", "3\n", "6\n"),
                ("hidden", "a", "1\n", "2\n"),
                ("hidden", "b", "5\n", "10\n"),
                ("hidden", "c", "7\n", "14\n"),
            ],
        );
        let toml = t.path().join(format!("bank/{name}/problem.toml"));
        let text = std::fs::read_to_string(&toml).unwrap().replace("\"easy\"", &format!("\"{difficulty}\""));
        std::fs::write(toml, text).unwrap();
    }
}

/// `oaj --problems-dir bank oa ARGS` in the OA directory `oa`.
fn oa(t: &TestDir, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = t.oaj();
    cmd.current_dir(t.path().join("oa"))
        .env("XDG_DATA_HOME", t.path().join("xdg"))
        .arg("--problems-dir")
        .arg(t.path().join("bank"))
        .arg("oa")
        .args(args);
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e})\nstdout: {}\nstderr: {}", text(&output.stdout), text(&output.stderr)))
}

fn write(path: &Path, contents: &str) {
    std::fs::write(path, contents).unwrap();
}

#[test]
fn a_terminal_oa_from_start_to_report() {
    support::require_toolchain!("python");
    let t = TestDir::new();
    bank(&t);
    std::fs::create_dir_all(t.path().join("oa")).unwrap();
    let data = t.path().join("data");
    let start = t
        .oaj()
        .arg("--problems-dir")
        .arg(t.path().join("bank"))
        .args(["oa", "start", "--minutes", "1", "--problems", "double,twice", "--dir", "oa", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(start.status.success(), "{}", text(&start.stderr));
    assert!(text(&start.stdout).contains("OA 1 started: 2 problems"), "{}", text(&start.stdout));
    let dir = t.path().join("oa");
    for file in ["problem-1.md", "problem-2.md", "problem-1.py", "problem-2.py", ".oaj-attempt"] {
        assert!(dir.join(file).is_file(), "{file} was not written");
    }
    let statement = std::fs::read_to_string(dir.join("problem-1.md")).unwrap();
    assert!(statement.contains("# 1. bank/double") && statement.contains("```\n3\n```"), "{statement}");
    assert!(std::fs::read_to_string(dir.join("problem-1.py")).unwrap().contains("sys.stdin"));
    assert!(data.join("oaj.sqlite3").is_file(), "the store is created on first start");

    // Run on the samples, then on custom input.
    write(&dir.join("problem-1.py"), CORRECT);
    let run = oa(&t, &["run", "1"]).output().unwrap();
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    assert!(text(&run.stdout).contains("1 / 1 samples passed"), "{}", text(&run.stdout));
    write(&dir.join("in.txt"), "21\n");
    let run = oa(&t, &["run", "1", "--input", "in.txt"]).output().unwrap();
    assert!(text(&run.stdout).starts_with("42\n"), "{}", text(&run.stdout));

    // Submit: during the OA only counts and verdicts.
    let submit = oa(&t, &["submit", "1"]).output().unwrap();
    assert!(submit.status.success(), "{}{}", text(&submit.stdout), text(&submit.stderr));
    assert!(text(&submit.stdout).contains("3 / 3 hidden cases passed"), "{}", text(&submit.stdout));
    let submit = oa(&t, &["submit", "2", "problem-1.py", "--json"]).output().unwrap();
    let view = json(&submit);
    assert_eq!(view["judged"]["passed"], 3);
    assert_eq!(view["judged"]["cases"][0]["message"], "", "no hidden details during the OA");
    // A problem number out of range is named as such (there is no problem-3 file either).
    for n in ["3", "0"] {
        let out_of_range = oa(&t, &["submit", n]).output().unwrap();
        assert_eq!(out_of_range.status.code(), Some(2));
        assert!(text(&out_of_range.stderr).contains("problems 1 to 2"), "{}", text(&out_of_range.stderr));
    }

    // Problem 2's newest file becomes its draft at the next command; it is never submitted again.
    write(&dir.join("problem-2.py"), WRONG);
    let status = oa(&t, &["status", "--json"]).output().unwrap();
    let status = json(&status);
    assert_eq!(status["status"], "coding");
    assert!(status["remaining_ms"].as_i64().unwrap() > 0);
    assert_eq!(status["problems"][0]["counted"]["score"], 1.0);
    assert_eq!(status["problems"][1]["file"], "problem-2.py");

    // Two minutes later (test-only clock offset): the time is up.
    let late = |args: &[&str]| {
        let mut cmd = oa(&t, args);
        cmd.env("OAJ_TEST_CLOCK_OFFSET_MS", "120000");
        cmd
    };
    let refused = late(&["submit", "1"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused.stderr));
    assert!(text(&refused.stderr).contains("the time is up"), "{}", text(&refused.stderr));
    let status = json(&late(&["status", "--json"]).output().unwrap());
    assert_eq!(status["status"], "explaining");
    assert_eq!(status["remaining_ms"], 0);

    // Finish: explanations from stdin (three lines per problem), then the report.
    let finish = late(&["finish", "--json"]).write_stdin("double it\nO(1)\nO(1)\nadd one\nO(1)\n").output().unwrap();
    assert!(finish.status.success(), "{}", text(&finish.stderr));
    let report = json(&finish);
    assert_eq!(report["end_reason"], "deadline");
    assert_eq!(report["status"], "finished");
    let p1 = &report["problems"][0];
    assert_eq!((p1["score"].as_f64(), p1["submissions"].as_u64(), p1["runs"].as_u64()), (Some(1.0), Some(1), Some(2)));
    assert_eq!(p1["explanation"]["approach"], "double it");
    let p2 = &report["problems"][1];
    assert_eq!(p2["auto_submitted"], false, "problem 2 was submitted once (with problem-1.py)");
    assert_eq!(p2["score"], 1.0);
    assert_eq!(p2["explanation"]["space_complexity"], "", "a missing line is an empty answer");

    // The text report says the same.
    let report = late(&["report"]).output().unwrap();
    let shown = text(&report.stdout);
    assert!(shown.contains("score 2.00 / 2") && shown.contains("the time ran out"), "{shown}");
}

#[test]
fn a_never_submitted_draft_is_judged_when_the_time_runs_out() {
    support::require_toolchain!("python");
    let t = TestDir::new();
    bank(&t);
    std::fs::create_dir_all(t.path().join("oa")).unwrap();
    let start = oa(&t, &["start", "--minutes", "1", "--problems", "double", "--dir", "."]).output().unwrap();
    assert!(start.status.success(), "{}", text(&start.stderr));
    write(&t.path().join("oa/problem-1.py"), WRONG);
    assert!(oa(&t, &["status"]).output().unwrap().status.success());
    let finish = oa(&t, &["finish", "--json"]).env("OAJ_TEST_CLOCK_OFFSET_MS", "61000").output().unwrap();
    let report = json(&finish);
    let p = &report["problems"][0];
    assert_eq!(p["auto_submitted"], true);
    assert_eq!((p["passed"].as_u64(), p["total"].as_u64()), (Some(1), Some(3)));
    // After the OA the failing hidden cases are revealed.
    let failing: Vec<(String, String, String)> = p["failing_cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["input"].as_str().unwrap().into(),
                c["expected"].as_str().unwrap().into(),
                c["got"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(failing, [("5\n".into(), "10\n".into(), "6\n".into()), ("7\n".into(), "14\n".into(), "8\n".into())]);
}

#[test]
fn bad_usage_is_reported() {
    let t = TestDir::new();
    bank(&t);
    std::fs::create_dir_all(t.path().join("oa")).unwrap();
    // (arguments, words of the error)
    let cases: &[(&[&str], &str)] = &[
        (&["status"], "not an OA directory"),
        (&["start", "--minutes", "0"], "1 to 180 minutes"),
        (&["start", "--problems", "nope"], "no problem `nope`"),
        (&["start", "--lang", "cobol"], "unknown language `cobol`"),
        (&["start", "--dir", "taken"], "already has problem-1.py"),
    ];
    t.write(&[("oa/taken/problem-1.py", b"print(1)\n")]);
    for (args, needle) in cases {
        let output = oa(&t, args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(text(&output.stderr).contains(needle), "{args:?}: {}", text(&output.stderr));
        // The message says what to do; no OS error text tacked on.
        assert!(!text(&output.stderr).contains("os error"), "{args:?}: {}", text(&output.stderr));
    }
}

#[test]
fn a_submission_survives_kill_9_and_is_judged_by_the_next_command() {
    use std::io::BufRead;
    support::require_toolchain!("python");
    let t = TestDir::new();
    bank(&t);
    std::fs::create_dir_all(t.path().join("oa")).unwrap();
    let start = oa(&t, &["start", "--problems", "double", "--dir", "."]).output().unwrap();
    assert!(start.status.success(), "{}", text(&start.stderr));
    // Slow enough to be killed mid-judging.
    write(&t.path().join("oa/problem-1.py"), "import time\ntime.sleep(2)\nprint(2 * int(input()))\n");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("oaj"))
        .current_dir(t.path().join("oa"))
        .env("OAJ_CACHE_DIR", t.cache())
        .env("XDG_DATA_HOME", t.path().join("xdg"))
        .env("OAJ_LOG", "info")
        .arg("--problems-dir")
        .arg(t.path().join("bank"))
        .args(["oa", "submit", "1"])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Once the engine says the submission is stored, kill the process hard.
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = Vec::new();
    for line in stderr.lines() {
        let line = line.unwrap();
        let stored = line.contains("stored job");
        seen.push(line);
        if stored {
            break;
        }
    }
    assert!(seen.last().is_some_and(|l| l.contains("stored job")), "never stored: {seen:?}");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let status = json(&oa(&t, &["status", "--json"]).output().unwrap());
    let p = &status["problems"][0];
    assert_eq!(p["submissions"], 1, "{status}");
    assert_eq!(p["counted"]["verdict"], "AC", "the next command judged it: {status}");
}

#[test]
fn starter_files_are_in_the_chosen_language_where_a_harness_exists() {
    let t = TestDir::new();
    bank(&t);
    t.write(&[
        (
            "bank/twice-fn/problem.toml",
            b"title = \"Twice\"\ndifficulty = \"hard\"\nkind = \"function\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\n\
              checker = \"exact\"\n\n[signature]\nfunction = \"twice\"\nparams = [{ name = \"n\", type = \"int\" }]\nreturns = \"int\"\n",
        ),
        ("bank/twice-fn/statement.md", b"Return twice n.\n"),
        ("bank/twice-fn/tests/sample/1.in", b"3\n"),
        ("bank/twice-fn/tests/sample/1.ans", b"6\n"),
        ("bank/twice-fn/tests/hidden/a.in", b"1\n"),
        ("bank/twice-fn/tests/hidden/a.ans", b"2\n"),
    ]);
    std::fs::create_dir_all(t.path().join("oa")).unwrap();
    let start = oa(&t, &["start", "--problems", "double,twice-fn", "--lang", "c", "--dir", "."]).output().unwrap();
    assert!(start.status.success(), "{}", text(&start.stderr));
    assert!(text(&start.stderr).contains("problem 2: ") && text(&start.stderr).contains("starter file is in Python"));
    let dir = t.path().join("oa");
    assert!(std::fs::read_to_string(dir.join("problem-1.c")).unwrap().contains("int main(void)"));
    assert!(std::fs::read_to_string(dir.join("problem-2.py")).unwrap().contains("def twice"));
    assert!(!dir.join("problem-2.c").exists());
    assert!(text(&start.stdout).contains("problem-2.md  problem-2.py"), "{}", text(&start.stdout));
}
