#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The real binary on a PostgreSQL store (`--database`), in a throwaway
//! cluster of its own (crates/oa/tests/support): the terminal OA remembers
//! the database in its OA directory, two OAs share the store, and
//! `oaj serve` answers from it and never prints the password.

mod support;

#[path = "../crates/oa/tests/support/mod.rs"]
mod pg;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use support::{stdio_problem, TestDir};

const CORRECT: &str = "print(2 * int(input()))\n";

fn bank(t: &TestDir) {
    for name in ["double", "twice"] {
        stdio_problem(
            t,
            &format!("bank/{name}"),
            "",
            &[("sample", "1", "3\n", "6\n"), ("hidden", "a", "1\n", "2\n"), ("hidden", "b", "5\n", "10\n")],
        );
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The URL of a fresh database with a password that `trust` ignores, so
/// the test can look for it in the output.
fn database() -> Option<String> {
    match pg::TestStore::postgres()? {
        pg::TestStore::Postgres { url } => Some(url.replacen("postgres@", "postgres:s3cret@", 1)),
        pg::TestStore::Sqlite { .. } => unreachable!("postgres() gives a Postgres store"),
    }
}

#[test]
fn the_terminal_oa_and_the_server_on_postgres() {
    support::require_toolchain!("python");
    let Some(url) = database() else { return };
    let t = TestDir::new();
    bank(&t);
    let xdg = t.path().join("xdg");
    let oa = |dir: &str, args: &[&str]| {
        let mut cmd = t.oaj();
        cmd.current_dir(t.path())
            .env("XDG_DATA_HOME", &xdg)
            .arg("--problems-dir")
            .arg(t.path().join("bank"))
            .args(["oa", "--dir", dir])
            .args(args)
            .output()
            .unwrap()
    };

    let start = oa("first", &["start", "--problems", "double", "--database", &url]);
    assert!(start.status.success(), "{}", text(&start.stderr));
    assert!(text(&start.stdout).contains("OA 1 started"), "{}", text(&start.stdout));
    let record = std::fs::read_to_string(t.path().join("first/.oaj-attempt")).unwrap();
    assert!(record.contains(&url), "the OA directory remembers the database: {record}");
    assert!(!xdg.join("oaj").join("oaj.sqlite3").exists(), "no SQLite store is made");

    // Later commands find the database in the OA directory.
    std::fs::write(t.path().join("first/problem-1.py"), CORRECT).unwrap();
    let submit = oa("first", &["submit", "1"]);
    assert!(submit.status.success(), "{}{}", text(&submit.stdout), text(&submit.stderr));
    assert!(text(&submit.stdout).contains("2 / 2 hidden cases passed"), "{}", text(&submit.stdout));

    // A second OA on the same store gets the next id.
    let second = oa("second", &["start", "--problems", "twice", "--database", &url]);
    assert!(text(&second.stdout).contains("OA 2 started"), "{}{}", text(&second.stdout), text(&second.stderr));

    let mut child = Command::new(assert_cmd::cargo::cargo_bin("oaj"))
        .current_dir(t.path())
        .env("OAJ_CACHE_DIR", t.cache())
        .args(["serve", "--addr", "127.0.0.1:0", "--database", &url, "--problems-dir"])
        .arg(t.path().join("bank"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("oaj serve starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let address = first.trim().strip_prefix("OA Judge is running at http://").map(|a| a.trim_end_matches('/'));
    let address = address.unwrap_or_else(|| panic!("no URL in {first:?}")).to_string();
    let editor = http_get(&address, "/oa/1/1");
    // SAFETY: plain kill(2) on our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let status = child.wait().expect("wait");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("rest of stdout");
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr");
    assert!(status.success(), "exit {status:?}: {rest}{stderr}");
    let printed = format!("{first}{rest}{stderr}");
    assert!(printed.contains("postgres://postgres:***@localhost/"), "{printed}");
    assert!(!printed.contains("s3cret"), "the password is never printed: {printed}");
    assert!(editor.starts_with("HTTP/1.1 200") && editor.contains("bank/double"), "{editor}");
}

fn http_get(addr: &str, path: &str) -> String {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}
