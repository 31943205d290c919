//! A child process (`oaj serve`, `oaj worker`) whose stdout lines are
//! collected as they come, so a test can wait for what it prints.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Proc {
    pub child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Proc {
    pub fn spawn(mut cmd: Command) -> Proc {
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("oaj starts");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(line);
            }
        });
        Proc { child, lines }
    }

    /// The first line starting with `prefix`, waiting up to 30 s for it.
    pub fn wait_line(&self, prefix: &str) -> String {
        let until = Instant::now() + Duration::from_secs(30);
        while Instant::now() < until {
            if let Some(line) = self.lines.lock().expect("lines").iter().find(|l| l.starts_with(prefix)) {
                return line.clone();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("no line starting {prefix:?} in {:?}", self.lines.lock().expect("lines"));
    }

    /// The jobs a worker printed as claimed.
    pub fn claimed(&self) -> BTreeSet<i64> {
        let lines = self.lines.lock().expect("lines");
        lines.iter().filter_map(|l| l.strip_prefix("claimed job ")?.trim().parse().ok()).collect()
    }

    /// SIGTERM, then waits for a clean exit.
    pub fn stop(mut self) {
        // SAFETY: plain kill(2) on our own child.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "{status:?}");
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
