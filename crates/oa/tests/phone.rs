#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Phone-screen sessions and the STAR story bank through the engine, on a
//! temp store, a fake clock and a one-problem bank.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use oaj_oa::phone::*;
use oaj_oa::*;

mod support;
use support::python_available;

const T0: i64 = 1_700_000_000_000;

struct Bench {
    dir: tempfile::TempDir,
    clock: Arc<FakeClock>,
}

fn write_bank(dir: &Path) {
    let files: &[(&str, &str)] = &[
        ("double/problem.toml", "title = \"Double\"\ndifficulty = \"easy\"\nkind = \"stdio\"\ntime_limit_ms = 2000\nmemory_limit_mb = 256\n"),
        ("double/statement.md", "Print twice the number.\n"),
        ("double/tests/sample/1.in", "3\n"),
        ("double/tests/sample/1.ans", "6\n"),
        ("double/tests/hidden/a.in", "1\n"),
        ("double/tests/hidden/a.ans", "2\n"),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Bench {
    fn new() -> Bench {
        let dir = tempfile::tempdir().unwrap();
        write_bank(&dir.path().join("bank"));
        Bench { dir, clock: Arc::new(FakeClock::new(T0)) }
    }

    async fn engine(&self) -> Engine {
        let store = Store::open(&self.dir.path().join("data")).await.unwrap();
        let catalog = Arc::new(Catalog::load(&self.dir.path().join("bank")).unwrap());
        Engine::new(
            store,
            catalog,
            support::judge(&self.dir.path().join("cache")),
            self.clock.clone(),
            EngineConfig { judge_slots: 2, queue_capacity: 8, background: false },
        )
    }
}

fn typed(minutes: u32) -> NewPhoneSession {
    NewPhoneSession {
        problem: PhoneProblem::Typed {
            title: "Sum".into(),
            statement_md: "Print a + b.".into(),
            sample_input: Some("1 2\n".into()),
            sample_output: Some("3\n".into()),
        },
        minutes,
        language: "python".into(),
        principles: vec!["dive-deep".into(), "ownership".into()],
    }
}

#[tokio::test]
async fn creation_is_checked_by_table() {
    let bench = Bench::new();
    let engine = bench.engine().await;
    let bank = |slug: &str, language: &str| NewPhoneSession {
        problem: PhoneProblem::Bank(slug.into()),
        minutes: 45,
        language: language.into(),
        principles: Vec::new(),
    };
    let mut no_output = typed(45);
    if let PhoneProblem::Typed { sample_output, .. } = &mut no_output.problem {
        *sample_output = None;
    }
    let mut untitled = typed(45);
    if let PhoneProblem::Typed { title, .. } = &mut untitled.problem {
        *title = "  ".into();
    }
    let mut unknown_principle = typed(45);
    unknown_principle.principles = vec!["nope".into()];
    let cases: Vec<(&str, NewPhoneSession, Option<&str>)> = vec![
        ("45 minutes", typed(45), None),
        ("60 minutes", typed(60), None),
        ("44 minutes", typed(44), Some("45 to 60 minutes")),
        ("61 minutes", typed(61), Some("45 to 60 minutes")),
        ("bank problem", bank("double", "python"), None),
        ("unknown problem", bank("nope", "python"), Some("nope")),
        ("unknown language", bank("double", "cobol"), Some("cobol")),
        ("sample without output", no_output, Some("both a sample input and its output")),
        ("no title", untitled, Some("needs a title")),
        ("unknown principle", unknown_principle, Some("no principle")),
    ];
    for (what, new, error) in cases {
        match (engine.phone_create(1, new).await, error) {
            (Ok(created), None) => {
                assert_ne!(created.candidate_token, created.interviewer_token, "{what}");
            }
            (Err(e), Some(part)) => assert!(e.to_string().contains(part), "{what}: {e}"),
            (other, _) => panic!("{what}: {other:?}"),
        }
    }
    // A bank problem starts from its starter code; no principles named: four drawn.
    let created = engine.phone_create(1, bank("double", "python")).await.unwrap();
    let access = engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap();
    assert_eq!(engine.phone_questions(access).await.unwrap().len(), DEFAULT_QUESTIONS);
    let connection = engine.phone_connect(access, None).await.unwrap();
    assert_eq!(connection.text, engine.starter("double", "python").unwrap());
    assert_eq!(connection.session.samples.len(), 1);
}

#[tokio::test]
async fn links_open_only_what_they_should() {
    let bench = Bench::new();
    let engine = bench.engine().await;
    let created = engine.phone_create(1, typed(45)).await.unwrap();
    let candidate = engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.unwrap();
    assert_eq!(candidate, PhoneAccess { id: created.id, role: PhoneRole::Candidate });
    // The candidate token is not an interviewer token, and vice versa.
    assert!(matches!(
        engine.phone_access(&created.candidate_token, PhoneRole::Interviewer, Some(1)).await,
        Err(Error::NotFound(_))
    ));
    assert!(engine.phone_access(&created.interviewer_token, PhoneRole::Candidate, None).await.is_err());
    // The interviewer link needs the creator's account.
    assert!(engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, None).await.is_err());
    assert!(engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(2)).await.is_err());
    let interviewer = engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap();
    assert!(engine.phone_access("not-a-token", PhoneRole::Candidate, None).await.is_err());
    // The creator may open another interviewer link; the first keeps working; nobody else may.
    let again = engine.phone_new_interviewer_link(1, created.id).await.unwrap();
    assert_eq!(engine.phone_access(&again, PhoneRole::Interviewer, Some(1)).await.unwrap(), interviewer);
    assert!(engine.phone_access(&again, PhoneRole::Interviewer, Some(2)).await.is_err());
    assert_eq!(
        engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap(),
        interviewer
    );
    assert!(matches!(engine.phone_new_interviewer_link(2, created.id).await, Err(Error::NotFound(_))));
    // A new candidate link replaces the old one.
    let fresh = engine.phone_new_candidate_link(interviewer).await.unwrap();
    assert!(engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.is_err());
    assert_eq!(engine.phone_access(&fresh, PhoneRole::Candidate, None).await.unwrap(), candidate);
    assert!(engine.phone_new_candidate_link(candidate).await.is_err());
    assert!(matches!(engine.phone_owned(2, created.id).await, Err(Error::NotFound(_))));
    // Interviewer-only data through a candidate's access is NotFound.
    engine.phone_save_notes(interviewer, "strong on edge cases").await.unwrap();
    assert!(matches!(engine.phone_notes(candidate).await, Err(Error::NotFound(_))));
    assert!(engine.phone_save_notes(candidate, "x").await.is_err());
    assert!(engine.phone_questions(candidate).await.is_err());
    assert!(engine.phone_report(candidate).await.is_err());
    assert!(engine.phone_start(candidate).await.is_err());
    assert_eq!(engine.phone_notes(interviewer).await.unwrap(), "strong on edge cases");
    // The session as both see it never carries the notes.
    let public = serde_json::to_string(&engine.phone_session(candidate).await.unwrap()).unwrap();
    assert!(!public.contains("edge cases"));
}

