//! Shared by the sandbox integration tests: a sandbox whose exec helper is
//! the `oaj` binary under test, and run specs in per-test temp dirs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use oaj_sandbox::{Keep, Limits, RunOutcome, RunSpec, Sandbox, SandboxConfig, Stdin};

pub const PATH: &str = "/usr/local/bin:/usr/bin:/bin";

pub fn sandbox() -> Sandbox {
    let sandbox = Sandbox::with_config(SandboxConfig::with_oaj_binary(env!("CARGO_BIN_EXE_oaj")));
    assert!(sandbox.is_isolated(), "these tests need isolation (root or user namespaces):\n{}", sandbox.protections());
    sandbox
}

pub fn limits(cpu_ms: u64, memory_mb: u64) -> Limits {
    Limits::for_test_case(Duration::from_millis(cpu_ms), memory_mb << 20)
}

pub fn spec(work_dir: &Path, program: &str, args: &[&str], limits: Limits) -> RunSpec {
    RunSpec {
        program: program.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
        env: vec![("PATH".into(), PATH.into())],
        work_dir: work_dir.to_path_buf(),
        stdin: Stdin::Null,
        limits,
        read_only_paths: vec![],
        // Tests compile in the work dir and look at what runs leave there.
        keep: Keep::Everything,
    }
}

/// Compiles a C source inside the sandbox, as the judge does.
pub fn compile_c(sandbox: &Sandbox, work_dir: &Path, source: &str, extra: &[&str]) -> RunOutcome {
    std::fs::write(work_dir.join("main.c"), source).expect("write main.c");
    let mut args = vec!["-std=gnu17", "-O2", "-pipe", "-o", "main", "main.c", "-lm", "-lpthread"];
    args.extend_from_slice(extra);
    let mut compile = spec(work_dir, "gcc", &args, limits(20_000, 1024));
    compile.limits.processes = 16;
    sandbox.run(&compile).expect("sandbox runs gcc")
}

pub fn rustc_sysroot() -> Option<PathBuf> {
    let out = Command::new("rustc").args(["--print", "sysroot"]).output().ok()?;
    out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

pub fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// Processes on the host whose command line mentions `marker`.
pub fn processes_mentioning(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else { return found };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            if cmdline.contains(marker) {
                found.push(format!("{}: {cmdline}", name.to_string_lossy()));
            }
        }
    }
    found
}

/// Pids of processes on the host whose command line mentions `marker`.
pub fn pids_mentioning(marker: &str) -> Vec<u32> {
    processes_mentioning(marker).iter().filter_map(|p| p.split(':').next()?.parse().ok()).collect()
}

/// Waits until `ready` holds, polling; panics with `what` after `timeout`.
/// For tests where one run must be in a given state before the next starts:
/// they wait for the state itself, never for a guessed delay.
pub fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + timeout;
    while !ready() {
        assert!(std::time::Instant::now() < deadline, "timed out after {timeout:?} waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether the network namespace of process `pid` lists `needle` in
/// `/proc/PID/net/<table>` (`unix`, `netlink`...).
pub fn net_table_of_process_mentions(pid: u32, table: &str, needle: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).is_ok_and(|text| text.contains(needle))
}

/// Processes on the host that run as `uid` (the sandbox uid).
pub fn processes_of_uid(uid: u32) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else { return found };
    for entry in entries.flatten() {
        if let Ok(status) = std::fs::read_to_string(entry.path().join("status")) {
            let owner = status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|u| u.parse::<u32>().ok());
            if owner == Some(uid) {
                found.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    found
}

/// Run cgroups left behind beneath this process's own memory cgroup (v1)
/// or v2 cgroup (wherever the host mounts them: a hybrid host has both, a
/// pure v2 host only the unified one; see `oaj_sandbox::own_cgroup_dirs`),
/// by helpers that no longer exist. Other judges on the host have cgroups
/// of their own and are not counted.
pub fn leftover_cgroups() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for base in oaj_sandbox::own_cgroup_dirs() {
        walk(&base, 0, &mut found);
    }
    found
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if depth > 2 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("oaj-run-") {
                // Only runs of helpers that no longer exist count as leaks.
                if !Path::new("/proc").join(pid).exists() {
                    found.push(entry.path());
                }
            }
            walk(&entry.path(), depth + 1, found);
        }
    }
}
