#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Judging on other processes through the real binaries: a throwaway
//! Postgres, `oaj serve --judge-parallel 0` and two `oaj worker`s. Forty
//! submissions; one worker is killed with SIGKILL while it holds jobs.
//! Every submission reaches exactly one final result (each stored once),
//! the killed worker's unfinished jobs are taken over by the other, and the
//! server shows the results the workers stored, live over SSE too. A
//! remote judging's event stream shows the worker's per-case progress
//! before the result, and `/metrics` lists the workers.

mod support;

#[path = "../crates/oa/tests/support/mod.rs"]
mod pg;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use sqlx::Row;
use support::proc::Proc;
use support::{stdio_problem, TestDir};

/// Slow enough (about 0.2 s a case) that a worker holds jobs when killed.
const CORRECT: &str = "import time\ntime.sleep(0.2)\nprint(2 * int(input()))\n";
const WRONG: &str = "import time\ntime.sleep(0.2)\nprint(2 * int(input()) + 1)\n";
const SUBMISSIONS: usize = 40;

fn http(addr: &str, method: &str, path: &str, json: Option<&str>) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let body = json.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

fn body(reply: &str) -> serde_json::Value {
    let text = reply.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {reply}"))
}

/// Each job: (status, lease_owner, finishes, verdict, error).
type Ledger = BTreeMap<i64, (String, Option<String>, i64, Option<String>, Option<String>)>;

async fn ledger(pool: &sqlx::PgPool) -> Ledger {
    let rows = sqlx::query("SELECT id, status, lease_owner, finishes, verdict, error FROM jobs ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.get::<i64, _>(0),
                (r.get(1), r.get(2), r.get::<i64, _>(3), r.get::<Option<String>, _>(4), r.get::<Option<String>, _>(5)),
            )
        })
        .collect()
}

/// The value of one sample line (`name{labels} value`) of `/metrics`.
fn metric(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
}

fn done(ledger: &Ledger) -> usize {
    ledger.values().filter(|j| j.0 == "done").count()
}

