#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Workers get problems from the store, through the real binaries: a
//! throwaway Postgres, `oaj serve --judge-parallel 0` and `oaj worker`s whose
//! problems directory is empty. A problem of the server's bank and one an
//! admin adds at runtime are judged to real verdicts by a worker that never
//! had them; the fetched copies serve a restarted worker even once their
//! archives are gone from the store; a tampered archive and a missing one
//! end the job with an error naming the problem and its hash.

mod support;

#[path = "../crates/oa/tests/support/mod.rs"]
mod pg;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use sqlx::Row;
use support::proc::Proc;
use support::{stdio_problem, TestDir};

const DOUBLE: &str = "print(2 * int(input()))\n";
const TRIPLE: &str = "print(3 * int(input()))\n";
const TRIPLE_WRONG: &str = "print(3 * int(input()) + 1)\n";

fn http(addr: &str, method: &str, path: &str, content_type: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nConnection: close\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

fn json(reply: &str) -> serde_json::Value {
    let text = reply.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {reply}"))
}

struct Setup<'a> {
    t: &'a TestDir,
    url: &'a str,
    addr: String,
}

impl Setup<'_> {
    /// `oaj worker` with an empty problems directory and the cache `cache`.
    fn worker(&self, name: &str, cache: &str) -> Proc {
        let empty = self.t.path().join("empty-bank");
        std::fs::create_dir_all(&empty).unwrap();
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("oaj"));
        cmd.current_dir(self.t.path())
            .env("OAJ_CACHE_DIR", self.t.path().join(cache))
            .arg("--problems-dir")
            .arg(&empty)
            .args(["worker", "--database", self.url, "--slots", "1", "--name", name]);
        let worker = Proc::spawn(cmd);
        let line = worker.wait_line(&format!("oaj worker {name}"));
        assert!(line.contains("(0 loaded)"), "{line}");
        worker
    }

    /// Submits `code` to a new practice attempt of `slug`; returns the job's
    /// view once done.
    fn judge(&self, slug: &str, code: &str) -> serde_json::Value {
        let practice = http(&self.addr, "GET", &format!("/practice/{slug}"), "text/plain", "");
        let attempt: i64 = practice
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("location: /oa/").map(str::to_string))
            .and_then(|rest| rest.split('/').next().and_then(|id| id.trim().parse().ok()))
            .unwrap_or_else(|| panic!("no attempt in {practice}"));
        let body = serde_json::json!({ "language": "python", "code": code }).to_string();
        let reply = http(&self.addr, "POST", &format!("/api/oa/{attempt}/1/submit"), "application/json", &body);
        let job = json(&reply)["job"].as_i64().unwrap_or_else(|| panic!("no job in {reply}"));
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            let view = json(&http(&self.addr, "GET", &format!("/api/jobs/{job}"), "text/plain", ""));
            if view["status"]["state"] == "done" {
                return view;
            }
            assert!(Instant::now() < until, "not judged: {view}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn verdict(view: &serde_json::Value) -> &str {
    assert!(view["error"].is_null(), "{view}");
    view["judged"]["verdict"].as_str().unwrap_or_else(|| panic!("no verdict: {view}"))
}

