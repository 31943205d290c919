use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/kattis")
}

/// A stable, readable summary of a loaded package for snapshots.
fn summary(package: &Package) -> String {
    let p = &package.problem;
    let base = &p.dir;
    let rel = |path: &Path| path.strip_prefix(base).unwrap_or(path).display().to_string();
    let mut out = String::new();
    let _ = writeln!(out, "title: {}", p.title);
    let _ = writeln!(out, "version: {:?}", package.version);
    let _ = writeln!(out, "time limit: {:?}, time_limit_to_tle {}", package.time_limit, package.time_limit_to_tle);
    let _ = writeln!(out, "limits: {} ms, {} MiB", p.limits.time_limit_ms, p.limits.memory_limit_mb);
    let checker = match &p.checker {
        Checker::Custom(c) => format!("custom {} args {:?}", rel(&c.source), c.args),
        other => format!("{other:?}"),
    };
    let _ = writeln!(out, "checker: {checker}");
    for case in p.all_cases() {
        let points = case.points.map(|x| format!(" ({x} points)")).unwrap_or_default();
        let _ = writeln!(out, "case {} <- {}{points}", case.name, rel(&case.input));
    }
    for s in &p.solutions {
        let _ = writeln!(out, "solution {} expects {}", rel(&s.path), s.expected.as_str());
    }
    for n in &p.notices {
        let _ = writeln!(out, "notice: {n}");
    }
    out
}

#[test]
fn fixtures_load() {
    for name in ["average", "factor", "timed", "hello"] {
        let dir = fixtures().join(name);
        assert!(is_package(&dir), "{name} is a package");
        let package = load_package(&dir).unwrap_or_else(|e| panic!("{name}: {}", e.relative_to(&dir)));
        insta::assert_snapshot!(format!("fixture_{name}"), summary(&package));
    }
}

#[test]
fn fixture_statements() {
    for name in ["average", "factor", "hello"] {
        let problem = load(&fixtures().join(name)).expect("loads");
        insta::assert_snapshot!(format!("statement_{name}"), problem.statement);
    }
}

#[test]
fn interactive_fixture_is_refused() {
    let dir = fixtures().join("guess");
    let err = crate::load(&dir).expect_err("interactive packages are refused");
    insta::assert_snapshot!(err.relative_to(&dir), @"problem.yaml: `type`: interactive problems are not supported by OA Judge yet; this package cannot be judged");
}

/// Writes `files` (path → content) into a fresh directory.
fn package(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
    dir
}

const MINIMAL: &[(&str, &str)] = &[
    ("statement/problem.en.md", "Add two numbers.\n"),
    ("data/sample/1.in", "1 2\n"),
    ("data/sample/1.ans", "3\n"),
    ("data/secret/1.in", "2 2\n"),
    ("data/secret/1.ans", "4\n"),
    ("submissions/accepted/add.py", "print(sum(map(int, input().split())))\n"),
];

fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files: BTreeMap<&str, &str> = MINIMAL.iter().copied().collect();
    for (path, content) in extra {
        if content.is_empty() {
            files.remove(path);
        } else {
            files.insert(path, content);
        }
    }
    files.into_iter().collect()
}

