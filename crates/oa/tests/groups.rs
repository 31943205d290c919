#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Group OAs, leaderboards and the admin lists, with a fake clock, several
//! members and cheap Python programs.

use std::sync::Arc;
use std::time::Duration;

use oaj_oa::*;
use oaj_spec::Difficulty;

#[macro_use]
mod support;
use support::TestStore;

on_both_backends!(async:
    the_window_decides_who_may_start_and_clips_the_deadline,
    scheduling_is_for_admins_and_checks_its_input,
    drawn_group_oas_give_each_member_their_own_problems_of_the_same_difficulties,
    group_attempts_auto_submit_at_expiry_and_hide_cases_until_revealed,
    the_overall_board_and_the_admin_lists
);

const T0: i64 = 1_700_000_000_000;
const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const CORRECT: &str = "print(2 * int(input()))\n";
/// Passes hidden/a only (1 point of 4).
const WRONG: &str = "print(int(input()) + 1)\n";

/// (slug, difficulty, topics)
const BANK: &[(&str, &str, &[&str])] = &[
    ("double-m1", "medium", &["math"]),
    ("double-m2", "medium", &["math"]),
    ("double-h", "hard", &["graphs"]),
    ("double-e", "easy", &["graphs"]),
];

struct Bench {
    _dir: tempfile::TempDir,
    _store: TestStore,
    engine: Engine,
    clock: Arc<FakeClock>,
    admin: Account,
}

impl Bench {
    async fn new(store: TestStore) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let bank = dir.path().join("bank");
        for (slug, difficulty, topics) in BANK {
            support::write_double(&bank, slug, difficulty, topics);
        }
        let test_store = store;
        let store = test_store.open().await;
        let catalog = Arc::new(Catalog::load(&bank).unwrap());
        let clock = Arc::new(FakeClock::new(T0));
        let engine = Engine::new(
            store,
            catalog,
            support::judge(&dir.path().join("cache")),
            clock.clone(),
            EngineConfig { judge_slots: 2, queue_capacity: 16, background: false },
        );
        let admin = Account::local();
        Bench { _dir: dir, _store: test_store, engine, clock, admin }
    }

    async fn member(&self, name: &str) -> Account {
        let id = self.engine.store().create_user(name, Role::Member, None, self.clock.now_ms()).await.unwrap();
        Account { id, name: name.to_string(), role: Role::Member }
    }

    fn at(&self, ms: i64) {
        self.clock.set(ms);
    }
}

fn fixed(slugs: &[&str], opens_ms: i64, closes_ms: i64, minutes: u32) -> NewGroupOa {
    NewGroupOa {
        title: "Week 1".into(),
        problems: GroupProblems::Fixed { slugs: slugs.iter().map(|s| s.to_string()).collect() },
        opens_ms,
        closes_ms,
        minutes,
    }
}

