#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Durability through the real binary: a submission acknowledged to the
//! user survives `kill -9` of the server mid-judging, a SIGTERM drains
//! gracefully, and an OA clock is intact across restarts (including an OA
//! whose deadline passed while the server was down).

mod support;

use std::time::Duration;

use support::server::{wait_for, Server, ServerOptions};
use support::{stdio_problem, toolchain_available, TestDir};

/// Hidden cases of the slow problem: enough that judging is surely in
/// progress when the test acts.
const CASES: usize = 30;
/// Correct but slow: about CASES * 0.3 s of judging over the machine's cores.
const SLOW: &str = "import time\ntime.sleep(0.3)\nprint(2 * int(input()))\n";

fn bank(t: &TestDir) {
    let mut cases: Vec<(String, String, String)> = Vec::new();
    for i in 1..=CASES {
        cases.push((format!("c{i:02}"), format!("{i}\n"), format!("{}\n", 2 * i)));
    }
    let mut table: Vec<(&str, &str, &str, &str)> = vec![("sample", "1", "3\n", "6\n")];
    table.extend(cases.iter().map(|(n, i, a)| ("hidden", n.as_str(), i.as_str(), a.as_str())));
    stdio_problem(t, "bank/slow", "", &table);
    stdio_problem(t, "bank/other", "", &[("sample", "1", "3\n", "6\n"), ("hidden", "a", "4\n", "8\n")]);
}

fn options(t: &TestDir, env: Vec<(&'static str, String)>) -> ServerOptions<'static> {
    ServerOptions {
        cwd: t.path().to_path_buf(),
        cache: t.cache(),
        bank: t.path().join("bank"),
        data: Some(t.path().join("data")),
        env,
        args: Vec::new(),
    }
}

/// Starts a timed OA of `minutes` on slow (1) and other (2); returns its id.
fn start_oa(server: &Server, minutes: u32) -> i64 {
    let reply = server.post_form("/oa", &format!("minutes={minutes}&problems=slow%2Cother"));
    assert_eq!(reply.status, 303, "{reply:?}");
    let location = reply.header("location").unwrap();
    location.trim_start_matches("/oa/").split('/').next().unwrap().parse().unwrap()
}

fn clock(server: &Server, attempt: i64) -> serde_json::Value {
    let reply = server.get(&format!("/api/oa/{attempt}/clock"));
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.json()
}

fn submit(server: &Server, attempt: i64, index: usize, code: &str) -> i64 {
    let body = serde_json::json!({ "language": "python", "code": code }).to_string();
    let reply = server.post_json(&format!("/api/oa/{attempt}/{index}/submit"), &body);
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.json()["job"].as_i64().unwrap()
}

fn job(server: &Server, job: i64) -> serde_json::Value {
    let reply = server.get(&format!("/api/jobs/{job}"));
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.json()
}

/// Waits until the job is compiled and running its hidden cases, then a
/// little longer, and checks it is still not done: judging is in progress.
/// (Progress counts are not used: the judge reports finished cases only
/// once every case has been started.)
fn wait_mid_judging(server: &Server, id: i64) {
    wait_for(Duration::from_secs(120), "judging to be in progress", || {
        let view = job(server, id);
        assert_ne!(view["status"]["state"], "done", "judging ended before the test could act: {view}");
        (view["status"]["state"] == "running").then_some(())
    });
    std::thread::sleep(Duration::from_millis(700));
    let view = job(server, id);
    assert_eq!(view["status"]["state"], "running", "judging is still in progress: {view}");
}

/// Waits for the final verdict of a job.
fn final_verdict(server: &Server, id: i64) -> serde_json::Value {
    wait_for(Duration::from_secs(180), "the final verdict", || {
        let view = job(server, id);
        (view["status"]["state"] == "done").then_some(view)
    })
}

/// The raw `deadline_ms` of the attempt's clock, exactly as served.
fn deadline_text(server: &Server, attempt: i64) -> String {
    clock(server, attempt)["deadline_ms"].to_string()
}

/// Waits until the server has written `text` on stderr (read by a thread,
/// so it may lag the URL on stdout).
fn said(server: &Server, text: &str) {
    let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(Duration::from_secs(5), text, || server.stderr().contains(text).then_some(()))
    }));
    assert!(found.is_ok(), "the server never said {text:?}\nstdout: {}\nstderr: {}", server.stdout(), server.stderr());
}

