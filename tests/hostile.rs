//! The hostile suite: every program under `tests/hostile/` attacks the
//! sandbox or the host and declares, in its header comment, what must
//! happen. Add a case by adding a file.
//!
//! Header keys (`// key: value` in C, `# key: value` in Python):
//! - `expect`: acceptable outcomes separated by `|`: `ok`, `exit` (non-zero),
//!   `signal`, or a limit: `cpu_time`, `wall_time`, `memory`, `output`,
//!   `processes`, `file_size`.
//! - `limits`: `cpu_ms= wall_ms= memory_mb= processes= stdout_bytes=` overrides
//!   (CPU-bound cases get a wide wall limit so that a loaded host still
//!   shows the CPU limit, not the wall limit).
//! - `stdout`: the exact stdout (trimmed).
//! - `runs`: arguments of successive runs in the same work dir (`a | b`).
//! - `phase: compile`: the compile itself is the hostile act.
//! - `max_wall_ms`: the run must end this fast.
//! - `min_peak_mb`: the run must have used this much memory (it really ran).
//! - `stderr_truncated: true`.
//! - `artifact_refused`: work dir files that `read_artifact` must refuse.
//! - `host_absent`: host paths that must not exist afterwards.
//! - `keep: all`: the runs keep every file they leave in the work dir (as a
//!   compile does); otherwise nothing (as a test run does).
//! - `max_host_disk_mb`: while the runs go on, the free space of the host
//!   file system holding the work dir must not drop by more than this
//!   (other writers on the host add noise: keep it coarse).
//! - `max_work_dir_mb`: the host work dir holds at most this much afterwards.
//! - `needs: cgroups`: the expected outcome needs cgroups (without them the
//!   containment checks still apply, the outcome is not checked).
//!
//! `HOSTILE_FILTER=name` runs the matching cases only; `HOSTILE_SHOW=1`
//! prints what they wrote to stdout.
//!
//! Every case also checks: no output line starts with `LEAK`, the hidden
//! answer never shows up, nor any host path of the test (the problem dir,
//! the case's name, the work dir, the judge's binary), no process of the run
//! survives, no run cgroup is left, the work dir holds no symlink or
//! special file afterwards, and a normal run still works afterwards.
//!
//! The table runs twice: each run on its own (`Sandbox::run`), and every
//! row whose runs keep no files through ONE sandbox session in sequence
//! (`Session::run`, as a judging's cases run), so each row is also the next
//! case of the row before and must find nothing of it.

mod sandbox_support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oaj_sandbox::{read_artifact, Keep, LimitHit, RunOutcome, Sandbox, Session, Stdin, Termination};
use sandbox_support::*;

struct Case {
    name: String,
    path: PathBuf,
    python: bool,
    keys: HashMap<String, String>,
}

fn load_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut cases: Vec<Case> = std::fs::read_dir(&dir)
        .expect("tests/hostile exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "py")))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read case");
            let python = path.extension().is_some_and(|e| e == "py");
            let prefix = if python { "#" } else { "//" };
            let keys = text
                .lines()
                .take_while(|l| l.starts_with(prefix))
                .filter_map(|l| {
                    let (key, value) = l.trim_start_matches(prefix).split_once(':')?;
                    let key = key.trim();
                    (!key.contains(' ')).then(|| (key.to_string(), value.trim().to_string()))
                })
                .collect();
            Case { name: path.file_name().expect("name").to_string_lossy().into_owned(), path, python, keys }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn classify(outcome: &RunOutcome) -> &'static str {
    match outcome.limit_hit {
        Some(LimitHit::CpuTime) => "cpu_time",
        Some(LimitHit::WallTime) => "wall_time",
        Some(LimitHit::Memory) => "memory",
        Some(LimitHit::Output) => "output",
        Some(LimitHit::Processes) => "processes",
        Some(LimitHit::FileSize) => "file_size",
        None => match outcome.termination {
            Termination::Exited(0) => "ok",
            Termination::Exited(_) => "exit",
            Termination::Signaled(_) => "signal",
        },
    }
}

