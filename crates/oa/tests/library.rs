#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Problems hidden from drawing and problems added at runtime, on the
//! engine with a fake clock and a small temp bank.

use std::sync::Arc;
use std::time::Duration;

use oaj_oa::*;
use oaj_spec::Difficulty;

mod support;
use support::python_available;

const T0: i64 = 1_700_000_000_000;

struct Bench {
    dir: tempfile::TempDir,
    clock: Arc<FakeClock>,
}

impl Bench {
    fn new(bank: &[(&str, &str)]) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        for (slug, difficulty) in bank {
            support::write_double(&dir.path().join("bank"), slug, difficulty, &[]);
        }
        Bench { dir, clock: Arc::new(FakeClock::new(T0)) }
    }

    async fn engine(&self) -> Engine {
        let store = Store::open(&self.dir.path().join("data")).await.unwrap();
        let catalog = Arc::new(Catalog::load(&self.dir.path().join("bank")).unwrap());
        let config = EngineConfig { judge_slots: 2, queue_capacity: 8, background: false };
        let engine =
            Engine::new(store, catalog, support::judge(&self.dir.path().join("cache")), self.clock.clone(), config);
        engine.fail_interrupted_imports().await.unwrap();
        engine.load_library().await.unwrap();
        engine
    }
}

fn draw(difficulties: &[Difficulty]) -> StartOptions {
    StartOptions { minutes: 90, difficulties: difficulties.to_vec(), topics: vec![], problems: None }
}

fn fixed(slugs: &[&str]) -> StartOptions {
    StartOptions { problems: Some(slugs.iter().map(|s| s.to_string()).collect()), ..draw(&[]) }
}

async fn slugs_of(engine: &Engine, user: UserId, id: AttemptId) -> Vec<String> {
    engine.attempt(user, id).await.unwrap().problems.into_iter().map(|p| p.slug).collect()
}

#[tokio::test]
async fn hidden_problems_are_never_drawn_but_admins_may_still_choose_them() {
    let bench = Bench::new(&[("m1", "medium"), ("m2", "medium"), ("h1", "hard"), ("e1", "easy")]);
    let engine = bench.engine().await;
    let admin = Account::local();
    let member_id = engine.store().create_user("mia", Role::Member, None, T0).await.unwrap();
    let member = engine.store().account(member_id).await.unwrap().unwrap();

    // A member cannot hide anything.
    assert!(matches!(engine.set_hidden_from_draw(&member, "m1", true).await, Err(Error::Forbidden(_))));
    assert!(matches!(engine.set_hidden_from_draw(&admin, "nope", true).await, Err(Error::NotFound(_))));

    engine.set_hidden_from_draw(&admin, "m1", true).await.unwrap();
    assert!(engine.catalog().is_hidden_from_draw("m1"));
    for round in 0..40 {
        bench.clock.advance(60_000);
        let id = engine.start(member_id, draw(&[Difficulty::Medium, Difficulty::Hard])).await.unwrap();
        let slugs = slugs_of(&engine, member_id, id).await;
        assert_eq!(slugs[1], "h1", "round {round}");
        assert_eq!(slugs[0], "m2", "round {round}: a hidden problem was drawn");
    }
    // With both mediums hidden a medium is taken from the nearest difficulty.
    engine.set_hidden_from_draw(&admin, "m2", true).await.unwrap();
    let id = engine.start(member_id, draw(&[Difficulty::Medium])).await.unwrap();
    assert_eq!(slugs_of(&engine, member_id, id).await, ["h1"]);
    // Too few drawable problems is said plainly.
    let e = engine.start(member_id, draw(&[Difficulty::Medium; 3])).await.unwrap_err();
    assert!(matches!(e, Error::Invalid(_)), "{e}");

    // A member may not name or practise a hidden problem; an admin may.
    assert!(matches!(engine.start(member_id, fixed(&["m1"])).await, Err(Error::Invalid(_))));
    assert!(matches!(engine.practice(member_id, "m1").await, Err(Error::NotFound(_))));
    let id = engine.start(admin.id, fixed(&["m1", "h1"])).await.unwrap();
    assert_eq!(slugs_of(&engine, admin.id, id).await, ["m1", "h1"]);
    engine.practice(admin.id, "m2").await.unwrap();

    // The marks survive a restart; showing a problem again makes it drawable.
    drop(engine);
    let engine = bench.engine().await;
    assert!(engine.catalog().is_hidden_from_draw("m1") && engine.catalog().is_hidden_from_draw("m2"));
    engine.set_hidden_from_draw(&admin, "m2", false).await.unwrap();
    let id = engine.start(member_id, draw(&[Difficulty::Medium])).await.unwrap();
    assert_eq!(slugs_of(&engine, member_id, id).await, ["m2"]);
}

