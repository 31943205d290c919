//! The bundled problem bank: every problem follows the bank's rules, its
//! generators reproduce the committed test data, and `oaj validate` gives
//! every bundled solution its expected verdict.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use support::{toolchain_available, TestDir};

/// (problem slug, kind, extensions its accepted solutions must cover)
const BUNDLED: &[(&str, &str, &[&str])] = &[
    ("number-of-islands", "stdio", &["cpp", "py", "java"]),
    ("merge-two-sorted-lists", "function", &["cpp", "py", "java"]),
    ("construct-binary-tree-from-preorder-and-inorder", "function", &["cpp", "py", "java"]),
    ("intersection-of-two-linked-lists", "function", &["cpp", "py", "java"]),
    ("longest-palindromic-substring-function", "function", &["cpp", "py", "java"]),
    ("sort-an-array-function", "function", &["cpp", "py", "java"]),
    ("longest-distinct-conveyor-run", "function", &["cpp", "py", "java"]),
    ("shortest-picking-run", "function", &["cpp", "py", "java"]),
    ("days-until-higher-reading", "function", &["cpp", "py", "java"]),
    ("peak-load-per-window", "function", &["cpp", "py", "java"]),
    ("minimum-truck-capacity", "function", &["cpp", "py", "java"]),
    ("balanced-backup-shards", "function", &["cpp", "py", "java"]),
    ("exact-net-change-periods", "function", &["cpp", "py", "java"]),
    ("top-k-search-terms", "function", &["cpp", "py", "java"]),
    ("merge-room-bookings", "function", &["cpp", "py", "java"]),
    ("minimum-loading-docks", "function", &["cpp", "py", "java"]),
    ("flooded-container-yard", "function", &["cpp", "py", "java"]),
    ("build-runner-cooldown", "function", &["cpp", "py", "java"]),
    ("shelf-adjustments-audit", "stdio", &["cpp", "py", "java"]),
    ("matching-ledger-entries", "function", &["cpp", "py", "java"]),
    ("steady-sensor-stretch", "function", &["cpp", "py", "java"]),
    ("rail-shuttle-collisions", "function", &["cpp", "py", "java"]),
    ("skyline-banner", "function", &["cpp", "py", "java"]),
    ("exactly-k-brands", "function", &["cpp", "py", "java"]),
    ("van-refuel-stops", "function", &["cpp", "py", "java"]),
    ("cheapest-price-every-stretch", "function", &["cpp", "py", "java"]),
    ("fewest-cancelled-slots", "function", &["cpp", "py", "java"]),
    ("best-single-trade", "function", &["cpp", "py", "java"]),
    ("badge-quick-repeat", "function", &["cpp", "py", "java"]),
    ("largest-floodgate-basin", "function", &["cpp", "py", "java"]),
    ("kth-closest-sensor-pair", "function", &["cpp", "py", "java"]),
    ("charging-loop-start", "function", &["cpp", "py", "java"]),
    ("shortest-quota-streak", "function", &["cpp", "py", "java"]),
    ("smallest-trimmed-code", "function", &["cpp", "py", "java"]),
    ("firmware-rollout", "function", &["cpp", "py", "java"]),
    ("rubble-clearing-route", "function", &["cpp", "py", "java"]),
    ("build-job-order", "function", &["cpp", "py", "java"]),
    ("unknown-alphabet-order", "function", &["cpp", "py", "java"]),
    ("data-center-networks", "function", &["cpp", "py", "java"]),
    ("customer-records-merge", "function", &["cpp", "py", "java"]),
    ("alert-propagation-time", "function", &["cpp", "py", "java"]),
    ("conveyor-reconfiguration", "stdio", &["cpp", "py", "java"]),
    ("letter-board-word-hunt", "function", &["cpp", "py", "java"]),
    ("search-suggestion-counter", "stdio", &["cpp", "py", "java"]),
    ("session-cache-lru", "stdio", &["cpp", "py", "java"]),
    ("price-index-rank-queries", "function", &["cpp", "py", "java"]),
    ("relay-route-max-gain", "function", &["cpp", "py", "java"]),
    ("reverse-parcel-groups", "function", &["cpp", "py", "java"]),
    ("price-index-audit", "function", &["cpp", "py", "java"]),
    ("ring-road-pickups", "function", &["cpp", "py", "java"]),
    ("fewest-packages", "function", &["cpp", "py", "java"]),
    ("rising-price-days", "function", &["cpp", "py", "java"]),
    ("warehouse-aisle-routes", "function", &["cpp", "py", "java"]),
    ("drone-battery-crossing", "function", &["cpp", "py", "java"]),
    ("config-edit-distance", "function", &["cpp", "py", "java"]),
    ("common-event-trail", "function", &["cpp", "py", "java"]),
    ("split-into-keywords", "function", &["cpp", "py", "java"]),
    ("delivery-route-all-stops", "function", &["cpp", "py", "java"]),
    ("unpaired-scan-code", "function", &["cpp", "py", "java"]),
    ("pallet-weight-combinations", "function", &["cpp", "py", "java"]),
    ("gallery-guard-placements", "function", &["cpp", "py", "java"]),
    ("balanced-truck-loads", "function", &["cpp", "py", "java"]),
    ("file-pattern-match", "function", &["cpp", "py", "java"]),
    ("cheapest-stair-climb", "stdio", &["cpp", "py", "java"]),
];

