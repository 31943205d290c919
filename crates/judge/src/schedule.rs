//! The scheduler: fans a judging's cases out over at most `parallel` slots
//! (in case order, so the largest cases, named to come first, start first),
//! hands a function problem's hidden cases to [`crate::batch`] when the
//! language and the sandbox allow, stops starting cases after a failure
//! (`fail_fast`, `stop_on`), and reports each result as it lands. The pure
//! [`summarize`] turns the results into the judging's verdict and score.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use oaj_spec::{TestCase, Visibility};
use tokio::sync::Semaphore;

use crate::case::{panic_case, CaseRunner};
use crate::result::{CaseResult, Verdict};
use crate::CaseSelection;

/// How one judging's cases are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Cases running at once, at most (at least 1).
    pub(crate) parallel: usize,
    pub(crate) fail_fast: bool,
    pub(crate) stop_on: Option<Verdict>,
    /// Run the hidden cases through [`crate::batch`].
    pub(crate) batch_hidden: bool,
}

impl Plan {
    /// Whether no case should start after `result`.
    pub(crate) fn stops_after(&self, result: &CaseResult) -> bool {
        (self.fail_fast && result.verdict != Verdict::AC)
            || (self.stop_on == Some(result.verdict)
                && result.visibility == Visibility::Hidden
                // A wall-clock stop proves no slowness: keep looking.
                && !result.stopped_by_wall_clock)
    }
}

/// What case tasks send back: a case's index and its result (None: it was
/// skipped because the judging stopped).
type Done = tokio::sync::mpsc::UnboundedSender<(usize, Option<CaseResult>)>;

/// Everything a case task needs; cheap to clone.
#[derive(Clone)]
struct Shared {
    runner: Arc<CaseRunner>,
    plan: Plan,
    semaphore: Arc<Semaphore>,
    stop: Arc<AtomicBool>,
    done: Done,
}

impl Shared {
    /// Runs one case in its own process on a blocking thread, holding
    /// `permit` (one of the judging's slots) while it runs.
    async fn run_one(self, permit: tokio::sync::OwnedSemaphorePermit, index: usize, case: TestCase) {
        let _permit = permit;
        if self.stop.load(Ordering::SeqCst) {
            let _ = self.done.send((index, None));
            return;
        }
        let (name, visibility) = (case.name.clone(), case.visibility);
        let runner = self.runner.clone();
        let outcome = tokio::task::spawn_blocking(move || runner.run_case(&case)).await;
        let case_result = outcome.unwrap_or_else(|e| panic_case(name, visibility, e.to_string()));
        self.finish(index, case_result);
    }

    fn finish(&self, index: usize, case_result: CaseResult) {
        if self.plan.stops_after(&case_result) {
            self.stop.store(true, Ordering::SeqCst);
        }
        let _ = self.done.send((index, Some(case_result)));
    }
}

