//! Every bundled function problem loads cleanly (test data matches its
//! signature) and its solutions earn the verdicts their directories claim:
//! accepted ones pass every case, wrong_answer ones fail one on its answer,
//! time_limit ones outlive the time limit on one. Each solution is compiled
//! with the generated harness and run with the real toolchain.
//!
//! Times here are wall clock without the sandbox; `oaj validate` gives the
//! verdicts under the judge's own limits.

mod function_support;

use std::path::Path;
use std::time::Duration;

use function_support::{available, repo_root, run_limited, toolchain, try_build};
use oaj_judge::function::{compare, Comparison};
use oaj_spec::{ExpectedVerdict, Problem, ProblemKind};

fn language_of(path: &Path) -> Option<&'static str> {
    Some(match path.extension()?.to_str()? {
        "py" => "python",
        "cpp" => "cpp",
        "java" => "java",
        "js" => "javascript",
        "go" => "go",
        "rs" => "rust",
        _ => return None,
    })
}

fn function_problems() -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut errors = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(repo_root().join("problems"))
        .expect("problems/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("problem.toml").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let toml = std::fs::read_to_string(dir.join("problem.toml")).unwrap_or_default();
        if !toml.contains("kind = \"function\"") {
            continue;
        }
        match oaj_spec::load(&dir) {
            Ok(problem) if problem.kind == ProblemKind::Function => problems.push(problem),
            Ok(_) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(
        errors.is_empty(),
        "function problems fail to load:\n{}",
        errors.join("\n")
    );
    problems
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Accepted,
    Failed {
        case: String,
        verdict: &'static str,
        detail: String,
    },
}

/// Runs `source` on every case, stopping at the first failure.
fn judge(problem: &Problem, language: &str, source: &Path) -> Outcome {
    let tc = toolchain(language);
    let signature = problem.signature.as_ref().expect("function problems have a signature");
    let user = std::fs::read_to_string(source).expect("read solution");
    let dir = match try_build(language, &tc, signature, &user) {
        Ok(dir) => dir,
        Err(message) => {
            return Outcome::Failed {
                case: "compile".into(),
                verdict: "CE",
                detail: message,
            }
        }
    };
    // Generous for process start-up outside the sandbox, still far below
    // what the time_limit solutions need.
    let limit = Duration::from_millis((problem.limits.time_limit_ms as f64 * tc.time_multiplier) as u64 + 500);
    for case in problem.all_cases() {
        let Some(out) = run_limited(&tc, dir.path(), &case.input, limit) else {
            return Outcome::Failed {
                case: case.name.clone(),
                verdict: "TLE",
                detail: format!("over {limit:?}"),
            };
        };
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !out.status.success() {
            let verdict = if out.status.code() == Some(86) { "IE" } else { "RE" };
            return Outcome::Failed {
                case: case.name.clone(),
                verdict,
                detail: stderr,
            };
        }
        let answer = std::fs::read_to_string(&case.answer).expect("answer");
        match compare(&problem.checker, &answer, &String::from_utf8_lossy(&out.stdout)) {
            Comparison::Accepted => {}
            Comparison::WrongAnswer(message) => {
                return Outcome::Failed {
                    case: case.name.clone(),
                    verdict: "WA",
                    detail: message,
                }
            }
            Comparison::JudgeError(message) => {
                return Outcome::Failed {
                    case: case.name.clone(),
                    verdict: "IE",
                    detail: message,
                }
            }
        }
    }
    Outcome::Accepted
}

#[test]
fn bundled_function_problems_get_their_expected_verdicts() {
    let problems = function_problems();
    assert!(!problems.is_empty(), "no function problems found under problems/");
    let mut failures = Vec::new();
    for problem in &problems {
        assert!(
            problem.hidden.len() >= 15,
            "{}: only {} hidden cases",
            problem.slug,
            problem.hidden.len()
        );
        let accepted_languages: std::collections::BTreeSet<&str> = problem
            .solutions
            .iter()
            .filter(|s| s.expected == ExpectedVerdict::Accepted)
            .filter_map(|s| language_of(&s.path))
            .collect();
        assert!(
            accepted_languages.len() >= 3,
            "{}: accepted solutions in {accepted_languages:?}",
            problem.slug
        );
        for solution in &problem.solutions {
            let name = format!(
                "{}/{}",
                problem.slug,
                solution.path.file_name().unwrap_or_default().to_string_lossy()
            );
            let Some(language) = language_of(&solution.path) else {
                failures.push(format!("{name}: unknown language"));
                continue;
            };
            if !available(language, &toolchain(language)) {
                continue;
            }
            let outcome = judge(problem, language, &solution.path);
            let fine = match (solution.expected, &outcome) {
                (ExpectedVerdict::Accepted, Outcome::Accepted) => true,
                (ExpectedVerdict::WrongAnswer, Outcome::Failed { verdict: "WA", .. }) => true,
                (ExpectedVerdict::TimeLimit, Outcome::Failed { verdict: "TLE", .. }) => true,
                (ExpectedVerdict::RuntimeError, Outcome::Failed { verdict: "RE", .. }) => true,
                _ => false,
            };
            eprintln!("{name}: expected {}, got {outcome:?}", solution.expected.as_str());
            if !fine {
                failures.push(format!(
                    "{name}: expected {}, got {outcome:?}",
                    solution.expected.as_str()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "solutions with the wrong verdict:\n{}",
        failures.join("\n")
    );
}

/// Each function problem's seeded generator, run on a copy, writes exactly
/// the committed hidden cases: the data can be regenerated, and nobody
/// edited a generated file by hand.
#[test]
fn generators_reproduce_the_committed_hidden_cases() {
    let python = "/usr/bin/python3";
    if !Path::new(python).exists() {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "CI needs {python} to run the generators");
        eprintln!("\n!!!!!! SKIPPING the generator check: {python} is missing !!!!!!\n");
        return;
    }
    let mut failures = Vec::new();
    for problem in function_problems() {
        let copy = tempfile::tempdir().expect("tempdir");
        let generators = copy.path().join("generators");
        std::fs::create_dir_all(&generators).expect("mkdir");
        std::fs::copy(problem.dir.join("generators/gen.py"), generators.join("gen.py")).expect("copy gen.py");
        let out = std::process::Command::new(python).arg(generators.join("gen.py")).output().expect("run gen.py");
        if !out.status.success() {
            failures.push(format!("{}: gen.py failed: {}", problem.slug, String::from_utf8_lossy(&out.stderr)));
            continue;
        }
        let listing = |dir: &Path| -> Vec<(std::ffi::OsString, Vec<u8>)> {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .expect("read hidden dir")
                .flatten()
                .map(|e| (e.file_name(), std::fs::read(e.path()).expect("read case")))
                .collect();
            files.sort();
            files
        };
        if listing(&problem.dir.join("tests/hidden")) != listing(&copy.path().join("tests/hidden")) {
            failures.push(format!("{}: tests/hidden differs from what generators/gen.py writes", problem.slug));
        }
    }
    assert!(failures.is_empty(), "regenerate with /usr/bin/python3 problems/<slug>/generators/gen.py:\n{}", failures.join("\n"));
}