impl Case {
    fn limits(&self) -> oaj_sandbox::Limits {
        let mut limits = limits(500, 64);
        limits.processes = 16;
        if let Some(spec) = self.keys.get("limits") {
            for pair in spec.split_whitespace() {
                let (key, value) = pair.split_once('=').expect("limits are key=value");
                let value: u64 = value.parse().expect("limit is a number");
                match key {
                    "cpu_ms" => {
                        limits.cpu_time = Duration::from_millis(value);
                        limits.wall_time = limits.cpu_time * 2 + Duration::from_secs(1);
                    }
                    "wall_ms" => limits.wall_time = Duration::from_millis(value),
                    "memory_mb" => limits.memory_bytes = value << 20,
                    "processes" => limits.processes = value as u32,
                    "stdout_bytes" => limits.stdout_bytes = value,
                    other => panic!("{}: unknown limit {other}", self.name),
                }
            }
        }
        limits
    }

    /// True when the case's runs may go through a session: they keep no
    /// files and the program itself is the attack (a compile is a one-shot
    /// run in the judge too).
    fn suits_session(&self) -> bool {
        self.keys.get("phase").is_none_or(|p| p != "compile") && self.keys.get("keep").is_none_or(|k| k != "all")
    }

    /// Runs the case, its program's runs through `session` when given (the
    /// compile is always a one-shot run, as in the judge); returns the
    /// problems found and a one-line summary.
    fn run(&self, sandbox: &Sandbox, mut session: Option<&mut Session>) -> (Vec<String>, String) {
        let mut problems = Vec::new();
        // Other judges on this host may have leaked before; count only ours.
        let leaks_before = leftover_cgroups();
        let root = tempfile::tempdir().expect("tempdir");
        let work = root.path().join("work");
        std::fs::create_dir(&work).expect("work dir");
        // A problem directory next to the work dir, as the judge keeps one.
        let hidden = root.path().join("problem/tests/hidden");
        std::fs::create_dir_all(&hidden).expect("hidden dir");
        let secret = format!("SECRET-ANSWER-{}", std::process::id());
        std::fs::write(hidden.join("1.ans"), &secret).expect("write answer");
        std::fs::write(hidden.join("1.in"), "1 2\n").expect("write input");

        let source = std::fs::read_to_string(&self.path).expect("read source");
        let compile_phase = self.keys.get("phase").is_some_and(|p| p == "compile");
        let mut outcomes = Vec::new();
        // Per mode: the two modes run at once in this process.
        let marker =
            format!("oaj-hostile-{}-{}", std::process::id(), if session.is_some() { "session" } else { "oneshot" });
        let (program, mut base_args): (&str, Vec<String>) = if self.python {
            std::fs::write(work.join("main.py"), &source).expect("write main.py");
            ("python3", vec!["-S".into(), "main.py".into()])
        } else {
            let mut limits = self.limits();
            limits.processes = 16;
            if compile_phase {
                std::fs::write(work.join("main.c"), &source).expect("write main.c");
                let mut compile = spec(&work, "gcc", &["-O2", "-o", "main", "main.c"], limits);
                compile.args.push(format!("-D{}", marker.replace('-', "_")));
                outcomes.push(sandbox.run(&compile).expect("compile runs"));
            } else {
                let compiled = compile_c(sandbox, &work, &source, &[]);
                if !compiled.success() {
                    let error = format!("does not compile: {}", String::from_utf8_lossy(&compiled.stderr));
                    return (vec![error], String::new());
                }
            }
            ("./main", vec![])
        };
        if !compile_phase {
            // The marker tags the program's processes so strays can be found.
            base_args.push(marker.clone());
            let runs: Vec<String> = match self.keys.get("runs") {
                Some(runs) => runs.split('|').map(|r| r.trim().to_string()).collect(),
                None => vec![String::new()],
            };
            for run_arg in runs {
                let mut args = base_args.clone();
                if !run_arg.is_empty() {
                    // The run's own argument goes first (argv[1]).
                    let at = if self.python { 2 } else { 0 };
                    args.insert(at, run_arg);
                }
                let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
                let mut run = spec(&work, program, &arg_refs, self.limits());
                run.stdin = Stdin::File(hidden.join("1.in"));
                run.env.push(("HIDDEN_ANS".into(), hidden.join("1.ans").display().to_string()));
                run.keep = match self.keys.get("keep").map(String::as_str) {
                    Some("all") => Keep::Everything,
                    _ => Keep::Nothing,
                };
                let watch = self.keys.get("max_host_disk_mb").map(|_| DiskWatch::start(&work));
                let result = match session.as_deref_mut() {
                    Some(session) => session.run(&run),
                    None => sandbox.run(&run),
                };
                if let (Some(watch), Some(max)) = (watch, self.keys.get("max_host_disk_mb")) {
                    let max: u64 = max.parse().expect("max_host_disk_mb is a number");
                    let dropped = watch.stop();
                    if dropped > max << 20 {
                        problems.push(format!("host free space dropped by {} MiB during the run", dropped >> 20));
                    }
                }
                match result {
                    Ok(outcome) => outcomes.push(outcome),
                    Err(e) => return (vec![format!("sandbox error: {e}")], String::new()),
                }
            }
        }

        if std::env::var_os("HOSTILE_SHOW").is_some() {
            for outcome in &outcomes {
                eprintln!("--- {} stdout:\n{}", self.name, String::from_utf8_lossy(&outcome.stdout));
            }
        }
        let expected: Vec<&str> =
            self.keys.get("expect").map(|e| e.split('|').map(str::trim).collect()).unwrap_or_default();
        assert!(!expected.is_empty(), "{}: no `expect` key", self.name);
        let last = outcomes.last().expect("at least one run");
        let got = classify(last);
        let outcome_checked = self.keys.get("needs").is_none_or(|n| n != "cgroups")
            || sandbox.protections().is_active(oaj_sandbox::ProtectionKind::Cgroups);
        if outcome_checked && !expected.contains(&got) {
            problems.push(format!(
                "expected {} but got {got} ({:?}, limit {:?}, cpu {:?}, wall {:?}, peak {} KiB, stderr {:?})",
                expected.join("|"),
                last.termination,
                last.limit_hit,
                last.cpu_time,
                last.wall_time,
                last.peak_memory_bytes >> 10,
                String::from_utf8_lossy(&last.stderr[..last.stderr.len().min(300)])
            ));
        }
        let host_paths = [
            root.path().display().to_string(),
            hidden.display().to_string(),
            "hidden/1.in".to_string(),
            env!("CARGO_BIN_EXE_oaj").to_string(),
        ];
        for outcome in &outcomes {
            for stream in [&outcome.stdout, &outcome.stderr] {
                let text = String::from_utf8_lossy(stream);
                for path in &host_paths {
                    if text.contains(path.as_str()) {
                        problems.push(format!("the host path {path} reached the program"));
                    }
                }
                for line in text.lines().filter(|l| l.starts_with("LEAK")) {
                    problems.push(format!("program reports: {line}"));
                }
                if text.contains(&secret) {
                    problems.push("the hidden answer reached the program".into());
                }
            }
        }
        if let Some(stdout) = self.keys.get("stdout") {
            let got = String::from_utf8_lossy(&last.stdout);
            if got.trim() != stdout.trim() {
                problems.push(format!("stdout {:?}, expected {stdout:?}", got.trim()));
            }
        }
        if let Some(max) = self.keys.get("max_wall_ms") {
            let max = Duration::from_millis(max.parse().expect("max_wall_ms is a number"));
            if last.wall_time > max {
                problems.push(format!("took {:?}, more than {max:?}", last.wall_time));
            }
        }
        if let Some(min) = self.keys.get("min_peak_mb") {
            let min: u64 = min.parse().expect("min_peak_mb is a number");
            if last.peak_memory_bytes < min << 20 {
                problems.push(format!("peak {} KiB, expected at least {min} MiB", last.peak_memory_bytes >> 10));
            }
        }
        if self.keys.get("stderr_truncated").is_some_and(|v| v == "true") {
            if !last.stderr_truncated || last.stderr.len() as u64 != self.limits().stderr_bytes {
                problems.push(format!(
                    "stderr should be truncated at the cap, got {} bytes (truncated {})",
                    last.stderr.len(),
                    last.stderr_truncated
                ));
            }
        }
        if let Some(names) = self.keys.get("artifact_refused") {
            for name in names.split_whitespace() {
                if let Ok(bytes) = read_artifact(&work, name, 1 << 20) {
                    problems.push(format!("read_artifact accepted {name} ({} bytes)", bytes.len()));
                }
            }
        }
        if let Some(max) = self.keys.get("max_work_dir_mb") {
            let max: u64 = max.parse().expect("max_work_dir_mb is a number");
            let total: u64 = walk_files(&work).iter().filter_map(|p| p.symlink_metadata().ok()).map(|m| m.len()).sum();
            if total > max << 20 {
                problems.push(format!("the work dir holds {} MiB afterwards", total >> 20));
            }
        }
        for entry in walk_files(&work) {
            let Ok(meta) = entry.symlink_metadata() else { continue };
            if !meta.is_file() && !meta.is_dir() {
                problems.push(format!("the run left {} ({:?}) in the work dir", entry.display(), meta.file_type()));
            }
        }
        if let Some(paths) = self.keys.get("host_absent") {
            for path in paths.split_whitespace() {
                if Path::new(path).exists() {
                    problems.push(format!("{path} was created on the host"));
                    let _ = std::fs::remove_file(path);
                }
            }
        }
        if Path::new("/tmp/oaj-hostile-tiocsti").exists() {
            problems.push("TIOCSTI reached a terminal".into());
        }
        let strays = processes_mentioning(&marker);
        if !strays.is_empty() {
            problems.push(format!("processes survived the run: {strays:?}"));
        }
        // A helper removes its cgroup after answering: give it a moment.
        let mut cgroups: Vec<PathBuf> = Vec::new();
        for _ in 0..30 {
            cgroups = leftover_cgroups().into_iter().filter(|c| !leaks_before.contains(c)).collect();
            if cgroups.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if !cgroups.is_empty() {
            problems.push(format!("cgroups left behind: {cgroups:?}"));
        }
        // Nothing may be left outside the run's temp dir: the work dir's
        // parent holds exactly what the test created.
        let mut siblings: Vec<String> = std::fs::read_dir(root.path())
            .expect("read temp dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        siblings.sort();
        if siblings != ["problem", "work"] {
            problems.push(format!("files appeared next to the work dir: {siblings:?}"));
        }
        let summary = format!(
            "{got:<10} cpu {:>5} ms  wall {:>5} ms  peak {:>7} KiB",
            last.cpu_time.as_millis(),
            last.wall_time.as_millis(),
            last.peak_memory_bytes >> 10
        );
        (problems, summary)
    }
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            found.extend(walk_files(&path));
        }
        found.push(path);
    }
    found
}

