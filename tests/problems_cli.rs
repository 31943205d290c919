//! Adding a problem to a running `oaj serve` through the real binary: a
//! directory under `--problem-import-root` is imported from the web page,
//! validated in the background, becomes practicable without a restart, and
//! is still there (with its hidden-from-draw mark) after one.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{stdio_problem, toolchain_available, TestDir};

fn http(addr: &str, method: &str, path: &str, form: Option<&str>) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let body = form.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

fn location(reply: &str) -> String {
    reply
        .lines()
        .find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")))
        .unwrap_or_else(|| panic!("no Location in {reply}"))
        .trim()
        .to_string()
}

/// Starts `oaj serve` on a free port; returns the child and its address.
fn serve(t: &TestDir, root: &Path) -> (Child, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("oaj"))
        .current_dir(t.path())
        .env("OAJ_CACHE_DIR", t.cache())
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(t.path().join("data"))
        .arg("--problems-dir")
        .arg(t.path().join("bank"))
        .arg("--problem-import-root")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("oaj serve starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let url = first.trim().strip_prefix("OA Judge is running at ").unwrap_or_else(|| panic!("no URL in {first:?}"));
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = stdout.read_to_string(&mut rest);
    });
    (child, addr)
}

fn stop(mut child: Child) {
    // SAFETY: plain kill(2) on our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let status = child.wait().expect("wait");
    assert!(status.success(), "exit {status:?}");
}

#[test]
fn a_problem_added_from_the_web_page_is_practicable_at_once_and_after_a_restart() {
    if !toolchain_available("python") {
        return;
    }
    let t = TestDir::new();
    stdio_problem(&t, "bank/add", "", &[("sample", "1", "1 2\n", "3\n"), ("hidden", "a", "2 2\n", "4\n")]);
    stdio_problem(&t, "imports/mul", "", &[("sample", "1", "2 3\n", "6\n"), ("hidden", "a", "4 5\n", "20\n")]);
    t.write(&[("imports/mul/solutions/accepted/mul.py", b"a, b = map(int, input().split())\nprint(a * b)\n")]);
    let root = t.path().join("imports");

    let (child, addr) = serve(&t, &root);
    let reply = http(&addr, "GET", "/practice/mul", None);
    assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
    let form = format!("path={}", root.join("mul").display());
    let reply = http(&addr, "POST", "/admin/problems/import-dir", Some(&form));
    assert!(reply.starts_with("HTTP/1.1 303"), "{reply}");
    let page = location(&reply);
    let id = page.rsplit('/').next().expect("id").to_string();
    let mut json = String::new();
    for _ in 0..600 {
        let reply = http(&addr, "GET", &format!("/api/admin/problems/imports/{id}"), None);
        json = reply.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
        if !json.contains("\"status\":\"validating\"") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(json.contains("\"status\":\"ready\""), "{json}");
    let reply = http(&addr, "GET", &page, None);
    assert!(reply.contains("Validation log") && reply.contains("solutions/accepted/mul.py"), "{reply}");
    // In the bank without a restart.
    let reply = http(&addr, "GET", "/practice/mul", None);
    assert!(reply.starts_with("HTTP/1.1 303"), "{reply}");
    let reply = http(&addr, "POST", "/admin/problems/add/draw", Some("hidden=true"));
    assert!(reply.starts_with("HTTP/1.1 303"), "{reply}");
    stop(child);

    let (child, addr) = serve(&t, &root);
    let reply = http(&addr, "GET", "/admin/problems", None);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let row = reply.split("data-slug=\"mul\"").nth(1).expect("mul is listed after a restart");
    assert!(row.split("</tr>").next().unwrap_or_default().contains(">added<"), "{reply}");
    let row = reply.split("data-slug=\"add\"").nth(1).expect("add is listed");
    assert!(row.split("</tr>").next().unwrap_or_default().contains("Show in drawing"), "{reply}");
    let reply = http(&addr, "GET", "/practice/mul", None);
    assert!(reply.starts_with("HTTP/1.1 303"), "{reply}");
    stop(child);
    assert!(t.path().join("data/problems/mul/problem.toml").is_file());
}