async fn wait_import(engine: &Engine, id: i64) -> ProblemImport {
    for _ in 0..1200 {
        let import = engine.problem_import(&Account::local(), id).await.unwrap();
        if import.status != ImportStatus::Validating {
            return import;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("import {id} still validating after 60 s");
}

#[tokio::test]
async fn a_directory_import_is_validated_added_and_survives_a_restart() {
    if !python_available() {
        return;
    }
    let bench = Bench::new(&[("m1", "medium")]);
    let roots = bench.dir.path().join("import-root");
    // (root, slug, reference solution)
    let outside = bench.dir.path().join("outside");
    for (root, slug, solution) in [
        (&roots, "triple", "print(2 * int(input()))\n"),
        (&roots, "broken", "print(3 * int(input()))\n"),
        (&outside, "x", "print(2 * int(input()))\n"),
    ] {
        support::write_double(root, slug, "easy", &[]);
        support::write_files(&root.join(slug), &[("solutions/accepted/double.py", solution.to_string())]);
    }
    let engine = bench.engine().await;
    let admin = Account::local();

    // Nothing may be imported until the server names its import roots.
    let path = roots.join("triple").display().to_string();
    let e = engine.import_problem(&admin, ImportSource::Directory(&path), None).await.unwrap_err();
    assert!(matches!(e, Error::Forbidden(_)), "{e}");
    engine.set_import_roots(std::slice::from_ref(&roots)).unwrap();
    // Outside the roots, also through `..`, is refused.
    for path in [outside.join("x"), roots.join("../outside/x")] {
        let path = path.display().to_string();
        let e = engine.import_problem(&admin, ImportSource::Directory(&path), None).await.unwrap_err();
        assert!(matches!(e, Error::Forbidden(_)), "{path}: {e}");
    }

    let id = engine.import_problem(&admin, ImportSource::Directory(&path), None).await.unwrap();
    let import = wait_import(&engine, id).await;
    assert_eq!(import.status, ImportStatus::Ready, "{}", import.log);
    assert_eq!(import.slug, "triple");
    assert!(import.log.contains("solutions/accepted/double.py"), "{}", import.log);
    assert!(engine.catalog().is_uploaded("triple"));
    // The same slug again is refused: a problem never changes once added.
    let e = engine.import_problem(&admin, ImportSource::Directory(&path), None).await.unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e}");

    // A wrong reference solution keeps the problem out, with the reason.
    let broken = roots.join("broken").display().to_string();
    let id = engine.import_problem(&admin, ImportSource::Directory(&broken), None).await.unwrap();
    let import = wait_import(&engine, id).await;
    assert_eq!(import.status, ImportStatus::Failed);
    assert!(import.log.contains("FAIL") && import.log.contains("WA"), "{}", import.log);
    assert!(engine.catalog().get("broken").is_none());

    // Practice works on the added problem, and it is there after a restart.
    let attempt = engine.practice(admin.id, "triple").await.unwrap();
    drop(engine);
    let engine = bench.engine().await;
    assert!(engine.catalog().get("triple").is_some());
    assert_eq!(slugs_of(&engine, admin.id, attempt).await, ["triple"]);
}