/// Broken packages: every error names the file and the field.
#[test]
fn errors_name_file_and_field() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("yaml syntax", &[("problem.yaml", "name: [unclosed\n")]),
        ("unknown version", &[("problem.yaml", "problem_format_version: 2019-01\n")]),
        ("legacy interactive", &[("problem.yaml", "validation: custom interactive\n")]),
        ("multi-pass", &[("problem.yaml", "problem_format_version: 2023-07-draft\ntype: [pass-fail, multi-pass]\n")]),
        ("bad time limit", &[("problem.yaml", "limits:\n  time_limit: fast\n")]),
        ("time limit out of range", &[("problem.yaml", "limits:\n  time_limit: 600\n")]),
        ("bad .timelimit", &[("problem.yaml", "name: x\n"), (".timelimit", "soon\n")]),
        ("bad domjudge ini", &[("problem.yaml", "name: x\n"), ("domjudge-problem.ini", "name='x'\ntimelimit='a'\n")]),
        ("unknown validator flag", &[("problem.yaml", "validator_flags: ignore_case\n")]),
        (
            "tolerance twice",
            &[("problem.yaml", "validator_flags: float_tolerance 1e-6 float_absolute_tolerance 1e-3\n")],
        ),
        (
            "flags differ between groups",
            &[("problem.yaml", "name: x\n"), ("data/secret/testdata.yaml", "output_validator_flags: case_sensitive\n")],
        ),
        ("answer missing", &[("problem.yaml", "name: x\n"), ("data/secret/1.ans", "")]),
        (
            "no test data at all",
            &[
                ("problem.yaml", "name: x\n"),
                ("data/secret/1.in", ""),
                ("data/secret/1.ans", ""),
                ("data/sample/1.in", ""),
                ("data/sample/1.ans", ""),
            ],
        ),
        (
            "two validator sources",
            &[
                ("problem.yaml", "problem_format_version: 2025-09\nname: x\n"),
                ("output_validator/a.cpp", "int main() { return 42; }\n"),
                ("output_validator/b.cpp", "int main() { return 42; }\n"),
            ],
        ),
        (
            "validator header missing",
            &[
                ("problem.yaml", "problem_format_version: 2025-09\nname: x\n"),
                ("output_validator/check.cpp", "#include <cstdio>\n#include \"testlib.h\"\nint main() {}\n"),
            ],
        ),
        (
            "validator with build script",
            &[("problem.yaml", "name: x\nvalidation: custom\n"), ("output_validators/v/build", "#!/bin/sh\n")],
        ),
        ("custom without validator", &[("problem.yaml", "name: x\nvalidation: custom\n")]),
        (
            "scoring group without max_score",
            &[
                ("problem.yaml", "problem_format_version: 2025-09\ntype: scoring\nname: x\n"),
                ("data/secret/1.in", ""),
                ("data/secret/1.ans", ""),
                ("data/secret/g1/1.in", "1\n"),
                ("data/secret/g1/1.ans", "1\n"),
            ],
        ),
        (
            "bad submissions.yaml verdict",
            &[("problem.yaml", "name: x\n"), ("submissions/submissions.yaml", "accepted/add.py:\n  permitted: [OK]\n")],
        ),
    ];
    let mut report = String::new();
    for (label, extra) in cases {
        let dir = package(&with(extra));
        let result = load_package(dir.path());
        let text = match result {
            Ok(_) => "(loaded without error)".to_string(),
            Err(e) => e.relative_to(dir.path()),
        };
        let _ = writeln!(report, "## {label}\n{text}\n");
    }
    insta::assert_snapshot!("errors", report);
}

/// Things that load but are reported.
#[test]
fn notices_for_unsupported_features() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("default memory is capped", &[("problem.yaml", "name: x\nlimits:\n  time_limit: 2\n")]),
        (
            "include and languages",
            &[
                ("problem.yaml", "name: x\nlanguages: [cpp]\nlimits:\n  time_limit: 1\n  memory: 512\n  output: 16\n"),
                ("include/default/lib.h", "// shared\n"),
            ],
        ),
        (
            "unknown submissions directory",
            &[
                ("problem.yaml", "name: x\nlimits:\n  memory: 64\n"),
                ("submissions/brute_force/slow.py", "print(4)\n"),
                ("submissions/partially_accepted/half.py", "print(4)\n"),
            ],
        ),
        (
            "tex that cannot be converted",
            &[
                ("problem.yaml", "name: x\nlimits:\n  memory: 64\n"),
                ("statement/problem.en.md", ""),
                ("problem_statement/problem.en.tex", "\\section{Task}\nAdd {two numbers.\n"),
            ],
        ),
        (
            "tex with unknown commands",
            &[
                ("problem.yaml", "limits:\n  memory: 64\n"),
                ("statement/problem.en.md", ""),
                ("problem_statement/problem.tex", "\\problemname{Adding}\n\\fancy{Add} two numbers.\n"),
            ],
        ),
        (
            "non-English statement",
            &[
                ("problem.yaml", "name:\n  sv: Addera\nlimits:\n  memory: 64\n"),
                ("statement/problem.en.md", ""),
                ("statement/problem.sv.md", "Addera två tal.\n"),
            ],
        ),
        // DOMjudge's packages: samples only, the statement only as a PDF.
        (
            "no secret data: the samples are the test set",
            &[
                ("problem.yaml", "name: x\nlimits:\n  memory: 64\n"),
                ("data/secret/1.in", ""),
                ("data/secret/1.ans", ""),
            ],
        ),
        (
            "statement only as a PDF",
            &[
                ("problem.yaml", "name: x\nlimits:\n  memory: 64\n"),
                ("statement/problem.en.md", ""),
                ("problem.pdf", "%PDF-1.4\n"),
            ],
        ),
        (
            "statement/ with only a PDF",
            &[
                ("problem.yaml", "name: x\nlimits:\n  memory: 64\n"),
                ("statement/problem.en.md", ""),
                ("statement/problem.en.pdf", "%PDF-1.4\n"),
            ],
        ),
        (
            "no statement at all",
            &[("problem.yaml", "name: x\nlimits:\n  memory: 64\n"), ("statement/problem.en.md", "")],
        ),
    ];
    let mut report = String::new();
    for (label, extra) in cases {
        let dir = package(&with(extra));
        let text = match load_package(dir.path()) {
            Ok(p) => {
                let mut t = format!("title: {}\nmemory: {} MiB\n", p.problem.title, p.problem.limits.memory_limit_mb);
                for s in &p.problem.solutions {
                    let _ = writeln!(t, "solution: {}", s.path.strip_prefix(dir.path()).unwrap_or(&s.path).display());
                }
                for n in &p.problem.notices {
                    let _ = writeln!(t, "notice: {n}");
                }
                if p.problem.statement.starts_with("```latex") {
                    t.push_str("statement: raw LaTeX\n");
                }
                t
            }
            Err(e) => format!("error: {}", e.relative_to(dir.path())),
        };
        let _ = writeln!(report, "## {label}\n{text}");
    }
    insta::assert_snapshot!("notices", report);
}

