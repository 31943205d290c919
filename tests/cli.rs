//! The `oaj` command line, driven as a user drives it: real binary, real
//! files in a temp dir.

mod support;

use support::{stdio_problem, TestDir};

const SUM_CASES: &[(&str, &str, &str, &str)] = &[
    ("sample", "1", "1 2\n", "3\n"),
    ("hidden", "1", "2 2\n", "4\n"),
    ("hidden", "2", "-5 5\n", "0\n"),
    ("hidden", "3", "1000000000 1000000000\n", "2000000000\n"),
];

const SUM_PY: &str = "a, b = map(int, input().split())\nprint(a + b)\n";

fn sum_dir() -> TestDir {
    let dir = TestDir::new();
    stdio_problem(&dir, "sum", "", SUM_CASES);
    dir
}

/// Files in the test dir other than the cache, to check that bad input
/// writes nothing.
fn files_outside_cache(dir: &TestDir) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).unwrap().flatten() {
            let p = entry.path();
            if p.starts_with(dir.cache()) {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p.strip_prefix(dir.path()).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn bad_input_is_a_clear_usage_error() {
    // (what, files to add, args after `oaj`, words the error must hold)
    let big = vec![b'#'; 300 * 1024];
    let table: Vec<(&str, Vec<(&str, &[u8])>, Vec<&str>, Vec<&str>)> = vec![
        ("empty source", vec![("e.py", b"")], vec!["run", "sum", "e.py"], vec!["e.py", "empty"]),
        (
            "binary source",
            vec![("b.cpp", b"\x7fELF\x02\x01\x00\x00")],
            vec!["run", "sum", "b.cpp"],
            vec!["b.cpp", "binary"],
        ),
        ("huge source", vec![("h.py", &big)], vec!["run", "sum", "h.py"], vec!["h.py", "256 KiB"]),
        (
            "unknown extension",
            vec![("s.txt", b"print(1)")],
            vec!["run", "sum", "s.txt"],
            vec!["s.txt", "--lang", ".py"],
        ),
        (
            "unknown --lang",
            vec![("s.py", SUM_PY.as_bytes())],
            vec!["run", "sum", "s.py", "--lang", "cobol"],
            vec!["cobol", "python"],
        ),
        ("missing source", vec![], vec!["run", "sum", "nope.py"], vec!["nope.py", "cannot read"]),
        (
            "unknown problem",
            vec![("s.py", SUM_PY.as_bytes())],
            vec!["run", "no-such-problem", "s.py"],
            vec!["no-such-problem", "`oaj list` shows its"],
        ),
        (
            "empty bank",
            vec![("empty-bank/README", b"no problems here\n")],
            vec!["--problems-dir", "empty-bank", "list"],
            vec!["empty-bank holds no problem", "oaj new"],
        ),
        (
            "mistyped problem",
            vec![("s.py", SUM_PY.as_bytes())],
            vec!["run", "cheapest-stair-climbs", "s.py"],
            vec!["no problem `cheapest-stair-climbs`", "did you mean `cheapest-stair-climb`?"],
        ),
        (
            "broken problem.toml",
            vec![("s.py", SUM_PY.as_bytes()), ("sum/problem.toml", b"title = \"x\"\ntime_limit_ms = \"fast\"\n")],
            vec!["run", "sum", "s.py"],
            vec!["problem.toml:2", "expected u64"],
        ),
        (
            "missing .ans",
            vec![("s.py", SUM_PY.as_bytes()), ("sum/tests/hidden/9.in", b"1 1\n")],
            vec!["run", "sum", "s.py"],
            vec!["9.in", "no answer file 9.ans"],
        ),
        ("no arguments", vec![], vec!["run"], vec!["Usage"]),
    ];
    for (what, files, args, words) in table {
        let dir = sum_dir();
        dir.write(&files);
        let before = files_outside_cache(&dir);
        let output = dir.oaj().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{what}: exit code; stderr: {stderr}");
        for word in words {
            assert!(stderr.contains(word), "{what}: stderr lacks {word:?}:\n{stderr}");
        }
        assert_eq!(files_outside_cache(&dir), before, "{what}: wrote files outside the cache");
    }
}

#[test]
fn json_result_has_the_documented_shape() {
    let dir = sum_dir();
    dir.write(&[("s.py", SUM_PY.as_bytes())]);
    let (json, output) = dir.run_json("sum", "s.py", &[]);
    assert_eq!(output.status.code(), Some(0));
    for key in ["problem", "language", "verdict", "passed", "total", "score", "compile", "cases"] {
        assert!(json.get(key).is_some(), "missing {key}: {json}");
    }
    assert_eq!(json["problem"], "sum");
    assert_eq!(json["language"], "python");
    assert_eq!(json["verdict"], "AC");
    assert_eq!((json["passed"].as_u64(), json["total"].as_u64()), (Some(3), Some(3)));
    assert_eq!(json["score"].as_f64(), Some(1.0));
    for key in ["ok", "message", "time_ms"] {
        assert!(json["compile"].get(key).is_some(), "compile.{key}");
    }
    let cases = json["cases"].as_array().unwrap();
    let names: Vec<_> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["sample/1", "hidden/1", "hidden/2", "hidden/3"]);
    for case in cases {
        for key in ["name", "verdict", "time_ms", "wall_ms", "memory_kb", "message"] {
            assert!(case.get(key).is_some(), "case lacks {key}: {case}");
        }
        assert!(case["memory_kb"].as_u64().unwrap() > 0, "{case}");
    }
}

#[test]
fn a_repeated_run_uses_the_cached_build() {
    // A cache of its own: the first run must be the first compile.
    let dir = TestDir::with_own_cache();
    stdio_problem(&dir, "sum", "", SUM_CASES);
    dir.write(&[("s.py", SUM_PY.as_bytes())]);
    let (first, _) = dir.run_json("sum", "s.py", &[]);
    let (second, _) = dir.run_json("sum", "s.py", &[]);
    assert_eq!(first["compile"]["cached"], false);
    assert_eq!(second["compile"]["cached"], true);
    // Another file with the same content is the same build.
    dir.write(&[("copy.py", SUM_PY.as_bytes())]);
    let (third, _) = dir.run_json("sum", "copy.py", &[]);
    assert_eq!(third["compile"]["cached"], true);
}

#[test]
fn partial_credit_and_exit_codes() {
    let dir = sum_dir();
    // Right only when the sum is 4.
    dir.write(&[("four.py", b"input()\nprint(4)\n")]);
    let (json, output) = dir.run_json("sum", "four.py", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json["verdict"], "WA");
    assert_eq!((json["passed"].as_u64(), json["total"].as_u64()), (Some(1), Some(3)));
    let sample = &json["cases"][0];
    assert!(sample["diff"].as_str().unwrap().contains("+4"), "{sample}");
    let hidden = &json["cases"][2];
    assert!(hidden.get("diff").is_none(), "hidden cases show no diff: {hidden}");

    // --samples: only samples run, and they decide the exit code.
    dir.write(&[("three.py", b"input()\nprint(3)\n")]);
    let (json, output) = dir.run_json("sum", "three.py", &["--samples"]);
    assert_eq!(output.status.code(), Some(0), "{json}");
    assert_eq!(json["cases"].as_array().unwrap().len(), 1);
}

#[test]
fn fail_fast_stops_early() {
    let dir = TestDir::new();
    let cases: Vec<(String, String)> = (1..=12).map(|i| (format!("{i}"), format!("{i} 0\n"))).collect();
    let table: Vec<(&str, &str, &str, &str)> =
        cases.iter().map(|(stem, input)| ("hidden", stem.as_str(), input.as_str(), "0\n")).collect();
    stdio_problem(&dir, "zeros", "", &table);
    dir.write(&[("one.py", b"print(1)\n")]);
    // Cases start in order and a case that finds the stop flag set is
    // skipped, so with N slots at most N cases run, whatever the core count.
    for (jobs, at_most) in [("1", 1), ("2", 2)] {
        let (json, _) = dir.run_json("zeros", "one.py", &["--fail-fast", "--jobs", jobs]);
        assert_eq!(json["verdict"], "WA");
        assert_eq!(json["total"], 12);
        let ran = json["cases"].as_array().unwrap().len();
        assert!((1..=at_most).contains(&ran), "--jobs {jobs}: {ran} cases ran\n{json}");
    }
    // Without --fail-fast every case runs.
    let (json, _) = dir.run_json("zeros", "one.py", &["--jobs", "1"]);
    assert_eq!(json["cases"].as_array().unwrap().len(), 12, "{json}");
}

/// Checkers end to end: (problem.toml tail, answer, output printed, verdict).
#[test]
fn checkers_end_to_end() {
    let table: &[(&str, &str, &str, &str)] = &[
        ("checker = \"exact\"\n", "a b\n", "a b", "AC"),
        ("checker = \"exact\"\n", "a b\n", "a  b", "WA"),
        ("checker = \"tokens\"\n", "a b\n", "a\\n\\n b  ", "AC"),
        ("checker = \"float\"\nfloat_abs_tol = 1e-3\n", "3.14159\n", "3.1412", "AC"),
        ("checker = \"float\"\nfloat_abs_tol = 1e-3\nfloat_rel_tol = 0.0\n", "3.14159\n", "3.14", "WA"),
        ("checker = \"unordered\"\n", "x\ny\nz\n", "z\\nx\\ny", "AC"),
        ("checker = \"unordered\"\n", "x\ny\nz\n", "z\\nx\\nx", "WA"),
    ];
    for (i, (toml, answer, printed, verdict)) in table.iter().enumerate() {
        let dir = TestDir::new();
        stdio_problem(&dir, "p", toml, &[("hidden", "1", "\n", answer)]);
        dir.write(&[("s.py", format!("print(\"{printed}\", end=\"\")\n").as_bytes())]);
        let (json, _) = dir.run_json("p", "s.py", &[]);
        assert_eq!(json["verdict"], *verdict, "row {i}: {toml} {printed:?}: {json}");
    }
}

const PARITY_CHECKER: &str = r#"import sys, os
# Accepts any output whose number has the same parity as the answer.
inp, ans, feedback = sys.argv[1], sys.argv[2], sys.argv[3]
got = sys.stdin.read().split()
want = int(open(ans).read())
if len(got) == 1 and got[0].lstrip('-').isdigit() and int(got[0]) % 2 == want % 2:
    sys.exit(42)
with open(os.path.join(feedback, "judgemessage.txt"), "w") as f:
    f.write("parity differs from the answer's")
sys.exit(43)
"#;

#[test]
fn custom_checker_speaks_the_kattis_protocol() {
    let dir = TestDir::new();
    stdio_problem(
        &dir,
        "parity",
        "checker = \"custom\"\n",
        &[("hidden", "1", "5\n", "8\n"), ("hidden", "2", "5\n", "7\n")],
    );
    dir.write(&[("parity/checker/checker.py", PARITY_CHECKER.as_bytes()), ("even.py", b"print(2)\n")]);
    let (json, _) = dir.run_json("parity", "even.py", &[]);
    assert_eq!(json["cases"][0]["verdict"], "AC", "{json}");
    assert_eq!(json["cases"][1]["verdict"], "WA", "{json}");
    assert_eq!(json["cases"][1]["message"], "parity differs from the answer's");

    // A checker that crashes is a judge error, never the user's fault.
    dir.write(&[("parity/checker/checker.py", b"raise SystemExit(3)\n")]);
    let (json, _) = dir.run_json("parity", "even.py", &[]);
    assert_eq!(json["verdict"], "IE", "{json}");
}

#[test]
fn list_show_and_validate_a_bank() {
    let dir = sum_dir();
    dir.write(&[
        ("sum/solutions/accepted/good.py", SUM_PY.as_bytes()),
        ("sum/solutions/wrong_answer/four.py", b"input()\nprint(4)\n"),
        ("sum/solutions/runtime_error/crash.py", b"raise ValueError('boom')\n"),
    ]);
    let list = dir.oaj().args(["--problems-dir", ".", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("sum") && text.contains("easy") && text.contains("stdio"), "{text}");

    let show = dir.oaj().args(["show", "sum"]).output().unwrap();
    assert!(String::from_utf8_lossy(&show.stdout).contains("A test problem."));

    let validate = dir.oaj().args(["--problems-dir", ".", "validate", "sum"]).output().unwrap();
    let text = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(0), "{text}");
    assert_eq!(text.matches(" ok").count(), 3, "{text}");

    // A solution that does not earn its promised verdict fails validation.
    dir.write(&[("sum/solutions/time_limit/actually_fine.py", SUM_PY.as_bytes())]);
    let validate = dir.oaj().args(["--problems-dir", ".", "validate", "sum"]).output().unwrap();
    let text = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL"), "{text}");
}

#[test]
fn langs_lists_all_seven_languages() {
    let dir = TestDir::new();
    let output = dir.oaj().arg("langs").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    for id in ["c", "cpp", "java", "python", "javascript", "rust", "go"] {
        assert!(text.lines().any(|l| l.starts_with(&format!("{id} "))), "{id} missing:\n{text}");
    }
    // Go is 1.21 or later (built-in min and max, as on LeetCode), and the
    // version shows.
    if support::toolchain_available("go") {
        let go = text.lines().find(|l| l.starts_with("go ")).unwrap_or_default();
        let minor = go
            .split_once("go version go1.")
            .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|m| m.parse::<u32>().ok());
        assert!(minor.is_some_and(|m| m >= 21), "Go 1.21 or later expected: {go}");
    }
}

