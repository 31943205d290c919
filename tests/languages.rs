//! Every language, end to end: the real `oaj` binary judges a known program of
//! each kind (accepted, wrong answer, compile error, runtime error, infinite
//! loop, memory hog, output flood) on the a+b fixture, and each must get
//! exactly its verdict.
//!
//! The programs live in `tests/programs/<language>/<kind>.<ext>`; the fixture
//! (30 hidden cases, 256 MiB, 1 s) in `tests/fixtures/aplusb`. To cover a new
//! language, add it to `LANGUAGES`, write its seven programs and add one
//! `language_test!` line; to cover a new kind, add a row to `KINDS` and a
//! program per language. `every_program_is_in_the_tables` keeps the files and
//! the tables in step.
//!
//! In CI (`CI=true`) a missing toolchain fails the test; locally that
//! language is skipped with a loud message on stderr.

mod support;

use std::path::{Path, PathBuf};

use support::TestDir;

/// (language id, file extension of its programs)
const LANGUAGES: &[(&str, &str)] = &[
    ("c", "c"),
    ("cpp", "cpp"),
    ("rust", "rs"),
    ("java", "java"),
    ("python", "py"),
    ("javascript", "js"),
    ("go", "go"),
];

/// (program kind, expected overall verdict, run with `--fail-fast`)
///
/// An accepted program must pass every case, so it runs them all. The others
/// stop at their first failure, which keeps an infinite loop from costing 30
/// time limits. Every wrong answer is right on the sample and wrong on some
/// hidden cases, as in a real OA, so the verdict must come from a hidden case.
const KINDS: &[(&str, &str, bool)] = &[
    ("accepted", "AC", false),
    ("wrong_answer", "WA", true),
    ("compile_error", "CE", true),
    ("runtime_error", "RE", true),
    ("infinite_loop", "TLE", true),
    ("memory_hog", "MLE", true),
    ("output_flood", "OLE", true),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/aplusb")
}

fn program(language: &str, kind: &str) -> PathBuf {
    let ext = LANGUAGES
        .iter()
        .find(|(id, _)| *id == language)
        .map(|(_, ext)| *ext)
        .unwrap_or_else(|| panic!("{language} is not in LANGUAGES"));
    repo().join("tests/programs").join(language).join(format!("{kind}.{ext}"))
}

/// A short account of a result for failure messages: the verdict, the
/// compiler's message and the first case that was not accepted.
fn describe(json: &serde_json::Value) -> String {
    let mut text = format!("verdict {} ({}/{} passed)", json["verdict"], json["passed"], json["total"]);
    if json["compile"]["ok"] == false {
        let message: String = json["compile"]["message"].as_str().unwrap_or("").chars().take(600).collect();
        text.push_str(&format!("\n      compile message: {message}"));
    }
    if let Some(case) = cases_of(json).iter().find(|c| c["verdict"] != "AC") {
        text.push_str(&format!(
            "\n      first failing case {}: {} in {} ms CPU, {} ms wall, {} KiB: {}",
            case["name"], case["verdict"], case["time_ms"], case["wall_ms"], case["memory_kb"], case["message"]
        ));
    }
    text
}

fn cases_of(json: &serde_json::Value) -> &[serde_json::Value] {
    json["cases"].as_array().map(Vec::as_slice).unwrap_or_default()
}