#[test]
fn time_limit_from_slowest_submission() {
    let legacy = TimeLimit::FromSubmissions { ac_to_time_limit: 5.0, time_limit_to_tle: 2.0, resolution_s: 1.0 };
    let fine = TimeLimit::FromSubmissions { ac_to_time_limit: 2.0, time_limit_to_tle: 1.5, resolution_s: 0.25 };
    let given = TimeLimit::Given { ms: 1500, from: "problem.yaml".into() };
    // (policy, slowest accepted run in ms, expected limit in ms)
    let cases = [
        (&legacy, 0, 1000),   // never below one resolution step
        (&legacy, 150, 1000), // 0.75 s rounds up to 1 s
        (&legacy, 201, 2000), // 1.005 s rounds up to 2 s
        (&legacy, 1000, 5000),
        (&fine, 300, 750), // 0.6 s rounds up to 0.75 s
        (&fine, 500, 1000),
        (&given, 9000, 1500), // a given limit is never recomputed
    ];
    for (policy, slowest, expected) in cases {
        assert_eq!(policy.from_slowest_ms(slowest), expected, "{policy:?} with {slowest} ms");
    }
}

#[test]
fn tex_conversion() {
    let constants: BTreeMap<String, String> = [("n".to_string(), "100".to_string())].into();
    // (LaTeX, Markdown)
    let cases = [
        ("\\section{Task} Do it.", "## Task\n\nDo it.\n"),
        ("\\section*{Notes}\nNone.", "## Notes\n\nNone.\n"),
        ("\\textbf{bold} and \\emph{soft} and \\texttt{code}", "**bold** and *soft* and `code`\n"),
        ("{\\bf loud} quiet", "**loud** quiet\n"),
        ("Keep $a_i \\le 10^{9}$ and $$\\sum x$$ as is.", "Keep $a_i \\le 10^{9}$ and $$\\sum x$$ as is.\n"),
        ("\\(x\\) and \\[y\\]", "$x$ and $$y$$\n"),
        ("a~b -- c --- d ``q'' \\ldots 50\\%", "a b – c — d \"q\" … 50%\n"),
        ("\\begin{itemize}\\item one \\item two\\end{itemize}", "- one\n- two\n"),
        ("\\begin{enumerate}\n  \\item first\n  \\item second\n\\end{enumerate}", "1. first\n1. second\n"),
        ("\\begin{verbatim}\n  x  y\n\\end{verbatim}", "```\n  x  y\n```\n"),
        (
            "\\begin{tabular}{ll}\\hline a & b \\\\ 1 & 2 \\\\ \\hline\\end{tabular}",
            "| a | b |\n| --- | --- |\n| 1 | 2 |\n",
        ),
        ("\\url{https://x.org} \\href{https://y.org}{why}", "<https://x.org> [why](https://y.org)\n"),
        ("\\illustration{0.3}{pic.png}{A picture}", "![A picture](pic.png)\n"),
        ("Up to \\constant{n}. % comment\nNext", "Up to 100. Next\n"),
        (
            "\\begin{Input}One line.\\end{Input}\\begin{Output}Two.\\end{Output}",
            "## Input\n\nOne line.\n\n## Output\n\nTwo.\n",
        ),
        ("\\problemname{Title}\nBody", "Body\n"),
        ("\\nextsample\\remainingsamples Done", "Done\n"),
    ];
    for (tex, markdown) in cases {
        let converted = tex::to_markdown(tex, &constants).unwrap_or_else(|e| panic!("{tex:?}: {e:?}"));
        assert_eq!(converted.markdown, markdown, "converting {tex:?}");
        assert!(converted.unknown.is_empty(), "{tex:?} left {:?}", converted.unknown);
    }
    let converted = tex::to_markdown("\\problemname{Title}\n\\mystery{kept} text", &constants).expect("converts");
    assert_eq!(converted.title.as_deref(), Some("Title"));
    assert_eq!(converted.unknown, vec!["\\mystery".to_string()]);
    assert_eq!(converted.markdown, "kept text\n");
    // (LaTeX, line of the error, fragment of the message)
    let failures = [
        ("open {brace", 1, "never closed"),
        ("line\n\\begin{itemize}\\item x", 2, "never ended"),
        ("\\begin{center} x \\end{quote}", 1, "closes \\begin{center}"),
        ("closing } alone", 1, "unmatched"),
        ("math $x + y", 1, "never closed"),
        ("\\constant{missing}", 1, "names no constant"),
    ];
    for (tex, line, fragment) in failures {
        let err = tex::to_markdown(tex, &constants).expect_err(tex);
        assert_eq!(err.line, line, "{tex:?}: {err:?}");
        assert!(err.message.contains(fragment), "{tex:?}: {err:?}");
    }
}

