//! Validating a problem: its input validators on every case, and every
//! bundled solution judged against the verdict its directory promises, with
//! the time-limit margins. `oaj validate` prints what this finds as a table;
//! the web server runs it on an uploaded problem before the problem appears.
//!
//! Over 500 lines (with its table tests at the end) because the rules read
//! best together: what each expected verdict requires, the time-limit
//! margins, and when a case the wall clock stopped is run again.

use std::path::Path;
use std::sync::Arc;

use oaj_spec::{ExpectedVerdict, Problem, SourceFormat, Visibility};

use crate::{CaseResult, CaseSelection, Judge, JudgeOptions, JudgeResult, Submission, Verdict};

/// One line of the validation table: problem, what was checked (a
/// validator or a solution, relative to the problem), the expectation,
/// what happened, the slowest time over the limit, and `ok` or `FAIL`.
pub type Row = [String; 6];

/// The table's column headings, in [`Row`] order.
pub const HEADINGS: [&str; 6] = ["PROBLEM", "SOLUTION", "EXPECTED", "GOT", "MAX TIME / LIMIT", "RESULT"];

/// What validating one problem found: table rows, messages (each starting
/// with the problem's slug; notes, warnings and the reason of each failure),
/// and how many checks failed.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub rows: Vec<Row>,
    pub messages: Vec<String>,
    pub failures: usize,
}

impl Report {
    /// Adds a row; a row that is not `ok` counts as a failure.
    pub fn row(&mut self, problem: &str, what: String, expected: &str, got: String, time: String, ok: bool) {
        self.failures += usize::from(!ok);
        let result = if ok { "ok" } else { "FAIL" };
        self.rows.push([problem.to_string(), what, expected.to_string(), got, time, result.to_string()]);
    }

    /// How many accepted-solution rows passed (an uploaded problem needs at
    /// least one: without it nothing has checked the answers).
    pub fn accepted_passed(&self) -> usize {
        self.rows.iter().filter(|r| r[2] == "accepted" && r[5] == "ok").count()
    }
}