/// The archive of `slug` in the store: (hash, size), once the server has
/// published it.
fn wait_archive(rt: &tokio::runtime::Runtime, pool: &sqlx::PgPool, slug: &str) -> (String, i64) {
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let row = rt
            .block_on(
                sqlx::query("SELECT hash, size FROM problem_archives WHERE slug = $1").bind(slug).fetch_optional(pool),
            )
            .unwrap();
        if let Some(row) = row {
            return (row.get(0), row.get(1));
        }
        assert!(Instant::now() < until, "the server never published {slug}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn workers_without_the_problems_judge_them_from_the_store() {
    support::require_toolchain!("python");
    let Some(pg::TestStore::Postgres { url }) = pg::TestStore::postgres() else { return };
    let t = TestDir::with_own_cache();
    stdio_problem(&t, "bank/double", "", &[("sample", "1", "3\n", "6\n"), ("hidden", "a", "5\n", "10\n")]);
    stdio_problem(&t, "imports/triple", "", &[("sample", "1", "2\n", "6\n"), ("hidden", "a", "4\n", "12\n")]);
    t.write(&[("imports/triple/solutions/accepted/triple.py", TRIPLE.as_bytes())]);
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("oaj"));
    cmd.current_dir(t.path())
        .env("OAJ_CACHE_DIR", t.cache())
        .arg("--problems-dir")
        .arg(t.path().join("bank"))
        .args(["serve", "--addr", "127.0.0.1:0", "--database", &url, "--judge-parallel", "0", "--no-rate-limits"])
        .arg("--data")
        .arg(t.path().join("data"))
        .arg("--problem-import-root")
        .arg(t.path().join("imports"));
    let server = Proc::spawn(cmd);
    let first = server.wait_line("OA Judge is running at http://");
    let addr = first.trim_start_matches("OA Judge is running at http://").trim_end_matches('/').to_string();
    let setup = Setup { t: &t, url: &url, addr };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let pool = rt.block_on(sqlx::PgPool::connect(&url)).unwrap();

    // A problem of the server's bank: published at start, fetched by the worker.
    let (double_hash, size) = wait_archive(&rt, &pool, "double");
    assert!(size > 0);
    let worker = setup.worker("first", "cache-first");
    let view = setup.judge("double", DOUBLE);
    assert_eq!(verdict(&view), "AC", "{view}");
    let fetched = t.path().join("cache-first/problems").join(&double_hash).join("double");
    assert_eq!(
        files_under(&fetched),
        [
            "problem.toml",
            "statement.md",
            "tests/hidden/a.ans",
            "tests/hidden/a.in",
            "tests/sample/1.ans",
            "tests/sample/1.in"
        ],
    );
    let stored: String = rt
        .block_on(sqlx::query("SELECT problem_hash FROM jobs ORDER BY id DESC LIMIT 1").fetch_one(&pool))
        .unwrap()
        .get(0);
    assert_eq!(stored, double_hash, "the archive is keyed by the hash the job carries");

    // A problem an admin adds at runtime through the admin route: published
    // once it is in the bank, judged by the worker to real verdicts.
    let form = format!("path={}", t.path().join("imports/triple").display());
    let reply = http(&setup.addr, "POST", "/admin/problems/import-dir", "application/x-www-form-urlencoded", &form);
    assert!(reply.starts_with("HTTP/1.1 303"), "{reply}");
    let (triple_hash, _) = wait_archive(&rt, &pool, "triple");
    assert_eq!(verdict(&setup.judge("triple", TRIPLE)), "AC");
    assert_eq!(verdict(&setup.judge("triple", TRIPLE_WRONG)), "WA");
    assert!(t.path().join("cache-first/problems").join(&triple_hash).join("triple/problem.toml").is_file());
    worker.stop();

    // The archives go: one is replaced by another problem's, one deleted.
    rt.block_on(
        sqlx::query(
            "UPDATE problem_archives SET bytes = (SELECT bytes FROM problem_archives WHERE slug = 'double') \
             WHERE slug = 'triple'",
        )
        .execute(&pool),
    )
    .unwrap();
    rt.block_on(sqlx::query("DELETE FROM problem_archives WHERE slug = 'double'").execute(&pool)).unwrap();

    // A restarted worker judges from its cache without the store.
    let worker = setup.worker("first", "cache-first");
    assert_eq!(verdict(&setup.judge("double", DOUBLE)), "AC");
    assert_eq!(verdict(&setup.judge("triple", TRIPLE)), "AC");
    worker.stop();

    // A worker with a fresh cache gets clear errors and no verdict.
    let _fresh = setup.worker("fresh", "cache-fresh");
    let view = setup.judge("triple", TRIPLE);
    let error = view["error"].as_str().unwrap_or_else(|| panic!("no error: {view}"));
    assert!(error.contains("problem triple") && error.contains(&triple_hash[..12]), "{error}");
    assert!(error.contains("cannot be used") && error.contains("hash to"), "{error}");
    assert!(view["judged"].is_null(), "{view}");
    let view = setup.judge("double", DOUBLE);
    let error = view["error"].as_str().unwrap_or_else(|| panic!("no error: {view}"));
    assert!(error.contains("problem double") && error.contains(&double_hash[..12]), "{error}");
    assert!(error.contains("holds no archive"), "{error}");
    assert!(view["judged"].is_null(), "{view}");
    // Nothing half-written is left in the cache.
    let left: Vec<String> = std::fs::read_dir(t.path().join("cache-fresh/problems"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    drop(server);
}
