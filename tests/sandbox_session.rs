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

/// The work dir's files that stay in `/box` between cases (the program
/// cannot change them) are what the host work dir holds at each case: a
/// host file changed between cases (same size), a file gone from it, and
/// another work dir.
#[test]
fn files_kept_in_box_follow_the_host_work_dir() {
    let Some(mut session) = session() else { return };
    let first_dir = tempfile::tempdir().expect("tempdir");
    let other_dir = tempfile::tempdir().expect("tempdir");
    let write = |dir: &std::path::Path, name: &str, text: &str| {
        std::fs::write(dir.join(name), text).expect("write");
        std::fs::set_permissions(dir.join(name), std::os::unix::fs::PermissionsExt::from_mode(0o644)).expect("chmod");
    };
    write(first_dir.path(), "data", "one");
    write(first_dir.path(), "extra", "extra");
    write(other_dir.path(), "data", "other");
    let show = "echo pid=$$; echo data=$(cat /box/data); echo files=$(ls /box)";
    let mut last_pid = 0;
    let mut case = |dir: &std::path::Path| {
        let text = stdout(&run(&mut session, &shell(dir, show, limits(2000, 64))));
        let pid = pid_of(&text);
        assert!(pid > last_pid, "ran in the same session:\n{text}");
        last_pid = pid;
        text
    };
    let text = case(first_dir.path());
    assert!(text.contains("data=one") && text.contains("files=data extra"), "{text}");
    let text = case(first_dir.path());
    assert!(text.contains("data=one") && text.contains("files=data extra"), "again: {text}");
    write(first_dir.path(), "data", "two");
    std::fs::remove_file(first_dir.path().join("extra")).expect("remove");
    let text = case(first_dir.path());
    assert!(text.contains("data=two") && text.contains("files=data\n"), "the host's new data, no extra: {text}");
    let text = case(other_dir.path());
    assert!(text.contains("data=other") && text.contains("files=data\n"), "the other work dir's: {text}");
}