/// An error with its sources, the way `anyhow` prints `{:#}`: each cause
/// after a colon.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Validates a loaded problem: input validators on every case, then each
/// solution under `solutions/` (or a package's `submissions/`). `progress`
/// hears what is being checked, for a live display.
pub async fn validate_problem(
    judge: &Judge,
    problem: &Arc<Problem>,
    progress: Option<&(dyn Fn(String) + Send + Sync)>,
) -> Report {
    let say = |text: String| {
        if let Some(progress) = progress {
            progress(text);
        }
    };
    let mut report = Report::default();
    let slug = problem.slug.as_str();
    for notice in &problem.notices {
        report.messages.push(format!("{slug}: note: {notice}"));
    }
    if problem.solutions.is_empty() {
        report.messages.push(format!("{slug}: warning: no solutions under solutions/ to check the test data with"));
    }
    if !problem.validators.is_empty() {
        say(format!("running {} input validator(s)", problem.validators.len()));
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
            report.messages.push(format!("{slug}: the input validators could not run: {}", error_chain(&e)));
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
    let count = problem.solutions.len();
    // Too-slow solutions run their largest cases first: one of those is
    // where a too-slow solution proves itself, and the smaller cases it
    // would otherwise pass first cost time and prove nothing.
    let tle_problem = largest_cases_first(&tle_problem);
    for (number, solution) in problem.solutions.iter().enumerate() {
        let judged_on = if solution.expected == ExpectedVerdict::TimeLimit { &tle_problem } else { problem };
        let shown = relative(problem, &solution.path);
        say(format!("judging {shown} ({} of {count})", number + 1));
        let started = std::time::Instant::now();
        let (got, ok, time) = match judge_solution(judge, judged_on, solution).await {
            Ok((result, found, reruns)) => {
                tracing::info!(
                    problem = slug,
                    solution = %shown,
                    expected = solution.expected.as_str(),
                    compile_ms = result.compile.time_ms,
                    cached = result.compile.cached,
                    cases = result.cases.len(),
                    cases_cpu_ms = result.cases.iter().map(|c| c.time_ms).sum::<u64>(),
                    reruns,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "solution judged"
                );
                let time = format!("{} / {} ms", result.max_time_ms(), result.time_limit_ms);
                match found {
                    Finding::Inconclusive(names) => {
                        let first = names.first().cloned().unwrap_or_default();
                        report.messages.push(format!("{slug}: {shown}: {}", inconclusive(&result, &names, reruns)));
                        (format!("inconclusive: {first} stopped by the wall clock"), false, time)
                    }
                    found => {
                        let mut ok = found == Finding::Meets;
                        if ok || solution.expected == ExpectedVerdict::TimeLimit {
                            if let Some(advice) = margins.violation(problem, solution.expected, &result) {
                                report.messages.push(format!("{slug}: {shown}: {advice}"));
                                ok = ok && !margins.strict;
                            }
                        }
                        (describe(&result), ok, time)
                    }
                }
            }
            Err(e) => (format!("error: {e}"), false, "-".into()),
        };
        let expected = expected_label(problem, solution.expected);
        report.row(slug, shown, expected, got, time, ok);
    }
    report
}

/// Why a solution's judging stayed inconclusive: the cases the wall clock
/// stopped, with what they had used, after every rerun.
fn inconclusive(result: &JudgeResult, names: &[String], reruns: usize) -> String {
    let cases: Vec<String> = result
        .cases
        .iter()
        .filter(|c| names.contains(&c.name))
        .map(|c| format!("{} after {} ms of wall clock with only {} ms of CPU", c.name, c.wall_ms, c.time_ms))
        .collect();
    format!(
        "inconclusive: the wall clock stopped {} (CPU limit {} ms), also when run again alone ({reruns} time(s)). \
         A wall-clock stop says nothing about the solution's speed: the machine gave it too little CPU (too \
         loaded?) or it sleeps or waits. Validate again on a quieter machine; a solution that sleeps cannot \
         prove a verdict by time.",
        cases.join(", "),
        result.time_limit_ms
    )
}

/// The problem with its hidden cases ordered by input size, largest first
/// (ties keep the problem's order).
fn largest_cases_first(problem: &Arc<Problem>) -> Arc<Problem> {
    let mut sorted = (**problem).clone();
    sorted.hidden.sort_by_key(|case| std::cmp::Reverse(std::fs::metadata(&case.input).map_or(0, |m| m.len())));
    Arc::new(sorted)
}

/// The word a problem uses for an expectation: a package's directory names
/// for Kattis packages, OA Judge's own otherwise.
pub fn expected_label(problem: &Problem, expected: ExpectedVerdict) -> &'static str {
    if problem.format != SourceFormat::Kattis {
        return expected.as_str();
    }
    match expected {
        ExpectedVerdict::Accepted => "accepted",
        ExpectedVerdict::WrongAnswer => "wrong_answer",
        ExpectedVerdict::TimeLimit => "time_limit_exceeded",
        ExpectedVerdict::RuntimeError => "run_time_error",
        ExpectedVerdict::MemoryLimit => "memory_limit_exceeded",
    }
}

/// How many times the cases a wall clock alone stopped are run again (each
/// alone) before the solution is reported as inconclusive.
const RERUNS: usize = 2;

/// A too-slow solution's wall-clock limit, in times its CPU limit (plus
/// one second): only its CPU time can prove it too slow, so on a loaded
/// machine it must be given the wall time to spend it.
const TOO_SLOW_WALL_FACTOR: u32 = 8;

/// Judges one bundled solution and finds whether it is what its directory
/// promises, running again (alone, up to [`RERUNS`] times) the cases that
/// only the wall clock stopped; also returns how many rerun rounds it took.
/// The error is the whole cause chain.
async fn judge_solution(
    judge: &Judge,
    problem: &Arc<Problem>,
    solution: &oaj_spec::Solution,
) -> Result<(JudgeResult, Finding, usize), String> {
    let language = judge.languages().detect(&solution.path).map_err(|e| error_chain(&e))?;
    let source = crate::read_source(&solution.path).map_err(|e| error_chain(&e))?;
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
    let too_slow = solution.expected == ExpectedVerdict::TimeLimit;
    let options = JudgeOptions {
        cases: CaseSelection::All,
        fail_fast: false,
        stop_on,
        max_parallel_cases: if meant_to_fail { 1 } else { 0 },
        function_per_case: meant_to_fail,
        wall_limit_factor: too_slow.then_some(TOO_SLOW_WALL_FACTOR),
        ..Default::default()
    };
    let submission = Submission { language: language.id.clone(), source };
    let judge_on = |problem: Arc<Problem>| judge.judge(problem, submission.clone(), options, None);
    let mut result = judge_on(problem.clone()).await.map_err(|e| error_chain(&e))?;
    let mut round = 0;
    loop {
        let names = match finding(&result, solution.expected) {
            Finding::Inconclusive(names) if round < RERUNS => names,
            found => return Ok((result, found, round)),
        };
        round += 1;
        for name in &names {
            let rerun = judge_on(only_case(problem, name)).await.map_err(|e| error_chain(&e))?;
            if let (Some(again), Some(slot)) =
                (rerun.cases.into_iter().next(), result.cases.iter_mut().find(|c| &c.name == name))
            {
                *slot = again;
            }
            let counted: Vec<&oaj_spec::TestCase> = problem.hidden.iter().collect();
            let summary = crate::schedule::summarize(&result.cases, &counted, CaseSelection::All);
            (result.verdict, result.passed, result.score) = (summary.verdict, summary.passed, summary.score);
            // One case that proves the verdict is enough.
            if finding(&result, solution.expected) == Finding::Meets {
                break;
            }
        }
    }
}

