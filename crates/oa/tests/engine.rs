#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Engine rules with a fake clock, a small temp problem bank and cheap
//! Python programs.

use std::sync::Arc;
use std::time::Duration;

use oaj_judge::{Judge, Verdict};
use oaj_oa::*;
use oaj_spec::Difficulty;

#[macro_use]
mod support;
use support::TestStore;

on_both_backends!(async:
    draw_rules,
    the_deadline_is_fixed_at_start,
    submissions_score_the_last_one_and_hide_hidden_details_during_the_oa,
    never_submitted_drafts_are_judged_at_the_deadline,
    submit_after_the_deadline_is_refused_and_the_draft_kept,
    attempts_that_expired_while_the_engine_was_down_are_finished_at_start_up,
    explanations_integrity_and_the_report,
    another_users_attempt_is_not_found_and_bad_input_is_invalid,
    a_full_queue_is_refused_and_progress_is_streamed,
    practice_has_no_timer,
    starter_code_and_languages,
    a_function_problems_failing_output_reaches_the_report,
    an_expired_lease_is_taken_over_and_the_late_result_discarded,
    a_lease_is_renewed_while_judging,
    judge_next_takes_each_queued_job_once,
    a_worker_without_the_problem_judges_it_from_the_store,
    a_workers_progress_is_written_under_its_lease_and_followed
);
on_both_backends!(sync: judgings_left_unfinished_by_a_crash_are_requeued);

const T0: i64 = 1_700_000_000_000;
const CORRECT: &str = "print(2 * int(input()))\n";
/// Right only when n = 1: passes hidden/a, fails hidden/b and hidden/c.
const WRONG: &str = "print(int(input()) + 1)\n";
/// Right, but slow enough that a second judging finds the pool busy.
const SLOW: &str = "import time\ntime.sleep(1.5)\nprint(2 * int(input()))\n";

struct Bench {
    _dir: tempfile::TempDir,
    bank: std::path::PathBuf,
    store: TestStore,
    cache: std::path::PathBuf,
    clock: Arc<FakeClock>,
}

/// (slug, difficulty, topics)
const BANK: &[(&str, &str, &[&str])] = &[
    ("double-m1", "medium", &["math"]),
    ("double-m2", "medium", &["math", "greedy"]),
    ("double-h", "hard", &["graphs"]),
    ("double-e", "easy", &["graphs"]),
];

impl Bench {
    fn new(store: TestStore) -> Bench {
        Bench::with_bank(store, BANK)
    }

    fn with_bank(store: TestStore, problems: &[(&str, &str, &[&str])]) -> Bench {
        let dir = tempfile::tempdir().expect("temp dir");
        let bank = dir.path().join("bank");
        for (slug, difficulty, topics) in problems {
            support::write_double(&bank, slug, difficulty, topics);
        }
        Bench { bank, store, cache: dir.path().join("cache"), _dir: dir, clock: Arc::new(FakeClock::new(T0)) }
    }

    fn judge(&self) -> Arc<Judge> {
        support::judge(&self.cache)
    }

    fn config() -> EngineConfig {
        EngineConfig { judge_slots: 2, queue_capacity: 8, background: false }
    }

    /// An engine on the store of this bench (each call a new engine on the
    /// same data, as after a restart).
    async fn engine(&self) -> Engine {
        self.engine_with(Bench::config()).await
    }

    async fn engine_with(&self, config: EngineConfig) -> Engine {
        let store = self.store.open().await;
        let catalog = Arc::new(Catalog::load(&self.bank).expect("catalog"));
        assert!(catalog.broken().is_empty(), "{:?}", catalog.broken());
        Engine::new(store, catalog, self.judge(), self.clock.clone(), config)
    }
}