/// Cross-case attacks: case 1 (`main plant WHAT`, in
/// tests/sandbox_session/cross_case.c) leaves something behind; case 2 of
/// the same session (`main check`) must find nothing of it, and nothing of
/// it may act on case 2 (write into its stdout or /box, take its CPU time,
/// memory peak or pids). The programs cannot see each other in `/proc`
/// (`hidepid=2`, and they are not dumpable), even within one case, so a
/// survivor shows itself through what it does: it writes `/box/daemon`
/// every 10 ms (a survivor would write into case 2's new `/box`, which is
/// mounted over the same path), spins (case 2's CPU) or holds memory
/// (case 2's peak).
#[test]
fn cross_case_attacks_leave_nothing_for_the_next_case() {
    let Some(_) = session() else { return };
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let source = include_str!("sandbox_session/cross_case.c");
    let compiled = compile_c(&sandbox, dir.path(), source, &[]);
    assert!(compiled.success(), "cross_case.c compiles: {}", String::from_utf8_lossy(&compiled.stderr));
    std::fs::remove_file(dir.path().join("main.c")).expect("remove the source");

    /// What case 1 must have done for the row to test anything.
    #[derive(Clone, Copy)]
    enum Plant {
        /// Exited 0 having planted it ("planted" on stdout) and ran in the
        /// session, which stays for case 2.
        Kept,
        /// Case 1 runs out of pids. Whether the refused forks count as a
        /// limit depends on which limit refused them first (the cgroup's
        /// `pids.max` is a limit hit, which ends the session; the uid's
        /// `RLIMIT_NPROC` is not); either way case 2 must be able to fork,
        /// and after a limit hit it runs in a new session (pid 2).
        Exhausts,
    }
    struct Row {
        what: &'static str,
        plant: Plant,
        memory_mb: u64,
        processes: u32,
    }
    let row = |what, plant| Row { what, plant, memory_mb: 256, processes: 16 };
    let table = [
        row("daemon", Plant::Kept),
        row("pgid", Plant::Kept),
        row("files", Plant::Kept),
        row("sysv", Plant::Kept),
        row("shm-big", Plant::Kept),
        row("mqueue", Plant::Kept),
        row("fifo", Plant::Kept),
        row("fd", Plant::Kept),
        row("init", Plant::Kept),
        row("cpu", Plant::Kept),
        row("memory", Plant::Kept),
        row("box-attrs", Plant::Kept),
        row("deep", Plant::Kept),
        row("many", Plant::Kept),
        row("hardlink", Plant::Kept),
        row("unlinked", Plant::Kept),
        row("replace-exe", Plant::Kept),
        Row { what: "pids", plant: Plant::Exhausts, memory_mb: 256, processes: 12 },
    ];
    let mut failures = Vec::new();
    for row in &table {
        let mut session = sandbox.session();
        let mut case_limits = limits(2000, row.memory_mb);
        case_limits.processes = row.processes;
        // Generous: a loaded host slows everything; the CPU limit decides.
        case_limits.wall_time = Duration::from_secs(20);
        let mut plant = spec(dir.path(), "./main", &["plant", row.what], case_limits.clone());
        plant.keep = Keep::Nothing;
        let first = session.run(&plant).expect("case 1 runs");
        let first_out = stdout(&first);
        let mut check = spec(dir.path(), "./main", &["check"], limits(2000, 256));
        check.limits.wall_time = Duration::from_secs(20);
        check.keep = Keep::Nothing;
        let second = session.run(&check).expect("case 2 runs");
        let text = stdout(&second);
        let mut problems = Vec::new();
        // The control: plant and check in ONE case, where what case 1
        // leaves is still there; the check must see it, or it proves
        // nothing across cases.
        if [
            "daemon",
            "pgid",
            "files",
            "sysv",
            "mqueue",
            "fifo",
            "box-attrs",
            "deep",
            "many",
            "hardlink",
            "unlinked",
            "replace-exe",
        ]
        .contains(&row.what)
        {
            let script = format!("./main plant {} >/dev/null && ./main check", row.what);
            let mut both = shell(dir.path(), &script, case_limits.clone());
            both.limits.wall_time = Duration::from_secs(20);
            let control = session.run(&both).expect("the control runs");
            if !stdout(&control).contains("LEAK") {
                problems.push(format!("the check misses the plant within one case: {}", stdout(&control)));
            }
        }
        match row.plant {
            Plant::Kept => {
                if first.termination != Termination::Exited(0) || first.limit_hit.is_some() {
                    problems.push(format!(
                        "case 1 did not plant: {:?} {:?}: {first_out}{}",
                        first.termination,
                        first.limit_hit,
                        String::from_utf8_lossy(&first.stderr)
                    ));
                } else if !first_out.contains("planted") {
                    problems.push(format!("case 1 did not plant: {first_out}"));
                }
                let first_pid: u32 =
                    first_out.split("pid=").nth(1).and_then(|p| p.trim().parse().ok()).unwrap_or(u32::MAX);
                if problems.is_empty() && pid_of(&text) <= first_pid {
                    problems.push(format!(
                        "case 2 did not run in case 1's session (pid {} after {first_pid})",
                        pid_of(&text)
                    ));
                }
            }
            Plant::Exhausts => {
                if !first_out.contains("before fork failed") && first.limit_hit.is_none() {
                    problems.push(format!("case 1 never ran out of pids: {first_out}"));
                }
                if first.limit_hit.is_some() && pid_of(&text) != 2 {
                    problems.push(format!("case 2 did not start a new session (pid {})", pid_of(&text)));
                }
            }
        }
        // Init runs as another user: not one signal reaches it.
        if row.what == "init" && first_out.contains("accepted") {
            problems.push(format!("case 1 could signal init: {first_out}"));
        }
        if second.termination != Termination::Exited(0) || !text.contains("check done") {
            problems.push(format!("case 2 failed: {:?} {:?}", second.termination, second.limit_hit));
        }
        for line in text.lines().filter(|l| l.starts_with("LEAK") || l.contains("DAEMON")) {
            problems.push(format!("case 2 saw: {line}"));
        }
        // Case 2 sleeps 400 ms and forks four times: its CPU is tiny unless
        // a spinner of case 1 is charged to it.
        if second.cpu_time > Duration::from_millis(150) {
            problems.push(format!("case 2's CPU time is not its own: {:?}", second.cpu_time));
        }
        if second.peak_memory_bytes > 32 << 20 {
            problems.push(format!("case 2's peak is not its own: {} KiB", second.peak_memory_bytes >> 10));
        }
        eprintln!(
            "{:<8} {} case 1 {:?}/{:?} cpu {:?}; case 2 cpu {:?} peak {} KiB",
            row.what,
            if problems.is_empty() { "ok    " } else { "FAILED" },
            first.termination,
            first.limit_hit,
            first.cpu_time,
            second.cpu_time,
            second.peak_memory_bytes >> 10
        );
        failures.extend(problems.into_iter().map(|p| format!("{}: {p}", row.what)));
    }
    assert!(failures.is_empty(), "cross-case failures:\n{}", failures.join("\n"));
}

/// The same attack on one-shot runs: a run that leaves 100 MiB of SysV
/// shared memory behind (its IPC namespace is freed asynchronously, and the
/// run's cgroup may go back to the pool for the next run) must not inflate
/// the next run's peak.
#[test]
fn orphaned_shared_memory_of_a_one_shot_run_is_not_charged_to_the_next() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let compiled = compile_c(&sandbox, dir.path(), include_str!("sandbox_session/cross_case.c"), &[]);
    assert!(compiled.success(), "cross_case.c compiles: {}", String::from_utf8_lossy(&compiled.stderr));
    for round in 0..3 {
        let mut plant = spec(dir.path(), "./main", &["plant", "shm-big"], limits(2000, 256));
        plant.keep = Keep::Nothing;
        let planted = sandbox.run(&plant).expect("plant runs");
        assert!(stdout(&planted).contains("planted"), "{planted:?}");
        let mut check = spec(dir.path(), "./main", &["check"], limits(2000, 256));
        check.keep = Keep::Nothing;
        let checked = sandbox.run(&check).expect("check runs");
        assert!(stdout(&checked).contains("check done"), "{checked:?}");
        assert!(
            checked.peak_memory_bytes < 32 << 20,
            "round {round}: the next run's peak is {} KiB",
            checked.peak_memory_bytes >> 10
        );
    }
}