/// Samples the free space of the file system holding a path, from another
/// thread, while a run goes on; reports the largest drop.
struct DiskWatch {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<u64>,
}

fn free_bytes(path: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return 0 };
    // SAFETY: statvfs is plain old data; valid pointers.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c_path.as_ptr(), &mut st) } != 0 {
        return 0;
    }
    st.f_bavail * st.f_frsize
}

impl DiskWatch {
    fn start(path: &Path) -> Self {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let path = path.to_path_buf();
        let before = free_bytes(&path);
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut dropped = 0;
            while !flag.load(std::sync::atomic::Ordering::SeqCst) {
                dropped = dropped.max(before.saturating_sub(free_bytes(&path)));
                std::thread::sleep(Duration::from_millis(2));
            }
            dropped
        });
        DiskWatch { stop, thread }
    }

    fn stop(self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        self.thread.join().expect("disk watch")
    }
}

/// How the table's programs are run.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Each run on its own (`Sandbox::run`).
    OneShot,
    /// Every row's runs one after another through ONE session
    /// (`Session::run`), as a judging's cases are: each row is also the
    /// "next case" of the row before, so whatever a row leaves behind (a
    /// process, a file, an IPC object) would show up in the next row's
    /// checks or break its expectation. A row that hits a limit ends the
    /// session; the next row starts a new one.
    Session,
}