/// Keys every problem.toml may use: the stable core shared by all tools,
/// and the `[signature]` table of function problems.
const STABLE_KEYS: &[&str] = &[
    "title",
    "difficulty",
    "kind",
    "time_limit_ms",
    "memory_limit_mb",
    "checker",
    "float_abs_tol",
    "float_rel_tol",
    "topics",
    "minutes",
    "[signature]",
    "function",
    "params",
    "returns",
    "class",
];

const MIN_HIDDEN_CASES: usize = 15;
/// Test data per problem stays small enough for the repository.
const MAX_TEST_BYTES: u64 = 9 << 20;

/// Directories with a seeded generator besides the bank's problems.
const OTHER_GENERATED: &[&str] = &["tests/fixtures/aplusb"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_problems_follow_the_bank_rules() {
    ensure_bank_generated();
    let mut problems = Vec::new();
    let listed: BTreeSet<&str> = BUNDLED.iter().map(|(slug, _, _)| *slug).collect();
    let in_bank: BTreeSet<String> = std::fs::read_dir(repo().join("problems"))
        .expect("problems/")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for slug in &in_bank {
        if !listed.contains(slug.as_str()) {
            problems.push(format!("{slug}: in problems/ but not in this test's BUNDLED table"));
        }
    }
    for &(slug, kind, languages) in BUNDLED {
        let dir = repo().join("problems").join(slug);
        let toml = std::fs::read_to_string(dir.join("problem.toml")).expect("problem.toml");
        for line in toml.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key = line.split('=').next().unwrap_or("").trim();
            if !STABLE_KEYS.contains(&key) {
                problems.push(format!("{slug}: problem.toml uses `{key}`, not one of the stable keys"));
            }
        }
        if !toml.contains(&format!("kind = \"{kind}\"")) {
            problems.push(format!("{slug}: kind must be {kind}"));
        }

        let hidden = files_in(&dir.join("tests/hidden"));
        let cases = hidden.iter().filter(|p| p.extension().is_some_and(|e| e == "in")).count();
        if cases < MIN_HIDDEN_CASES {
            problems.push(format!("{slug}: {cases} hidden cases, at least {MIN_HIDDEN_CASES} wanted"));
        }
        let samples = files_in(&dir.join("tests/sample"));
        let bytes: u64 = hidden.iter().chain(&samples).map(|p| p.metadata().map(|m| m.len()).unwrap_or(0)).sum();
        if bytes > MAX_TEST_BYTES {
            problems.push(format!("{slug}: {bytes} bytes of test data, at most {MAX_TEST_BYTES}"));
        }

        let accepted: BTreeSet<String> = files_in(&dir.join("solutions/accepted"))
            .iter()
            .filter_map(|p| p.extension().map(|e| e.to_string_lossy().into_owned()))
            .collect();
        for language in languages {
            if !accepted.contains(*language) {
                problems.push(format!("{slug}: no accepted solution in .{language}"));
            }
        }
        let statement = std::fs::read_to_string(dir.join("statement.md")).expect("statement.md");
        // A function problem's input and output are its signature.
        let sections: &[&str] = if kind == "stdio" {
            &["## Input", "## Output", "## Constraints", "## Examples"]
        } else {
            &["## Constraints", "## Examples"]
        };
        for section in sections {
            if !statement.contains(section) {
                problems.push(format!("{slug}: statement.md lacks a `{section}` section"));
            }
        }
    }
    assert!(problems.is_empty(), "bundled problems break the bank rules:\n  {}", problems.join("\n  "));
}

