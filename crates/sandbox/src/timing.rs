//! Where a run's milliseconds go: timestamps (CLOCK_MONOTONIC, the same
//! clock in every process of a run) marked at each phase by the judge side,
//! the exec helper and init, carried back in the helper's answer.
//!
//! They are logged at `debug` level (target `oaj_sandbox::timing`) as the
//! time since the run's first mark, and, when `OAJ_SANDBOX_TIMINGS` names a
//! file, appended to it one run per line (`phase=µs ...`), which is how
//! docs/performance.md's breakdown is measured.

use std::io::Write;
use std::sync::Mutex;

/// Marks of the current process's run: the helper serves one run at a
/// time, so one list per process is enough.
static MARKS: Mutex<Vec<(String, u64)>> = Mutex::new(Vec::new());

/// CLOCK_MONOTONIC in nanoseconds.
pub(crate) fn now_ns() -> u64 {
    // SAFETY: timespec is plain old data; valid pointer.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec.max(0) as u64) * 1_000_000_000 + ts.tv_nsec.max(0) as u64
}

/// Records that `phase` happened now.
pub(crate) fn mark(phase: &str) {
    mark_at(phase, now_ns());
}

/// Records that `phase` happened at `ns` (a time another process reported).
pub(crate) fn mark_at(phase: &str, ns: u64) {
    if let Ok(mut marks) = MARKS.lock() {
        marks.push((phase.to_string(), ns));
    }
}

/// The marks so far, leaving none.
pub(crate) fn take() -> Vec<(String, u64)> {
    MARKS.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default()
}

/// Logs one run's marks (the judge side's and the helper's, merged).
pub(crate) fn report(mut marks: Vec<(String, u64)>) {
    if marks.is_empty() {
        return;
    }
    marks.sort_by_key(|(_, ns)| *ns);
    let start = marks[0].1;
    let line = marks.iter().map(|(phase, ns)| format!("{phase}={}", (ns - start) / 1000)).collect::<Vec<_>>().join(" ");
    tracing::debug!(target: "oaj_sandbox::timing", "{line}");
    if let Some(path) = std::env::var_os("OAJ_SANDBOX_TIMINGS") {
        if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            // One write per line: runs of several processes append at once.
            let _ = file.write_all(format!("{line}\n").as_bytes());
        }
    }
}
