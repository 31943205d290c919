//! Every way a native problem directory can be wrong, and the message each
//! gets. Add a row to `broken_problems` to cover a new mistake; the messages
//! are snapshots (review changes with `cargo insta review`).

use std::path::Path;

const GOOD_TOML: &str = r#"title = "Sum"
difficulty = "easy"
kind = "stdio"
time_limit_ms = 1000
memory_limit_mb = 256
checker = "tokens"
"#;

/// A valid problem, as (path, contents) pairs; rows below change it.
fn good_problem() -> Vec<(&'static str, String)> {
    vec![
        ("problem.toml", GOOD_TOML.to_string()),
        ("statement.md", "Add two numbers.\n".to_string()),
        ("tests/sample/1.in", "1 2\n".to_string()),
        ("tests/sample/1.ans", "3\n".to_string()),
        ("tests/hidden/1.in", "2 2\n".to_string()),
        ("tests/hidden/1.ans", "4\n".to_string()),
    ]
}

fn write(dir: &Path, files: &[(&str, String)]) {
    for (path, contents) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

fn with_toml(toml: &str) -> Vec<(&'static str, String)> {
    let mut files = good_problem();
    files[0].1 = toml.to_string();
    files
}

fn without(path: &str) -> Vec<(&'static str, String)> {
    good_problem().into_iter().filter(|(p, _)| *p != path).collect()
}

fn with_extra(extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut files = good_problem();
    files.extend(extra.iter().map(|(p, c)| (*p, c.to_string())));
    files
}

fn broken_problems() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![
        ("unknown_key", with_toml(&format!("{GOOD_TOML}colour = \"red\"\n"))),
        ("toml_syntax", with_toml("title = \"Sum\ndifficulty = \"easy\"\n")),
        ("missing_title", with_toml(&GOOD_TOML.replace("title = \"Sum\"\n", ""))),
        ("empty_title", with_toml(&GOOD_TOML.replace("\"Sum\"", "\"  \""))),
        ("bad_difficulty", with_toml(&GOOD_TOML.replace("\"easy\"", "\"trivial\""))),
        ("bad_kind", with_toml(&GOOD_TOML.replace("\"stdio\"", "\"interactive\""))),
        ("time_limit_out_of_range", with_toml(&GOOD_TOML.replace("1000", "0"))),
        ("memory_limit_out_of_range", with_toml(&GOOD_TOML.replace("256", "100000"))),
        ("limit_wrong_type", with_toml(&GOOD_TOML.replace("1000", "\"1s\""))),
        ("unknown_checker", with_toml(&GOOD_TOML.replace("\"tokens\"", "\"fuzzy\""))),
        ("tolerance_without_float", with_toml(&format!("{GOOD_TOML}float_abs_tol = 1e-6\n"))),
        ("negative_tolerance", with_toml(&GOOD_TOML.replace("\"tokens\"", "\"float\"\nfloat_abs_tol = -1.0"))),
        ("custom_checker_missing", with_toml(&GOOD_TOML.replace("\"tokens\"", "\"custom\""))),
        ("function_without_signature", with_toml(&GOOD_TOML.replace("\"stdio\"", "\"function\""))),
        (
            "signature_on_stdio",
            with_toml(&format!("{GOOD_TOML}[signature]\nfunction = \"f\"\nparams = []\nreturns = \"int\"\n")),
        ),
        (
            "unknown_type",
            with_toml(&format!(
                "{}[signature]\nfunction = \"f\"\nparams = [{{ name = \"x\", type = \"integer\" }}]\nreturns = \"int\"\n",
                GOOD_TOML.replace("\"stdio\"", "\"function\"")
            )),
        ),
        ("bad_topic", with_toml(&format!("{GOOD_TOML}topics = [\"Sliding Window\"]\n"))),
        ("minutes_out_of_range", with_toml(&format!("{GOOD_TOML}minutes = 500\n"))),
        ("missing_ans", without("tests/hidden/1.ans")),
        ("missing_in", without("tests/sample/1.in")),
        ("missing_statement", without("statement.md")),
        ("no_hidden_cases", without("tests/hidden/1.in").into_iter().filter(|(p, _)| *p != "tests/hidden/1.ans").collect()),
        ("duplicate_case_name", with_extra(&[("tests/hidden/A.in", "1 1\n"), ("tests/hidden/A.ans", "2\n"), ("tests/hidden/a.in", "1 1\n"), ("tests/hidden/a.ans", "2\n")])),
        ("unknown_solution_dir", with_extra(&[("solutions/mostly_right/a.py", "print(3)\n")])),
        (
            "many_mistakes_at_once",
            {
                let mut files = with_toml(&GOOD_TOML.replace("1000", "5").replace("\"tokens\"", "\"fuzzy\""));
                files.retain(|(p, _)| *p != "tests/sample/1.ans" && *p != "statement.md");
                files
            },
        ),
    ]
}

#[test]
fn the_good_problem_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &good_problem());
    let problem = oaj_spec::load(dir.path()).expect("loads");
    assert_eq!(problem.samples.len(), 1);
    assert_eq!(problem.hidden.len(), 1);
    assert_eq!(problem.hidden[0].name, "hidden/1");
}

#[test]
fn broken_problems_are_explained() {
    for (name, files) in broken_problems() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &files);
        let err = match oaj_spec::load(dir.path()) {
            Ok(_) => panic!("{name}: loaded, but it is broken"),
            Err(err) => err,
        };
        insta::assert_snapshot!(name, err.relative_to(dir.path()));
    }
}

#[test]
fn a_missing_directory_is_explained() {
    let err = oaj_spec::load(Path::new("/nonexistent/problem")).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/problem") && err.contains("not a problem directory"), "{err}");
}

#[test]
fn cases_run_in_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = good_problem();
    for stem in ["10", "2", "1b", "01a"] {
        files.push((Box::leak(format!("tests/hidden/{stem}.in").into_boxed_str()), "1 1\n".into()));
        files.push((Box::leak(format!("tests/hidden/{stem}.ans").into_boxed_str()), "2\n".into()));
    }
    write(dir.path(), &files);
    let problem = oaj_spec::load(dir.path()).unwrap();
    let names: Vec<_> = problem.hidden.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["hidden/1", "hidden/01a", "hidden/1b", "hidden/2", "hidden/10"]);
}