#[tokio::test]
async fn edits_persist_and_a_reconnect_catches_up() {
    let bench = Bench::new();
    let engine = bench.engine().await;
    let created = engine.phone_create(1, typed(45)).await.unwrap();
    let cand = engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.unwrap();
    let int = engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap();
    let mut a = Client::new("cand-page", "", 0);
    let mut b = Client::new("int-page", "", 0);
    let mut b_events = engine.phone_connect(int, Some(0)).await.unwrap().events;
    let out = a.edit(Operation::new().insert("print(1)")).unwrap().unwrap();
    let entry = engine.phone_edit(cand, &a.id, out.seq, out.base, out.op).await.unwrap().unwrap();
    a.receive(&entry).unwrap();
    // The interviewer's socket saw it.
    match b_events.recv().await.unwrap() {
        PhoneEvent::Op(seen) => assert_eq!(seen, entry),
        other => panic!("{other:?}"),
    }
    // b was offline: it reconnects from revision 0 and catches up.
    let connection = engine.phone_connect(int, Some(b.rev())).await.unwrap();
    assert_eq!(connection.rev, 1);
    for e in &connection.catch_up {
        b.receive(e).unwrap();
    }
    assert_eq!(b.text(), "print(1)");
    // A resend of an edit the server already has changes nothing.
    assert_eq!(engine.phone_edit(cand, &a.id, 1, 0, Operation::new().insert("print(1)")).await.unwrap(), None);
    // A new engine on the same store (a restart) rebuilds the document from the log.
    drop(engine);
    let engine = bench.engine().await;
    let connection = engine.phone_connect(int, Some(0)).await.unwrap();
    assert_eq!((connection.rev, connection.text.as_str()), (1, "print(1)"));
    // A page claiming a revision from the future is told to reload.
    assert!(engine.phone_connect(int, Some(5)).await.is_err());
    // The candidate's caret reaches the interviewer's socket, moved through later edits.
    let mut events = connection.events;
    let out = b.edit(Operation::new().insert("# ").retain(8)).unwrap().unwrap();
    engine.phone_edit(int, &b.id, out.seq, out.base, out.op).await.unwrap();
    let _ = events.recv().await.unwrap();
    engine.phone_cursor(cand, 1, 5, 8).await.unwrap();
    match events.recv().await.unwrap() {
        PhoneEvent::Cursor { rev, anchor, head } => assert_eq!((rev, anchor, head), (2, 7, 10)),
        other => panic!("{other:?}"),
    }
    assert!(!PhoneEvent::Cursor { rev: 0, anchor: 0, head: 0 }.for_candidate());
}