#[test]
fn kill_9_mid_judging_loses_nothing_and_keeps_the_clock() {
    if !toolchain_available("python") {
        return;
    }
    let t = TestDir::new();
    bank(&t);
    let mut server = Server::start(&options(&t, Vec::new()));
    let attempt = start_oa(&server, 1);
    let deadline = deadline_text(&server, attempt);
    assert!(deadline.parse::<i64>().is_ok(), "a timed OA has a deadline: {deadline}");
    // A draft of problem 2, never submitted: judged when the OA ends.
    let draft = serde_json::json!({ "language": "python", "code": "print(2 * int(input()))\n" }).to_string();
    assert_eq!(server.post_json(&format!("/api/oa/{attempt}/2/draft"), &draft).status, 200);
    let id = submit(&server, attempt, 1, SLOW);
    wait_mid_judging(&server, id);
    server.kill9();

    let mut server = Server::start(&options(&t, Vec::new()));
    said(&server, "resumed 1 unfinished judging(s)");
    let view = final_verdict(&server, id);
    assert_eq!(view["error"], serde_json::Value::Null, "{view}");
    assert_eq!(view["judged"]["verdict"], "AC", "{view}");
    assert_eq!(view["judged"]["passed"], CASES, "{view}");
    assert_eq!(deadline_text(&server, attempt), deadline, "the deadline is byte-identical after kill -9");
    assert_eq!(clock(&server, attempt)["status"], "coding");

    // Down past the deadline: kill -9 again, restart with the clock two
    // minutes ahead (the test-only offset), as if the server stayed down.
    server.kill9();
    let ahead = vec![("OAJ_TEST_CLOCK_OFFSET_MS", "120000".to_string())];
    let server = Server::start(&options(&t, ahead));
    said(&server, "finished 1 attempt(s) past their deadline");
    let after = clock(&server, attempt);
    assert_eq!(after["deadline_ms"].to_string(), deadline, "the deadline survives an expiry while down");
    assert_eq!(after["status"], "explaining", "{after}");
    let report = wait_for(Duration::from_secs(120), "the report's auto-submission", || {
        let reply = server.get(&format!("/oa/{attempt}/report"));
        assert_eq!(reply.status, 200, "{reply:?}");
        (!reply.body.contains("not judged yet")).then_some(reply.body)
    });
    // Problem 1 counts the submission judged after the crash; problem 2 its
    // draft, judged at the deadline (ended at the deadline, not at restart).
    assert!(report.contains("time is up"), "{report}");
    assert!(report.contains("never submitted"), "{report}");
    assert!(!report.contains("judge error"), "{report}");
}

/// SIGTERM while a submission is being judged: the server exits 0 within
/// its grace period (10 s) either way; a judging that fits in the grace
/// period is finished before the exit, a longer one is re-queued at the
/// next start. `--judge-workers 1` makes the judging's length the same on
/// any number of cores.
#[test]
fn sigterm_mid_judging_drains_within_the_grace_period() {
    if !toolchain_available("python") {
        return;
    }
    // (per-case sleep, judging longer than the grace period)
    for (sleep, longer_than_grace) in [("0.6", true), ("0.05", false)] {
        let t = TestDir::new();
        bank(&t);
        let mut with_one_worker = options(&t, Vec::new());
        with_one_worker.args = vec!["--judge-workers".into(), "1".into()];
        let mut server = Server::start(&with_one_worker);
        let attempt = start_oa(&server, 60);
        let deadline = deadline_text(&server, attempt);
        let code = SLOW.replace("0.3", sleep);
        let id = submit(&server, attempt, 1, &code);
        wait_mid_judging(&server, id);
        let (status, took) = server.sigterm(Duration::from_secs(30)).expect("exits after SIGTERM");
        let stderr = server.stderr();
        assert!(status.success(), "exit status {status:?}\nstderr: {stderr}");
        // The grace period, plus room for a loaded machine to exit.
        assert!(took < Duration::from_secs(13), "took {took:?} to stop\n{stderr}");
        assert!(server.stdout().contains("stopped"), "{}", server.stdout());
        let cut_short = stderr.contains("judgings still running at shutdown");
        assert_eq!(cut_short, longer_than_grace, "sleep {sleep}: {stderr}");

        let server = Server::start(&options(&t, Vec::new()));
        if longer_than_grace {
            said(&server, "resumed 1 unfinished judging(s)");
        }
        let view = final_verdict(&server, id);
        assert_eq!(view["judged"]["verdict"], "AC", "{view}");
        assert_eq!(view["judged"]["passed"], CASES, "{view}");
        assert_eq!(deadline_text(&server, attempt), deadline);
        if !longer_than_grace {
            std::thread::sleep(Duration::from_millis(300));
            assert!(!server.stderr().contains("resumed"), "nothing to resume: {}", server.stderr());
        }
    }
}