#[test]
fn two_workers_judge_every_submission_once_and_take_over_a_killed_one() {
    support::require_toolchain!("python");
    let Some(pg::TestStore::Postgres { url }) = pg::TestStore::postgres() else { return };
    let started = Instant::now();
    let t = TestDir::with_own_cache();
    stdio_problem(
        &t,
        "bank/double",
        "",
        &[("sample", "1", "3\n", "6\n"), ("hidden", "a", "1\n", "2\n"), ("hidden", "b", "5\n", "10\n")],
    );
    let bank = t.path().join("bank");
    let oaj = |args: &[&str]| {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("oaj"));
        cmd.current_dir(t.path()).env("OAJ_CACHE_DIR", t.cache()).arg("--problems-dir").arg(&bank).args(args);
        cmd
    };
    let server = Proc::spawn(oaj(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--database",
        &url,
        "--judge-parallel",
        "0",
        "--no-rate-limits",
        "--data",
        t.path().join("data").to_str().unwrap(),
    ]));
    let first = server.wait_line("OA Judge is running at http://");
    let addr = first.trim_start_matches("OA Judge is running at http://").trim_end_matches('/').to_string();
    let worker =
        |name: &str| Proc::spawn(oaj(&["worker", "--database", &url, "--slots", "2", "--lease", "3", "--name", name]));
    let doomed = worker("doomed");
    let survivor = worker("survivor");
    doomed.wait_line("oaj worker doomed");
    survivor.wait_line("oaj worker survivor");

    let practice = http(&addr, "GET", "/practice/double", None);
    let attempt: i64 = practice
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("location: /oa/").map(str::to_string))
        .and_then(|rest| rest.split('/').next().and_then(|id| id.trim().parse().ok()))
        .unwrap_or_else(|| panic!("no attempt in {practice}"));
    let mut expected = BTreeMap::new();
    for n in 0..SUBMISSIONS {
        let code = if n % 4 == 3 { WRONG } else { CORRECT };
        let json = serde_json::json!({ "language": "python", "code": code }).to_string();
        let reply = http(&addr, "POST", &format!("/api/oa/{attempt}/1/submit"), Some(&json));
        let job = body(&reply)["job"].as_i64().unwrap_or_else(|| panic!("no job in {reply}"));
        expected.insert(job, if code == WRONG { "WA" } else { "AC" });
    }
    // The last submission followed live from the server, as the page does.
    let last = *expected.keys().last().unwrap();
    let events = {
        let addr = addr.clone();
        std::thread::spawn(move || http(&addr, "GET", &format!("/api/jobs/{last}/events"), None))
    };

    let rt = tokio::runtime::Runtime::new().unwrap();
    let pool = rt.block_on(sqlx::PgPool::connect(&url)).unwrap();
    // Kill one worker while it holds jobs: after a few results, at a moment
    // it has claimed jobs that are not done.
    let killed_at = loop {
        assert!(started.elapsed() < Duration::from_secs(45), "no moment to kill the worker came");
        let now = rt.block_on(ledger(&pool));
        let in_flight = doomed.claimed().iter().any(|id| now.get(id).is_some_and(|j| j.0 != "done"));
        if done(&now) >= 6 && in_flight {
            let mut doomed = doomed;
            doomed.child.kill().unwrap(); // SIGKILL
            doomed.child.wait().unwrap();
            // What it held at its death: read after the kill, since it may
            // have stored a result between the read above and the signal.
            let after = rt.block_on(ledger(&pool));
            break (after, doomed.claimed());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (at_kill, claimed_by_doomed) = killed_at;

    let finished = loop {
        let now = rt.block_on(ledger(&pool));
        if done(&now) == SUBMISSIONS {
            break now;
        }
        assert!(started.elapsed() < Duration::from_secs(90), "{} of {SUBMISSIONS} done: {now:?}", done(&now));
        std::thread::sleep(Duration::from_millis(100));
    };

    assert_eq!(finished.len(), SUBMISSIONS, "{finished:?}");
    for (id, (status, owner, finishes, verdict, error)) in &finished {
        assert_eq!(status, "done");
        assert_eq!(*finishes, 1, "job {id} got its result written exactly once");
        assert_eq!(error.as_deref(), None, "job {id}");
        assert_eq!(verdict.as_deref(), expected.get(id).copied(), "job {id} by {owner:?}");
    }
    // The doomed worker's jobs in flight at the kill were finished by the survivor.
    let survivor_pid = format!(":{}:", survivor.child.id());
    let taken_over: Vec<i64> =
        claimed_by_doomed.iter().copied().filter(|id| at_kill.get(id).is_some_and(|j| j.0 != "done")).collect();
    assert!(!taken_over.is_empty(), "the killed worker held no unfinished job at its death: {at_kill:?}");
    for id in &taken_over {
        let owner = finished[id].1.clone().unwrap_or_default();
        assert!(owner.contains(&survivor_pid), "job {id} taken over by the survivor, not {owner}");
    }

    // The server shows what the workers stored.
    for (id, verdict) in &expected {
        let view = body(&http(&addr, "GET", &format!("/api/jobs/{id}"), None));
        assert_eq!(view["status"]["state"], "done", "job {id}: {view}");
        assert_eq!(view["judged"]["verdict"], *verdict, "job {id}: {view}");
    }
    let stream = events.join().unwrap();
    let last_event = stream.lines().rev().find(|l| l.starts_with("data:")).unwrap_or_default().to_string();
    assert!(last_event.contains("\"done\""), "the event stream ends with the result: {stream}");

    // The admin page lists both workers and an empty queue.
    let admin = http(&addr, "GET", "/admin", None);
    assert!(admin.contains("0 job(s) waiting for a judge"), "{admin}");
    assert!(admin.contains(">doomed<") && admin.contains(">survivor<"), "{admin}");
    // So does /metrics (the local account of a loopback server is an admin).
    let metrics = http(&addr, "GET", "/metrics", None);
    assert_eq!(metric(&metrics, "oaj_worker_alive{worker=\"survivor\"}"), Some(1.0), "{metrics}");
    assert_eq!(metric(&metrics, "oaj_worker_slots{worker=\"doomed\"}"), Some(2.0), "{metrics}");
    assert_eq!(metric(&metrics, "oaj_store_jobs_waiting"), Some(0.0), "{metrics}");
    assert_eq!(metric(&metrics, "oaj_store_jobs_judging"), Some(0.0), "{metrics}");

    // SIGTERM stops the survivor cleanly; the registry has its count, and
    // the killed worker was never marked stopped (it just went silent).
    let mut survivor = survivor;
    // SAFETY: plain kill(2) on our own child.
    unsafe {
        libc::kill(survivor.child.id() as i32, libc::SIGTERM);
    }
    let status = survivor.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let by_survivor = finished.values().filter(|j| j.1.as_deref().is_some_and(|o| o.contains(&survivor_pid))).count();
    let workers = rt
        .block_on(sqlx::query("SELECT name, jobs_done, stopped_ms FROM workers ORDER BY name").fetch_all(&pool))
        .unwrap();
    let rows: Vec<(String, i64, Option<i64>)> = workers.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].2), ("doomed", None), "{rows:?}");
    assert_eq!(rows[1].0, "survivor");
    assert_eq!(rows[1].1, by_survivor as i64, "{rows:?}");
    assert!(rows[1].2.is_some(), "{rows:?}");
    eprintln!("{} jobs taken over; {:?} total", taken_over.len(), started.elapsed());
}