/// Judges every kind of program in one language; returns one line per
/// program that did not get its verdict.
fn judge_language(language: &str) -> Vec<String> {
    let dir = TestDir::new();
    let fixture = fixture();
    let mut failures = Vec::new();
    for &(kind, expected, fail_fast) in KINDS {
        let source = program(language, kind);
        let mut args =
            vec!["run".to_string(), fixture.display().to_string(), source.display().to_string(), "--json".into()];
        if fail_fast {
            args.push("--fail-fast".into());
        }
        let output = dir.oaj().args(&args).output().expect("oaj runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let json: serde_json::Value = match serde_json::from_slice(&output.stdout) {
            Ok(json) => json,
            Err(e) => {
                failures.push(format!(
                    "{language}/{kind}: no JSON result ({e}); exit {:?}; stderr: {stderr}",
                    output.status.code()
                ));
                continue;
            }
        };
        let mut problems = Vec::new();
        if json["verdict"] != expected {
            problems.push(format!("expected {expected}"));
        }
        if json["language"] != language {
            problems.push(format!("judged as language {} instead of {language}", json["language"]));
        }
        let exit_wanted = if expected == "AC" { 0 } else { 1 };
        if output.status.code() != Some(exit_wanted) {
            problems.push(format!("exit code {:?}, expected {exit_wanted}", output.status.code()));
        }
        match expected {
            "AC" if json["passed"] != HIDDEN_CASES || json["total"] != HIDDEN_CASES => {
                problems.push(format!("an accepted program must pass all {HIDDEN_CASES} hidden cases"))
            }
            "WA" if cases_of(&json)
                .iter()
                .any(|c| c["name"].as_str().is_some_and(|n| n.starts_with("sample/")) && c["verdict"] != "AC") =>
            {
                problems.push("the wrong answers are right on the sample; only hidden cases may fail".into())
            }
            "CE" if json["compile"]["message"].as_str().is_none_or(|m| m.trim().is_empty()) => {
                problems.push("a compile error must come with the compiler's message".into())
            }
            _ => {}
        }
        if !problems.is_empty() {
            failures.push(format!("{language}/{kind}: {}; got {}", problems.join(", "), describe(&json)));
        }
    }
    failures
}

/// Languages are judged in parallel, as many at once as the test threads
/// (the cores, by default). Contention cannot turn a verdict here: the
/// infinite loop's TLE comes from its CPU time or, starved, from the wall
/// clock, and is a TLE either way; the accepted programs (a+b) use a few
/// percent of their CPU limit, and their wall-clock limit is twice that
/// limit plus a second; the other verdicts come from memory, output or exit.
fn check_language(language: &str) {
    support::require_toolchain!(language);
    let started = std::time::Instant::now();
    let failures = judge_language(language);
    // Visible with --nocapture: what each language costs the suite.
    eprintln!("{language}: judged {} programs in {:.1} s", KINDS.len(), started.elapsed().as_secs_f64());
    assert!(
        failures.is_empty(),
        "{} of {} {language} programs did not get their verdict:\n  {}",
        failures.len(),
        KINDS.len(),
        failures.join("\n  ")
    );
}

/// One test per language, so a failure names the language and
/// `cargo test --test languages java` runs one.
macro_rules! language_test {
    ($($name:ident => $language:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_language($language);
            }
        )*

        #[test]
        fn every_language_has_a_test() {
            let tested: Vec<&str> = vec![$($language),*];
            let listed: Vec<&str> = LANGUAGES.iter().map(|(id, _)| *id).collect();
            assert_eq!(tested, listed, "LANGUAGES and the language_test! lines differ");
        }
    };
}

language_test! {
    c => "c",
    cpp => "cpp",
    rust => "rust",
    java => "java",
    python => "python",
    javascript => "javascript",
    go => "go",
}

/// Every file under tests/programs is judged, and every (language, kind)
/// has its program: a new file without a table row, or a row without its
/// file, is an error rather than a silent gap.
#[test]
fn every_program_is_in_the_tables() {
    let root = repo().join("tests/programs");
    let mut problems = Vec::new();
    for &(language, _) in LANGUAGES {
        for &(kind, _, _) in KINDS {
            let path = program(language, kind);
            if !path.is_file() {
                problems.push(format!("missing {}", relative(&path)));
            }
        }
    }
    let mut languages: Vec<PathBuf> =
        std::fs::read_dir(&root).expect("tests/programs is readable").flatten().map(|e| e.path()).collect();
    languages.sort();
    for dir in languages {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(&(language, ext)) = LANGUAGES.iter().find(|(id, _)| *id == name) else {
            problems.push(format!("{} is not a language in LANGUAGES", relative(&dir)));
            continue;
        };
        for file in std::fs::read_dir(&dir).expect("language dir is readable").flatten() {
            let path = file.path();
            let known = path.extension().is_some_and(|e| e == ext)
                && path.file_stem().is_some_and(|stem| KINDS.iter().any(|(kind, _, _)| stem == *kind));
            if !known {
                problems.push(format!("{} is not a {language} program of a kind in KINDS", relative(&path)));
            }
        }
    }
    assert!(problems.is_empty(), "tests/programs and the tables differ:\n  {}", problems.join("\n  "));
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repo()).unwrap_or(path).display().to_string()
}