async fn wait_done(engine: &Engine, user: UserId, job: JobId) -> JobView {
    for _ in 0..600 {
        let view = engine.job(user, job).await.expect("job");
        if view.status == JobStatus::Done {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {job} did not finish within 30 s: {:?}", engine.job(user, job).await.map(|v| v.status));
}

async fn wait_all(engine: &Engine, user: UserId, attempt: AttemptId) {
    let view = engine.attempt(user, attempt).await.expect("attempt");
    for p in view.problems {
        for s in p.submissions {
            wait_done(engine, user, s.id).await;
        }
    }
}

fn difficulty_of(engine: &Engine, slug: &str) -> Difficulty {
    engine.catalog().get(slug).expect("in catalog").difficulty
}

fn options(difficulties: &[Difficulty], topics: &[&str], problems: Option<&[&str]>) -> StartOptions {
    StartOptions {
        minutes: 90,
        difficulties: difficulties.to_vec(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        problems: problems.map(|p| p.iter().map(|s| s.to_string()).collect()),
    }
}

async fn draw_rules(store: TestStore) {
    use Difficulty::*;
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let slugs = |view: AttemptView| view.problems.iter().map(|p| p.slug.clone()).collect::<Vec<_>>();

    // Default: one medium, one hard.
    let first = slugs(
        engine.attempt(LOCAL_USER, engine.start(LOCAL_USER, StartOptions::default()).await.unwrap()).await.unwrap(),
    );
    assert_eq!(first.len(), 2);
    assert_eq!(difficulty_of(&engine, &first[0]), Medium);
    assert_eq!(first[1], "double-h");
    // The next OA prefers the medium problem not seen yet.
    let second = slugs(
        engine.attempt(LOCAL_USER, engine.start(LOCAL_USER, StartOptions::default()).await.unwrap()).await.unwrap(),
    );
    assert_ne!(second[0], first[0], "an unseen medium problem exists");
    assert_eq!(difficulty_of(&engine, &second[0]), Medium);

    // Table: options -> checks on the drawn slugs.
    type Check = fn(&Engine, &[String]);
    let cases: Vec<(StartOptions, Check)> = vec![
        // Two hard problems from a bank with one: the nearest difficulty fills in.
        (options(&[Hard, Hard], &[], None), |e, s| {
            assert_eq!(s[0], "double-h");
            assert_eq!(difficulty_of(e, &s[1]), Medium);
        }),
        // Both medium.
        (options(&[Medium, Medium], &[], None), |e, s| {
            assert!(s.iter().all(|x| difficulty_of(e, x) == Medium));
            assert_ne!(s[0], s[1]);
        }),
        // Topics restrict the pool; a missing medium falls back to hard first.
        (options(&[Medium, Easy], &["graphs"], None), |_, s| {
            assert_eq!(s, ["double-h", "double-e"]);
        }),
        (options(&[Medium, Hard], &["greedy", "graphs"], None), |_, s| {
            assert_eq!(s, ["double-m2", "double-h"]);
        }),
        // Explicit problems, in the given order.
        (options(&[Medium, Hard], &["graphs"], Some(&["double-e", "double-m1"])), |_, s| {
            assert_eq!(s, ["double-e", "double-m1"]);
        }),
    ];
    for (opts, check) in cases {
        for _ in 0..5 {
            let id = engine.start(LOCAL_USER, opts.clone()).await.unwrap_or_else(|e| panic!("{opts:?}: {e}"));
            let drawn = slugs(engine.attempt(LOCAL_USER, id).await.unwrap());
            assert_eq!(drawn.len(), opts.problems.as_ref().map_or(opts.difficulties.len(), Vec::len));
            let mut unique = drawn.clone();
            unique.dedup();
            assert_eq!(unique.len(), drawn.len(), "a problem drawn twice: {drawn:?}");
            check(&engine, &drawn);
        }
    }

    // Bad options, each with words from its message.
    let bad: Vec<(StartOptions, &str)> = vec![
        (StartOptions { minutes: 0, ..StartOptions::default() }, "1 to 180 minutes"),
        (StartOptions { minutes: 181, ..StartOptions::default() }, "1 to 180 minutes"),
        (options(&[Medium, Hard], &["dp"], None), "has 0 problem(s)"),
        (options(&[Medium, Medium, Hard], &["math"], None), "has 2 problem(s); this OA needs 3"),
        (options(&[], &[], None), "1 to 4 problems"),
        (options(&[Medium], &[], Some(&["double-m1", "double-m1"])), "given twice"),
        (options(&[Medium], &[], Some(&["nope"])), "no problem `nope`"),
    ];
    for (opts, needle) in bad {
        match engine.start(LOCAL_USER, opts.clone()).await {
            Err(Error::Invalid(message)) => assert!(message.contains(needle), "{opts:?}: {message}"),
            other => panic!("{opts:?}: expected Invalid, got {other:?}"),
        }
    }
}

async fn the_deadline_is_fixed_at_start(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine.start(LOCAL_USER, StartOptions { minutes: 30, ..StartOptions::default() }).await.unwrap();
    let deadline = T0 + 30 * 60_000;
    let view = engine.attempt(LOCAL_USER, id).await.unwrap();
    assert_eq!((view.started_ms, view.deadline_ms, view.remaining_ms()), (T0, Some(deadline), Some(30 * 60_000)));

    bench.clock.advance(10 * 60_000);
    engine.save_draft(LOCAL_USER, id, 1, "python", "x = 1\n").await.unwrap();
    let view = engine.attempt(LOCAL_USER, id).await.unwrap();
    assert_eq!((view.deadline_ms, view.remaining_ms()), (Some(deadline), Some(20 * 60_000)));

    // A second engine on the same store (a restart, a second tab) sees the same deadline.
    drop(engine);
    let engine = bench.engine().await;
    let view = engine.attempt(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.deadline_ms, Some(deadline));
    assert_eq!(view.status, AttemptStatus::Coding);
    assert_eq!(view.problems[0].draft, Some(Draft { language: "python".into(), code: "x = 1\n".into() }));
}

async fn submissions_score_the_last_one_and_hide_hidden_details_during_the_oa(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();

    // Run on the samples: full details.
    let run = engine.run(LOCAL_USER, id, 1, "python", WRONG, RunInput::Samples).await.unwrap();
    let run = wait_done(&engine, LOCAL_USER, run).await;
    let judged = run.judged.expect("sample result");
    assert_eq!(judged.verdict, Verdict::WA);
    assert!(judged.cases[0].diff.is_some(), "a sample's diff is shown");
    assert_eq!(judged.cases[0].output.as_deref(), Some("4\n"), "and what the program printed");

    // Custom input: the output in full.
    let custom = engine.run(LOCAL_USER, id, 1, "python", CORRECT, RunInput::Custom("21\n".into())).await.unwrap();
    let custom = wait_done(&engine, LOCAL_USER, custom).await.custom.expect("custom result");
    assert_eq!((custom.verdict, custom.stdout.as_str()), (Verdict::AC, "42\n"));

    let good = engine.submit(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap();
    let good = wait_done(&engine, LOCAL_USER, good).await.judged.expect("result");
    assert_eq!((good.verdict, good.passed, good.total, good.score), (Verdict::AC, 3, 3, 1.0));

    let bad = engine.submit(LOCAL_USER, id, 1, "python", WRONG).await.unwrap();
    let bad_view = wait_done(&engine, LOCAL_USER, bad).await;
    let result = bad_view.judged.expect("result");
    assert_eq!((result.verdict, result.passed, result.total), (Verdict::WA, 1, 3));
    // Points: a = 1, b = 1, c = 2; only a passed.
    assert!((result.score - 0.25).abs() < 1e-9, "{}", result.score);
    for case in &result.cases {
        assert!(case.message.is_empty() && case.output.is_none() && case.diff.is_none(), "{case:?}");
    }
    // Hidden cases are numbers during the OA, not their descriptive names.
    let names: Vec<&str> = result.cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["hidden/1", "hidden/2", "hidden/3"]);

    let view = engine.attempt(LOCAL_USER, id).await.unwrap();
    let p = &view.problems[0];
    assert_eq!(p.counted.map(|s| s.job), Some(bad), "the last submission counts");
    assert_eq!(p.best.map(|s| s.score), Some(1.0));
    assert_eq!(p.submissions.len(), 4);
    assert_eq!(p.draft.as_ref().map(|d| d.code.as_str()), Some(WRONG));

    engine.finish(LOCAL_USER, id).await.unwrap();
    let report = engine.report(LOCAL_USER, id).await.unwrap();
    assert!((report.score - 0.25).abs() < 1e-9);
    let p = &report.problems[0];
    assert_eq!((p.submissions, p.runs, p.counted_job, p.auto_submitted), (2, 2, Some(bad), false));
    assert_eq!(p.final_code.as_deref(), Some(WRONG));
    // After the OA the failing hidden cases are revealed, with what the program printed.
    let revealed: Vec<(&str, &str, &str, Option<&str>)> = p
        .failing_cases
        .iter()
        .map(|c| (c.name.as_str(), c.input.as_str(), c.expected.as_str(), c.got.as_deref()))
        .collect();
    assert_eq!(revealed, [("hidden/b", "5\n", "10\n", Some("6\n")), ("hidden/c", "7\n", "14\n", Some("8\n"))]);
}

async fn never_submitted_drafts_are_judged_at_the_deadline(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine
        .start(
            LOCAL_USER,
            StartOptions { minutes: 5, ..options(&[], &[], Some(&["double-m1", "double-h", "double-e"])) },
        )
        .await
        .unwrap();
    // Problem 1: a submission, then a better draft that was never submitted.
    let job = engine.submit(LOCAL_USER, id, 1, "python", WRONG).await.unwrap();
    wait_done(&engine, LOCAL_USER, job).await;
    engine.save_draft(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap();
    // Problem 2: drafts only; the language used last is the one judged.
    engine.save_draft(LOCAL_USER, id, 2, "c", "int main(void) { return 1; }\n").await.unwrap();
    engine.save_draft(LOCAL_USER, id, 2, "python", CORRECT).await.unwrap();
    // Integrity events are bounded in size and number.
    let event = |detail: Option<String>| IntegrityEvent { kind: IntegrityKind::Paste, at_ms: T0, detail };
    let long = Some("x".repeat(MAX_INTEGRITY_DETAIL_BYTES + 1));
    assert!(matches!(engine.record_integrity(LOCAL_USER, id, event(long)).await, Err(Error::Invalid(_))));
    for _ in 0..MAX_INTEGRITY_EVENTS {
        engine.record_integrity(LOCAL_USER, id, event(Some("12 chars".into()))).await.unwrap();
    }
    assert!(matches!(
        engine.record_integrity(LOCAL_USER, id, event(None)).await,
        Err(Error::Invalid(m)) if m.contains("no more are recorded")
    ));
    // Problem 3: nothing.

    bench.clock.advance(5 * 60_000 - 1);
    assert_eq!(engine.expire_due().await.unwrap(), 0, "one millisecond before the deadline");
    bench.clock.advance(1);
    assert_eq!(engine.expire_due().await.unwrap(), 1);
    assert_eq!(engine.expire_due().await.unwrap(), 0, "expiry happens once");
    wait_all(&engine, LOCAL_USER, id).await;

    let report = engine.report(LOCAL_USER, id).await.unwrap();
    assert_eq!(report.end_reason.as_deref(), Some("deadline"));
    assert_eq!(report.ended_ms, Some(T0 + 5 * 60_000));
    let rows: Vec<(f64, bool, usize, Option<&str>)> = report
        .problems
        .iter()
        .map(|p| (p.score, p.auto_submitted, p.submissions, p.final_language.as_deref()))
        .collect();
    assert_eq!(rows, [(0.25, false, 1, Some("python")), (1.0, true, 1, Some("python")), (0.0, false, 0, None)]);
    assert!((report.score - 1.25).abs() < 1e-9);
    assert!(!report.pending);
}

async fn submit_after_the_deadline_is_refused_and_the_draft_kept(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id =
        engine.start(LOCAL_USER, StartOptions { minutes: 1, ..options(&[], &[], Some(&["double-m1"])) }).await.unwrap();
    bench.clock.advance(60_000);
    let late = "print(2 * int(input()))  # late\n";
    match engine.submit(LOCAL_USER, id, 1, "python", late).await {
        Err(Error::TimeUp) => {}
        other => panic!("expected TimeUp, got {other:?}"),
    }
    assert!(matches!(engine.run(LOCAL_USER, id, 1, "python", late, RunInput::Samples).await, Err(Error::TimeUp)));
    let view = engine.attempt(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.status, AttemptStatus::Explaining);
    assert_eq!(view.problems[0].draft.as_ref().map(|d| d.code.as_str()), Some(late), "nothing is lost");
    // The late draft was saved after expiry, so it was not judged.
    assert!(view.problems[0].submissions.is_empty());
    let report = engine.report(LOCAL_USER, id).await.unwrap();
    assert_eq!(report.problems[0].score, 0.0);
}

async fn attempts_that_expired_while_the_engine_was_down_are_finished_at_start_up(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine
        .start(LOCAL_USER, StartOptions { minutes: 10, ..options(&[], &[], Some(&["double-m1"])) })
        .await
        .unwrap();
    engine.save_draft(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap();
    drop(engine);

    bench.clock.advance(3 * 60 * 60_000);
    let engine = bench.engine().await;
    let (requeued, expired) = engine.startup().await.unwrap();
    assert_eq!((requeued, expired), (0, 1));
    wait_all(&engine, LOCAL_USER, id).await;
    let report = engine.report(LOCAL_USER, id).await.unwrap();
    assert_eq!(report.ended_ms, Some(T0 + 10 * 60_000), "it ended at its deadline, not at start-up");
    assert_eq!((report.problems[0].score, report.problems[0].auto_submitted), (1.0, true));
}

fn judgings_left_unfinished_by_a_crash_are_requeued(store: TestStore) {
    let bench = Bench::new(store);
    // The first engine's runtime stops mid-judging, as a killed process would.
    let first = tokio::runtime::Runtime::new().unwrap();
    let (id, job, other_job) = first.block_on(async {
        let engine = bench.engine().await;
        let id = engine.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
        let job = engine.submit(LOCAL_USER, id, 1, "python", SLOW).await.unwrap();
        let other = engine.start(LOCAL_USER, options(&[], &[], Some(&["double-m2"]))).await.unwrap();
        let other_job = engine.submit(LOCAL_USER, other, 1, "python", SLOW).await.unwrap();
        (id, job, other_job)
    });
    first.shutdown_background();

    let second = tokio::runtime::Runtime::new().unwrap();
    second.block_on(async {
        let engine = bench.engine().await;
        // One attempt's judgings (what `oaj oa` does), then everything else.
        assert_eq!(engine.resume_attempt(LOCAL_USER, id).await.unwrap(), 1);
        assert!(matches!(engine.resume_attempt(2, id).await, Err(Error::NotFound(_))));
        let (requeued, _) = engine.startup().await.unwrap();
        assert_eq!(requeued, 1, "the job already re-queued is not judged twice");
        wait_done(&engine, LOCAL_USER, other_job).await;
        let view = wait_done(&engine, LOCAL_USER, job).await;
        assert_eq!(view.judged.map(|r| r.verdict), Some(Verdict::AC));
        assert_eq!(engine.attempt(LOCAL_USER, id).await.unwrap().problems[0].counted.map(|s| s.score), Some(1.0));
    });
}

async fn explanations_integrity_and_the_report(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine.start(LOCAL_USER, options(&[], &[], Some(&["double-m1", "double-h"]))).await.unwrap();
    bench.clock.advance(1_000);
    engine
        .record_integrity(
            LOCAL_USER,
            id,
            IntegrityEvent { kind: IntegrityKind::Paste, at_ms: T0 + 1_000, detail: Some("120 chars".into()) },
        )
        .await
        .unwrap();
    bench.clock.advance(2 * 60_000);
    let job = engine.submit(LOCAL_USER, id, 2, "python", CORRECT).await.unwrap();
    wait_done(&engine, LOCAL_USER, job).await;
    assert!(matches!(engine.report(LOCAL_USER, id).await, Err(Error::Invalid(_))), "no report while coding");

    bench.clock.advance(60_000);
    engine.finish(LOCAL_USER, id).await.unwrap();
    engine.finish(LOCAL_USER, id).await.unwrap();
    let explanation = Explanation {
        approach: "multiply by two".into(),
        time_complexity: "O(1)".into(),
        space_complexity: "O(1)".into(),
    };
    engine.save_explanation(LOCAL_USER, id, 2, explanation.clone()).await.unwrap();
    assert_eq!(engine.attempt(LOCAL_USER, id).await.unwrap().status, AttemptStatus::Explaining);
    engine.save_explanation(LOCAL_USER, id, 1, Explanation::default()).await.unwrap();
    assert_eq!(engine.attempt(LOCAL_USER, id).await.unwrap().status, AttemptStatus::Finished);
    assert!(matches!(
        engine.save_explanation(LOCAL_USER, id, 3, Explanation::default()).await,
        Err(Error::Invalid(m)) if m.contains("no problem 3")
    ));

    let report = engine.report(LOCAL_USER, id).await.unwrap();
    assert_eq!(report.end_reason.as_deref(), Some("finished"));
    assert_eq!(report.max_score, 2);
    assert_eq!(report.score, 1.0);
    let p2 = &report.problems[1];
    assert_eq!(p2.explanation.as_ref(), Some(&explanation));
    assert_eq!(p2.time_used_ms, Some(2 * 60_000 + 1_000));
    assert!(p2.failing_cases.is_empty());
    assert_eq!(report.problems[0].final_code, None);
    assert_eq!(report.integrity.len(), 1);
    let kinds: Vec<&str> = report.timeline.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, ["start", "integrity", "submit", "end"]);
    assert!(report.timeline[1].text.contains("120 chars"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["problems"][1]["explanation"]["time_complexity"], "O(1)");

    let history = engine.history(LOCAL_USER).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].score, 1.0);
    let stats = engine.stats(LOCAL_USER).await.unwrap();
    assert_eq!(
        stats,
        Stats {
            attempts: 1,
            practice_attempts: 0,
            average_score: Some(0.5),
            problems_attempted: 1,
            problems_solved: 1
        }
    );
}

async fn another_users_attempt_is_not_found_and_bad_input_is_invalid(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let job = engine.submit(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap();
    let other: UserId = 2;
    assert!(matches!(engine.attempt(other, id).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.attempt(LOCAL_USER, id + 100).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.job(other, job).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.submit(other, id, 1, "python", CORRECT).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.save_draft(other, id, 1, "python", CORRECT).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.finish(other, id).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.report(other, id).await, Err(Error::NotFound(_))));
    assert!(matches!(
        engine.record_integrity(other, id, IntegrityEvent { kind: IntegrityKind::Blur, at_ms: T0, detail: None }).await,
        Err(Error::NotFound(_))
    ));

    let big = "#".repeat(MAX_SOURCE_BYTES + 1);
    let bad: Vec<(Result<JobId>, &str)> = vec![
        (engine.submit(LOCAL_USER, id, 1, "cobol", CORRECT).await, "unknown language `cobol`"),
        (engine.submit(LOCAL_USER, id, 2, "python", CORRECT).await, "there is no problem 2"),
        (engine.submit(LOCAL_USER, id, 0, "python", CORRECT).await, "there is no problem 0"),
        (engine.submit(LOCAL_USER, id, 1, "python", &big).await, "the limit is 64 KiB"),
        (engine.submit(LOCAL_USER, id, 1, "python", "  \n").await, "the code is empty"),
        (
            engine
                .run(LOCAL_USER, id, 1, "python", CORRECT, RunInput::Custom("1".repeat(MAX_CUSTOM_INPUT_BYTES + 1)))
                .await,
            "custom input",
        ),
    ];
    for (result, needle) in bad {
        match result {
            Err(Error::Invalid(message)) => assert!(message.contains(needle), "{needle}: {message}"),
            other => panic!("{needle}: expected Invalid, got {other:?}"),
        }
    }
    wait_done(&engine, LOCAL_USER, job).await;
}

async fn a_full_queue_is_refused_and_progress_is_streamed(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine_with(EngineConfig { judge_slots: 1, queue_capacity: 0, background: false }).await;
    let id = engine.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let job = engine.run(LOCAL_USER, id, 1, "python", SLOW, RunInput::Custom("2\n".into())).await.unwrap();
    let mut rx = engine.subscribe(job).expect("a running job can be watched");
    match engine.submit(LOCAL_USER, id, 1, "python", CORRECT).await {
        Err(Error::QueueFull { retry_after_s, .. }) => assert!(retry_after_s >= 1),
        other => panic!("expected QueueFull, got {other:?}"),
    }
    // The refused submission still saved the draft.
    assert_eq!(
        engine.attempt(LOCAL_USER, id).await.unwrap().problems[0].draft.clone().map(|d| d.code),
        Some(CORRECT.into())
    );
    let mut seen = vec![rx.borrow().status];
    while rx.changed().await.is_ok() {
        seen.push(rx.borrow().status);
    }
    assert_eq!(seen.last(), Some(&JobStatus::Done), "{seen:?}");
    assert_eq!(rx.borrow().custom.as_ref().map(|c| c.stdout.as_str()), Some("4\n"));
    assert!(engine.subscribe(job).is_none(), "a finished job is read with job()");
    // With the slot free again, a submission is taken.
    let job = engine.submit(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap();
    wait_done(&engine, LOCAL_USER, job).await;
}

async fn practice_has_no_timer(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    let id = engine.practice(LOCAL_USER, "double-h").await.unwrap();
    assert!(matches!(engine.practice(LOCAL_USER, "nope").await, Err(Error::NotFound(_))));
    bench.clock.advance(24 * 60 * 60_000);
    assert_eq!(engine.expire_due().await.unwrap(), 0);
    let job = engine.submit(LOCAL_USER, id, 1, "python", WRONG).await.unwrap();
    let view = wait_done(&engine, LOCAL_USER, job).await;
    // Practice shows the judge's messages of hidden cases right away.
    let result = view.judged.unwrap();
    assert!(result.cases.iter().any(|c| c.verdict == Verdict::WA && !c.message.is_empty()), "{result:?}");
    let view = engine.attempt(LOCAL_USER, id).await.unwrap();
    assert_eq!((view.mode, view.deadline_ms, view.status), (Mode::Practice, None, AttemptStatus::Coding));
    engine.finish(LOCAL_USER, id).await.unwrap();
    let stats = engine.stats(LOCAL_USER).await.unwrap();
    assert_eq!(
        (stats.attempts, stats.practice_attempts, stats.problems_attempted, stats.problems_solved),
        (0, 1, 1, 0)
    );
}

async fn starter_code_and_languages(store: TestStore) {
    let bench = Bench::new(store);
    let engine = bench.engine().await;
    assert!(engine.starter("double-m1", "python").unwrap().contains("sys.stdin"));
    assert!(engine.starter("double-m1", "cpp").unwrap().contains("int main"));
    assert!(matches!(engine.starter("double-m1", "cobol"), Err(Error::Invalid(_))));
    assert!(matches!(engine.starter("nope", "python"), Err(Error::NotFound(_))));
    let for_problem = engine.problem_languages("double-m1").unwrap();
    assert!(for_problem.iter().any(|l| l.id == "c"), "a stdio problem takes every language");
    assert!(engine.wait_idle(Duration::from_millis(10)).await, "nothing is judging");
    let languages = engine.languages();
    assert!(languages.iter().any(|l| l.id == "python" && l.available));
}

#[tokio::test]
async fn an_in_memory_store_works() {
    let bench = Bench::new(TestStore::sqlite());
    let store = Store::open_in_memory().await.unwrap();
    let catalog = Arc::new(Catalog::load(&bench.bank).unwrap());
    let engine = Engine::new(store, catalog, bench.judge(), bench.clock.clone(), Bench::config());
    let id = engine.start(LOCAL_USER, StartOptions::default()).await.unwrap();
    engine.save_draft(LOCAL_USER, id, 2, "python", CORRECT).await.unwrap();
    // Integrity events are bounded in size and number.
    let event = |detail: Option<String>| IntegrityEvent { kind: IntegrityKind::Paste, at_ms: T0, detail };
    let long = Some("x".repeat(MAX_INTEGRITY_DETAIL_BYTES + 1));
    assert!(matches!(engine.record_integrity(LOCAL_USER, id, event(long)).await, Err(Error::Invalid(_))));
    for _ in 0..MAX_INTEGRITY_EVENTS {
        engine.record_integrity(LOCAL_USER, id, event(Some("12 chars".into()))).await.unwrap();
    }
    assert!(matches!(
        engine.record_integrity(LOCAL_USER, id, event(None)).await,
        Err(Error::Invalid(m)) if m.contains("no more are recorded")
    ));
    assert_eq!(
        engine.attempt(LOCAL_USER, id).await.unwrap().problems[1].draft.as_ref().map(|d| d.language.as_str()),
        Some("python")
    );
}

/// A function problem's hidden cases run in one process (batch mode for
/// Python); the output of a failing one is still kept for the report.
async fn a_function_problems_failing_output_reaches_the_report(store: TestStore) {
    let bench = Bench::with_bank(store, &[]);
    let dir = bench.bank.join("twice-fn");
    let files: &[(&str, &str)] = &[
        (
            "problem.toml",
            "title = \"Twice\"\ndifficulty = \"medium\"\nkind = \"function\"\ntime_limit_ms = 2000\nmemory_limit_mb = 256\n\
             checker = \"exact\"\n\n[signature]\nfunction = \"twice\"\nparams = [{ name = \"n\", type = \"int\" }]\nreturns = \"int\"\n",
        ),
        ("statement.md", "Return twice n.\n"),
        ("tests/sample/1.in", "3\n"),
        ("tests/sample/1.ans", "6\n"),
        ("tests/hidden/a.in", "1\n"),
        ("tests/hidden/a.ans", "2\n"),
        ("tests/hidden/b.in", "5\n"),
        ("tests/hidden/b.ans", "10\n"),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let engine = bench.engine().await;
    let id = engine.start(LOCAL_USER, options(&[], &[], Some(&["twice-fn"]))).await.unwrap();
    assert!(engine.starter("twice-fn", "python").unwrap().contains("def twice"));
    assert!(
        matches!(engine.save_draft(LOCAL_USER, id, 1, "c", "int x;").await, Err(Error::Invalid(_))),
        "no C harness"
    );
    let wrong = "class Solution:\n    def twice(self, n: int) -> int:\n        return n + 1\n";
    // Custom input the harness cannot read is the user's mistake, refused
    // when the run is asked for (no job, no judge error): the message says
    // what the input must look like. The draft is saved all the same.
    for (input, detail) in
        [("[1,2", "line 1: parameter `n` (int): not valid JSON"), ("1\n2\n", "found 2"), ("\"x\"", "expected int")]
    {
        match engine.run(LOCAL_USER, id, 1, "python", wrong, RunInput::Custom(input.into())).await {
            Err(Error::Invalid(message)) => {
                assert!(message.contains("your input does not fit the function's parameters (n: int)"), "{message}");
                assert!(message.contains(detail), "{input:?}: {message}");
            }
            other => panic!("{input:?}: expected the input refused, got {other:?}"),
        }
    }
    // Input that fits runs.
    let job = engine.run(LOCAL_USER, id, 1, "python", wrong, RunInput::Custom("4\n".into())).await.unwrap();
    let run = wait_done(&engine, LOCAL_USER, job).await.custom.unwrap();
    assert_eq!(run.verdict.as_str(), "AC", "{run:?}");
    let job = engine.submit(LOCAL_USER, id, 1, "python", wrong).await.unwrap();
    let result = wait_done(&engine, LOCAL_USER, job).await.judged.unwrap();
    assert_eq!((result.passed, result.total), (1, 2));
    engine.finish(LOCAL_USER, id).await.unwrap();
    let report = engine.report(LOCAL_USER, id).await.unwrap();
    let failing: Vec<(&str, &str, Option<&str>)> = report.problems[0]
        .failing_cases
        .iter()
        .map(|c| (c.input.as_str(), c.expected.as_str(), c.got.as_deref()))
        .collect();
    assert_eq!(failing, [("5\n", "10\n", Some("6\n"))]);
}

/// Waits until `engine` has claimed `job` and is judging it.
async fn wait_judging(engine: &Engine, job: JobId) {
    for _ in 0..600 {
        let status = engine.subscribe(job).map(|rx| rx.borrow().status);
        if matches!(status, Some(JobStatus::Compiling | JobStatus::Running { .. })) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("job {job} did not start judging within 12 s");
}

async fn wait_discarded(engine: &Engine, n: usize) {
    for _ in 0..600 {
        if engine.discarded_results() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{} results discarded after 30 s, expected {n}", engine.discarded_results());
}

/// A process that stops renewing its lease (it died, or stalled past the
/// lease) loses the job: another takes it over once the lease expired, and
/// the late result of the first is discarded. One result is stored.
async fn an_expired_lease_is_taken_over_and_the_late_result_discarded(store: TestStore) {
    let bench = Bench::new(store);
    let first = bench.engine().await;
    let second = bench.engine().await;
    assert_ne!(first.lease_owner(), second.lease_owner());
    let id = first.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let job = first.submit(LOCAL_USER, id, 1, "python", SLOW).await.unwrap();
    wait_judging(&first, job).await;
    assert_eq!(second.requeue_expired().await.unwrap(), 0, "a live lease is not taken over");
    assert_eq!(second.judge_next().await.unwrap(), None, "nor claimed from the queue");

    bench.clock.advance(DEFAULT_LEASE.as_millis() as i64 + 1);
    assert_eq!(second.requeue_expired().await.unwrap(), 1);
    // The first judging ends first (it started earlier) and finds its lease gone.
    wait_discarded(&first, 1).await;
    assert!(second.wait_idle(Duration::from_secs(30)).await);
    assert!(first.wait_idle(Duration::from_secs(30)).await);
    assert_eq!((first.discarded_results(), second.discarded_results()), (1, 0));
    let view = second.job(LOCAL_USER, job).await.unwrap();
    assert_eq!((view.status, view.judged.map(|r| r.verdict)), (JobStatus::Done, Some(Verdict::AC)));
    assert_eq!(second.requeue_expired().await.unwrap(), 0, "a done job stays done");
    let submissions = first.attempt(LOCAL_USER, id).await.unwrap().problems[0].submissions.len();
    assert_eq!(submissions, 1);
}

/// While a judging runs, its lease is renewed: the clock passing the first
/// lease does not let another process take the job.
async fn a_lease_is_renewed_while_judging(store: TestStore) {
    const SLEEPY: &str = "import time\ntime.sleep(6)\nprint(2 * int(input()))\n";
    let bench = Bench::new(store);
    let first = bench.engine().await;
    first.set_lease(Duration::from_millis(1500));
    let second = bench.engine().await;
    let id = first.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let job = first.submit(LOCAL_USER, id, 1, "python", SLEEPY).await.unwrap();
    wait_judging(&first, job).await;
    // 3 s of clock, twice the lease, with a renewal (every 0.5 s) in each step.
    for _ in 0..3 {
        bench.clock.advance(1000);
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(second.requeue_expired().await.unwrap(), 0, "the renewed lease is live");
    }
    let view = wait_done(&first, LOCAL_USER, job).await;
    assert_eq!(view.judged.map(|r| r.verdict), Some(Verdict::AC));
    assert_eq!(first.discarded_results(), 0);
}

/// The queue: a second process claims the jobs waiting for a slot in the
/// first, each exactly once, even when it claims concurrently; the first
/// then skips them.
async fn judge_next_takes_each_queued_job_once(store: TestStore) {
    let bench = Bench::new(store);
    let first = bench.engine_with(EngineConfig { judge_slots: 1, queue_capacity: 8, background: false }).await;
    let second = bench.engine().await;
    let id = first.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let busy = first.submit(LOCAL_USER, id, 1, "python", SLOW).await.unwrap();
    wait_judging(&first, busy).await;
    let mut waiting = Vec::new();
    for _ in 0..3 {
        waiting.push(first.submit(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap());
    }
    let claims = tokio::join!(second.judge_next(), second.judge_next(), second.judge_next(), second.judge_next());
    let mut claimed: Vec<JobId> =
        [claims.0, claims.1, claims.2, claims.3].into_iter().filter_map(|c| c.unwrap()).collect();
    claimed.sort();
    assert_eq!(claimed, waiting, "each waiting job once, never the one judging under a live lease");
    assert!(first.wait_idle(Duration::from_secs(30)).await);
    assert!(second.wait_idle(Duration::from_secs(30)).await);
    assert_eq!((first.discarded_results(), second.discarded_results()), (0, 0));
    for job in waiting.iter().chain([&busy]) {
        let view = first.job(LOCAL_USER, *job).await.unwrap();
        assert_eq!((view.status, view.judged.map(|r| r.verdict)), (JobStatus::Done, Some(Verdict::AC)), "job {job}");
    }
    assert_eq!(second.judge_next().await.unwrap(), None, "the queue is empty");
}

/// A server engine publishes its problems (a second time: nothing new); a
/// worker engine with no problems fetches the one a job needs by hash,
/// judges it, and keeps it in its cache for later jobs, within the cache's
/// bounds: with room for one problem, the next problem evicts the first,
/// which is fetched again when a job needs it.
async fn a_worker_without_the_problem_judges_it_from_the_store(store: TestStore) {
    let bench = Bench::new(store);
    let server = bench.engine_with(EngineConfig { judge_slots: 0, queue_capacity: 8, background: false }).await;
    let published = server.publish_problems().await.unwrap();
    assert_eq!((published.added, published.present, published.skipped), (BANK.len(), 0, 0));
    let again = server.publish_problems().await.unwrap();
    assert_eq!((again.added, again.present), (0, BANK.len()), "a restart publishes nothing new");

    let empty = tempfile::tempdir().unwrap();
    let worker = Engine::new(
        bench.store.open().await,
        Arc::new(Catalog::from_problems(empty.path(), Vec::new())),
        bench.judge(),
        bench.clock.clone(),
        EngineConfig { judge_slots: 1, queue_capacity: 8, background: false },
    );
    let fetched = empty.path().join("fetched");
    worker.fetch_problems_into(&fetched, ProblemCacheLimits { max_bytes: u64::MAX, max_entries: 1 }).unwrap();
    let id = server.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let mut jobs = Vec::new();
    for code in [CORRECT, WRONG] {
        let job = server.submit(LOCAL_USER, id, 1, "python", code).await.unwrap();
        assert_eq!(worker.judge_next().await.unwrap(), Some(job));
        jobs.push(job);
    }
    assert!(worker.wait_idle(Duration::from_secs(60)).await);
    let verdicts: Vec<Option<Verdict>> = {
        let mut out = Vec::new();
        for job in &jobs {
            let view = wait_done(&server, LOCAL_USER, *job).await;
            assert_eq!(view.error, None, "job {job}");
            out.push(view.judged.map(|r| r.verdict));
        }
        out
    };
    assert_eq!(verdicts, [Some(Verdict::AC), Some(Verdict::WA)]);
    let cached =
        || -> Vec<std::path::PathBuf> { std::fs::read_dir(&fetched).unwrap().flatten().map(|e| e.path()).collect() };
    let first = cached();
    assert_eq!(first.len(), 1, "one problem fetched once: {first:?}");
    assert!(first[0].join("double-m1/tests/hidden/c.ans").is_file());

    // (problem, the verdict of CORRECT): m2 evicts m1, and m1 comes back.
    for slug in ["double-m2", "double-m1"] {
        let id = server.start(LOCAL_USER, options(&[], &[], Some(&[slug]))).await.unwrap();
        let job = server.submit(LOCAL_USER, id, 1, "python", CORRECT).await.unwrap();
        assert_eq!(worker.judge_next().await.unwrap(), Some(job));
        assert!(worker.wait_idle(Duration::from_secs(60)).await);
        let view = wait_done(&server, LOCAL_USER, job).await;
        assert_eq!((view.error, view.judged.map(|r| r.verdict)), (None, Some(Verdict::AC)), "{slug}");
        let now = cached();
        assert_eq!(now.len(), 1, "the cache holds one problem: {now:?}");
        assert!(now[0].join(slug).join("tests/hidden/c.ans").is_file(), "{slug}: {now:?}");
    }
}

/// A worker writes its judging's progress into the store (under its lease
/// only), and a server that judges nothing itself shows it on the job's
/// live view before the result: "case k of n", with the verdict so far.
async fn a_workers_progress_is_written_under_its_lease_and_followed(store: TestStore) {
    // Hidden a passes, b and c fail; 1.5 s each, two at a time.
    const SLOW_WRONG: &str = "import time\ntime.sleep(1.5)\nprint(int(input()) + 1)\n";
    let bench = Bench::new(store);
    let server = bench.engine_with(EngineConfig { judge_slots: 0, queue_capacity: 8, background: false }).await;
    let worker = bench.engine_with(EngineConfig { judge_slots: 1, queue_capacity: 0, background: false }).await;
    worker.set_publish_progress(true);
    // What `oaj serve --judge-parallel 0` does with notifications (Postgres).
    if let Some(mut listener) = server.store().listen_job_events().await.unwrap() {
        let server = server.clone();
        tokio::spawn(async move {
            while let Ok(notice) = listener.recv().await {
                if let Some(notice) = notice {
                    server.job_changed_elsewhere(notice);
                }
            }
        });
    }
    let id = server.start(LOCAL_USER, options(&[], &[], Some(&["double-m1"]))).await.unwrap();
    let job = server.submit(LOCAL_USER, id, 1, "python", SLOW_WRONG).await.unwrap();
    let mut live = server.subscribe(job).expect("the server follows the job");
    let followed = tokio::spawn(async move {
        let mut seen = vec![live.borrow().status];
        while live.changed().await.is_ok() {
            seen.push(live.borrow().status);
        }
        seen
    });
    let store = server.store().clone();
    assert_eq!(store.job_progress(job).await.unwrap().map(|p| (p.done, p.status)), Some((false, None)));
    assert_eq!(worker.judge_next().await.unwrap(), Some(job));

    // Read the store as the judging goes on.
    let mut stored = Vec::new();
    let mut checked_lease = false;
    for _ in 0..600 {
        let progress = store.job_progress(job).await.unwrap().expect("the job exists");
        if progress.done {
            break;
        }
        if let Some(status) = progress.status.filter(|s| stored.last() != Some(s)) {
            stored.push(status);
        }
        if let (Some(JobStatus::Running { done, total, .. }), false) = (progress.status, checked_lease) {
            if done > 0 && done < total {
                checked_lease = true;
                let fake = JobStatus::Running { done: 0, total, verdict: None };
                let lease = DEFAULT_LEASE.as_millis() as i64;
                assert!(!store.write_job_progress(job, "another-judge", T0, fake).await.unwrap(), "not its lease");
                assert!(
                    !store.write_job_progress(job, worker.lease_owner(), T0 + lease + 1, fake).await.unwrap(),
                    "past the lease"
                );
                assert!(store
                    .write_job_progress(job, worker.lease_owner(), T0, progress.status.unwrap())
                    .await
                    .unwrap());
                assert!(store.write_job_progress(job, worker.lease_owner(), T0, JobStatus::Done).await.is_err());
            }
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    assert!(checked_lease, "no progress between the first and the last case was stored: {stored:?}");
    assert!(
        stored.contains(&JobStatus::Running { done: 2, total: 3, verdict: Some(Verdict::WA) }),
        "two of three cases done, one failed: {stored:?}"
    );
    let done_counts: Vec<usize> = stored
        .iter()
        .filter_map(|s| if let JobStatus::Running { done, .. } = s { Some(*done) } else { None })
        .collect();
    assert!(done_counts.windows(2).all(|w| w[0] <= w[1]), "progress never goes back: {stored:?}");

    assert!(worker.wait_idle(Duration::from_secs(30)).await);
    let fake = JobStatus::Running { done: 0, total: 3, verdict: None };
    assert!(!store.write_job_progress(job, worker.lease_owner(), T0, fake).await.unwrap(), "the job is done");
    let seen = tokio::time::timeout(Duration::from_secs(10), followed).await.expect("the follower ends").unwrap();
    assert_eq!(seen.first(), Some(&JobStatus::Queued), "{seen:?}");
    assert_eq!(seen.last(), Some(&JobStatus::Done), "{seen:?}");
    assert!(
        seen.iter().any(|s| matches!(s, JobStatus::Compiling | JobStatus::Running { .. })),
        "the server showed the worker's progress before the result: {seen:?}"
    );
    if bench.store.is_postgres() {
        // Woken by NOTIFY oaj_progress rather than the 2 s poll.
        assert!(
            seen.iter().any(|s| matches!(s, JobStatus::Running { done, total: 3, .. } if (1..3).contains(done))),
            "{seen:?}"
        );
    }
    let view = server.job(LOCAL_USER, job).await.unwrap();
    assert_eq!(view.judged.map(|r| r.verdict), Some(Verdict::WA));
}

/// Web handlers need `Send` futures; this fails to compile otherwise.
#[allow(dead_code, unused_must_use, clippy::let_underscore_future)]
fn every_engine_future_is_send(engine: Engine) {
    fn send<T: Send>(_: T) {}
    send(engine.start(LOCAL_USER, StartOptions::default()));
    send(engine.practice(LOCAL_USER, "x"));
    send(engine.attempt(LOCAL_USER, 1));
    send(engine.save_draft(LOCAL_USER, 1, 1, "python", ""));
    send(engine.run(LOCAL_USER, 1, 1, "python", "", RunInput::Samples));
    send(engine.submit(LOCAL_USER, 1, 1, "python", ""));
    send(engine.job(LOCAL_USER, 1));
    send(engine.finish(LOCAL_USER, 1));
    send(engine.save_explanation(LOCAL_USER, 1, 1, Explanation::default()));
    send(engine.record_integrity(LOCAL_USER, 1, IntegrityEvent { kind: IntegrityKind::Blur, at_ms: 0, detail: None }));
    send(engine.report(LOCAL_USER, 1));
    send(engine.history(LOCAL_USER));
    send(engine.stats(LOCAL_USER));
    send(engine.expire_due());
    send(engine.startup());
    send(engine.wait_idle(Duration::from_secs(1)));
    send(engine.requeue_expired());
    send(engine.judge_next());
    send(engine.clone());
}