async fn wait_judged(engine: &Engine, user: UserId, attempt: AttemptId) {
    for _ in 0..600 {
        let view = engine.attempt(user, attempt).await.unwrap();
        if view.problems.iter().all(|p| p.submissions.iter().all(|s| s.done)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the judgings of attempt {attempt} did not finish within 30 s");
}

async fn the_window_decides_who_may_start_and_clips_the_deadline(store: TestStore) {
    let bench = Bench::new(store).await;
    let engine = &bench.engine;
    // Window [T0 + 1 h, T0 + 3 h), 90 minutes each.
    let (opens, closes) = (T0 + HOUR, T0 + 3 * HOUR);
    let group =
        engine.schedule_group_oa(&bench.admin, fixed(&["double-m1", "double-h"], opens, closes, 90)).await.unwrap();

    // (name, when, Ok(deadline) or Err(words of the conflict))
    let cases: &[(&str, i64, Result<i64, &str>)] = &[
        ("early", T0, Err("opens in 1 h 0 min")),
        ("one-ms-early", opens - 1, Err("opens in 1 s")),
        ("at-open", opens, Ok(opens + 90 * MIN)),
        ("in-window", opens + 30 * MIN, Ok(opens + 120 * MIN)),
        // 90 minutes would end after the close: the close is the deadline.
        ("late", closes - 30 * MIN, Ok(closes)),
        ("last-ms", closes - 1, Ok(closes)),
        ("at-close", closes, Err("closed 0 s ago")),
        ("after", closes + 2 * HOUR, Err("closed 2 h 0 min ago")),
    ];
    for (name, when, expected) in cases {
        let member = bench.member(name).await;
        bench.at(*when);
        let started = engine.start_group_oa(member.id, group).await;
        match (expected, started) {
            (Ok(deadline), Ok(attempt)) => {
                let view = engine.attempt(member.id, attempt).await.unwrap();
                assert_eq!(
                    (view.mode, view.started_ms, view.deadline_ms),
                    (Mode::Timed, *when, Some(*deadline)),
                    "{name}"
                );
                let slugs: Vec<&str> = view.problems.iter().map(|p| p.slug.as_str()).collect();
                assert_eq!(slugs, ["double-m1", "double-h"], "{name}");
                // A second start is refused, naming the first attempt.
                match engine.start_group_oa(member.id, group).await {
                    Err(Error::Conflict(m)) => assert!(m.contains(&format!("attempt {attempt}")), "{name}: {m}"),
                    other => panic!("{name}: a second start must be a conflict, got {other:?}"),
                }
                // The deadline is fixed at start: a later read does not move it.
                bench.clock.advance(1);
                assert_eq!(engine.attempt(member.id, attempt).await.unwrap().deadline_ms, Some(*deadline), "{name}");
                let listed = engine.group_oa(&member, group).await.unwrap();
                assert_eq!(listed.mine.map(|m| m.attempt_id), Some(attempt), "{name}");
            }
            (Err(words), Err(Error::Conflict(message))) => {
                assert!(message.contains(words), "{name}: {message:?} lacks {words:?}");
                assert!(engine.group_oa(&member, group).await.unwrap().mine.is_none(), "{name}");
            }
            (expected, got) => panic!("{name}: expected {expected:?}, got {got:?}"),
        }
    }
    assert!(matches!(engine.start_group_oa(LOCAL_USER, group + 1).await, Err(Error::NotFound(_))));

    // The list says where each window is, and members do not see a fixed OA's problems.
    let member = bench.member("viewer").await;
    for (when, state) in [(T0, WindowState::Upcoming), (opens, WindowState::Live), (closes, WindowState::Closed)] {
        bench.at(when);
        let listed = engine.group_oas(&member).await.unwrap();
        assert_eq!((listed.len(), listed[0].state), (1, state));
        assert_eq!((listed[0].problems.as_ref(), listed[0].problem_count, listed[0].started), (None, 2, 4));
        let admin_view = engine.group_oas(&bench.admin).await.unwrap();
        assert!(matches!(&admin_view[0].problems, Some(GroupProblems::Fixed { slugs }) if slugs.len() == 2));
    }
}

async fn scheduling_is_for_admins_and_checks_its_input(store: TestStore) {
    let bench = Bench::new(store).await;
    let engine = &bench.engine;
    let member = bench.member("ada").await;
    let good = fixed(&["double-m1"], T0, T0 + HOUR, 30);
    match engine.schedule_group_oa(&member, good.clone()).await {
        Err(Error::Forbidden(m)) => assert!(m.contains("only an admin"), "{m}"),
        other => panic!("a member must not schedule, got {other:?}"),
    }
    let drawn = |difficulties: &[Difficulty], topics: &[&str]| NewGroupOa {
        problems: GroupProblems::Drawn {
            difficulties: difficulties.to_vec(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
        },
        ..good.clone()
    };
    let bad: Vec<(NewGroupOa, &str)> = vec![
        (NewGroupOa { title: "  ".into(), ..good.clone() }, "title of 1 to 120"),
        (NewGroupOa { title: "x".repeat(121), ..good.clone() }, "title of 1 to 120"),
        (NewGroupOa { minutes: 0, ..good.clone() }, "1 to 180 minutes"),
        (NewGroupOa { minutes: 181, ..good.clone() }, "1 to 180 minutes"),
        (NewGroupOa { closes_ms: T0, ..good.clone() }, "close after it opens"),
        (NewGroupOa { opens_ms: T0 - 2 * HOUR, closes_ms: T0, ..good.clone() }, "closes in the past"),
        (fixed(&["nope"], T0, T0 + HOUR, 30), "no problem `nope`"),
        (fixed(&["double-m1", "double-m1"], T0, T0 + HOUR, 30), "given twice"),
        (fixed(&[], T0, T0 + HOUR, 30), "1 to 4 problems"),
        (drawn(&[Difficulty::Medium, Difficulty::Hard, Difficulty::Easy], &["graphs"]), "this OA needs 3"),
        (drawn(&[], &[]), "1 to 4 problems"),
    ];
    for (new, words) in bad {
        match engine.schedule_group_oa(&bench.admin, new.clone()).await {
            Err(Error::Invalid(m)) => assert!(m.contains(words), "{new:?}: {m}"),
            other => panic!("{new:?}: expected Invalid with {words:?}, got {other:?}"),
        }
    }
    assert!(engine.group_oas(&bench.admin).await.unwrap().is_empty(), "nothing refused was stored");
    // Topics are cleaned up (case, blanks, repeats) before they are stored.
    let id =
        engine.schedule_group_oa(&bench.admin, drawn(&[Difficulty::Hard], &[" Graphs", "graphs", ""])).await.unwrap();
    let stored = engine.group_oa(&bench.admin, id).await.unwrap();
    assert_eq!(
        stored.problems,
        Some(GroupProblems::Drawn { difficulties: vec![Difficulty::Hard], topics: vec!["graphs".into()] })
    );
}

async fn drawn_group_oas_give_each_member_their_own_problems_of_the_same_difficulties(store: TestStore) {
    let bench = Bench::new(store).await;
    let engine = &bench.engine;
    let new = NewGroupOa {
        problems: GroupProblems::Drawn { difficulties: vec![Difficulty::Medium, Difficulty::Hard], topics: vec![] },
        ..fixed(&[], T0, T0 + 2 * HOUR, 60)
    };
    let group = engine.schedule_group_oa(&bench.admin, new).await.unwrap();
    // Each member has practised a different medium problem, so the draw
    // (least seen first) gives each the other one.
    let (ada, bob) = (bench.member("ada").await, bench.member("bob").await);
    engine.practice(ada.id, "double-m1").await.unwrap();
    engine.practice(bob.id, "double-m2").await.unwrap();
    let mut drawn = Vec::new();
    for member in [&ada, &bob] {
        let attempt = engine.start_group_oa(member.id, group).await.unwrap();
        let view = engine.attempt(member.id, attempt).await.unwrap();
        let problems: Vec<(String, Difficulty)> =
            view.problems.iter().map(|p| (p.slug.clone(), p.difficulty)).collect();
        drawn.push(problems);
    }
    assert_eq!(drawn[0], [("double-m2".to_string(), Difficulty::Medium), ("double-h".to_string(), Difficulty::Hard)]);
    assert_eq!(drawn[1], [("double-m1".to_string(), Difficulty::Medium), ("double-h".to_string(), Difficulty::Hard)]);
}

async fn group_attempts_auto_submit_at_expiry_and_hide_cases_until_revealed(store: TestStore) {
    let bench = Bench::new(store).await;
    let engine = &bench.engine;
    let (opens, closes) = (T0, T0 + HOUR);
    let group = engine.schedule_group_oa(&bench.admin, fixed(&["double-m1"], opens, closes, 45)).await.unwrap();
    let (ada, bob, cy) = (bench.member("ada").await, bench.member("bob").await, bench.member("cy").await);

    // Ada submits a wrong answer and finishes early; Bob only leaves a
    // correct draft; Cy starts late and his deadline is the close.
    let a = engine.start_group_oa(ada.id, group).await.unwrap();
    engine.submit(ada.id, a, 1, "python", WRONG).await.unwrap();
    wait_judged(engine, ada.id, a).await;
    bench.at(T0 + 10 * MIN);
    engine.finish(ada.id, a).await.unwrap();
    let b = engine.start_group_oa(bob.id, group).await.unwrap();
    engine.save_draft(bob.id, b, 1, "python", CORRECT).await.unwrap();
    bench.at(T0 + 40 * MIN);
    let c = engine.start_group_oa(cy.id, group).await.unwrap();
    assert_eq!(engine.attempt(cy.id, c).await.unwrap().deadline_ms, Some(closes));

    // Ada's coding has ended but the window is open: her report withholds
    // the failing hidden cases, and her submission's cases stay numbered.
    let report = engine.report(ada.id, a).await.unwrap();
    assert!(report.failing_cases_withheld);
    assert_eq!(report.group_oa_id, Some(group));
    assert_eq!((report.problems[0].passed, report.problems[0].failing_cases.len()), (1, 0));
    let job = report.problems[0].counted_job.unwrap();
    let judged = engine.job(ada.id, job).await.unwrap().judged.unwrap();
    let names: Vec<&str> = judged.cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["hidden/1", "hidden/2", "hidden/3"]);
    assert!(judged.cases.iter().all(|c| c.message.is_empty()));
    // Other members never see her attempt.
    assert!(matches!(engine.report(bob.id, a).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.attempt(bob.id, a).await, Err(Error::NotFound(_))));
    assert!(matches!(engine.job(bob.id, job).await, Err(Error::NotFound(_))));

    // Revealing inside the window is refused; a member may never reveal.
    match engine.reveal_group_oa(&bench.admin, group).await {
        Err(Error::Conflict(m)) => assert!(m.contains("closes in 20 min"), "{m}"),
        other => panic!("reveal inside the window: {other:?}"),
    }
    bench.at(closes);
    assert!(matches!(engine.reveal_group_oa(&ada, group).await, Err(Error::Forbidden(_))));

    // Bob's deadline (45 min after his start at +10 min) passed: his draft was auto-submitted; Cy's
    // ended at the close with nothing to judge.
    assert_eq!(engine.expire_due().await.unwrap(), 2);
    wait_judged(engine, bob.id, b).await;
    let bob_report = engine.report(bob.id, b).await.unwrap();
    assert_eq!(bob_report.ended_ms, Some(T0 + 55 * MIN));
    assert_eq!((bob_report.problems[0].auto_submitted, bob_report.problems[0].score), (true, 1.0));
    assert_eq!(engine.report(cy.id, c).await.unwrap().ended_ms, Some(closes));

    // Leaderboard: score first, then time used.
    let board = engine.group_leaderboard(&ada, group).await.unwrap();
    let rows: Vec<(usize, &str, f64, i64, Option<AttemptId>)> =
        board.entries.iter().map(|e| (e.rank, e.name.as_str(), e.score, e.time_used_ms, e.attempt_id)).collect();
    assert_eq!(
        rows,
        [(1, "bob", 1.0, 45 * MIN, None), (2, "ada", 0.25, 10 * MIN, Some(a)), (3, "cy", 0.0, 20 * MIN, None),]
    );
    assert_eq!(board.in_progress, 0);

    // After the close an admin reveals; reports then show the failing cases.
    engine.reveal_group_oa(&bench.admin, group).await.unwrap();
    let report = engine.report(ada.id, a).await.unwrap();
    assert!(!report.failing_cases_withheld);
    let revealed: Vec<(&str, &str)> =
        report.problems[0].failing_cases.iter().map(|c| (c.name.as_str(), c.input.as_str())).collect();
    assert_eq!(revealed, [("hidden/b", "5\n"), ("hidden/c", "7\n")]);
    let judged = engine.job(ada.id, job).await.unwrap().judged.unwrap();
    assert_eq!(judged.cases[1].name, "hidden/b", "names are shown once revealed");
    let first_reveal = engine.group_oa(&ada, group).await.unwrap().revealed_ms;
    bench.clock.advance(MIN);
    engine.reveal_group_oa(&bench.admin, group).await.unwrap();
    assert_eq!(engine.group_oa(&ada, group).await.unwrap().revealed_ms, first_reveal, "revealing is idempotent");
}

fn entry(name: &str, score: f64, time_used_ms: i64) -> GroupEntry {
    GroupEntry {
        rank: 0,
        placement: GroupPlacement::First,
        user_id: 0,
        name: name.into(),
        score,
        max_score: 2,
        time_used_ms,
        pending: false,
        attempt_id: None,
    }
}

#[test]
fn group_leaderboard_ordering() {
    use GroupPlacement::*;
    // (entries in any order, expected (name, rank, placement) in board order)
    type Case = (Vec<GroupEntry>, Vec<(&'static str, usize, GroupPlacement)>);
    let cases: Vec<Case> = vec![
        (vec![], vec![]),
        (vec![entry("a", 0.0, 5)], vec![("a", 1, First)]),
        // Score decides first, whatever the time.
        (
            vec![entry("slow", 2.0, 90 * MIN), entry("fast", 1.5, MIN)],
            vec![("slow", 1, First), ("fast", 2, LowerScore)],
        ),
        // Equal score: less time used wins.
        (vec![entry("b", 1.0, 30 * MIN), entry("a", 1.0, 20 * MIN)], vec![("a", 1, First), ("b", 2, MoreTime)]),
        // Equal score and time: the same rank, listed by name; the next rank skips.
        (
            vec![
                entry("zed", 1.0, 20 * MIN),
                entry("amy", 1.0, 20 * MIN),
                entry("low", 0.5, MIN),
                entry("top", 2.0, 0),
            ],
            vec![("top", 1, First), ("amy", 2, LowerScore), ("zed", 2, Tied), ("low", 4, LowerScore)],
        ),
        // Sums of fractions that differ only by rounding are equal scores.
        (vec![entry("x", 0.1 + 0.2, 10), entry("y", 0.3, 10)], vec![("x", 1, First), ("y", 1, Tied)]),
    ];
    for (mut entries, expected) in cases {
        rank_group_entries(&mut entries);
        let got: Vec<(&str, usize, GroupPlacement)> =
            entries.iter().map(|e| (e.name.as_str(), e.rank, e.placement)).collect();
        assert_eq!(got, expected);
    }
}

#[test]
fn overall_leaderboard_ordering() {
    use OverallPlacement::*;
    let e = |name: &str, solved: usize, oas: usize, average: Option<f64>| OverallEntry {
        rank: 0,
        placement: First,
        user_id: 0,
        name: name.into(),
        problems_solved: solved,
        oas_taken: oas,
        group_oas_taken: 0,
        average_score: average,
    };
    let mut entries = vec![
        e("none", 0, 0, None),
        e("avg-low", 3, 2, Some(0.4)),
        e("avg-high", 3, 2, Some(0.9)),
        e("more-oas", 3, 5, Some(0.1)),
        e("most-solved", 7, 1, Some(0.2)),
        e("twin", 3, 2, Some(0.4)),
        e("zero-avg", 0, 1, Some(0.0)),
    ];
    rank_overall_entries(&mut entries);
    let got: Vec<(&str, usize, OverallPlacement)> =
        entries.iter().map(|e| (e.name.as_str(), e.rank, e.placement)).collect();
    assert_eq!(
        got,
        [
            ("most-solved", 1, First),
            ("more-oas", 2, FewerSolved),
            ("avg-high", 3, FewerOas),
            ("avg-low", 4, LowerAverage),
            ("twin", 4, Tied),
            ("zero-avg", 6, FewerSolved),
            ("none", 7, FewerOas),
        ]
    );
}

async fn the_overall_board_and_the_admin_lists(store: TestStore) {
    let bench = Bench::new(store).await;
    let engine = &bench.engine;
    let (ada, bob, idle) = (bench.member("ada").await, bench.member("bob").await, bench.member("idle").await);
    let group = engine.schedule_group_oa(&bench.admin, fixed(&["double-m1"], T0, T0 + HOUR, 30)).await.unwrap();
    let a = engine.start_group_oa(ada.id, group).await.unwrap();
    engine.submit(ada.id, a, 1, "python", CORRECT).await.unwrap();
    let p = engine.practice(bob.id, "double-h").await.unwrap();
    engine.submit(bob.id, p, 1, "python", WRONG).await.unwrap();
    wait_judged(engine, ada.id, a).await;
    wait_judged(engine, bob.id, p).await;
    engine.finish(ada.id, a).await.unwrap();

    let board = engine.overall_leaderboard().await.unwrap();
    let rows: Vec<(&str, usize, usize, usize, Option<f64>)> = board
        .iter()
        .map(|e| (e.name.as_str(), e.problems_solved, e.oas_taken, e.group_oas_taken, e.average_score))
        .collect();
    assert_eq!(rows, [("ada", 1, 1, 1, Some(1.0)), ("bob", 0, 0, 0, None)], "idle has no attempt");

    // Admin lists: members are refused; disabled users leave the board.
    assert!(matches!(engine.admin_users(&ada).await, Err(Error::Forbidden(_))));
    assert!(matches!(engine.set_user_disabled(&ada, bob.id, true).await, Err(Error::Forbidden(_))));
    assert!(matches!(engine.judge_queue(&ada).await, Err(Error::Forbidden(_))));
    assert!(matches!(engine.admin_attempts(&ada, 10).await, Err(Error::Forbidden(_))));
    assert!(matches!(engine.admin_submissions(&ada, 10).await, Err(Error::Forbidden(_))));
    match engine.set_user_disabled(&bench.admin, bench.admin.id, true).await {
        Err(Error::Invalid(m)) => assert!(m.contains("your own account"), "{m}"),
        other => panic!("disabling oneself: {other:?}"),
    }
    assert!(matches!(engine.set_user_disabled(&bench.admin, 999, true).await, Err(Error::NotFound(_))));
    bench.at(T0 + 5 * MIN);
    engine.set_user_disabled(&bench.admin, bob.id, true).await.unwrap();
    let users = engine.admin_users(&bench.admin).await.unwrap();
    let listed: Vec<(&str, Option<i64>)> = users.iter().map(|u| (u.account.name.as_str(), u.disabled_ms)).collect();
    assert_eq!(listed, [("local", None), ("ada", None), ("bob", Some(T0 + 5 * MIN)), ("idle", None)]);
    assert_eq!(engine.overall_leaderboard().await.unwrap().len(), 1);
    engine.set_user_disabled(&bench.admin, bob.id, false).await.unwrap();
    assert_eq!(engine.overall_leaderboard().await.unwrap().len(), 2);
    let _ = idle;

    let attempts = engine.admin_attempts(&bench.admin, 10).await.unwrap();
    let rows: Vec<(AttemptId, &str, Option<GroupOaId>, f64)> =
        attempts.iter().map(|x| (x.id, x.user_name.as_str(), x.group_oa_id, x.score)).collect();
    assert_eq!(rows, [(p, "bob", None, 0.25), (a, "ada", Some(group), 1.0)]);
    let submissions = engine.admin_submissions(&bench.admin, 10).await.unwrap();
    let rows: Vec<(&str, &str, Option<oaj_judge::Verdict>)> =
        submissions.iter().map(|s| (s.user_name.as_str(), s.slug.as_str(), s.verdict)).collect();
    assert_eq!(
        rows,
        [("bob", "double-h", Some(oaj_judge::Verdict::WA)), ("ada", "double-m1", Some(oaj_judge::Verdict::AC))]
    );
    let queue = engine.judge_queue(&bench.admin).await.unwrap();
    assert_eq!((queue.slots, queue.queue_capacity, queue.pending, queue.jobs.len()), (2, 16, 0, 0));
}
