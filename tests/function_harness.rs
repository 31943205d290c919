//! The generated function-problem harnesses, compiled and run with the real
//! toolchains using the commands in `sandbox/languages.toml`.
//!
//! A toolchain missing on this machine skips its language with a loud
//! message, except under `CI=true`, where every toolchain must be present.

mod function_support;

use function_support::{available, build, run, run_with, toolchain};
use oaj_judge::function::{compare, starter_code, Comparison, ECHO_FLAG, HARNESS_DATA_ERROR_EXIT, LANGUAGES};
use oaj_spec::{Checker, Param, Signature, Type};

fn identity(ty: &str) -> Signature {
    Signature {
        function: "echoValue".into(),
        params: vec![Param { name: "value".into(), ty: ty.parse().expect("type") }],
        returns: ty.parse().expect("type"),
        class: "Solution".into(),
    }
}

/// The starter code with its empty body replaced by `statement`, so the
/// starter code itself is compiled by these tests.
fn complete(language: &str, sig: &Signature, statements: &[&str]) -> String {
    let starter = starter_code(sig, language).expect("starter");
    let is_body = |l: &str| {
        if language == "python" {
            l.trim() == "pass"
        } else {
            !l.is_empty() && l.trim().is_empty()
        }
    };
    let Some(blank) = starter.lines().find(|l| is_body(l)) else {
        panic!("{language}: starter has no empty body:\n{starter}");
    };
    let body: String = statements.iter().map(|s| format!("        {s}\n")).collect();
    starter.replacen(&format!("{blank}\n"), &body, 1)
}

fn return_value(language: &str) -> &'static str {
    match language {
        "python" => "return value",
        "rust" => "value",
        _ => "return value;",
    }
}

fn return_zero(language: &str) -> &'static str {
    match language {
        "python" => "return 0",
        "rust" => "0",
        _ => "return 0;",
    }
}

/// A signature with a parameter of every round-tripped type (`p0`, `p1`,
/// ...): its program has the harness's conversions for all of them.
fn every_type() -> Signature {
    Signature {
        function: "takeEverything".into(),
        params: ROUND_TRIPS
            .iter()
            .enumerate()
            .map(|(i, (ty, _))| Param { name: format!("p{i}"), ty: ty.parse().expect("type") })
            .collect(),
        returns: Type::Int,
        class: "Solution".into(),
    }
}

/// (type, values as JSON): every value must come back unchanged.
const ROUND_TRIPS: &[(&str, &[&str])] = &[
    ("int", &["0", "-2147483648", "2147483647"]),
    ("long", &["-9223372036854775808", "9223372036854775807", "0", "9007199254740993"]),
    ("double", &["1e-9", "1e18", "-0.5", "3", "0.1"]),
    ("bool", &["true", "false"]),
    ("char", &["\"a\"", "\"\\\"\"", "\"\\\\\""]),
    (
        "string",
        &[
            "\"\"",
            "\"he said \\\"hi\\\"\"",
            "\"back\\\\slash\"",
            "\"ünïcødé 日本 😀 \\ud83d\\ude00\"",
            "\"tab\\tnew\\nline\\u0001\"",
        ],
    ),
    ("ListNode", &["[]", "[1,2,3]", "[-2147483648]"]),
    ("TreeNode", &["[]", "[1,null,2,3]", "[1,2,3,4,5,6,7]", "[5,4,null,3,null,2]"]),
    ("int[][]", &["[]", "[[]]", "[[1,2],[],[3]]"]),
    ("string[]", &["[]", "[\"a\",\"\\\"q\\\"\",\"é😀\"]"]),
    ("ListNode[]", &["[]", "[[],[1,2]]"]),
    ("double[]", &["[1e-9,1e18,-2.5]"]),
];

#[test]
fn every_type_round_trips_through_every_language() {
    // Languages build and run side by side: compilers use one core each.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = LANGUAGES.iter().map(|&language| scope.spawn(move || round_trips(language))).collect();
        workers.into_iter().flat_map(|w| w.join().expect("round-trip worker")).collect()
    });
    assert!(failures.is_empty(), "round trips failed:\n{}", failures.join("\n"));
}