#[tokio::test]
async fn the_deadline_is_fixed_at_start_and_ends_the_editor() {
    let bench = Bench::new();
    let engine = bench.engine().await;
    let created = engine.phone_create(1, typed(50)).await.unwrap();
    let cand = engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.unwrap();
    let int = engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap();
    assert_eq!(engine.phone_session(cand).await.unwrap().status, PhoneStatus::Waiting);
    bench.clock.advance(5_000);
    let started = engine.phone_start(int).await.unwrap();
    assert_eq!(started.deadline_ms, Some(T0 + 5_000 + 50 * 60_000));
    assert!(matches!(engine.phone_start(int).await, Err(Error::Conflict(_))));
    engine.phone_edit(cand, "p", 1, 0, Operation::new().insert("x")).await.unwrap();
    bench.clock.advance(50 * 60_000);
    let ended = engine.phone_session(cand).await.unwrap();
    assert_eq!((ended.status, ended.ended_ms), (PhoneStatus::Ended, started.deadline_ms));
    let refused = engine.phone_edit(cand, "p", 2, 1, Operation::new().retain(1).insert("y")).await;
    assert!(refused.unwrap_err().to_string().contains("has ended"));
    assert!(engine.phone_run(cand, None).await.is_err());
    // Notes and STAR notes may still be written after the end.
    engine.phone_save_notes(int, "after").await.unwrap();
    let star =
        StarNotes { situation: "s".into(), task: "t".into(), action: "a".into(), result: "r".into(), rating: Some(3) };
    engine.phone_save_star(int, 1, &star).await.unwrap();
    assert!(engine.phone_save_star(int, 9, &star).await.is_err());
    assert!(engine.phone_save_star(int, 1, &StarNotes { rating: Some(5), ..star.clone() }).await.is_err());
    let report = engine.phone_report(int).await.unwrap();
    assert_eq!(report.final_code, "x");
    assert_eq!(report.ops.len(), 1);
    assert_eq!(report.notes, "after");
    let principles: Vec<&str> = report.questions.iter().map(|q| q.principle.as_str()).collect();
    assert_eq!(principles, ["dive-deep", "ownership"]);
    assert_eq!(report.questions[0].star, star);
}

async fn run_until_done(events: &mut tokio::sync::broadcast::Receiver<PhoneEvent>, id: PhoneRunId) -> PhoneRun {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let event = tokio::time::timeout_at(deadline, events.recv()).await.expect("the run finishes").unwrap();
        if let PhoneEvent::Run { run } = event {
            if run.id == id && run.done {
                return run;
            }
        }
    }
}