#[test]
fn loading_through_the_crate_entry_point() {
    let dir = fixtures().join("average");
    let problem = crate::load(&dir).expect("oaj_spec::load accepts a package directory");
    assert_eq!(problem.format, SourceFormat::Kattis);
    assert_eq!(problem.hidden.len(), 2);
    assert_eq!(problem.samples.len(), 1);
}

/// `oaj import` keeps a scoring package's points in `[points]` of
/// problem.toml; the native loader reads them back and rejects unknown cases.
#[test]
fn native_points_table() {
    let toml = "title = \"t\"\ndifficulty = \"easy\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\n\n[points]\n";
    let base: &[(&str, &str)] = &[
        ("statement.md", "s\n"),
        ("tests/hidden/a.in", "1\n"),
        ("tests/hidden/a.ans", "1\n"),
        ("tests/hidden/b.in", "2\n"),
        ("tests/hidden/b.ans", "2\n"),
    ];
    /// Points of cases a and b, or the error message.
    type Expected = Result<(Option<f64>, Option<f64>), &'static str>;
    // ([points] lines, expected)
    let cases: &[(&str, Expected)] = &[
        ("", Ok((None, None))),
        ("\"a\" = 20.0\n\"b\" = 30\n", Ok((Some(20.0), Some(30.0)))),
        ("a = 12.5\n", Ok((Some(12.5), None))),
        ("c = 1.0\n", Err("problem.toml: [points] names `c`, which is not a case in tests/hidden")),
        ("a = -1.0\n", Err("problem.toml: [points] `a` is -1, expected a number >= 0")),
    ];
    for (points, expected) in cases {
        let toml = format!("{toml}{points}");
        let mut files = base.to_vec();
        files.push(("problem.toml", &toml));
        let dir = package(&files);
        let result = crate::load(dir.path());
        match (result, expected) {
            (Ok(p), Ok((a, b))) => assert_eq!((p.hidden[0].points, p.hidden[1].points), (*a, *b), "{points:?}"),
            (Err(e), Err(message)) => assert_eq!(e.relative_to(dir.path()), *message, "{points:?}"),
            (other, _) => panic!("{points:?}: {other:?}"),
        }
    }
}
