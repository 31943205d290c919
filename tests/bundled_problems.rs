//! The bundled problem bank: every problem follows the bank's rules, its
//! generators reproduce the committed test data, and `oaj validate` gives
//! every bundled solution its expected verdict.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use support::{toolchain_available, TestDir};

/// (problem slug, kind, extensions its accepted solutions must cover)
const BUNDLED: &[(&str, &str, &[&str])] = &[
    ("longest-palindromic-substring", "stdio", &["cpp", "py", "java"]),
    ("sort-an-array", "stdio", &["cpp", "py", "java"]),
    ("number-of-islands", "stdio", &["cpp", "py", "java"]),
    ("merge-two-sorted-lists", "function", &["cpp", "py", "java"]),
    ("construct-binary-tree-from-preorder-and-inorder", "function", &["cpp", "py", "java"]),
    ("intersection-of-two-linked-lists", "function", &["cpp", "py", "java"]),
    ("longest-palindromic-substring-function", "function", &["cpp", "py", "java"]),
    ("sort-an-array-function", "function", &["cpp", "py", "java"]),
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
/// each problem's `generators/hidden.sha256`).
fn ensure_bank_generated() {
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
    if !toolchain_available("python") {
        return;
    }
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

/// The custom checker of longest-palindromic-substring, spoken to directly
/// through the Kattis protocol: every way to be wrong gets 43 and a message
/// that says why; broken test data is a judge error (neither 42 nor 43).
#[test]
fn palindrome_checker_judges_by_property() {
    if !toolchain_available("python") {
        return;
    }
    let checker = repo().join("problems/longest-palindromic-substring/checker/checker.py");
    // (what, input, answer file, contestant output, exit code, words in judgemessage.txt)
    let table: &[(&str, &str, &str, &[u8], Option<i32>, &[&str])] = &[
        ("the answer itself", "babad\n", "bab\n", b"bab\n", Some(42), &[]),
        ("another longest palindrome", "babad\n", "bab\n", b"aba\n", Some(42), &[]),
        ("surrounding whitespace", "babad\n", "bab\n", b"\n  aba  \n\n", Some(42), &[]),
        ("no trailing newline", "cbbd\n", "bb\n", b"bb", Some(42), &[]),
        ("empty output", "babad\n", "bab\n", b"", Some(43), &["empty output", "length 3"]),
        ("two words", "babad\n", "bab\n", b"bab aba\n", Some(43), &["exactly one word", "got 2"]),
        ("not a palindrome", "babad\n", "bab\n", b"bad\n", Some(43), &["not a palindrome", "position 1"]),
        ("not a substring", "babad\n", "bab\n", b"abba\n", Some(43), &["not a substring"]),
        ("too short", "babad\n", "bab\n", b"b\n", Some(43), &["length 1", "longest has length 3"]),
        ("not text", "babad\n", "bab\n", b"\xff\xfe\n", Some(43), &["not ASCII"]),
        ("answer file is no palindrome", "babad\n", "bad\n", b"bab\n", None, &["test data error"]),
        ("output beats the answer file", "babad\n", "b\n", b"bab\n", None, &["test data error", "beats"]),
    ];
    let mut problems = Vec::new();
    for &(what, input, answer, output, code, words) in table {
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
        let got = run.status.code();
        let judge_error = code.is_none() && !matches!(got, Some(42) | Some(43));
        if got != code && !judge_error {
            problems.push(format!(
                "{what}: exit {got:?}, expected {}",
                code.map_or("a judge error".into(), |c| c.to_string())
            ));
        }
        let message = std::fs::read_to_string(dir.path().join("feedback/judgemessage.txt")).unwrap_or_default();
        for word in words {
            if !message.contains(word) {
                problems.push(format!("{what}: judgemessage.txt lacks {word:?}: {message:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "the palindrome checker:\n  {}", problems.join("\n  "));
}
