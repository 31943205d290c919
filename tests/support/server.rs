//! `oaj serve` as a child process, and a tiny HTTP/1.1 client for it: the
//! tests that kill, stop and restart the real server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `oaj serve`. Killed (SIGKILL) when dropped.
pub struct Server {
    child: Option<Child>,
    pub addr: String,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// What to start a server with.
pub struct ServerOptions<'a> {
    pub cwd: PathBuf,
    pub cache: PathBuf,
    pub bank: PathBuf,
    /// `--data`; None leaves it to `--config` (in `args`).
    pub data: Option<PathBuf>,
    pub env: Vec<(&'a str, String)>,
    pub args: Vec<String>,
}

impl Server {
    /// Starts `oaj serve --addr 127.0.0.1:0` and waits for its URL.
    pub fn start(options: &ServerOptions) -> Server {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("oaj"));
        command
            .current_dir(&options.cwd)
            .env("OAJ_CACHE_DIR", &options.cache)
            .env("OAJ_LOG", "info")
            .arg("--problems-dir")
            .arg(&options.bank)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(&options.args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(data) = &options.data {
            command.arg("--data").arg(data);
        }
        for (key, value) in &options.env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("oaj serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("stderr lock").push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        out.read_line(&mut first).expect("first line of stdout");
        let Some(url) = first.trim().strip_prefix("OA Judge is running at ") else {
            let _ = child.kill();
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(200));
            panic!("no URL in {first:?}; stderr:\n{}", stderr.lock().expect("lock"));
        };
        let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        let stdout = Arc::new(Mutex::new(first.clone()));
        let sink = stdout.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while out.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().expect("stdout lock").push_str(&line);
                line.clear();
            }
        });
        Server { child: Some(child), addr, stdout, stderr }
    }

    pub fn pid(&self) -> i32 {
        self.child.as_ref().expect("running").id() as i32
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().expect("lock").clone()
    }

    /// SIGKILL, as a crash or the OOM killer would.
    pub fn kill9(&mut self) {
        let mut child = self.child.take().expect("running");
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
    }

    /// SIGTERM, then waits at most `limit` for the exit; None if it did not
    /// exit in time (it is then killed).
    pub fn sigterm(&mut self, limit: Duration) -> Option<(ExitStatus, Duration)> {
        let mut child = self.child.take().expect("running");
        let started = Instant::now();
        // SAFETY: plain kill(2) on our own child.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
        while started.elapsed() < limit {
            if let Some(status) = child.try_wait().expect("try_wait") {
                return Some((status, started.elapsed()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, None, "")
    }

    pub fn post_json(&self, path: &str, body: &str) -> Reply {
        self.request("POST", path, Some("application/json"), body)
    }

    pub fn post_form(&self, path: &str, body: &str) -> Reply {
        self.request("POST", path, Some("application/x-www-form-urlencoded"), body)
    }

    pub fn request(&self, method: &str, path: &str, content_type: Option<&str>, body: &str) -> Reply {
        http(&self.addr, method, path, content_type, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A response: status, headers (lower-case names) and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
    }
}

/// One request on a new connection (`Connection: close`).
pub fn http(addr: &str, method: &str, path: &str, content_type: Option<&str>, body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(kind) = content_type {
        head.push_str(&format!("Content-Type: {kind}\r\nContent-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    stream.write_all(body.as_bytes()).expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status_line = lines.next().expect("status line");
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Reply { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else { return out };
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16).unwrap_or(0);
        data = &data[end + 2..];
        if size == 0 || data.len() < size {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

/// Polls `check` every 100 ms until it returns Some, at most `limit`.
pub fn wait_for<T>(limit: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(started.elapsed() < limit, "timed out after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