#[tokio::test]
async fn runs_judge_the_shared_text_and_both_sides_see_them() {
    if !python_available() {
        return;
    }
    let bench = Bench::new();
    let engine = bench.engine().await;
    let created = engine.phone_create(1, typed(45)).await.unwrap();
    let cand = engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.unwrap();
    let int = engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap();
    let mut events = engine.phone_connect(int, Some(0)).await.unwrap().events;
    let code = "a, b = map(int, input().split())\nprint(a + b)\n";
    engine.phone_edit(cand, "p", 1, 0, Operation::new().insert(code)).await.unwrap();
    let id = engine.phone_run(cand, None).await.unwrap();
    let run = run_until_done(&mut events, id).await;
    let outcome = run.outcome.expect("judged");
    assert_eq!((outcome.verdict.as_deref(), outcome.summary.as_str()), (Some("AC"), "1 / 1 samples passed"));
    let id = engine.phone_run(int, Some("40 2\n".into())).await.unwrap();
    let run = run_until_done(&mut events, id).await;
    assert_eq!(run.outcome.unwrap().stdout.as_deref(), Some("42\n"));
    // A wrong answer on the typed sample.
    engine.phone_edit(cand, "p", 2, 1, Operation::diff(code, "print(0)\n")).await.unwrap();
    let id = engine.phone_run(cand, None).await.unwrap();
    let run = run_until_done(&mut events, id).await;
    assert_eq!(run.outcome.unwrap().verdict.as_deref(), Some("WA"));
    assert_eq!(engine.phone_report(int).await.unwrap().runs.len(), 3);
    // A bank problem's samples go through the judge.
    let bank = NewPhoneSession {
        problem: PhoneProblem::Bank("double".into()),
        minutes: 45,
        language: "python".into(),
        principles: Vec::new(),
    };
    let created = engine.phone_create(1, bank).await.unwrap();
    let cand = engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.unwrap();
    let mut connection = engine.phone_connect(cand, None).await.unwrap();
    let op = Operation::diff(&connection.text, "print(2 * int(input()))\n");
    engine.phone_edit(cand, "p", 1, 0, op).await.unwrap();
    let id = engine.phone_run(cand, None).await.unwrap();
    let run = run_until_done(&mut connection.events, id).await;
    assert_eq!(run.outcome.unwrap().verdict.as_deref(), Some("AC"));
}

// ---- the story bank ----

fn story(title: &str, principles: &[&str]) -> StoryInput {
    StoryInput {
        title: title.into(),
        situation: "s".into(),
        task: "t".into(),
        action: "a".into(),
        result: "r".into(),
        principles: principles.iter().map(|p| p.to_string()).collect(),
    }
}

#[tokio::test]
async fn stories_are_checked_and_owned() {
    let bench = Bench::new();
    let engine = bench.engine().await;
    let cases: &[(StoryInput, Option<&str>)] = &[
        (story("Outage", &["dive-deep", "ownership"]), None),
        (story("Launch", &["deliver-results", "think-big", "frugality"]), None),
        (story("One", &["dive-deep"]), Some("2 or 3 principles")),
        (story("Four", &["dive-deep", "ownership", "frugality", "think-big"]), Some("2 or 3 principles")),
        (story("Twice", &["dive-deep", "dive-deep"]), Some("2 or 3 principles")),
        (story("Unknown", &["dive-deep", "nope"]), Some("no principle")),
        (story(" ", &["dive-deep", "ownership"]), Some("needs a title")),
    ];
    for (input, error) in cases {
        match (engine.create_story(1, input).await, error) {
            (Ok(_), None) => {}
            (Err(e), Some(part)) => assert!(e.to_string().contains(part), "{}: {e}", input.title),
            (other, _) => panic!("{}: {other:?}", input.title),
        }
    }
    let mine = engine.stories(1).await.unwrap();
    assert_eq!(mine.len(), 2);
    let id = mine[0].id;
    // Another user sees none of them and cannot touch them.
    assert!(engine.stories(2).await.unwrap().is_empty());
    assert!(matches!(
        engine.update_story(2, id, &story("x", &["dive-deep", "ownership"])).await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(engine.delete_story(2, id).await, Err(Error::NotFound(_))));
    engine.update_story(1, id, &story("Outage at night", &["earn-trust", "dive-deep"])).await.unwrap();
    let updated = engine.story(1, id).await.unwrap();
    // Principles come back in the principles' order.
    assert_eq!(
        (updated.title.as_str(), updated.principles.clone()),
        ("Outage at night", vec!["earn-trust".to_string(), "dive-deep".to_string()])
    );
    let (_, table, advice) = engine.story_coverage(1).await.unwrap();
    assert_eq!(advice.covered, 5);
    assert_eq!(table.iter().find(|c| c.principle.id == "dive-deep").unwrap().stories, ["Outage at night"]);
    engine.delete_story(1, id).await.unwrap();
    assert_eq!(engine.stories(1).await.unwrap().len(), 1);
}

#[test]
fn the_coverage_table_and_its_advice() {
    let principles = behavioural().unwrap().principles.clone();
    let s = |id: i64, title: &str, ps: &[&str]| Story {
        id,
        title: title.into(),
        situation: String::new(),
        task: String::new(),
        action: String::new(),
        result: String::new(),
        principles: ps.iter().map(|p| p.to_string()).collect(),
        created_ms: 0,
        updated_ms: 0,
    };
    // (stories, principles covered, notes that must appear, notes that must not)
    let all: Vec<Story> = principles
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| s(i as i64, &format!("story {i}"), &pair.iter().map(|p| p.id.as_str()).collect::<Vec<_>>()))
        .collect();
    type Case<'a> = (Vec<Story>, usize, Vec<&'a str>, Vec<&'a str>);
    let cases: Vec<Case> = vec![
        (Vec::new(), 0, vec!["You have 0 stories", "16 of 16 principles have no story"], vec!["only story"]),
        (
            vec![s(1, "Outage", &["dive-deep", "ownership", "earn-trust"])],
            3,
            vec!["You have 1 story;", "13 of 16", "“Outage” is the only story for 3 principles"],
            vec![],
        ),
        (
            vec![s(1, "Outage", &["dive-deep", "ownership"]), s(2, "Launch", &["dive-deep", "think-big"])],
            3,
            vec!["You have 2 stories"],
            vec!["only story for"],
        ),
        (all, 16, vec![], vec!["You have", "no story yet", "only story for"]),
    ];
    for (stories, covered, must, must_not) in cases {
        let table = coverage(&principles, &stories);
        assert_eq!(table.len(), 16);
        let got = advice(&table, &stories);
        assert_eq!(got.covered, covered, "{stories:?}");
        assert_eq!(got.uncovered.len(), 16 - covered);
        let text = got.notes.join("\n");
        for part in must {
            assert!(text.contains(part), "{text:?} should contain {part:?}");
        }
        for part in must_not {
            assert!(!text.contains(part), "{text:?} should not contain {part:?}");
        }
    }
}