fn run_table(mode: Mode) {
    let sandbox = sandbox();
    if mode == Mode::Session {
        let server_off = std::env::var("OAJ_SANDBOX_SERVER").is_ok_and(|v| v == "off" || v == "0");
        if server_off || !sandbox.supports_steps() {
            eprintln!("SKIPPED: sessions need the sandbox server and a cgroup CPU counter");
            return;
        }
    }
    let mut session = (mode == Mode::Session).then(|| sandbox.session());
    let cases = load_cases();
    assert!(cases.len() >= 25, "the suite has {} cases", cases.len());
    let filter = std::env::var("HOSTILE_FILTER").unwrap_or_default();
    let label = if mode == Mode::Session { "session" } else { "one-shot" };
    let mut failures = Vec::new();
    let (mut rows, mut kept_sessions) = (0, 0);
    for case in cases.iter().filter(|c| c.name.contains(&filter)) {
        if case.python && !have("python3") {
            continue;
        }
        if mode == Mode::Session && !case.suits_session() {
            continue;
        }
        let started = std::time::Instant::now();
        let (problems, summary) = case.run(&sandbox, session.as_mut());
        eprintln!(
            "[{label}] {:<22} {:<6} {summary}  (case {} ms)",
            case.name,
            if problems.is_empty() { "ok" } else { "FAILED" },
            started.elapsed().as_millis()
        );
        for problem in problems {
            failures.push(format!("[{label}] {}: {problem}", case.name));
        }
        // The judge still works after each attack (in session mode: the
        // session, or the new one after a limit, runs a normal case).
        let dir = tempfile::tempdir().expect("tempdir");
        // It prints its pid: above 2 when it ran in a session kept from an
        // earlier case (the pid namespace's counter goes on).
        let mut normal = spec(dir.path(), "sh", &["-c", "echo $$"], limits(1000, 64));
        normal.keep = Keep::Nothing;
        let sanity = match session.as_mut() {
            Some(session) => session.run(&normal),
            None => sandbox.run(&normal),
        };
        if !sanity.as_ref().is_ok_and(RunOutcome::success) {
            failures.push(format!("[{label}] {}: a normal run fails afterwards: {sanity:?}", case.name));
        }
        let pid = sanity.map(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<u32>().unwrap_or(0)).unwrap_or(0);
        if pid > 2 {
            kept_sessions += 1;
        }
        rows += 1;
    }
    drop(session);
    // Without this the session mode could fall back to one-shot runs
    // unnoticed: most rows (all but those hitting a limit) keep the session.
    if mode == Mode::Session && filter.is_empty() {
        assert!(
            kept_sessions * 2 > rows,
            "only {kept_sessions} of {rows} rows ran in a session kept for the next case"
        );
    }
    eprintln!("[{label}] {rows} rows, {kept_sessions} followed by a case in the same session");
    assert!(failures.is_empty(), "hostile suite failures:\n{}", failures.join("\n"));
}