/// The problem with `name` as its only case (a sample or a hidden case).
fn only_case(problem: &Problem, name: &str) -> Arc<Problem> {
    let mut alone = problem.clone();
    alone.samples.retain(|c| c.name == name);
    alone.hidden.retain(|c| c.name == name);
    Arc::new(alone)
}

/// What a judging shows about a solution's promise.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Finding {
    /// The result is what the solution's directory promises.
    Meets,
    /// It is not, whatever a rerun gives.
    Misses,
    /// Only these cases, which the wall clock stopped while their CPU time
    /// was under the limit, can still decide it: they prove nothing yet.
    Inconclusive(Vec<String>),
}

/// Whether a result is what the solution's directory promises: accepted
/// solutions pass every case; the others fail at least one hidden case
/// with their verdict, and a too-slow one by its CPU time (a TLE that the
/// wall clock gave a run whose CPU time was under the limit does not show
/// slowness). A result that hinges on such wall-clock stops is
/// inconclusive.
fn finding(result: &JudgeResult, expected: ExpectedVerdict) -> Finding {
    if !result.compile.ok {
        return Finding::Misses;
    }
    let wall_clock = |c: &&CaseResult| c.verdict == Verdict::TLE && c.stopped_by_wall_clock;
    let wanted = match expected {
        ExpectedVerdict::Accepted => {
            let stopped: Vec<String> = result.cases.iter().filter(wall_clock).map(|c| c.name.clone()).collect();
            let failed = result.cases.iter().filter(|c| c.verdict != Verdict::AC).count();
            return if failed == 0 && result.passed == result.total {
                Finding::Meets
            } else if !stopped.is_empty() && failed == stopped.len() {
                Finding::Inconclusive(stopped)
            } else {
                Finding::Misses
            };
        }
        ExpectedVerdict::WrongAnswer => Verdict::WA,
        ExpectedVerdict::TimeLimit => Verdict::TLE,
        ExpectedVerdict::RuntimeError => Verdict::RE,
        ExpectedVerdict::MemoryLimit => Verdict::MLE,
    };
    let hidden = || result.cases.iter().filter(|c| c.visibility == Visibility::Hidden);
    if hidden().any(|c| c.verdict == wanted && !c.stopped_by_wall_clock) {
        return Finding::Meets;
    }
    let stopped: Vec<String> = hidden().filter(wall_clock).map(|c| c.name.clone()).collect();
    if stopped.is_empty() {
        Finding::Misses
    } else {
        Finding::Inconclusive(stopped)
    }
}