/// An editor's room leaves memory once nobody uses it (no page connected)
/// and the session ended or it sat idle; nothing is lost, since the next
/// page rebuilds it from the stored operations.
#[tokio::test]
async fn unused_editors_leave_memory_and_come_back_whole() {
    let bench = Bench::new();
    let engine = bench.engine().await;
    let created = engine.phone_create(1, typed(45)).await.unwrap();
    let cand = engine.phone_access(&created.candidate_token, PhoneRole::Candidate, None).await.unwrap();
    let int = engine.phone_access(&created.interviewer_token, PhoneRole::Interviewer, Some(1)).await.unwrap();
    engine.phone_start(int).await.unwrap();
    let page = engine.phone_connect(cand, None).await.unwrap();
    let initial = page.text.clone();
    engine
        .phone_edit(cand, "p", 1, page.rev, Operation::new().retain(utf16_len(&initial)).insert("x = 1"))
        .await
        .unwrap();
    assert_eq!(engine.phone_rooms_in_memory(), 1);

    // A page is connected: kept however long it is idle.
    bench.clock.advance(PHONE_ROOM_IDLE_MS + 1);
    assert_eq!(engine.evict_phone_rooms(), 0, "a connected page keeps its room");
    drop(page);
    // No page, but used a moment ago (a page reconnecting finds it).
    engine.phone_cursor(cand, 1, 0, 0).await.unwrap();
    bench.clock.advance(PHONE_ROOM_IDLE_MS - 1);
    assert_eq!(engine.evict_phone_rooms(), 0, "not idle long enough");
    bench.clock.advance(1);
    assert_eq!(engine.evict_phone_rooms(), 1, "idle with nobody connected");
    assert_eq!(engine.phone_rooms_in_memory(), 0);

    // Rebuilt whole from the store: the text, the revision, and a resend
    // of an edit already applied is still recognised.
    let page = engine.phone_connect(int, None).await.unwrap();
    assert_eq!((page.text.as_str(), page.rev), (format!("{initial}x = 1").as_str(), 1));
    assert_eq!(engine.phone_edit(cand, "p", 1, 0, Operation::new().insert("x = 1")).await.unwrap(), None);

    // An ended session's room goes as soon as its last page leaves.
    engine.phone_end(int).await.unwrap();
    assert_eq!(engine.evict_phone_rooms(), 0, "the interviewer's page is still open");
    drop(page);
    assert_eq!(engine.evict_phone_rooms(), 1);
    assert_eq!(engine.phone_report(int).await.unwrap().final_code, format!("{initial}x = 1"));
}