#[test]
fn hostile_programs_are_contained() {
    run_table(Mode::OneShot);
}

/// The same table, same expectations, through a session.
#[test]
fn hostile_programs_are_contained_in_a_session() {
    run_table(Mode::Session);
}

#[test]
fn read_artifact_takes_only_regular_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main"), b"binary").expect("write");
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("link")).expect("symlink");
    let cases: &[(&str, bool)] = &[("main", true), ("link", false), ("missing", false), ("../x", false), ("", false)];
    for (name, ok) in cases {
        assert_eq!(read_artifact(dir.path(), name, 100).is_ok(), *ok, "{name}");
    }
    assert!(read_artifact(dir.path(), "main", 3).is_err(), "size cap");
}

/// The programs in `tests/hostile/e2e/` are judged through `oaj run` on the
/// a+b fixture and must get the verdict in their `verdict:` header.
#[test]
fn hostile_programs_judged_end_to_end() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("tests/fixtures/aplusb");
    assert!(fixture.is_dir(), "the a+b fixture is missing: {}", fixture.display());
    let mut programs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/hostile/e2e"))
        .expect("tests/hostile/e2e exists")
        .flatten()
        .map(|e| e.path())
        .collect();
    programs.sort();
    let cache = tempfile::tempdir().expect("cache dir");
    let mut failures = Vec::new();
    for program in &programs {
        let source = std::fs::read_to_string(program).expect("read program");
        let expected = source
            .lines()
            .find_map(|l| l.strip_prefix("// verdict:"))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{}: no `// verdict:` line", program.display()));
        let started = std::time::Instant::now();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_oaj"))
            .arg("--cache-dir")
            .arg(cache.path())
            .arg("run")
            .arg(&fixture)
            .arg(program)
            .args(["--json", "--fail-fast"])
            .output()
            .expect("oaj runs");
        let name = program.file_name().expect("name").to_string_lossy().into_owned();
        let result: serde_json::Value = match serde_json::from_slice(&output.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}: no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
                continue;
            }
        };
        let verdict = result["verdict"].as_str().unwrap_or("?");
        eprintln!(
            "{name:<28} {verdict:<4} {}/{} in {} ms",
            result["passed"],
            result["total"],
            started.elapsed().as_millis()
        );
        if verdict != expected {
            failures.push(format!("{name}: verdict {verdict}, expected {expected}: {}", result["cases"][0]));
        }
        if expected == "AC" && result["passed"] != result["total"] {
            failures.push(format!("{name}: {} of {} cases passed", result["passed"], result["total"]));
        }
    }
    assert!(failures.is_empty(), "end-to-end failures:\n{}", failures.join("\n"));
}