/// While a worker judges, the server's event stream for the job (what the
/// editor listens to) shows its progress case by case, with the verdict so
/// far, before the result: the worker writes it into the store and the
/// server is woken by NOTIFY oaj_progress.
#[test]
fn a_remote_judgings_event_stream_shows_its_progress() {
    support::require_toolchain!("python");
    let Some(pg::TestStore::Postgres { url }) = pg::TestStore::postgres() else { return };
    let t = TestDir::with_own_cache();
    // Six hidden cases; the answer for 2 is wrong. About 0.5 s a case.
    let cases: Vec<(String, String, String)> = (1..=6)
        .map(|n| (format!("{}", (b'a' + n as u8 - 1) as char), format!("{n}\n"), format!("{}\n", 2 * n)))
        .collect();
    let mut spec = vec![("sample", "1", "3\n", "6\n")];
    spec.extend(cases.iter().map(|(stem, input, answer)| ("hidden", stem.as_str(), input.as_str(), answer.as_str())));
    stdio_problem(&t, "bank/double", "", &spec);
    const WRONG_ON_2: &str = "import time\ntime.sleep(0.5)\nn = int(input())\nprint(2 * n + (n == 2))\n";
    let bank = t.path().join("bank");
    let oaj = |args: &[&str]| {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("oaj"));
        cmd.current_dir(t.path()).env("OAJ_CACHE_DIR", t.cache()).arg("--problems-dir").arg(&bank).args(args);
        cmd
    };
    let data = t.path().join("data");
    let server = Proc::spawn(oaj(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--database",
        &url,
        "--judge-parallel",
        "0",
        "--data",
        data.to_str().unwrap(),
    ]));
    let first = server.wait_line("OA Judge is running at http://");
    let addr = first.trim_start_matches("OA Judge is running at http://").trim_end_matches('/').to_string();
    let practice = http(&addr, "GET", "/practice/double", None);
    assert!(practice.contains("/oa/1/"), "{practice}");
    let json = serde_json::json!({ "language": "python", "code": WRONG_ON_2 }).to_string();
    let job = body(&http(&addr, "POST", "/api/oa/1/1/submit", Some(&json)))["job"].as_i64().unwrap();
    // Follow it before any worker exists, so the stream sees every step.
    let events = {
        let addr = addr.clone();
        std::thread::spawn(move || http(&addr, "GET", &format!("/api/jobs/{job}/events"), None))
    };
    std::thread::sleep(Duration::from_millis(500));
    let worker = Proc::spawn(oaj(&["worker", "--database", &url, "--slots", "1", "--name", "progress"]));
    worker.wait_line("oaj worker progress");

    let stream = events.join().unwrap();
    let views: Vec<serde_json::Value> = stream
        .lines()
        .filter_map(|l| l.strip_prefix("data:"))
        .map(|d| serde_json::from_str(d.trim()).unwrap_or_else(|e| panic!("bad event ({e}): {d}")))
        .collect();
    let states: Vec<String> = views.iter().map(|v| v["status"].to_string()).collect();
    let last = views.last().unwrap_or_else(|| panic!("no events: {stream}"));
    assert_eq!(last["status"]["state"], "done", "{states:?}");
    assert_eq!(last["judged"]["verdict"], "WA", "{states:?}");
    // Between the first and the last case: "case k of 6", with the WA of
    // case b once it finished.
    let midway: Vec<&serde_json::Value> = views
        .iter()
        .map(|v| &v["status"])
        .filter(|s| s["state"] == "running" && s["total"] == 6 && (1..6).contains(&s["done"].as_u64().unwrap_or(0)))
        .collect();
    assert!(!midway.is_empty(), "no progress between the first and the last case: {states:?}");
    assert!(
        midway.iter().any(|s| s["verdict"] == "WA" && s["done"].as_u64() >= Some(2)),
        "the verdict so far: {states:?}"
    );
    let dones: Vec<u64> = views.iter().filter_map(|v| v["status"]["done"].as_u64()).collect();
    assert!(dones.windows(2).all(|w| w[0] <= w[1]), "progress never goes back: {states:?}");

    let metrics = http(&addr, "GET", "/metrics", None);
    assert_eq!(metric(&metrics, "oaj_worker_alive{worker=\"progress\"}"), Some(1.0), "{metrics}");
    assert_eq!(metric(&metrics, "oaj_worker_slots{worker=\"progress\"}"), Some(1.0), "{metrics}");
}