/// Every round trip of one language, through ONE build: the program of
/// [`every_type`], once in its normal mode (every parameter decoded on the
/// way to the user's function) and once in its self-test mode
/// ([`ECHO_FLAG`]), which sends every value through its type's decoder and
/// encoder. Returns the failures.
fn round_trips(language: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let tc = toolchain(language);
    if !available(language, &tc) {
        return failures;
    }
    let sig = every_type();
    let dir = build(language, &tc, &sig, &complete(language, &sig, &[return_zero(language)]));

    // Normal mode: one value of each type, one line per parameter.
    let args: String = ROUND_TRIPS.iter().map(|(_, values)| format!("{}\n", values[values.len() - 1])).collect();
    let out = run(&tc, dir.path(), &args);
    if !out.status.success() || String::from_utf8_lossy(&out.stdout) != "0\n" {
        failures.push(format!(
            "{language}: one case with every type: status {:?}, stdout {:?}, stderr {:?}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }

    // Self-test mode: every value of every type. One large value per
    // language: results far beyond a pipe's buffer must arrive whole.
    let row: Vec<String> = (0..200_000).map(|i| (i * 7919 % 1_000_003 - 500_000).to_string()).collect();
    let large = format!("[[{}],[]]", row.join(","));
    let mut pairs: Vec<(&str, &str)> =
        ROUND_TRIPS.iter().flat_map(|(ty, values)| values.iter().map(move |v| (*ty, *v))).collect();
    pairs.push(("int[][]", &large));
    let input: String = pairs.iter().map(|(ty, value)| format!("{ty}\n{value}\n")).collect();
    let out = run_with(&tc, dir.path(), &[ECHO_FLAG], &input);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    if !out.status.success() || lines.len() != pairs.len() {
        failures.push(format!(
            "{language}: self-test mode: status {:?}, {} line(s) for {} values, stderr {:?}",
            out.status.code(),
            lines.len(),
            pairs.len(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    for ((ty, value), line) in pairs.iter().zip(&lines) {
        let verdict = compare(&Checker::Exact, value, line);
        if verdict != Comparison::Accepted {
            let shown: String = value.chars().take(80).collect();
            let got: String = line.chars().take(200).collect();
            failures.push(format!("{language} {ty} {shown}: came back as {got:?}: {verdict:?}"));
        }
    }
    failures
}

/// Per language: a statement printing "noise" to stdout, and a statement
/// failing at run time (the exception's type name expected in stderr).
const BEHAVIOUR: &[(&str, &str, &str, &str)] = &[
    ("python", "print(\"noise\")", "raise ValueError(\"boom\")", "ValueError: boom"),
    (
        "javascript",
        "console.log(\"noise\"); process.stdout.write(\"more\\n\");",
        "throw new RangeError(\"boom\");",
        "RangeError: boom",
    ),
    (
        "java",
        "System.out.println(\"noise\");",
        "if (value >= 0) throw new IllegalStateException(\"boom\");",
        "java.lang.IllegalStateException: boom",
    ),
    (
        "cpp",
        "cout << \"noise\" << endl; printf(\"more\\n\");",
        "if (value >= 0) throw std::runtime_error(\"boom\");",
        "std::runtime_error: boom",
    ),
    ("go", "fmt.Println(\"noise\")", "panic(\"boom\")", "panic: boom"),
    ("rust", "println!(\"noise\");", "if value >= 0 { panic!(\"boom\"); }", "panic: boom"),
];

#[test]
fn user_output_goes_to_stderr_and_errors_name_the_users_line() {
    let sig = identity("int");
    for &(language, print, fail, message) in BEHAVIOUR {
        let tc = toolchain(language);
        if !available(language, &tc) {
            continue;
        }
        // Prints do not corrupt the result, and show on stderr.
        let dir = build(language, &tc, &sig, &complete(language, &sig, &[print, return_value(language)]));
        let out = run(&tc, dir.path(), "7\n");
        assert!(out.status.success(), "{language}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "7\n", "{language}: stdout is the result only");
        assert!(String::from_utf8_lossy(&out.stderr).contains("noise"), "{language}: the user's print is on stderr");

        // Malformed data is the judge's problem: exit 86 and a message.
        let out = run(&tc, dir.path(), "\"seven\"\n");
        assert_eq!(out.status.code(), Some(HARNESS_DATA_ERROR_EXIT), "{language}: {:?}", out);
        assert!(String::from_utf8_lossy(&out.stderr).contains("parameter `value`"), "{language}: {:?}", out);
        let out = run(&tc, dir.path(), "1\n2\n");
        assert_eq!(out.status.code(), Some(HARNESS_DATA_ERROR_EXIT), "{language}: {:?}", out);

        // An exception: non-zero exit, type and message last, with the
        // user's line where the language can tell.
        let user = complete(language, &sig, &[fail, return_value(language)]);
        let line = user.lines().position(|l| l.contains(fail.trim())).expect("statement line") + 1;
        let dir = build(language, &tc, &sig, &user);
        let out = run(&tc, dir.path(), "7\n");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{language}: should fail");
        assert!(out.stdout.is_empty(), "{language}: no result on failure");
        let last = stderr.lines().last().unwrap_or_default();
        assert!(last.contains(message), "{language}: last stderr line {last:?} lacks {message:?}");
        if language != "cpp" {
            let expected = format!("(line {line} of your code)");
            assert!(last.ends_with(&expected), "{language}: {last:?} should end with {expected:?}");
        }
    }
}

#[test]
fn starter_code_is_refused_for_other_languages() {
    let err = starter_code(&identity("int"), "c").expect_err("c has no function support");
    assert!(err.to_string().contains("use one of"), "{err}");
}

/// The build cache under `target/tmp` is bounded: builds unused for two
/// weeks and half-made ones older than a day go; recent ones stay.
#[test]
fn the_build_cache_drops_what_went_unused() {
    use std::time::{Duration, SystemTime};
    let root = tempfile::tempdir().expect("temp dir");
    let now = SystemTime::now();
    let day = Duration::from_secs(24 * 3600);
    let set_time = |path: &std::path::Path, ago: Duration| {
        let file = std::fs::File::open(path).expect("open");
        file.set_modified(now - ago).expect("set the modification time");
    };
    // (name, finished, age)
    let entries = [
        ("python-old", true, 15 * day),
        ("python-recent", true, day),
        (".tmpHalfMadeOld", false, 2 * day),
        (".tmpHalfMadeNew", false, Duration::from_secs(60)),
    ];
    for (name, finished, ago) in entries {
        let dir = root.path().join(name);
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("main.py"), "print(1)\n").expect("write");
        if finished {
            std::fs::write(dir.join(".complete"), "").expect("mark");
            set_time(&dir.join(".complete"), ago);
        }
        set_time(&dir, ago);
    }
    assert_eq!(function_support::prune_builds(root.path(), now, function_support::BUILD_KEPT), 2);
    let mut left: Vec<String> = std::fs::read_dir(root.path())
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".tmpHalfMadeNew", "python-recent"]);
    assert_eq!(function_support::prune_builds(&root.path().join("missing"), now, function_support::BUILD_KEPT), 0);
}