#[test]
fn run_on_custom_input_prints_the_output() {
    let dir = sum_dir();
    dir.write(&[
        ("s.py", SUM_PY.as_bytes()),
        ("my.in", b"40 2\n"),
        ("crash.py", b"import sys\nprint('partial')\nsys.exit(3)\n"),
    ]);
    let output = dir.oaj().args(["run", "sum", "s.py", "--input", "my.in"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.starts_with("42\n"), "{text}");
    // No answer was compared: the run is said to have run, not to be right.
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with("ran ") && !text.contains("AC"), "{text}");

    let output =
        dir.oaj().args(["run", "sum", "crash.py", "--input", "-", "--json"]).write_stdin("1 1\n").output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json["verdict"], "RE");
    assert_eq!(json["stdout"], "partial\n");
    assert!(json["message"].as_str().unwrap().contains("exit code 3"), "{json}");
}

/// What a program prints reaches the terminal inert: escape sequences that
/// would erase the lines above and print a verdict the judge never gave
/// (and a right-to-left override) are shown as text, on every path that
/// prints the program's output or stderr; `--json` keeps them exact.
#[test]
fn program_output_cannot_forge_verdict_lines() {
    let dir = sum_dir();
    let forger = "import sys\n\
                  forged = '\\x1b[1A\\x1b[2K\\rpassed 3/3 \\u202e verdict AC\\x1b]0;title\\x07'\n\
                  print(forged)\n\
                  sys.stderr.write(forged + '\\n')\n\
                  sys.exit(1)\n";
    dir.write(&[("forge.py", forger.as_bytes()), ("my.in", b"1 2\n")]);
    let shown = r"\x1b[1A\x1b[2K\rpassed 3/3 \u{202e} verdict AC\x1b]0;title\x07";
    for args in [
        &["run", "sum", "forge.py"][..],
        &["run", "sum", "forge.py", "--samples"],
        &["run", "sum", "forge.py", "--input", "my.in"],
    ] {
        let output = dir.oaj().args(args).output().expect("run oaj");
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {text}");
        for control in ['\x1b', '\r', '\x07', '\u{202e}'] {
            assert!(!text.contains(control), "{args:?} printed {control:?}: {text:?}");
        }
        assert!(text.contains(shown), "{args:?}: {text}");
    }
    let output = dir.oaj().args(["run", "sum", "forge.py", "--input", "my.in", "--json"]).output().expect("run oaj");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert!(
        json["stdout"].as_str().expect("stdout as a string").contains("\x1b[1A\x1b[2K\rpassed 3/3 \u{202e} verdict AC"),
        "{json}"
    );
}