/// Hidden cases of the a+b fixture.
const HIDDEN_CASES: u64 = 30;

/// The fixture is what the tests assume: its hidden cases and limits that
/// make the memory hog an MLE.
#[test]
fn the_fixture_has_its_hidden_cases() {
    let hidden = fixture().join("tests/hidden");
    let count = |ext: &str| {
        std::fs::read_dir(&hidden)
            .expect("fixture hidden dir is readable")
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .count()
    };
    let expected = HIDDEN_CASES as usize;
    assert_eq!((count("in"), count("ans")), (expected, expected));
    let toml = std::fs::read_to_string(fixture().join("problem.toml")).expect("problem.toml");
    assert!(toml.contains("memory_limit_mb = 256"), "the memory hogs allocate 1 GiB against a 256 MiB limit");
}

/// Java sources are saved under their class's name, as Codeforces, DMOJ and
/// Kattis do: `public class jannik` (a Kattis submission named after its
/// file) and `public class Solution` (HackerRank's stdio template) compile
/// and run like `Main`. Kattis' `.py3` is Python 3.
#[test]
fn sources_are_named_as_the_peers_name_them() {
    support::require_toolchain!("java", "python");
    let body = "{\n    public static void main(String[] args) {\n        java.util.Scanner in = new java.util.Scanner(System.in);\n        long a = in.nextLong(), b = in.nextLong();\n        System.out.println(a + b);\n    }\n}\n";
    let jannik = format!("import java.util.*;\n\npublic class jannik {body}");
    let solution = format!("public class Solution {body}");
    let helper_first = format!("class Helper {{}}\n\nfinal class Runner {body}");
    let public_without_main = format!("public class Answer {{}}\n\nclass Runner {body}");
    let main = format!("public class Main {body}");
    let no_main = "public class Nothing {\n    static int f() { return 1; }\n}\n".to_string();
    // (file name, source, expected verdict, words the compile message must hold)
    let table: &[(&str, String, &str, &[&str])] = &[
        ("jannik.java", jannik, "AC", &[]),
        ("Solution.java", solution, "AC", &[]),
        ("Runner.java", helper_first, "AC", &[]),
        ("Answer.java", public_without_main, "AC", &[]),
        ("Main.java", main, "AC", &[]),
        ("Nothing.java", no_main, "CE", &["main"]),
        ("sum.py3", "print(sum(map(int, input().split())))\n".to_string(), "AC", &[]),
    ];
    let dir = TestDir::new();
    let fixture = fixture().display().to_string();
    let mut failures = Vec::new();
    for (name, source, expected, words) in table {
        // The saved name differs from the class name on purpose: the judge
        // reads the class from the source, not from the file name.
        let file = dir.path().join(format!("submitted-{name}"));
        std::fs::write(&file, source).expect("write");
        let (json, _) = dir.run_json(&fixture, &file.display().to_string(), &["--fail-fast"]);
        if json["verdict"] != *expected {
            failures.push(format!("{name}: expected {expected}, got {}", describe(&json)));
        }
        let message = json["compile"]["message"].as_str().unwrap_or("");
        for word in *words {
            if !message.contains(word) {
                failures.push(format!("{name}: the compile message lacks {word:?}: {message}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Judges distinct a+b programs (`program(round)`, each a new build) on
/// the fixture in `dir`: every one compiled, not taken from the cache, and
/// accepted. Returns their compile times (ms).
fn compile_and_judge(
    dir: &TestDir,
    language: &str,
    extension: &str,
    rounds: std::ops::Range<u32>,
    program: impl Fn(u32) -> String,
) -> Vec<u64> {
    let mut times = Vec::new();
    for round in rounds {
        let file = dir.path().join(format!("sum{round}.{extension}"));
        std::fs::write(&file, program(round)).expect("write");
        let (json, output) = dir.run_json(&fixture().display().to_string(), &file.display().to_string(), &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(json["verdict"], "AC", "{language} program {round}: {stderr}");
        assert_eq!(json["compile"]["cached"], false, "{language} program {round} was compiled");
        times.push(json["compile"]["time_ms"].as_u64().expect("compile time"));
    }
    times
}

/// A language's precompiled header (`precompiled_header` in languages.toml)
/// is made once the cache holds a few builds of it, and the compiler really
/// uses it: given the language's own compile command and `-I` the header's
/// directory, it reads the precompiled file (`-H` marks it `!`), so the
/// `precompile` command's flags match the compile command's. A mismatch
/// would cost nothing but the time it is meant to save, silently.
#[test]
fn precompiled_headers_are_made_and_used() {
    let text = std::fs::read_to_string(repo().join("sandbox/languages.toml")).expect("languages.toml");
    let table: toml::Table = text.parse().expect("languages.toml parses");
    let words = |value: &toml::Value| -> Vec<String> {
        value.as_array().expect("a command").iter().map(|w| w.as_str().expect("a word").to_string()).collect()
    };
    let mut checked = 0;
    for (language, entry) in table["languages"].as_table().expect("[languages]") {
        let Some(header) = entry.get("precompiled_header").and_then(|h| h.as_str()) else { continue };
        let extension = entry["extensions"][0].as_str().expect("an extension");
        let source_name = entry["source"].as_str().expect("source");
        support::require_toolchain!(language.as_str());
        // A cache of its own: the header must be made in it, by these builds.
        let dir = TestDir::with_own_cache();
        // Distinct programs, so that each is compiled: more than the
        // builds the cache must hold before the header is made.
        compile_and_judge(&dir, language, extension, 0..5, |round| {
            format!(
                "#include <{header}>\nusing namespace std;\n// program {round}\nint main() {{ long long a, b; cin >> a >> b; cout << a + b << endl; }}\n"
            )
        });
        let made: Vec<PathBuf> = std::fs::read_dir(dir.cache().join("headers"))
            .expect("the cache has a headers directory")
            .flatten()
            .map(|e| e.path().join(format!("{header}.gch")))
            .filter(|p| p.is_file())
            .collect();
        assert_eq!(made.len(), 1, "{language}: one precompiled {header} wanted, found {made:?}");
        let include = made[0].parent().expect("dir").ancestors().nth(header.matches('/').count()).expect("root");

        let work = TestDir::new();
        std::fs::write(work.path().join(source_name), format!("#include <{header}>\nint main() {{ return 0; }}\n"))
            .expect("write source");
        let compile = words(&entry["compile"]);
        let output = std::process::Command::new(&compile[0])
            .arg(format!("-I{}", include.display()))
            .arg("-H")
            .args(&compile[1..])
            .current_dir(work.path())
            .output()
            .expect("the compiler runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{language}: {stderr}");
        let used = format!("! {}", made[0].display());
        assert!(
            stderr.lines().next().is_some_and(|line| line == used),
            "{language}: the compile command does not use the precompiled header (precompile's flags differ from \
             compile's?); -H printed:\n{}",
            stderr.lines().take(5).collect::<Vec<_>>().join("\n")
        );
        checked += 1;
    }
    assert!(checked > 0, "no language in languages.toml has a precompiled header");
}

/// A language's warmed build cache (`warm_build_cache` in languages.toml) is
/// made at its first compile and used from then on: a second compile takes
/// a fraction of the first's time, and the compile command, given the
/// language's environment and the warmed cache, compiles nothing but the
/// program itself (`go build -x` lists each compile). Standard packages
/// compiled there would mean the warming command's flags or environment
/// have drifted from the compile's, and every compile paying for them again.
#[test]
fn warmed_build_caches_are_made_and_used() {
    let text = std::fs::read_to_string(repo().join("sandbox/languages.toml")).expect("languages.toml");
    let table: toml::Table = text.parse().expect("languages.toml parses");
    let mut checked = 0;
    for (language, entry) in table["languages"].as_table().expect("[languages]") {
        let Some(variable) = entry.get("build_cache_env").and_then(|v| v.as_str()) else { continue };
        assert_eq!(language, "go", "only Go's warmed cache has a test program; add one for {language}");
        support::require_toolchain!(language.as_str());
        // A cache of its own: warmed by these builds, each compiled.
        let dir = TestDir::with_own_cache();
        // What solutions and the function harness import.
        let program = |round: u32| {
            format!(
                "package main\n\nimport (\n\t\"bufio\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"os\"\n\t\"sort\"\n\t\"strings\"\n)\n\n\
                 // program {round}\nfunc main() {{\n\tvar a, b int64\n\tfmt.Fscan(bufio.NewReader(os.Stdin), &a, &b)\n\
                 \tx := []int{{2, 1}}\n\tsort.Ints(x)\n\t_, _ = json.Marshal(x)\n\t_ = strings.TrimSpace(\"\")\n\
                 \tfmt.Println(a + b)\n}}\n"
            )
        };
        let times = compile_and_judge(&dir, language, "go", 0..2, program);
        let warmed: Vec<PathBuf> = std::fs::read_dir(dir.cache().join("build-caches"))
            .expect("the cache has a build-caches directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        assert_eq!(warmed.len(), 1, "{language}: one warmed cache wanted, found {warmed:?}");
        // The first compile warms the cache (about one cold compile), the
        // second finds every standard package in it.
        assert!(
            times[1] * 3 < times[0],
            "{language}: the second compile ({} ms) is not much faster than the first ({} ms)",
            times[1],
            times[0]
        );

        // A copy, so that what the compiler stores (it runs outside the
        // sandbox here, where nothing is read-only) changes nothing of the
        // judge's cache.
        let copy = TestDir::new();
        let cache = copy.path().join("cache");
        let status = std::process::Command::new("cp").arg("-a").arg(&warmed[0]).arg(&cache).status().expect("cp");
        assert!(status.success(), "cp -a {}", warmed[0].display());
        let work = TestDir::new();
        std::fs::write(work.path().join(entry["source"].as_str().expect("source")), program(9)).expect("write");
        let compile: Vec<&str> =
            entry["compile"].as_array().expect("compile").iter().map(|w| w.as_str().expect("a word")).collect();
        let mut command = std::process::Command::new(compile[0]);
        command.arg(compile[1]).arg("-x").args(&compile[2..]).current_dir(work.path()).env_clear();
        command.env("PATH", "/usr/bin:/bin").env("HOME", work.path()).env("TMPDIR", work.path());
        for (name, value) in entry.get("env").and_then(|e| e.as_table()).into_iter().flatten() {
            command.env(name, value.as_str().expect("a string"));
        }
        command.env("GOPATH", work.path().join("go")).env(variable, &cache);
        let output = command.output().expect("the compiler runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{language}: {stderr}");
        let compiled: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains("/compile ") && line.contains(" -p "))
            .map(|line| line.split(" -p ").nth(1).unwrap_or("").split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(
            compiled,
            ["main"],
            "{language}: with the warmed cache the compile command still compiles standard packages (the warming \
             command's flags or environment differ from the compile's?)"
        );
        checked += 1;
    }
    assert!(checked > 0, "no language in languages.toml has a warmed build cache");
}