/// Runs `cases` and returns the results in case order (cases that never
/// started are absent). `each(index, result)` is called as results land.
pub(crate) async fn run_cases(
    runner: Arc<CaseRunner>,
    cases: Vec<TestCase>,
    plan: Plan,
    mut each: impl FnMut(usize, &CaseResult),
) -> Vec<CaseResult> {
    let of = cases.len();
    let (done, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    let shared = Shared {
        runner,
        plan,
        semaphore: Arc::new(Semaphore::new(plan.parallel.max(1))),
        stop: Arc::new(AtomicBool::new(false)),
        done,
    };
    // Cases are started by a task of their own while this one takes in
    // results, so progress (`each`) is reported as cases finish, not only
    // once the last case has found a slot.
    tokio::spawn(async move {
        let mut batch: Vec<(usize, TestCase)> = Vec::new();
        for (index, case) in cases.into_iter().enumerate() {
            if plan.batch_hidden && case.visibility == Visibility::Hidden {
                batch.push((index, case));
                continue;
            }
            // Slots are taken here, in case order, so cases start in the
            // problem's order (the largest cases are named to come first).
            let Ok(permit) = shared.semaphore.clone().acquire_owned().await else { break };
            tokio::spawn(shared.clone().run_one(permit, index, case));
        }
        if !batch.is_empty() {
            tokio::spawn(run_batch(shared.clone(), batch));
        }
    });

    let mut slots: Vec<Option<CaseResult>> = vec![None; of];
    while let Some((index, case_result)) = done_rx.recv().await {
        if let Some(case_result) = case_result {
            if slots[index].is_some() {
                continue;
            }
            each(index, &case_result);
            slots[index] = Some(case_result);
        }
    }
    slots.into_iter().flatten().collect()
}

/// Runs a function problem's hidden cases through [`crate::batch`] in one
/// slot. A case the batch cannot decide runs in its own process as a task
/// of its own, in parallel with the rest of the batch and with each other
/// (each takes a slot), not one after another inside the batch's slot.
async fn run_batch(shared: Shared, batch: Vec<(usize, TestCase)>) {
    let Ok(_permit) = shared.semaphore.clone().acquire_owned().await else { return };
    let names: Vec<(usize, String, Visibility)> =
        batch.iter().map(|(i, c)| (*i, c.name.clone(), c.visibility)).collect();
    let runtime = tokio::runtime::Handle::current();
    let inner = shared.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let alone = |(index, case): &(usize, TestCase)| {
            let (shared, index, case) = (inner.clone(), *index, case.clone());
            runtime.spawn(async move {
                let Ok(permit) = shared.semaphore.clone().acquire_owned().await else { return };
                shared.run_one(permit, index, case).await;
            });
        };
        crate::batch::run_batch(&inner.runner, &batch, &inner.stop, |index, result| inner.finish(index, result), alone)
    })
    .await;
    if let Err(e) = outcome {
        // A panic mid-batch: the cases not yet reported are judge errors
        // (the results loop keeps the first result of each case).
        for (index, name, visibility) in names {
            let _ = shared.done.send((index, Some(panic_case(name, visibility, e.to_string()))));
        }
    }
}

/// A judging's outcome from its case results.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    pub(crate) verdict: Verdict,
    /// Counted cases accepted.
    pub(crate) passed: usize,
    /// Points of the accepted counted cases over all counted points, 0..=1.
    pub(crate) score: f64,
}

