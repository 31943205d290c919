//! `oaj validate`: a problem's format, and every bundled solution against
//! the verdict its directory promises.

use std::process::ExitCode;
use std::sync::Arc;

use oaj_judge::{CaseSelection, Judge, JudgeOptions, JudgeResult, Submission, Verdict};
use oaj_spec::{ExpectedVerdict, Problem, Visibility};

use crate::problems::Bank;

pub fn validate(judge: &Judge, bank: &Bank, names: &[String]) -> anyhow::Result<ExitCode> {
    let names = if names.is_empty() { bank.slugs()? } else { names.to_vec() };
    let runtime = crate::runtime()?;
    let mut rows: Vec<[String; 6]> = Vec::new();
    let mut failures = 0;
    for name in &names {
        let problem = match bank.load(name).and_then(|p| crate::kattis::settle_time_limit(judge, p)) {
            Ok(problem) => Arc::new(problem),
            Err(e) => {
                failures += 1;
                eprintln!("{name}: {e:#}");
                rows.push([
                    name.clone(),
                    "-".into(),
                    "-".into(),
                    "problem does not load".into(),
                    "-".into(),
                    "FAIL".into(),
                ]);
                continue;
            }
        };
        if let Err(e) = oaj_spec::testdata::check_test_data(&problem) {
            failures += 1;
            eprintln!("{name}: {e:#}");
            rows.push([
                name.clone(),
                "-".into(),
                "-".into(),
                "test data does not fit the signature".into(),
                "-".into(),
                "FAIL".into(),
            ]);
            continue;
        }
        for notice in &problem.notices {
            eprintln!("{}: note: {notice}", problem.slug);
        }
        if problem.solutions.is_empty() {
            eprintln!("{}: warning: no solutions under solutions/ to check the test data with", problem.slug);
        }
        let tle_problem = crate::kattis::with_tle_margin(&problem);
        if tle_problem.limits != problem.limits {
            eprintln!(
                "{}: note: time_limit_exceeded submissions are judged with the limit × time_limit_to_tle ({} ms), as verifyproblem does",
                problem.slug, tle_problem.limits.time_limit_ms
            );
        }
        for solution in &problem.solutions {
            let judged_on = if solution.expected == ExpectedVerdict::TimeLimit { &tle_problem } else { &problem };
            let shown = solution.path.strip_prefix(&problem.dir).unwrap_or(&solution.path).display().to_string();
            let outcome = runtime.block_on(judge_solution(judge, judged_on, solution));
            let (got, ok, time) = match outcome {
                Ok(result) => {
                    let ok = meets(&result, solution.expected);
                    (describe(&result), ok, format!("{} / {} ms", result.max_time_ms(), result.time_limit_ms))
                }
                Err(e) => (format!("error: {e:#}"), false, "-".into()),
            };
            if !ok {
                failures += 1;
            }
            rows.push([
                problem.slug.clone(),
                shown,
                crate::kattis::expected_label(&problem, solution.expected).to_string(),
                got,
                time,
                if ok { "ok".into() } else { "FAIL".into() },
            ]);
        }
    }
    crate::render::table(&["PROBLEM", "SOLUTION", "EXPECTED", "GOT", "MAX TIME / LIMIT", "RESULT"], &rows);
    if failures == 0 {
        println!("all {} problem(s) valid", names.len());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{failures} failure(s)");
        Ok(ExitCode::from(1))
    }
}

async fn judge_solution(
    judge: &Judge,
    problem: &Arc<Problem>,
    solution: &oaj_spec::Solution,
) -> anyhow::Result<JudgeResult> {
    let language = judge.languages().detect(&solution.path)?;
    let source = oaj_judge::read_source(&solution.path)?;
    let stop_on = match solution.expected {
        ExpectedVerdict::Accepted => None,
        ExpectedVerdict::WrongAnswer => Some(Verdict::WA),
        ExpectedVerdict::TimeLimit => Some(Verdict::TLE),
        ExpectedVerdict::RuntimeError => Some(Verdict::RE),
        ExpectedVerdict::MemoryLimit => Some(Verdict::MLE),
    };
    let options = JudgeOptions { cases: CaseSelection::All, fail_fast: false, stop_on, ..Default::default() };
    let submission = Submission { language: language.id.clone(), source };
    Ok(judge.judge(problem.clone(), submission, options, None).await?)
}

/// Whether a result is what the solution's directory promises: accepted
/// solutions pass every case; the others fail at least one hidden case
/// with their verdict.
fn meets(result: &JudgeResult, expected: ExpectedVerdict) -> bool {
    let wanted = match expected {
        ExpectedVerdict::Accepted => {
            return result.compile.ok
                && result.cases.iter().all(|c| c.verdict == Verdict::AC)
                && result.passed == result.total;
        }
        ExpectedVerdict::WrongAnswer => Verdict::WA,
        ExpectedVerdict::TimeLimit => Verdict::TLE,
        ExpectedVerdict::RuntimeError => Verdict::RE,
        ExpectedVerdict::MemoryLimit => Verdict::MLE,
    };
    result.cases.iter().any(|c| c.visibility == Visibility::Hidden && c.verdict == wanted)
}

fn describe(result: &JudgeResult) -> String {
    if !result.compile.ok {
        return "CE".into();
    }
    let first_failure = result.cases.iter().find(|c| c.verdict != Verdict::AC);
    match first_failure {
        None => format!("AC {}/{}", result.passed, result.total),
        Some(case) => format!("{} on {} ({}/{} passed)", case.verdict, case.name, result.passed, result.total),
    }
}
