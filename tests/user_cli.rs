//! `oaj user` and `oaj serve --accounts` through the real binary: a user
//! added with the password on stdin logs in over HTTP; disabled users
//! cannot; a non-loopback address needs accounts.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{stdio_problem, TestDir};

const PASSWORD: &str = "a long enough password";

/// One HTTP/1.1 exchange; returns (status line and headers, body).
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    (head.to_string(), body.to_string())
}

/// The values of the `Set-Cookie` headers, as `name=value`.
fn set_cookies(head: &str) -> Vec<String> {
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, value)| value.trim().split(';').next().map(String::from))
        .collect()
}

fn csrf_token(page: &str) -> String {
    let rest = page.split("name=\"csrf-token\" content=\"").nth(1).unwrap_or_else(|| panic!("no token in {page}"));
    rest.split('"').next().expect("token").to_string()
}

/// The server and its stdout, kept open: a closed pipe would make the
/// server's next line of output fail.
struct Server(Child, #[allow(dead_code)] BufReader<std::process::ChildStdout>);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// `oaj serve --accounts` on `addr`; returns it and the address it prints.
    fn start(t: &TestDir, addr: &str) -> (Server, String) {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("oaj"))
            .current_dir(t.path())
            .env("OAJ_CACHE_DIR", t.cache())
            .args(["serve", "--accounts", "--addr", addr, "--data", "data", "--problems-dir", "bank"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("oaj serve starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("first line");
        let url = first.trim().strip_prefix("OA Judge is running at ").unwrap_or_else(|| panic!("no URL in {first:?}"));
        let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        (Server(child, stdout), addr)
    }

    /// Stops the server and returns what it wrote on stderr.
    fn stop(mut self) -> String {
        // SAFETY: plain kill(2) on our own child.
        unsafe {
            libc::kill(self.0.id() as i32, libc::SIGTERM);
        }
        let _ = self.0.wait();
        let mut stderr = String::new();
        if let Some(mut pipe) = self.0.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        stderr
    }
}

fn bank(t: &TestDir) {
    stdio_problem(t, "bank/add", "", &[("sample", "1", "1 2\n", "3\n"), ("hidden", "a", "2 2\n", "4\n")]);
}

/// Logs in over HTTP; returns the status line and the session cookie.
fn login(addr: &str, name: &str, password: &str) -> (String, Option<String>) {
    let (head, page) = http(addr, "GET", "/login", &[], "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let pre = set_cookies(&head).into_iter().find(|c| c.starts_with("oaj_csrf=")).expect("pre-session cookie");
    let form = format!("name={name}&password={}&csrf={}", password.replace(' ', "+"), csrf_token(&page));
    let (head, _) =
        http(addr, "POST", "/login", &[("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", &pre)], &form);
    let session = set_cookies(&head).into_iter().find(|c| c.starts_with("oaj_session="));
    (head.lines().next().unwrap_or("").to_string(), session)
}

#[test]
fn a_user_added_with_the_password_on_stdin_logs_in_over_http() {
    let t = TestDir::new();
    bank(&t);
    let add = t
        .oaj()
        .args(["user", "add", "--admin", "Alice", "--data", "data"])
        .write_stdin(format!("{PASSWORD}\n"))
        .output()
        .expect("runs");
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    assert_eq!(String::from_utf8_lossy(&add.stdout).trim(), "added admin alice");
    let member = t
        .oaj()
        .args(["user", "add", "bob", "--data", "data"])
        .write_stdin(format!("{PASSWORD}\n"))
        .output()
        .expect("runs");
    assert!(member.status.success(), "{}", String::from_utf8_lossy(&member.stderr));

    // Bad input: each a clear message and exit status 2.
    // (arguments, stdin, words on stderr)
    let refused: &[(&[&str], &str, &str)] = &[
        (&["user", "add", "alice"], "another password\n", "taken"),
        (&["user", "add", "carol"], "short\n", "at least 8"),
        (&["user", "add", "carol"], "", "no password on standard input"),
        (&["user", "add", "no way"], "another password\n", "may only hold"),
        (&["user", "passwd", "zed"], "another password\n", "no user \"zed\""),
        (&["user", "disable", "zed"], "", "no user \"zed\""),
        (&["user", "invite", "--hours", "0"], "", "--hours must be 1 to 720"),
    ];
    for (args, stdin, words) in refused {
        let output = t.oaj().args(*args).args(["--data", "data"]).write_stdin(*stdin).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {words:?} missing from {stderr}");
    }

    let list = t.oaj().args(["user", "list", "--data", "data"]).output().expect("runs");
    let list = String::from_utf8_lossy(&list.stdout).to_string();
    let line = |name: &str| list.lines().find(|l| l.split_whitespace().nth(1) == Some(name)).unwrap_or("").to_string();
    assert!(line("alice").contains("admin") && line("alice").contains("active"), "{list}");
    assert!(line("bob").contains("member"), "{list}");
    assert!(line("local").contains("no login"), "{list}");

    let invite = t
        .oaj()
        .args(["user", "invite", "--hours", "5", "--url", "https://oaj.example/", "--data", "data"])
        .output()
        .expect("runs");
    let printed = String::from_utf8_lossy(&invite.stdout).to_string();
    assert!(invite.status.success(), "{printed}");
    let link = printed.lines().find_map(|l| l.trim().strip_prefix("https://oaj.example/join/")).expect("a link");
    assert_eq!(link.len(), 64, "{printed}");

    let (server, addr) = Server::start(&t, "127.0.0.1:0");
    let (status, session) = login(&addr, "alice", PASSWORD);
    assert!(status.starts_with("HTTP/1.1 303"), "{status}");
    let session = session.expect("a session cookie");
    let (head, home) = http(&addr, "GET", "/", &[("Cookie", &session)], "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(home.contains(">alice<") && home.contains("action=\"/logout\""), "{home}");
    let (status, session) = login(&addr, "alice", "not the password");
    assert!(status.starts_with("HTTP/1.1 401") && session.is_none(), "{status}");
    // The invitation printed by the CLI opens on the server.
    let (head, page) = http(&addr, "GET", &format!("/join/{link}"), &[], "");
    assert!(head.starts_with("HTTP/1.1 200") && page.contains("join-form"), "{head}");

    // Disabling through the CLI while the server runs ends bob's session.
    let (_, bob) = login(&addr, "bob", PASSWORD);
    let bob = bob.expect("bob's session");
    let disable = t.oaj().args(["user", "disable", "bob", "--data", "data"]).output().expect("runs");
    assert!(disable.status.success());
    let (head, _) = http(&addr, "GET", "/", &[("Cookie", &bob)], "");
    assert!(head.starts_with("HTTP/1.1 303") && head.to_ascii_lowercase().contains("location: /login"), "{head}");
    let (status, _) = login(&addr, "bob", PASSWORD);
    assert!(status.starts_with("HTTP/1.1 403"), "{status}");
    let enable = t.oaj().args(["user", "enable", "bob", "--data", "data"]).output().expect("runs");
    assert!(enable.status.success());
    // A new password (on stdin) replaces the old one.
    let passwd = t
        .oaj()
        .args(["user", "passwd", "bob", "--data", "data"])
        .write_stdin("bob's new password\n")
        .output()
        .expect("runs");
    assert!(passwd.status.success(), "{}", String::from_utf8_lossy(&passwd.stderr));
    assert!(login(&addr, "bob", PASSWORD).0.starts_with("HTTP/1.1 401"));
    assert!(login(&addr, "bob", "bob's new password").0.starts_with("HTTP/1.1 303"));
    let stderr = server.stop();
    assert!(!stderr.contains("no admin account yet"), "{stderr}");
}

#[test]
fn accounts_allow_a_non_loopback_address_and_warn_without_an_admin() {
    let t = TestDir::new();
    bank(&t);
    let (server, addr) = Server::start(&t, "0.0.0.0:0");
    let port = addr.rsplit(':').next().expect("port");
    let (head, _) = http(&format!("127.0.0.1:{port}"), "GET", "/healthz", &[], "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let stderr = server.stop();
    assert!(
        stderr.contains("no admin account yet") && stderr.contains("oaj user add --admin NAME --data data"),
        "{stderr}"
    );
    let key = std::fs::metadata(t.path().join("data/session.key")).expect("the server secret is kept in the data dir");
    assert_eq!(key.len(), 32);
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&key.permissions()) & 0o777, 0o600, "only the server reads it");
}