#[test]
fn a_reader_that_stops_early_ends_nothing_but_the_output() {
    // `oaj run ... | head -1`: the pipe closes after the first line. The
    // judging must still finish with its exit code, without a panic.
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = sum_dir();
    // Slow enough that the lines after the first come once the pipe is closed.
    dir.write(&[("four.py", b"import time\ninput()\ntime.sleep(0.3)\nprint(4)\n")]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_oaj"))
        .current_dir(dir.path())
        .env("OAJ_CACHE_DIR", dir.cache())
        .env("NO_COLOR", "1")
        .args(["run", "sum", "four.py"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start oaj");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("read the first line");
    assert!(!first.is_empty(), "oaj printed nothing");
    // The reader (and with it the pipe) is gone here.
    let output = child.wait_with_output().expect("wait for oaj");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "WA's exit code: {stderr}");
}

#[test]
fn compile_errors_name_the_file_relatively() {
    let dir = sum_dir();
    dir.write(&[("broken.cpp", b"int main() { return undefined_name; }\n")]);
    let (json, output) = dir.run_json("sum", "broken.cpp", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json["verdict"], "CE");
    assert_eq!(json["compile"]["ok"], false);
    assert_eq!(json["cases"].as_array().unwrap().len(), 0);
    let message = json["compile"]["message"].as_str().unwrap();
    assert!(message.contains("main.cpp:1:") && message.contains("undefined_name"), "{message}");
    assert!(!message.contains("/box") && !message.contains(&dir.cache().display().to_string()), "{message}");

    // A syntax error in Python is a compile error too, before any case runs.
    dir.write(&[("broken.py", b"def f(:\n")]);
    let (json, _) = dir.run_json("sum", "broken.py", &[]);
    assert_eq!(json["verdict"], "CE", "{json}");
    assert!(json["compile"]["message"].as_str().unwrap().contains("main.py"), "{json}");
}

#[test]
fn a_missing_toolchain_names_the_package_to_install() {
    let dir = sum_dir();
    let languages = r#"
[languages.cobol]
name = "COBOL"
extensions = ["cob"]
source = "main.cob"
compile = ["cobc-not-installed", "-x", "main.cob"]
run = ["./main"]
version = ["cobc-not-installed", "--version"]
package = "gnucobol"
time_multiplier = 2.0
"#;
    dir.write(&[("langs.toml", languages.as_bytes()), ("hello.cob", b"DISPLAY 'HI'.\n")]);
    let output = dir.oaj().args(["--languages", "langs.toml", "run", "sum", "hello.cob"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("COBOL is not available") && stderr.contains("apt-get install gnucobol"), "{stderr}");

    let output = dir.oaj().args(["--languages", "langs.toml", "langs"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("MISSING") && stdout.contains("gnucobol"), "{stdout}");
}

#[test]
fn fail_fast_on_a_failing_sample_reports_its_verdict() {
    let dir = TestDir::new();
    stdio_problem(
        &dir,
        "fours",
        "",
        &[("sample", "1", "x\n", "3\n"), ("hidden", "1", "x\n", "4\n"), ("hidden", "2", "x\n", "4\n")],
    );
    dir.write(&[("four.py", b"print(4)\n")]);
    for _ in 0..3 {
        let (json, output) = dir.run_json("fours", "four.py", &["--fail-fast"]);
        assert_eq!(json["verdict"], "WA", "{json}");
        assert_eq!(output.status.code(), Some(1));
    }
}

#[test]
fn a_custom_checker_of_a_function_problem_gets_canonical_json() {
    let dir = TestDir::new();
    let toml = "title = \"Desc\"\ndifficulty = \"easy\"\nkind = \"function\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\nchecker = \"custom\"\n\n[signature]\nfunction = \"desc\"\nparams = [{ name = \"nums\", type = \"int[]\" }]\nreturns = \"int[]\"\n";
    // Accepts exactly the canonical JSON of the answer: no spaces.
    let checker = "import sys\nwant = open(sys.argv[2]).read().strip().replace(' ', '')\nsys.exit(42 if sys.stdin.read().strip() == want else 43)\n";
    dir.write(&[
        ("desc/problem.toml", toml.as_bytes()),
        ("desc/statement.md", b"Sort descending.\n"),
        ("desc/tests/hidden/1.in", b"[1, 3, 2]\n"),
        ("desc/tests/hidden/1.ans", b"[3, 2, 1]\n"),
        ("desc/checker/checker.py", checker.as_bytes()),
        ("good.py", b"class Solution:\n    def desc(self, nums):\n        return sorted(nums, reverse=True)\n"),
        ("bad.py", b"class Solution:\n    def desc(self, nums):\n        return sorted(nums)\n"),
    ]);
    let (json, _) = dir.run_json("desc", "good.py", &[]);
    assert_eq!(json["verdict"], "AC", "{json}");
    let (json, _) = dir.run_json("desc", "bad.py", &[]);
    assert_eq!(json["verdict"], "WA", "{json}");
}

#[test]
fn list_filters_by_difficulty_and_topic() {
    let dir = TestDir::new();
    stdio_problem(&dir, "sum", "topics = [\"math\"]\nminutes = 5\n", SUM_CASES);
    stdio_problem(&dir, "window", "topics = [\"sliding-window\", \"hashing\"]\nminutes = 25\n", SUM_CASES);
    let list = |args: &[&str]| {
        let output = dir.oaj().args(["--problems-dir", ".", "list"]).args(args).output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, all, _) = list(&[]);
    assert_eq!(code, Some(0), "{all}");
    assert!(all.contains("TOPICS") && all.contains("sliding-window, hashing") && all.contains("25"), "{all}");

    // (filter, slugs expected in the output, slugs that must not be there)
    let table: &[(&[&str], &[&str], &[&str])] = &[
        (&["--topic", "hashing"], &["window"], &["sum"]),
        (&["--topic", "math", "--topic", "hashing"], &["window", "sum"], &[]),
        (&["--difficulty", "easy"], &["window", "sum"], &[]),
    ];
    for (args, present, absent) in table {
        let (code, text, _) = list(args);
        assert_eq!(code, Some(0), "{args:?}: {text}");
        for slug in *present {
            assert!(text.lines().any(|l| l.starts_with(slug)), "{args:?} should list {slug}: {text}");
        }
        for slug in *absent {
            assert!(!text.lines().any(|l| l.starts_with(slug)), "{args:?} should not list {slug}: {text}");
        }
    }
    let (code, _, err) = list(&["--difficulty", "hard"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no problem matches"), "{err}");
    let (code, _, err) = list(&["--topic", "graph-colouring"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("`graph-colouring`") && err.contains("sliding-window"), "{err}");
    let (code, _, err) = list(&["--difficulty", "impossible"]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn validate_runs_the_input_validators() {
    let dir = sum_dir();
    dir.write(&[
        ("sum/solutions/accepted/good.py", SUM_PY.as_bytes()),
        // Promises |a|, |b| <= 10^9: every case keeps it.
        (
            "sum/validators/validate.py",
            b"import sys\na, b = map(int, sys.stdin.read().split())\nsys.exit(42 if abs(a) <= 10**9 and abs(b) <= 10**9 else 43)\n",
        ),
    ]);
    let validate = dir.oaj().args(["--problems-dir", ".", "validate", "sum"]).output().unwrap();
    let text = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&validate.stderr));
    assert!(text.contains("4 inputs valid"), "{text}");

    // A case outside the promised bounds is named, with the validator's reason.
    dir.write(&[
        ("sum/tests/hidden/4.in", b"3000000000 1\n"),
        ("sum/tests/hidden/4.ans", b"3000000001\n"),
        (
            "sum/validators/validate.py",
            b"import sys\na, b = map(int, sys.stdin.read().split())\nif abs(a) > 10**9:\n    print('a out of range:', a)\n    sys.exit(43)\nsys.exit(42)\n",
        ),
    ]);
    let validate = dir.oaj().args(["--problems-dir", ".", "validate", "sum"]).output().unwrap();
    let (out, err) = (String::from_utf8_lossy(&validate.stdout), String::from_utf8_lossy(&validate.stderr));
    assert_eq!(validate.status.code(), Some(1), "{out}");
    assert!(out.contains("1 of 5 inputs rejected"), "{out}");
    assert!(err.contains("hidden/4") && err.contains("a out of range: 3000000000"), "{err}");
}

#[test]
fn validate_keeps_the_time_limit_margins() {
    // Python gets 3x the 300 ms limit, 900 ms. An accepted solution taking
    // 600 ms has no margin (over half of it); a "too slow" one taking 1.2 s
    // exceeds 900 ms but not twice it, so a faster machine could accept it;
    // one taking 2.4 s keeps the rule.
    let dir = TestDir::new();
    stdio_problem(&dir, "sum", "", SUM_CASES);
    let toml = dir.path().join("sum/problem.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace("time_limit_ms = 1000", "time_limit_ms = 300");
    std::fs::write(&toml, text).unwrap();
    let busy = |ms: u32| {
        format!(
            "import time\nstart = time.process_time()\nwhile time.process_time() - start < {}:\n    pass\n{SUM_PY}",
            f64::from(ms) / 1000.0
        )
    };
    dir.write(&[
        ("sum/solutions/accepted/slowish.py", busy(600).as_bytes()),
        ("sum/solutions/time_limit/barely.py", busy(1200).as_bytes()),
        ("sum/solutions/time_limit/clearly.py", busy(2400).as_bytes()),
    ]);
    let validate = dir.oaj().args(["--problems-dir", ".", "validate", "sum"]).output().unwrap();
    let (out, err) = (String::from_utf8_lossy(&validate.stdout), String::from_utf8_lossy(&validate.stderr));
    assert_eq!(validate.status.code(), Some(1), "{out}{err}");
    let row = |name: &str| out.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
    assert!(row("slowish.py").ends_with("FAIL"), "{out}");
    assert!(row("barely.py").ends_with("FAIL"), "{out}");
    assert!(row("clearly.py").ends_with("ok"), "{out}");
    assert!(err.contains("slowish.py: accepted, but without margin") && err.contains("Raise time_limit_ms"), "{err}");
    assert!(err.contains("barely.py: not too slow") && err.contains("1800 ms"), "{err}");
}

/// What the sandbox's probe found is kept between starts (docs/sandbox.md,
/// "How it degrades"): a later `oaj run` reads it instead of probing; a
/// corrupt file, one writable by others, or another binary means probing
/// again; `oaj doctor` always probes.
#[test]
fn the_sandbox_probe_is_kept_between_starts_and_doctor_probes_afresh() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sum_dir();
    dir.write(&[("s.py", SUM_PY.as_bytes())]);
    let kept = dir.path().join("probe/sandbox-probe.json");
    let oaj = |binary: Option<&std::path::Path>| {
        let mut command = match binary {
            Some(binary) => {
                let mut command = assert_cmd::Command::new(binary);
                command.current_dir(dir.path()).env("OAJ_CACHE_DIR", dir.cache()).env("NO_COLOR", "1");
                command
            }
            None => dir.oaj(),
        };
        command.env("OAJ_SANDBOX_PROBE_CACHE", &kept).env("OAJ_LOG", "oaj_sandbox=debug");
        command
    };
    let run = |binary: Option<&std::path::Path>| {
        let output = oaj(binary).args(["run", "sum", "s.py"]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        stderr
    };
    const HIT: &str = "using the probe result cached in";

    let doctor = oaj(None).arg("doctor").output().expect("doctor");
    let stdout = String::from_utf8_lossy(&doctor.stdout).into_owned();
    let header = format!("sandbox protections (probed now, not read from the probe cache {}):", kept.display());
    assert!(stdout.starts_with(&header), "{stdout}");
    // Only an answer that isolates runs with cgroups is kept.
    let keeps = doctor.status.code() == Some(0) && stdout.contains("[on ] cgroups");
    if !keeps {
        assert!(!kept.exists(), "a degraded answer is not kept:\n{stdout}");
        assert!(!run(None).contains(HIT));
        eprintln!("SKIPPED the rest: this host does not isolate with cgroups, so nothing is kept:\n{stdout}");
        return;
    }
    assert!(kept.is_file(), "doctor keeps what it found");
    assert_eq!(std::fs::metadata(&kept).expect("meta").permissions().mode() & 0o777, 0o600);
    assert!(run(None).contains(HIT), "the next start reads the kept answer");

    let damages: [(&str, &dyn Fn(), &str); 2] = [
        ("corrupt", &|| std::fs::write(&kept, "{\"key\":").expect("write"), "is not a probe result"),
        (
            "writable by others",
            &|| std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o666)).expect("chmod"),
            "is writable by others",
        ),
    ];
    for (what, damage, why) in damages {
        damage();
        let stderr = run(None);
        assert!(!stderr.contains(HIT) && stderr.contains(why), "{what}: probed again\n{stderr}");
        assert!(run(None).contains(HIT), "{what}: the new probe's answer is kept and read");
    }

    // Another binary (the same file under another path) probes again.
    let other = dir.path().join("bin/oaj");
    std::fs::create_dir_all(other.parent().unwrap()).expect("mkdir");
    if std::fs::hard_link(assert_cmd::cargo::cargo_bin("oaj"), &other).is_ok() {
        let stderr = run(Some(&other));
        assert!(!stderr.contains(HIT) && stderr.contains("another boot, binary or configuration"), "{stderr}");
        // Its answer replaced the kept one: this binary probes once more.
        assert!(!run(None).contains(HIT));
    } else {
        eprintln!("SKIPPED the other-binary check: cannot hard-link the oaj binary into the temp dir");
    }

    // doctor reads nothing, even with a good answer kept.
    assert!(run(None).contains(HIT));
    let doctor = oaj(None).arg("doctor").output().expect("doctor");
    assert!(!String::from_utf8_lossy(&doctor.stderr).contains(HIT), "doctor always probes");
}

/// The `oaj` binary isolates runs under any file name (installed as
/// `oaj-1.2`, say): it is its own sandbox helper, not only when named `oaj`.
#[test]
fn a_renamed_oaj_isolates_as_oaj_does() {
    let dir = TestDir::new();
    let renamed = dir.path().join("bin/oaj-1.2");
    std::fs::create_dir_all(renamed.parent().expect("parent")).expect("mkdir");
    let oaj = assert_cmd::cargo::cargo_bin("oaj");
    if std::fs::hard_link(&oaj, &renamed).is_err() {
        std::fs::copy(&oaj, &renamed).expect("copy the oaj binary");
    }
    let doctor = |binary: &std::path::Path| {
        let output = assert_cmd::Command::new(binary)
            .current_dir(dir.path())
            .env_remove("OAJ_SANDBOX_HELPER")
            .env("OAJ_SANDBOX_PROBE_CACHE", "off")
            .arg("doctor")
            .output()
            .expect("doctor runs");
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (code, report) = doctor(&oaj);
    let (renamed_code, renamed_report) = doctor(&renamed);
    assert_eq!(renamed_code, code, "{renamed_report}");
    assert_eq!(renamed_report, report);
    assert!(!renamed_report.contains("no sandbox exec helper"), "{renamed_report}");
}