fn relative(problem: &Problem, path: &Path) -> String {
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
        if problem.format != SourceFormat::Kattis {
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
                if !result.compile.ok || finding(result, ExpectedVerdict::TimeLimit) == Finding::Meets {
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

/// A table as plain text, columns padded to their widest cell (the same
/// layout `oaj validate` prints), for logs and pages.
pub fn table_text(rows: &[Row]) -> String {
    let mut widths: Vec<usize> = HEADINGS.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut text = line(&HEADINGS);
    for row in rows {
        text.push('\n');
        text.push_str(&line(&row.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    text
}

/// For a Kattis package without a time limit, judges its accepted
/// submissions and sets the limit as problemtools does: the slowest run (in
/// reference-language time, so a Python submission's time is divided by
/// Python's multiplier) times `ac_to_time_limit`, rounded up to the time
/// resolution. `say` hears what is done, before and after. Other problems
/// come back unchanged. The error says why no limit could be computed.
pub async fn settle_time_limit(
    judge: &Judge,
    problem: Problem,
    say: &(dyn Fn(String) + Send + Sync),
) -> Result<Problem, String> {
    use oaj_spec::kattis::{self, TimeLimit};
    if problem.format != SourceFormat::Kattis {
        return Ok(problem);
    }
    let package = kattis::load_package(&problem.dir).map_err(|e| e.to_string())?;
    let policy = package.time_limit;
    let TimeLimit::FromSubmissions { ac_to_time_limit, resolution_s, .. } = policy else {
        return Ok(problem);
    };
    let accepted: Vec<_> =
        problem.solutions.iter().filter(|s| s.expected == ExpectedVerdict::Accepted).cloned().collect();
    if accepted.is_empty() {
        return Err(format!(
            "{}: the package gives no time limit and has no accepted submission to compute one from; add \
             `limits: time_limit: <seconds>` to problem.yaml or a solution under submissions/accepted/",
            problem.dir.display()
        ));
    }
    say(format!(
        "{}: no time limit in the package; judging {} accepted submission(s) to compute it ...",
        problem.slug,
        accepted.len()
    ));
    let shared = Arc::new(problem.clone());
    let mut slowest: Option<(u64, u64, String)> = None; // (reference ms, measured ms, submission)
    let mut failures = Vec::new();
    for solution in &accepted {
        let shown = relative(&problem, &solution.path);
        // A submission in a language OA Judge lacks cannot time anything.
        let language = match judge.languages().detect(&solution.path) {
            Ok(language) => language,
            Err(e) => {
                failures.push(format!("{shown} skipped: {e}"));
                continue;
            }
        };
        let source = crate::read_source(&solution.path).map_err(|e| error_chain(&e))?;
        let submission = Submission { language: language.id.clone(), source };
        let options = JudgeOptions { cases: CaseSelection::All, fail_fast: true, ..Default::default() };
        let result = judge.judge(shared.clone(), submission, options, None).await.map_err(|e| error_chain(&e))?;
        if result.verdict != Verdict::AC || result.cases.iter().any(|c| c.verdict != Verdict::AC) {
            failures.push(format!("{shown} got {}", result.verdict));
            continue;
        }
        let measured = result.max_time_ms();
        let reference = (measured as f64 / language.time_multiplier.max(1.0)).ceil() as u64;
        if slowest.as_ref().is_none_or(|(r, _, _)| reference > *r) {
            slowest = Some((reference, measured, shown));
        }
    }
    let Some((reference, measured, name)) = slowest else {
        return Err(format!(
            "{}: cannot compute the time limit: no accepted submission passed every case within {} ms ({})",
            problem.slug,
            problem.limits.time_limit_ms,
            failures.join(", ")
        ));
    };
    let limit = policy.from_slowest_ms(reference).clamp(100, 60_000);
    let message = format!(
        "{limit} ms, computed from the accepted submissions as problemtools does: the slowest, {name}, \
         took {measured} ms ({reference} ms in reference-language time) × ac_to_time_limit {ac_to_time_limit}, \
         rounded up to a multiple of {resolution_s} s"
    );
    say(format!("{}: time limit {message}", problem.slug));
    let mut problem = problem;
    problem.limits.time_limit_ms = limit;
    problem.notices.retain(|n| !n.starts_with("time limit:"));
    problem.notices.push(format!("time limit: {message}"));
    Ok(problem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompileReport;

    /// A case from a short code: `AC`, `WA`, `RE`, `TLE` (by CPU time) or
    /// `TLE~` (stopped by the wall clock with its CPU time under the limit),
    /// on hidden case `n`, or a sample when the code ends in `s`.
    fn case(n: usize, code: &str) -> CaseResult {
        let (code, sample) = code.strip_suffix('s').map_or((code, false), |c| (c, true));
        let (code, wall) = code.strip_suffix('~').map_or((code, false), |c| (c, true));
        let verdict = match code {
            "AC" => Verdict::AC,
            "WA" => Verdict::WA,
            "RE" => Verdict::RE,
            "TLE" => Verdict::TLE,
            other => panic!("no verdict {other}"),
        };
        let (name, visibility) = if sample {
            (format!("sample/{n}"), Visibility::Sample)
        } else {
            (format!("hidden/{n}"), Visibility::Hidden)
        };
        CaseResult {
            name,
            verdict,
            time_ms: if verdict == Verdict::TLE && !wall { 2001 } else { 300 },
            wall_ms: if wall { 5000 } else { 400 },
            memory_kb: 1024,
            message: String::new(),
            visibility,
            stopped_by_wall_clock: wall,
            diff: None,
            stderr: None,
            output: None,
        }
    }

    fn result(codes: &[&str], compiled: bool) -> JudgeResult {
        let cases: Vec<CaseResult> = codes.iter().enumerate().map(|(i, code)| case(i + 1, code)).collect();
        let hidden = cases.iter().filter(|c| c.visibility == Visibility::Hidden);
        JudgeResult {
            problem: "p".into(),
            language: "cpp".into(),
            time_limit_ms: 2000,
            verdict: Verdict::AC,
            passed: hidden.clone().filter(|c| c.verdict == Verdict::AC).count(),
            total: hidden.count(),
            score: 0.0,
            compile: CompileReport { ok: compiled, message: String::new(), time_ms: 0, cached: true },
            cases,
        }
    }

    #[test]
    fn only_cpu_time_proves_a_solution_too_slow() {
        use ExpectedVerdict::*;
        let inconclusive = |names: &[&str]| Finding::Inconclusive(names.iter().map(|n| n.to_string()).collect());
        // (expected, cases in order, compiled, finding)
        let table: Vec<(ExpectedVerdict, &[&str], bool, Finding)> = vec![
            (TimeLimit, &["AC", "TLE"], true, Finding::Meets),
            // The wall clock alone proves nothing, even as the only TLE.
            (TimeLimit, &["AC", "TLE~"], true, inconclusive(&["hidden/2"])),
            (TimeLimit, &["TLE~", "AC", "TLE~"], true, inconclusive(&["hidden/1", "hidden/3"])),
            // One TLE by CPU time is enough, whatever the wall clock did elsewhere.
            (TimeLimit, &["TLE~", "TLE"], true, Finding::Meets),
            (TimeLimit, &["AC", "AC"], true, Finding::Misses),
            (TimeLimit, &["AC", "WA"], true, Finding::Misses),
            // Samples never prove a verdict.
            (TimeLimit, &["TLEs", "AC"], true, Finding::Misses),
            (TimeLimit, &["TLE~s", "AC"], true, Finding::Misses),
            (TimeLimit, &["TLE"], false, Finding::Misses),
            (Accepted, &["ACs", "AC", "AC"], true, Finding::Meets),
            (Accepted, &["ACs", "AC", "TLE~"], true, inconclusive(&["hidden/3"])),
            (Accepted, &["TLE~s", "AC"], true, inconclusive(&["sample/1"])),
            // A real failure beside a wall-clock stop decides it.
            (Accepted, &["WA", "TLE~"], true, Finding::Misses),
            (Accepted, &["AC", "TLE"], true, Finding::Misses),
            (Accepted, &["AC"], false, Finding::Misses),
            (WrongAnswer, &["AC", "WA"], true, Finding::Meets),
            (WrongAnswer, &["AC", "TLE~"], true, inconclusive(&["hidden/2"])),
            (WrongAnswer, &["AC", "TLE"], true, Finding::Misses),
            (WrongAnswer, &["WAs", "AC"], true, Finding::Misses),
            (RuntimeError, &["RE", "TLE~"], true, Finding::Meets),
            (RuntimeError, &["AC", "AC"], true, Finding::Misses),
        ];
        for (expected, codes, compiled, wanted) in table {
            let got = finding(&result(codes, compiled), expected);
            assert_eq!(got, wanted, "{expected:?} {codes:?} compiled={compiled}");
        }
    }

    #[test]
    fn the_too_slow_margin_is_judged_by_cpu_time() {
        let problem = Problem {
            slug: "p".into(),
            dir: std::path::PathBuf::from("p"),
            title: "P".into(),
            difficulty: oaj_spec::Difficulty::Easy,
            kind: oaj_spec::ProblemKind::Stdio,
            limits: oaj_spec::ProblemLimits { time_limit_ms: 1000, memory_limit_mb: 256 },
            checker: oaj_spec::Checker::Exact,
            signature: None,
            statement: String::new(),
            samples: vec![],
            hidden: vec![],
            solutions: vec![],
            format: SourceFormat::Native,
            notices: vec![],
            topics: vec![],
            minutes: None,
            validators: vec![],
        };
        let margins = Margins::NATIVE;
        // Judged at 2x the limit (2000 ms): proven slow by CPU, nothing to say.
        let proven = result(&["AC", "TLE"], true);
        assert_eq!(margins.violation(&problem, ExpectedVerdict::TimeLimit, &proven), None);
        // Only the wall clock stopped it, after 300 ms of CPU: not too slow.
        let stopped = result(&["AC", "TLE~"], true);
        let advice = margins.violation(&problem, ExpectedVerdict::TimeLimit, &stopped).expect("a violation");
        assert!(advice.contains("not too slow") && advice.contains("took only 300 ms"), "{advice}");
    }
}
