//! Sandbox sessions (`oaj_sandbox::Session`): the cases of one judging slot
//! run one after another in one isolated environment. Nothing of a case
//! may reach the next: no process, no file in `/box`, `/tmp` or
//! `/dev/shm`, no IPC object, and each case's measures are its own.

mod sandbox_support;

use std::time::Duration;

use oaj_sandbox::{Keep, LimitHit, RunOutcome, RunSpec, Session, Termination};
use sandbox_support::*;

/// A session, or None (said loudly) where this host cannot keep one: no
/// sandbox server, or no cgroup CPU counter.
fn session() -> Option<Session> {
    let sandbox = sandbox();
    let server_off = std::env::var("OAJ_SANDBOX_SERVER").is_ok_and(|v| v == "off" || v == "0");
    if server_off || !sandbox.supports_steps() {
        eprintln!("SKIPPED: sessions need the sandbox server and a cgroup CPU counter:\n{}", sandbox.protections());
        return None;
    }
    Some(sandbox.session())
}

fn shell(dir: &std::path::Path, script: &str, limits: oaj_sandbox::Limits) -> RunSpec {
    let mut spec = spec(dir, "sh", &["-c", script], limits);
    spec.keep = Keep::Nothing;
    spec
}

fn run(session: &mut Session, spec: &RunSpec) -> RunOutcome {
    let outcome = session.run(spec).expect("session run");
    assert_eq!(
        outcome.termination,
        Termination::Exited(0),
        "{:?}, stderr: {}",
        spec.args,
        String::from_utf8_lossy(&outcome.stderr)
    );
    outcome
}

fn stdout(outcome: &RunOutcome) -> String {
    String::from_utf8_lossy(&outcome.stdout).into_owned()
}

/// The shell's own pid inside the sandbox: 2 in a new pid namespace, more
/// in a session's second case (so the session was kept).
fn pid_of(output: &str) -> u32 {
    output.lines().find_map(|l| l.strip_prefix("pid=")).and_then(|p| p.trim().parse().ok()).expect("pid= line")
}

#[test]
fn nothing_of_a_case_reaches_the_next_one() {
    let Some(mut session) = session() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("given"), "from the judge").expect("write");
    // Case 1 leaves a process writing to /tmp and /box behind, files in
    // /box, /tmp and /dev/shm, and a SysV shared memory segment.
    let first = run(
        &mut session,
        &shell(
            dir.path(),
            "echo pid=$$; echo mine > /box/mine; echo mine > /tmp/mine; echo mine > /dev/shm/mine; \
             ipcmk -M 4096 >/dev/null; \
             (while true; do echo x >> /tmp/late; echo x >> /box/late; sleep 0.01; done) & \
             sleep 0.05; exit 0",
            limits(2000, 64),
        ),
    );
    let first_pid = pid_of(&stdout(&first));
    std::thread::sleep(Duration::from_millis(100));
    let second = run(
        &mut session,
        &shell(
            dir.path(),
            "echo pid=$$; echo files: $(ls -A /box /tmp /dev/shm); \
             for p in /proc/[0-9]*; do echo proc: $(cat $p/comm 2>/dev/null); done; \
             echo shm: $(ipcs -m | grep -c '^0x')",
            limits(2000, 64),
        ),
    );
    let text = stdout(&second);
    assert!(pid_of(&text) > first_pid, "the second case ran in the same session (pid namespace):\n{text}");
    let files = text.lines().find(|l| l.starts_with("files:")).expect("files line");
    assert!(files.contains("given"), "the work dir's files are in /box: {files}");
    for left in ["mine", "late"] {
        assert!(!files.contains(left), "{left} from the first case is gone: {files}");
    }
    let processes: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("proc: ")).collect();
    assert!(!processes.iter().any(|p| p.contains("sleep")), "no process of the first case survives: {processes:?}");
    assert!(text.contains("shm: 0"), "no SysV segment of the first case: {text}");
}

#[test]
fn a_memory_limit_hit_does_not_carry_over() {
    let Some(mut session) = session() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    // `tail` keeps a line without newline whole: 200 MB against 64 MiB.
    let hog = shell(dir.path(), "head -c 200000000 /dev/zero | tail >/dev/null", limits(5000, 64));
    let over = session.run(&hog).expect("run");
    assert_eq!(over.limit_hit, Some(LimitHit::Memory), "{over:?}");
    let light = run(&mut session, &shell(dir.path(), "echo pid=$$", limits(2000, 64)));
    assert_eq!(light.limit_hit, None);
    assert!(light.peak_memory_bytes < 32 << 20, "the light case's own peak: {}", light.peak_memory_bytes);
    assert_eq!(pid_of(&stdout(&light)), 2, "a limit ends the session: the next case starts a new one");
}

#[test]
fn a_fork_bomb_ends_its_session_and_the_next_case_is_clean() {
    let Some(mut session) = session() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let warm = run(&mut session, &shell(dir.path(), "echo pid=$$", limits(2000, 64)));
    assert_eq!(pid_of(&stdout(&warm)), 2);
    let mut bomb_limits = limits(2000, 64);
    bomb_limits.processes = 16;
    bomb_limits.wall_time = Duration::from_secs(3);
    let bomb = session.run(&shell(dir.path(), "b() { b | b & }; b; sleep 5", bomb_limits)).expect("run");
    assert!(bomb.limit_hit.is_some(), "the fork bomb hits a limit: {bomb:?}");
    let after = run(
        &mut session,
        &shell(
            dir.path(),
            "echo pid=$$; for p in /proc/[0-9]*; do echo proc: $(cat $p/comm 2>/dev/null); done",
            limits(2000, 64),
        ),
    );
    let text = stdout(&after);
    assert_eq!(pid_of(&text), 2, "a new session after the limit:\n{text}");
    let processes: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("proc: ")).collect();
    assert!(processes.len() <= 3, "only the case's own shell and its children: {processes:?}");
}

#[test]
fn each_case_is_measured_on_its_own() {
    let Some(mut session) = session() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    struct Case {
        name: &'static str,
        script: &'static str,
        check: fn(&RunOutcome) -> bool,
    }
    let busy = "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo pid=$$";
    let light = "echo pid=$$";
    let big = "head -c 60000000 /dev/zero | tail >/dev/null; echo pid=$$";
    let table = [
        Case { name: "busy", script: busy, check: |o| o.cpu_time >= Duration::from_millis(100) },
        Case { name: "light after busy", script: light, check: |o| o.cpu_time < Duration::from_millis(60) },
        Case { name: "big", script: big, check: |o| o.peak_memory_bytes >= 55 << 20 },
        Case { name: "light after big", script: light, check: |o| o.peak_memory_bytes < 32 << 20 },
        Case { name: "busy again", script: busy, check: |o| o.cpu_time >= Duration::from_millis(100) },
    ];
    let mut last_pid = 0;
    for case in &table {
        let outcome = run(&mut session, &shell(dir.path(), case.script, limits(10_000, 256)));
        let pid = pid_of(&stdout(&outcome));
        assert!(pid > last_pid, "{}: ran in the same session", case.name);
        last_pid = pid;
        assert!(
            (case.check)(&outcome),
            "{}: cpu {:?}, peak {} bytes",
            case.name,
            outcome.cpu_time,
            outcome.peak_memory_bytes
        );
    }
}