/// A worker whose copy of the problem differs from the server's (another
/// hidden answer) does not judge against its own test data: it fetches the
/// server's copy from the store by the job's hash and judges with that.
#[test]
fn a_worker_with_another_copy_of_the_problem_judges_with_the_servers_copy() {
    support::require_toolchain!("python");
    let Some(pg::TestStore::Postgres { url }) = pg::TestStore::postgres() else { return };
    let t = TestDir::with_own_cache();
    for (dir, answer) in [("bank", "10\n"), ("stale", "11\n")] {
        stdio_problem(
            &t,
            &format!("{dir}/double"),
            "",
            &[("sample", "1", "3\n", "6\n"), ("hidden", "a", "1\n", "2\n"), ("hidden", "b", "5\n", answer)],
        );
    }
    let oaj = |bank: &str, args: &[&str]| {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("oaj"));
        cmd.current_dir(t.path())
            .env("OAJ_CACHE_DIR", t.cache())
            .arg("--problems-dir")
            .arg(t.path().join(bank))
            .args(args);
        cmd
    };
    let data = t.path().join("data");
    let server = Proc::spawn(oaj(
        "bank",
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database",
            &url,
            "--judge-parallel",
            "0",
            "--data",
            data.to_str().unwrap(),
        ],
    ));
    let first = server.wait_line("OA Judge is running at http://");
    let addr = first.trim_start_matches("OA Judge is running at http://").trim_end_matches('/').to_string();
    let worker = Proc::spawn(oaj("stale", &["worker", "--database", &url, "--slots", "1", "--name", "stale"]));
    worker.wait_line("oaj worker stale");

    let practice = http(&addr, "GET", "/practice/double", None);
    assert!(practice.contains("/oa/1/"), "{practice}");
    let json = serde_json::json!({ "language": "python", "code": CORRECT }).to_string();
    let job = body(&http(&addr, "POST", "/api/oa/1/1/submit", Some(&json)))["job"].as_i64().unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    let view = loop {
        let view = body(&http(&addr, "GET", &format!("/api/jobs/{job}"), None));
        if view["status"]["state"] == "done" {
            break view;
        }
        assert!(Instant::now() < until, "not judged: {view}");
        std::thread::sleep(Duration::from_millis(100));
    };
    // The stale copy says 11 for 5: judged with it, the answer 10 would be WA.
    assert!(view["error"].is_null(), "{view}");
    assert_eq!(view["judged"]["verdict"], "AC", "judged with the server's copy: {view}");
    let hash: String = {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let pool = rt.block_on(sqlx::PgPool::connect(&url)).unwrap();
        rt.block_on(sqlx::query("SELECT problem_hash FROM jobs WHERE id = $1").bind(job).fetch_one(&pool))
            .unwrap()
            .get(0)
    };
    let fetched = t.cache().join("problems").join(hash).join("double/tests/hidden/b.ans");
    assert_eq!(std::fs::read_to_string(&fetched).unwrap(), "10\n", "{}", fetched.display());
}