/// Generates the hidden cases of every bundled problem that lacks them (a
/// fresh clone has none: they are generated on first use and checked against
/// each problem's `generators/hidden.sha256`). Once per test process: the
/// tests that need the bank wait for one generation instead of each running
/// the same generators at the same time.
fn ensure_bank_generated() {
    static GENERATED: std::sync::Once = std::sync::Once::new();
    GENERATED.call_once(generate_bank);
}

fn generate_bank() {
    let dir = TestDir::new();
    let output = dir.oaj().arg("--problems-dir").arg(repo().join("problems")).arg("list").output().expect("oaj list");
    assert!(
        output.status.success(),
        "the bank does not load:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Hidden cases are generated, never edited: every bundled problem has a
/// manifest, and the files in tests/hidden are exactly what it records. The
/// fixtures with committed data are regenerated on a copy and compared.
#[test]
fn generators_reproduce_the_recorded_tests() {
    support::require_toolchain!("python");
    ensure_bank_generated();
    let mut problems = Vec::new();
    for &(slug, _, _) in BUNDLED {
        let dir = repo().join("problems").join(slug);
        let manifest = match oaj_judge_manifest(&dir) {
            Some(manifest) => manifest,
            None => {
                problems.push(format!("{slug}: no generators/hidden.sha256 (run `oaj gen {slug} --write-manifest`)"));
                continue;
            }
        };
        let on_disk: BTreeSet<String> = files_in(&dir.join("tests/hidden"))
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        let recorded: BTreeSet<String> = manifest.iter().map(|(name, _)| name.clone()).collect();
        if on_disk != recorded {
            problems.push(format!("{slug}: tests/hidden holds other files than generators/hidden.sha256 names"));
        }
        for (name, digest) in &manifest {
            let bytes = std::fs::read(dir.join("tests/hidden").join(name)).unwrap_or_default();
            if &sha256_hex(&bytes) != digest {
                problems
                    .push(format!("{slug}: tests/hidden/{name} differs from its recorded digest (edited by hand?)"));
            }
        }
    }
    for relative in OTHER_GENERATED {
        let original = repo().join(relative);
        let copy = TestDir::new();
        let generators = copy.path().join("generators");
        std::fs::create_dir_all(&generators).expect("mkdir");
        for file in files_in(&original.join("generators")) {
            std::fs::copy(&file, generators.join(file.file_name().expect("file name"))).expect("copy generator");
        }
        let output =
            std::process::Command::new("python3").arg(generators.join("gen.py")).output().expect("python3 runs");
        if !output.status.success() {
            problems.push(format!("{relative}: generator failed: {}", String::from_utf8_lossy(&output.stderr)));
            continue;
        }
        let committed = files_in(&original.join("tests/hidden"));
        let generated = files_in(&copy.path().join("tests/hidden"));
        let names = |files: &[PathBuf]| -> Vec<String> {
            files.iter().map(|p| p.file_name().expect("name").to_string_lossy().into_owned()).collect()
        };
        if names(&committed) != names(&generated) {
            problems.push(format!("{relative}: the generator writes other file names than tests/hidden holds"));
            continue;
        }
        for (a, b) in committed.iter().zip(&generated) {
            if std::fs::read(a).ok() != std::fs::read(b).ok() {
                problems.push(format!("{relative}: {} differs from what the generator writes", a.display()));
            }
        }
    }
    assert!(problems.is_empty(), "generated test data:\n  {}", problems.join("\n  "));
}

/// (file name, hex SHA-256) pairs of a problem's manifest.
fn oaj_judge_manifest(dir: &Path) -> Option<Vec<(String, String)>> {
    let text = std::fs::read_to_string(dir.join("generators/hidden.sha256")).ok()?;
    Some(
        text.lines()
            .filter_map(|line| line.split_once("  "))
            .map(|(digest, name)| (name.trim().to_string(), digest.to_string()))
            .collect(),
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// `oaj validate` on the bank: accepted solutions pass every case, the
/// others get their verdict (it stops each at its first expected failure, so
/// the slow solutions cost one time limit each).
#[test]
fn validate_passes_on_the_bundled_problems() {
    for language in ["cpp", "python", "java", "javascript", "go", "rust"] {
        if !toolchain_available(language) {
            return;
        }
    }
    ensure_bank_generated();
    let dir = TestDir::new();
    let slugs: Vec<&str> = BUNDLED.iter().map(|(slug, _, _)| *slug).collect();
    let output = dir
        .oaj()
        .arg("--problems-dir")
        .arg(repo().join("problems"))
        .arg("validate")
        .args(&slugs)
        .output()
        .expect("oaj validate runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "oaj validate failed:\n{stdout}\n{stderr}");
    // Every solution file appears in the report as ok.
    for &(slug, _, _) in BUNDLED {
        let solutions = repo().join("problems").join(slug).join("solutions");
        for expected in files_in_subdirs(&solutions) {
            let shown =
                expected.strip_prefix(repo().join("problems").join(slug)).expect("inside").display().to_string();
            let row = stdout.lines().find(|line| line.contains(slug) && line.contains(&shown));
            assert!(
                row.is_some_and(|row| row.trim_end().ends_with("ok")),
                "{slug}/{shown} is not reported ok:\n{stdout}\n{stderr}"
            );
        }
    }
}

fn files_in_subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("solutions dir").flatten() {
        if entry.path().is_dir() {
            files.extend(files_in(&entry.path()));
        }
    }
    files.sort();
    files
}

/// Runs a problem's checker.py on one (input, answer, output) through the
/// Kattis protocol; returns the exit code and judgemessage.txt.
fn run_checker(slug: &str, input: &str, answer: &str, output: &[u8]) -> (Option<i32>, String) {
    let checker = repo().join("problems").join(slug).join("checker/checker.py");
    let dir = TestDir::new();
    dir.write(&[("input", input.as_bytes()), ("answer", answer.as_bytes()), ("feedback/.keep", b"")]);
    let run = assert_cmd::Command::new("python3")
        .arg(&checker)
        .arg(dir.path().join("input"))
        .arg(dir.path().join("answer"))
        .arg(dir.path().join("feedback"))
        .write_stdin(output)
        .output()
        .expect("python3 runs the checker");
    let message = std::fs::read_to_string(dir.path().join("feedback/judgemessage.txt")).unwrap_or_default();
    (run.status.code(), message)
}

/// The order checkers of build-job-order and unknown-alphabet-order accept
/// every valid order, not only the answer file's, and say why a wrong one is
/// wrong; an answer file that breaks the rules is a judge error.
#[test]
fn order_checkers_judge_by_property() {
    support::require_toolchain!("python");
    let jobs = "4\n[[0,1],[0,2],[1,3],[2,3]]\n";
    let cycle = "3\n[[0,1],[1,2],[2,0]]\n";
    let words = "[\"wrt\",\"wrf\",\"er\",\"ett\",\"rftt\"]\n";
    let loose = "[\"ab\",\"ac\",\"d\"]\n";
    let prefix = "[\"pear\",\"pea\"]\n";
    // (problem, what, input, answer file, contestant output, exit code, words in judgemessage.txt)
    type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a [u8], Option<i32>, &'a [&'a str]);
    let table: &[Row] = &[
        ("build-job-order", "the answer itself", jobs, "[0,1,2,3]", b"[0,1,2,3]", Some(42), &[]),
        ("build-job-order", "another valid order", jobs, "[0,1,2,3]", b"[0,2,1,3]", Some(42), &[]),
        ("build-job-order", "dependency broken", jobs, "[0,1,2,3]", b"[0,1,3,2]", Some(43), &["job 2", "before job 3"]),
        ("build-job-order", "a job missing", jobs, "[0,1,2,3]", b"[0,1,2]", Some(43), &["3 jobs", "all 4"]),
        ("build-job-order", "a job twice", jobs, "[0,1,2,3]", b"[0,0,1,2]", Some(43), &["appears twice"]),
        ("build-job-order", "not a job", jobs, "[0,1,2,3]", b"[0,1,2,9]", Some(43), &["not a job number"]),
        ("build-job-order", "empty but possible", jobs, "[0,1,2,3]", b"[]", Some(43), &["valid order exists"]),
        ("build-job-order", "cycle answered []", cycle, "[]", b"[]", Some(42), &[]),
        ("build-job-order", "order despite a cycle", cycle, "[]", b"[0,1,2]", Some(43), &["cycle"]),
        ("build-job-order", "not JSON", jobs, "[0,1,2,3]", b"0 1 2 3", Some(43), &["not one JSON value"]),
        ("build-job-order", "broken answer file", jobs, "[3,2,1,0]", b"[0,1,2,3]", None, &["test data error"]),
        ("unknown-alphabet-order", "the only order", words, "\"wertf\"", b"\"wertf\"", Some(42), &[]),
        ("unknown-alphabet-order", "wrong order", words, "\"wertf\"", b"\"wetrf\"", Some(43), &["would come after"]),
        ("unknown-alphabet-order", "another valid order", loose, "\"abcd\"", b"\"bcad\"", Some(42), &[]),
        ("unknown-alphabet-order", "letter missing", loose, "\"abcd\"", b"\"abc\"", Some(43), &["lacks", "d"]),
        ("unknown-alphabet-order", "extra letter", loose, "\"abcd\"", b"\"abcdz\"", Some(43), &["not a letter"]),
        ("unknown-alphabet-order", "letter twice", loose, "\"abcd\"", b"\"abbcd\"", Some(43), &["twice"]),
        ("unknown-alphabet-order", "impossible answered \"\"", prefix, "\"\"", b"\"\"", Some(42), &[]),
        ("unknown-alphabet-order", "order for impossible", prefix, "\"\"", b"\"aepr\"", Some(43), &["no letter order"]),
        ("unknown-alphabet-order", "\"\" but possible", loose, "\"abcd\"", b"\"\"", Some(43), &["order exists"]),
        ("unknown-alphabet-order", "broken answer file", words, "\"fwert\"", b"\"wertf\"", None, &["test data error"]),
    ];
    let mut problems = Vec::new();
    for &(slug, what, input, answer, output, code, words) in table {
        let (got, message) = run_checker(slug, input, answer, output);
        let judge_error = code.is_none() && !matches!(got, Some(42) | Some(43));
        if got != code && !judge_error {
            problems.push(format!(
                "{slug}: {what}: exit {got:?}, expected {}",
                code.map_or("a judge error".into(), |c| c.to_string())
            ));
        }
        for word in words {
            if !message.contains(word) {
                problems.push(format!("{slug}: {what}: judgemessage.txt lacks {word:?}: {message:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "the order checkers:\n  {}", problems.join("\n  "));
}

/// The checker of longest-palindromic-substring-function: the result comes
/// as canonical JSON and any longest palindrome is accepted, as on LeetCode;
/// messages give lengths and positions, never the strings (they are shown on
/// hidden cases too).
#[test]
fn function_palindrome_checker_accepts_any_longest_palindrome() {
    support::require_toolchain!("python");
    // (what, input, answer file, returned JSON, exit code, words in judgemessage.txt)
    let table: &[(&str, &str, &str, &str, Option<i32>, &[&str])] = &[
        ("the answer itself", "\"babad\"\n", "\"bab\"\n", "\"bab\"\n", Some(42), &[]),
        ("another longest palindrome", "\"babad\"\n", "\"bab\"\n", "\"aba\"\n", Some(42), &[]),
        ("even length", "\"cbbd\"\n", "\"bb\"\n", "\"bb\"", Some(42), &[]),
        ("null", "\"babad\"\n", "\"bab\"\n", "null\n", Some(43), &["null", "length 3"]),
        ("not a string", "\"babad\"\n", "\"bab\"\n", "[\"bab\"]\n", Some(43), &["returned a list"]),
        (
            "not a palindrome",
            "\"babad\"\n",
            "\"bab\"\n",
            "\"bad\"\n",
            Some(43),
            &["not a palindrome", "positions 1 and 3"],
        ),
        ("not a substring", "\"babad\"\n", "\"bab\"\n", "\"abba\"\n", Some(43), &["not a substring"]),
        ("too short", "\"babad\"\n", "\"bab\"\n", "\"d\"\n", Some(43), &["length 1", "longest has length 3"]),
        ("empty", "\"babad\"\n", "\"bab\"\n", "\"\"\n", Some(43), &["length 0"]),
        ("answer file is no palindrome", "\"babad\"\n", "\"bad\"\n", "\"bab\"\n", None, &["test data error"]),
        ("output beats the answer file", "\"babad\"\n", "\"b\"\n", "\"bab\"\n", None, &["test data error", "beats"]),
    ];
    let mut problems = Vec::new();
    for &(what, input, answer, output, code, words) in table {
        let (got, message) = run_checker("longest-palindromic-substring-function", input, answer, output.as_bytes());
        let judge_error = code.is_none() && !matches!(got, Some(42) | Some(43));
        if got != code && !judge_error {
            problems.push(format!(
                "{what}: exit {got:?}, expected {}",
                code.map_or("a judge error".into(), |c| c.to_string())
            ));
        }
        for word in words {
            if !message.contains(word) {
                problems.push(format!("{what}: judgemessage.txt lacks {word:?}: {message:?}"));
            }
        }
        let returned = output.trim().strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or("");
        if code == Some(43) && returned.len() > 1 && message.contains(returned) {
            problems.push(format!("{what}: the message quotes the returned string: {message:?}"));
        }
    }
    assert!(problems.is_empty(), "the function palindrome checker:\n  {}", problems.join("\n  "));
}