/// Sums up `results` (in case order; cases that never ran are absent).
/// `counted` are the cases that decide the score (samples for
/// [`CaseSelection::Samples`], hidden cases otherwise), with their points.
pub(crate) fn summarize(results: &[CaseResult], counted: &[&TestCase], selection: CaseSelection) -> Summary {
    let counts = |c: &CaseResult| match selection {
        CaseSelection::Samples => c.visibility == Visibility::Sample,
        _ => c.visibility == Visibility::Hidden,
    };
    let total_points: f64 = counted.iter().map(|c| c.points.unwrap_or(1.0)).fold(0.0, |a, b| a + b);
    let points_of = |name: &str| counted.iter().find(|c| c.name == name).and_then(|c| c.points).unwrap_or(1.0);
    let accepted: Vec<&CaseResult> = results.iter().filter(|c| counts(c) && c.verdict == Verdict::AC).collect();
    let passed = accepted.len();
    let passed_points: f64 = accepted.iter().map(|c| points_of(&c.name)).fold(0.0, |a, b| a + b);
    let score = if total_points > 0.0 { passed_points / total_points } else { 0.0 };
    let first_failure = |counted_only: bool| {
        results.iter().filter(|c| !counted_only || counts(c)).map(|c| c.verdict).find(|v| *v != Verdict::AC)
    };
    // When --fail-fast stopped at a failing sample, the hidden cases that
    // ran may all pass: the sample's verdict is the honest summary. Cases
    // that never ran without any failure are the judge's own fault.
    let verdict = first_failure(true).or_else(|| first_failure(false)).unwrap_or(if passed == counted.len() {
        Verdict::AC
    } else {
        Verdict::IE
    });
    Summary { verdict, passed, score }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn case(name: &str, points: Option<f64>) -> TestCase {
        let visibility = if name.starts_with("sample") { Visibility::Sample } else { Visibility::Hidden };
        TestCase { name: name.into(), input: PathBuf::new(), answer: PathBuf::new(), visibility, points }
    }

    fn result(name: &str, verdict: Verdict) -> CaseResult {
        let visibility = if name.starts_with("sample") { Visibility::Sample } else { Visibility::Hidden };
        CaseResult {
            name: name.into(),
            verdict,
            time_ms: 0,
            wall_ms: 0,
            memory_kb: 0,
            message: String::new(),
            visibility,
            stopped_by_wall_clock: false,
            diff: None,
            stderr: None,
            output: None,
        }
    }

    #[test]
    fn summaries_score_counted_cases_and_name_the_first_failure() {
        use Verdict::*;
        let cases = [case("sample/1", None), case("hidden/1", None), case("hidden/2", Some(3.0))];
        let samples: Vec<&TestCase> = cases[..1].iter().collect();
        let hidden: Vec<&TestCase> = cases[1..].iter().collect();
        // (selection, results, verdict, passed, score)
        type Row = (CaseSelection, Vec<(&'static str, Verdict)>, Verdict, usize, f64);
        let table: Vec<Row> = vec![
            (CaseSelection::All, vec![("sample/1", AC), ("hidden/1", AC), ("hidden/2", AC)], AC, 2, 1.0),
            // Points weigh the score; the first counted failure is the verdict.
            (CaseSelection::All, vec![("sample/1", AC), ("hidden/1", AC), ("hidden/2", WA)], WA, 1, 0.25),
            (CaseSelection::All, vec![("sample/1", AC), ("hidden/1", TLE), ("hidden/2", WA)], TLE, 0, 0.0),
            (CaseSelection::All, vec![("sample/1", AC), ("hidden/1", RE), ("hidden/2", AC)], RE, 1, 0.75),
            // A failing sample does not count, but a hidden failure wins.
            (CaseSelection::All, vec![("sample/1", WA), ("hidden/1", AC), ("hidden/2", MLE)], MLE, 1, 0.25),
            // Fail-fast stopped at the sample: its verdict is the summary.
            (CaseSelection::All, vec![("sample/1", WA)], WA, 0, 0.0),
            (CaseSelection::All, vec![("sample/1", CE), ("hidden/1", AC), ("hidden/2", AC)], CE, 2, 1.0),
            // Cases missing without a failure: the judge's fault.
            (CaseSelection::All, vec![("sample/1", AC), ("hidden/1", AC)], IE, 1, 0.25),
            (CaseSelection::Hidden, vec![("hidden/1", AC), ("hidden/2", AC)], AC, 2, 1.0),
        ];
        for (selection, results, verdict, passed, score) in table {
            let results: Vec<CaseResult> = results.iter().map(|(n, v)| result(n, *v)).collect();
            let summary = summarize(&results, &hidden, selection);
            assert_eq!(summary, Summary { verdict, passed, score }, "{selection:?} {results:?}");
        }
        // Samples decide a samples-only run.
        let summary = summarize(&[result("sample/1", AC)], &samples, CaseSelection::Samples);
        assert_eq!(summary, Summary { verdict: AC, passed: 1, score: 1.0 });
        let summary = summarize(&[result("sample/1", WA)], &samples, CaseSelection::Samples);
        assert_eq!(summary, Summary { verdict: WA, passed: 0, score: 0.0 });
        // No counted cases at all.
        assert_eq!(summarize(&[], &[], CaseSelection::Hidden), Summary { verdict: AC, passed: 0, score: 0.0 });
    }

    fn wall_clock_tle(name: &str) -> CaseResult {
        CaseResult { stopped_by_wall_clock: true, ..result(name, Verdict::TLE) }
    }

    #[test]
    fn stop_rules_follow_fail_fast_and_stop_on() {
        use Verdict::*;
        let plan = |fail_fast, stop_on| Plan { parallel: 2, fail_fast, stop_on, batch_hidden: false };
        // (plan, result, stops)
        let table = [
            (plan(false, None), result("hidden/1", WA), false),
            (plan(true, None), result("hidden/1", AC), false),
            (plan(true, None), result("hidden/1", WA), true),
            (plan(true, None), result("sample/1", RE), true),
            (plan(false, Some(TLE)), result("hidden/1", TLE), true),
            (plan(false, Some(TLE)), result("hidden/1", WA), false),
            // stop_on looks at hidden cases only.
            (plan(false, Some(TLE)), result("sample/1", TLE), false),
            // A TLE by the wall clock alone proves nothing to stop_on, but
            // it is a failure to fail_fast.
            (plan(false, Some(TLE)), wall_clock_tle("hidden/1"), false),
            (plan(true, None), wall_clock_tle("hidden/1"), true),
        ];
        for (plan, result, stops) in table {
            assert_eq!(plan.stops_after(&result), stops, "{plan:?} {:?} {:?}", result.name, result.verdict);
        }
    }
}
