//! `oaj serve` through the real binary: it prints its URL, answers, stops
//! cleanly on SIGTERM, and refuses a non-loopback address.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use sha2::Digest;

use support::{stdio_problem, TestDir};

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

#[test]
fn serve_prints_its_url_answers_and_stops_on_sigterm() {
    let t = TestDir::new();
    stdio_problem(&t, "bank/add", "", &[("sample", "1", "1 2\n", "3\n"), ("hidden", "a", "2 2\n", "4\n")]);
    // One more hidden case kept as a generator and a manifest: generated at
    // the first start, which says so on the terminal.
    let digest = |text: &str| format!("{:x}", sha2::Sha256::digest(text.as_bytes()));
    let manifest = format!("{}  g.in\n{}  g.ans\n", digest("5 5\n"), digest("10\n"));
    // Generators write beside their own directory (they run from a copy).
    let generator = r#"import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hidden")
open(os.path.join(out, "g.in"), "w").write("5 5\n")
open(os.path.join(out, "g.ans"), "w").write("10\n")
"#;
    t.write(&[
        ("bank/add/generators/gen.py", generator.as_bytes()),
        ("bank/add/generators/hidden.sha256", manifest.as_bytes()),
    ]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("oaj"))
        .current_dir(t.path())
        .env("OAJ_CACHE_DIR", t.cache())
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(t.path().join("data"))
        .arg("--problems-dir")
        .arg(t.path().join("bank"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("oaj serve starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let url = first.trim().strip_prefix("OA Judge is running at ").unwrap_or_else(|| panic!("no URL in {first:?}"));
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();

    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.ends_with("ok\n"), "{health}");
    let home = http_get(&addr, "/");
    assert!(home.starts_with("HTTP/1.1 200") && home.contains("id=\"start-form\""), "{home}");
    assert!(t.path().join("data").join("oaj.sqlite3").exists(), "the store is created on first start");

    // SAFETY: plain kill(2) on our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let status = child.wait().expect("wait");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("rest of stdout");
    assert!(status.success(), "exit {status:?}; stdout {rest}");
    assert!(rest.contains("stopped"), "{rest}");
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr");
    assert!(stderr.contains("Generating the hidden test cases of 1 problem(s)"), "{stderr}");
    assert!(stderr.contains("Generated the hidden test cases of 1 problem(s)"), "{stderr}");
    assert!(t.path().join("bank/add/tests/hidden/g.ans").is_file(), "{stderr}");
}

#[test]
fn serve_refuses_a_non_loopback_address() {
    let t = TestDir::new();
    for addr in ["0.0.0.0:8080", "[::]:8080"] {
        let output = t.oaj().args(["serve", "--addr", addr]).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{addr}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("refusing to listen") && stderr.contains("loopback"), "{addr}: {stderr}");
        assert!(stderr.contains("--accounts") && stderr.contains("oaj user add --admin"), "{addr}: {stderr}");
    }
}