/// The pids of the processes descended from `root`, with their names (comm).
fn descendants(root: u32) -> Vec<(u32, String)> {
    let mut parents: Vec<(u32, u32, String)> = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let comm = stat[open + 1..close].to_string();
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        // Zombies are dead already.
        if fields.first() == Some(&"Z") {
            continue;
        }
        if let Some(ppid) = fields.get(1).and_then(|p| p.parse().ok()) {
            parents.push((pid, ppid, comm));
        }
    }
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for (pid, ppid, comm) in &parents {
            if *ppid == parent {
                found.push((*pid, comm.clone()));
                frontier.push(*pid);
            }
        }
    }
    found
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')))
}

/// A judge killed with SIGKILL in the middle of a run takes the run along
/// (the exec helper, the sandbox's init and the program die with it), and
/// the next judge on the same cache dir removes what the dead one left: its
/// run cgroup and its work dirs.
#[test]
fn killed_judge_takes_its_runs_along_and_the_next_one_sweeps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("tests/fixtures/aplusb");
    let cache = tempfile::tempdir().expect("cache dir");
    let leaks_before = leftover_cgroups();
    let oaj = |program: &Path| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_oaj"));
        command.arg("--cache-dir").arg(cache.path()).arg("run").arg(&fixture).arg(program).args(["--json"]);
        command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        command
    };
    let mut judge = oaj(&root.join("tests/hostile/e2e/sleep.c")).spawn().expect("oaj runs");
    // Wait for the program itself (after the compile): a process `main`.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let run = loop {
        let tree = descendants(judge.id());
        if tree.iter().any(|(_, comm)| comm == "main") {
            break tree;
        }
        assert!(std::time::Instant::now() < deadline, "the program never started: {tree:?}");
        std::thread::sleep(Duration::from_millis(20));
    };
    judge.kill().expect("SIGKILL the judge");
    judge.wait().expect("reap the judge");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let mut survivors: Vec<(u32, String)> = run.clone();
    while !survivors.is_empty() && std::time::Instant::now() < deadline {
        survivors.retain(|(pid, _)| alive(*pid));
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(survivors.is_empty(), "outlived the judge: {survivors:?} (of {run:?})");
    let scratch = cache.path().join("scratch");
    let left = |dir: &Path| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    assert!(left(&scratch) > 0, "the killed judge left no work dir: the sweep below proves nothing");

    // A new judge on the same cache dir sweeps; its own run goes through.
    let accepted = root.join("tests/hostile/e2e/solve_only_if_contained.c");
    let status = oaj(&accepted).status().expect("oaj runs again");
    assert!(status.success(), "the next judge fails: {status:?}");
    assert_eq!(left(&scratch), 0, "work dirs of the dead judge are left in {}", scratch.display());
    let builds: Vec<String> = std::fs::read_dir(cache.path().join("builds"))
        .expect("builds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".building-"))
        .collect();
    assert!(builds.is_empty(), "builds in progress of the dead judge are left: {builds:?}");
    let cgroups: Vec<String> = leftover_cgroups()
        .into_iter()
        .filter(|c| !leaks_before.contains(c))
        .map(|c| {
            let procs = std::fs::read_to_string(c.join("cgroup.procs")).unwrap_or_default();
            format!("{} (processes: {})", c.display(), procs.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect();
    assert!(cgroups.is_empty(), "run cgroups of the dead judge are left: {cgroups:?}");
}

/// A submission whose binary is larger than the build cache takes for one
/// build (an initialised 72 MiB static array) is judged all the same, and
/// leaves nothing in the cache.
#[test]
fn oversized_build_is_judged_but_not_cached() {
    let cache = tempfile::tempdir().expect("cache dir");
    let source_dir = tempfile::tempdir().expect("source dir");
    let source = source_dir.path().join("big.c");
    std::fs::write(
        &source,
        "#include <stdio.h>\n\
         static volatile char big[72 << 20] = {1};\n\
         int main(void) { long long a, b; if (scanf(\"%lld %lld\", &a, &b) != 2) return 1;\n\
         printf(\"%lld\\n\", a + b + big[0] - 1); return 0; }\n",
    )
    .expect("write source");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aplusb");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_oaj"))
        .arg("--cache-dir")
        .arg(cache.path())
        .arg("run")
        .arg(&fixture)
        .arg(&source)
        .args(["--json", "--fail-fast"])
        .output()
        .expect("oaj runs");
    let result: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(result["verdict"], "AC", "{}", result["cases"][0]);
    let left: Vec<String> = std::fs::read_dir(cache.path().join("builds"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "the oversized build was cached: {left:?}");
}

/// Case 1's program leaves a daemon that tries to give case 2 its expected
/// answer: it writes it into the stdout of every other process it can find
/// and into `/box/answer`, which case 2's program (printing nothing of its
/// own) passes on if it exists. Judged by `oaj run` with one slot (so both
/// cases go through the same session), case 2 must be judged on its own
/// output only: wrong answer, not accepted. A control runs the same daemon
/// and reader within one case, where the daemon is alive: it does answer.
#[test]
fn a_daemon_of_case_one_cannot_answer_case_two() {
    let root = tempfile::tempdir().expect("tempdir");
    let problem = root.path().join("twocases");
    let hidden = problem.join("tests/hidden");
    std::fs::create_dir_all(&hidden).expect("problem dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aplusb");
    for file in ["problem.toml", "statement.md"] {
        std::fs::copy(fixture.join(file), problem.join(file)).expect("copy the a+b fixture");
    }
    let cases = [("case-000", "7 35\n", "42\n"), ("case-001", "1 1\n", "2\n"), ("case-002", "20 22\n", "42\n")];
    for (name, input, answer) in cases {
        std::fs::write(hidden.join(format!("{name}.in")), input).expect("write input");
        std::fs::write(hidden.join(format!("{name}.ans")), answer).expect("write answer");
    }
    let source = root.path().join("haunt.c");
    std::fs::write(
        &source,
        r#"#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
/* A detached daemon that tries, for 15 s, to answer 42 for whatever
   runs next: into every other process's stdout and into /box/answer (a
   new /box is mounted for each case over the same path). */
static void daemon_answers(void) {
    if (fork() != 0) return;
    setsid();
    if (fork() != 0) _exit(0);
    for (int round = 0; round < 3000; round++) {
        DIR *proc = opendir("/proc");
        struct dirent *e;
        while (proc && (e = readdir(proc))) {
            int pid = atoi(e->d_name);
            if (pid <= 1 || pid == getpid()) continue;
            char path[64];
            snprintf(path, sizeof path, "/proc/%d/fd/1", pid);
            int fd = open(path, O_WRONLY | O_NONBLOCK);
            if (fd >= 0) { (void)!write(fd, "42\n", 3); close(fd); }
        }
        if (proc) closedir(proc);
        FILE *f = fopen("/box/answer", "w");
        if (f) { fputs("42\n", f); fclose(f); }
        struct timespec t = {0, 5000000L};
        nanosleep(&t, NULL);
    }
    _exit(0);
}
/* Gives a daemon time to answer, then passes on whatever it left in /box
   (nothing, when it is gone); prints nothing of its own. */
static void pass_on(void) {
    struct timespec t = {0, 600000000L};
    nanosleep(&t, NULL);
    FILE *f = fopen("/box/answer", "r");
    char line[64];
    if (f && fgets(line, sizeof line, f)) fputs(line, stdout);
}
int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    if (a == 7) {
        /* The control: within one case the daemon is alive and answers. */
        daemon_answers();
        pass_on();
    } else if (a == 1) {
        /* Case 1: right, and leaves the daemon behind. */
        printf("%lld\n", a + b);
        fflush(stdout);
        daemon_answers();
    } else {
        /* Case 2: only the daemon could answer it. */
        pass_on();
    }
    return 0;
}
"#,
    )
    .expect("write the program");
    let cache = tempfile::tempdir().expect("cache dir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_oaj"))
        .arg("--cache-dir")
        .arg(cache.path())
        .arg("run")
        .arg(&problem)
        .arg(&source)
        .args(["--json", "--jobs", "1"])
        .env_remove("OAJ_SANDBOX_SESSIONS")
        .output()
        .expect("oaj runs");
    let result: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
    let verdicts: Vec<&str> =
        result["cases"].as_array().expect("cases").iter().map(|c| c["verdict"].as_str().unwrap_or("?")).collect();
    assert_eq!(
        verdicts,
        ["AC", "AC", "WA"],
        "the control's daemon answers within its case, case 1 is right, case 2 printed nothing of its own: {result}"
    );
    assert_eq!(result["verdict"], "WA", "{result}");
}
