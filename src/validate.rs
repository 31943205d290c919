//! `oaj validate`: a problem's format, and every bundled solution against
//! the verdict its directory promises.

use std::process::ExitCode;
use std::sync::Arc;

use oaj_judge::{CaseSelection, Judge, JudgeOptions, JudgeResult, Submission, Verdict};
use oaj_spec::{ExpectedVerdict, Problem, Visibility};

use crate::problems::Bank;

type Row = [String; 6];

/// What validating one problem found: table rows, messages for stderr (kept
/// together so problems checked side by side do not interleave), failures.
#[derive(Default)]
struct Report {
    rows: Vec<Row>,
    messages: Vec<String>,
    failures: usize,
}

impl Report {
    fn row(&mut self, problem: &str, what: String, expected: &str, got: String, time: String, ok: bool) {
        self.failures += usize::from(!ok);
        let result = if ok { "ok" } else { "FAIL" };
        self.rows.push([problem.to_string(), what, expected.to_string(), got, time, result.to_string()]);
    }
}

/// `oaj validate`: checks `jobs` problems at a time (each also runs its
/// cases in parallel), so compiling one problem's solutions overlaps running
/// another's.
pub fn validate(judge: &Judge, bank: &Bank, names: &[String], jobs: usize) -> anyhow::Result<ExitCode> {
    let names = if names.is_empty() { bank.slugs()? } else { names.to_vec() };
    let mut reports: Vec<Option<Report>> = Vec::new();
    let mut loaded = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let mut report = Report::default();
        match bank.load(name).and_then(|p| crate::kattis::settle_time_limit(judge, p)) {
            Ok(problem) => match oaj_spec::testdata::check_test_data(&problem) {
                Ok(()) => loaded.push((index, Arc::new(problem))),
                Err(e) => {
                    report.messages.push(format!("{name}: {e:#}"));
                    let what = "test data does not fit the signature".to_string();
                    report.row(name, "-".into(), "-", what, "-".into(), false);
                }
            },
            Err(e) => {
                report.messages.push(format!("{name}: {e:#}"));
                report.row(name, "-".into(), "-", "problem does not load".into(), "-".into(), false);
            }
        }
        reports.push(Some(report));
    }
    let runtime = crate::runtime()?;
    let checked = runtime.block_on(async {
        let slots = Arc::new(tokio::sync::Semaphore::new(jobs.max(1)));
        let mut tasks = tokio::task::JoinSet::new();
        for (index, problem) in loaded {
            let (judge, slots) = (judge.clone(), slots.clone());
            tasks.spawn(async move {
                let _slot = slots.acquire_owned().await;
                (index, validate_problem(&judge, &problem).await)
            });
        }
        let mut checked = Vec::new();
        while let Some(done) = tasks.join_next().await {
            checked.push(done);
        }
        checked
    });
    for done in checked {
        let (index, report) = done.map_err(|e| anyhow::anyhow!("validating a problem failed: {e}"))?;
        reports[index] = Some(report);
    }
    let mut rows = Vec::new();
    let mut failures = 0;
    for report in reports.into_iter().flatten() {
        for message in &report.messages {
            eprintln!("{message}");
        }
        rows.extend(report.rows);
        failures += report.failures;
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

async fn validate_problem(judge: &Judge, problem: &Arc<Problem>) -> Report {
    let mut report = Report::default();
    let slug = problem.slug.as_str();
    for notice in &problem.notices {
        report.messages.push(format!("{slug}: note: {notice}"));
    }
    if problem.solutions.is_empty() {
        report.messages.push(format!("{slug}: warning: no solutions under solutions/ to check the test data with"));
    }
    match judge.validate_inputs(problem.clone()).await {
        Ok(rejected) => {
            for validator in &problem.validators {
                let shown = relative(problem, validator);
                let own: Vec<_> = rejected.iter().filter(|r| &r.validator == validator).collect();
                for rejection in &own {
                    let case = rejection.case.as_deref().unwrap_or("(the validator itself)");
                    report.messages.push(format!("{slug}: {shown} on {case}: {}", rejection.message));
                }
                let cases = problem.samples.len() + problem.hidden.len();
                let got = if own.is_empty() {
                    format!("{cases} inputs valid")
                } else {
                    format!("{} of {cases} inputs rejected", own.len())
                };
                report.row(slug, shown, "input validator", got, "-".into(), own.is_empty());
            }
        }
        Err(e) => {
            report.failures += 1;
            report.messages.push(format!("{slug}: the input validators could not run: {e:#}"));
        }
    }
    let margins = Margins::of(problem);
    let tle_problem = margins.tle_problem(problem);
    if tle_problem.limits != problem.limits {
        report.messages.push(format!(
            "{slug}: note: time_limit solutions are judged with the limit × {} ({} ms) and must still exceed it",
            margins.time_limit_to_tle, tle_problem.limits.time_limit_ms
        ));
    }
    for solution in &problem.solutions {
        let judged_on = if solution.expected == ExpectedVerdict::TimeLimit { &tle_problem } else { problem };
        let shown = relative(problem, &solution.path);
        let (got, ok, time) = match judge_solution(judge, judged_on, solution).await {
            Ok(result) => {
                let mut ok = meets(&result, solution.expected);
                if ok || solution.expected == ExpectedVerdict::TimeLimit {
                    if let Some(advice) = margins.violation(problem, solution.expected, &result) {
                        report.messages.push(format!("{slug}: {shown}: {advice}"));
                        ok = ok && !margins.strict;
                    }
                }
                (describe(&result), ok, format!("{} / {} ms", result.max_time_ms(), result.time_limit_ms))
            }
            Err(e) => (format!("error: {e:#}"), false, "-".into()),
        };
        let expected = crate::kattis::expected_label(problem, solution.expected);
        report.row(slug, shown, expected, got, time, ok);
    }
    report
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
    // A solution meant to fail runs one case at a time, each in its own
    // process, so it stops at its first expected failure without a second
    // case burning the same (doubled) time limit beside it, or a batch
    // running a slow case once before running it again alone.
    let meant_to_fail = stop_on.is_some();
    let options = JudgeOptions {
        cases: CaseSelection::All,
        fail_fast: false,
        stop_on,
        max_parallel_cases: if meant_to_fail { 1 } else { 0 },
        function_per_case: meant_to_fail,
        ..Default::default()
    };
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

fn relative(problem: &Problem, path: &std::path::Path) -> String {
    path.strip_prefix(&problem.dir).unwrap_or(path).display().to_string()
}

/// The safety margins between a problem's time limit and its solutions
/// (Kattis problemtools' rule): accepted solutions must stay under the
/// limit divided by `ac_to_time_limit` on their slowest case, and too-slow
/// solutions must still exceed the limit multiplied by `time_limit_to_tle`.
/// With both margins a faster or slower machine cannot turn a verdict.
struct Margins {
    ac_to_time_limit: f64,
    time_limit_to_tle: f64,
    /// Native problems fail validation when a margin is not kept; Kattis
    /// packages (written for other judges) only get a warning.
    strict: bool,
}

impl Margins {
    /// The bank's rule: accepted under half the limit, too-slow over twice it.
    const NATIVE: Margins = Margins { ac_to_time_limit: 2.0, time_limit_to_tle: 2.0, strict: true };

    fn of(problem: &Problem) -> Margins {
        if problem.format != oaj_spec::SourceFormat::Kattis {
            return Margins::NATIVE;
        }
        match oaj_spec::kattis::load_package(&problem.dir) {
            Ok(package) => Margins {
                ac_to_time_limit: match package.time_limit {
                    oaj_spec::kattis::TimeLimit::FromSubmissions { ac_to_time_limit, .. } => ac_to_time_limit,
                    _ => Margins::NATIVE.ac_to_time_limit,
                },
                time_limit_to_tle: package.time_limit_to_tle,
                strict: false,
            },
            Err(_) => Margins { strict: false, ..Margins::NATIVE },
        }
    }

    /// The problem with its limit raised for judging too-slow solutions.
    fn tle_problem(&self, problem: &Arc<Problem>) -> Arc<Problem> {
        if self.time_limit_to_tle <= 1.0 {
            return problem.clone();
        }
        let mut raised = (**problem).clone();
        raised.limits.time_limit_ms = ((problem.limits.time_limit_ms as f64) * self.time_limit_to_tle).round() as u64;
        Arc::new(raised)
    }

    /// Why a solution that got its expected verdict still breaks the rule,
    /// with the measured times and what to change; `None` when it keeps it.
    fn violation(&self, problem: &Problem, expected: ExpectedVerdict, result: &JudgeResult) -> Option<String> {
        // The language's share of the problem's limit (Python 3x, ...).
        let multiplier = result.time_limit_ms as f64 / problem_limit_for(problem, expected, self) as f64;
        match expected {
            ExpectedVerdict::Accepted => {
                let slowest = result.cases.iter().max_by_key(|c| c.time_ms)?;
                let allowed = (result.time_limit_ms as f64 / self.ac_to_time_limit).floor() as u64;
                if slowest.time_ms <= allowed {
                    return None;
                }
                let needed = (slowest.time_ms as f64 * self.ac_to_time_limit / multiplier / 100.0).ceil() as u64 * 100;
                Some(format!(
                    "accepted, but without margin: its slowest case {} took {} ms, over 1/{} of its limit \
                     ({} ms, so at most {allowed} ms). A slower machine could judge it TLE. Raise \
                     time_limit_ms in problem.toml to at least {needed}, or make this solution faster.",
                    slowest.name, slowest.time_ms, self.ac_to_time_limit, result.time_limit_ms
                ))
            }
            ExpectedVerdict::TimeLimit => {
                if !result.compile.ok || meets(result, ExpectedVerdict::TimeLimit) {
                    return None;
                }
                let slowest = result.cases.iter().max_by_key(|c| c.time_ms)?;
                let at_most =
                    (slowest.time_ms as f64 / multiplier / self.time_limit_to_tle / 100.0).floor() as u64 * 100;
                let lower = if at_most >= 100 {
                    format!(", or lower time_limit_ms in problem.toml below {at_most}")
                } else {
                    " (lowering the limit cannot separate it)".to_string()
                };
                Some(format!(
                    "not too slow: judged with {}x the limit ({} ms) its slowest case {} took only {} ms. \
                     Add bigger maximum cases that this solution cannot finish in time{lower}.",
                    self.time_limit_to_tle, result.time_limit_ms, slowest.name, slowest.time_ms
                ))
            }
            _ => None,
        }
    }
}

/// The problem's own limit that `result` was judged under.
fn problem_limit_for(problem: &Problem, expected: ExpectedVerdict, margins: &Margins) -> u64 {
    let limit = problem.limits.time_limit_ms;
    if expected == ExpectedVerdict::TimeLimit && margins.time_limit_to_tle > 1.0 {
        ((limit as f64) * margins.time_limit_to_tle).round() as u64
    } else {
        limit
    }
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
