//! `oaj serve` through the real binary: it prints its URL, answers, stops
//! cleanly on SIGTERM, and refuses a non-loopback address.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

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
}

#[test]
fn serve_refuses_a_non_loopback_address() {
    let t = TestDir::new();
    for addr in ["0.0.0.0:8080", "[::]:8080"] {
        let output = t.oaj().args(["serve", "--addr", addr]).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{addr}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("refusing to listen") && stderr.contains("loopback"), "{addr}: {stderr}");
    }
}
