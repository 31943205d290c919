//! The isolated runner. Runs inside the exec helper process (never inside the
//! judge's async runtime), which must be single-threaded when it calls
//! [`run_isolated`]: the sandbox is created with a raw `clone`.
//!
//! Process layout of one run:
//! - the helper (host namespaces): creates the cgroup, clones the init
//!   process, measures, enforces the wall/CPU/output limits, cleans up;
//! - init (pid 1 of new pid, mount, net, ipc, uts, cgroup and, when not
//!   root, user namespaces): builds the read-only root with a private tmpfs
//!   `/box` holding a copy of the host work dir, forks the program, reaps
//!   orphans, copies back what the run keeps, reports the program's status.
//!   When it exits the kernel kills everything left in the pid namespace,
//!   so nothing outlives a run;
//! - the program (pid 2): drops to the unprivileged uid, sets rlimits,
//!   `no_new_privs` and seccomp, then `execve`s.

use std::ffi::CString;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::cgroup::{CgroupLayout, RunCgroup, RunCgroupLimits};
use crate::{LimitHit, RunOutcome, RunSpec, SandboxError, Termination};

/// Host-side settings of the isolated runner, decided once by the judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IsolationSettings {
    /// An empty host directory used as the mount point of each run's root
    /// (only inside the run's own mount namespace, so runs share it).
    pub root_dir: PathBuf,
    /// Size of the private `/tmp` of each run.
    pub tmp_size_bytes: u64,
    /// uid and gid the program runs as, inside the sandbox.
    pub uid: u32,
    pub gid: u32,
    /// Where run cgroups go; None runs without cgroups (rlimits only).
    pub cgroups: Option<CgroupLayout>,
    /// The shared empty network namespace to join; None gives each run a
    /// new one (see `netns`).
    #[serde(default)]
    pub shared_netns: Option<crate::netns::NetnsHolder>,
}

/// Where the sandboxed program's work directory is mounted.
pub const BOX_DIR: &str = "/box";

/// System directories bound read-only into every sandbox (symlinks such as
/// `/bin -> usr/bin` are recreated as symlinks).
const SYSTEM_DIRS: &[&str] = &["usr", "bin", "sbin", "lib", "lib64", "lib32", "libx32", "etc"];

/// Files and directories under `/etc` that are masked: credentials and
/// private keys.
const MASKED: &[&str] = &[
    "etc/shadow",
    "etc/shadow-",
    "etc/gshadow",
    "etc/gshadow-",
    "etc/sudoers",
    "etc/sudoers.d",
    "etc/security/opasswd",
    "etc/ssh",
    "etc/ssl/private",
    "etc/machine-id",
];

const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom"];

/// Time allowed to build the sandbox before the program starts.
const SETUP_ALLOWANCE: Duration = Duration::from_secs(10);
/// Time init gets to kill and reap the sandbox at a limit.
const KILL_GRACE: Duration = Duration::from_millis(500);
/// Time init gets to copy the kept files back after the program ended.
const KEEP_ALLOWANCE: Duration = Duration::from_secs(30);
/// How often the helper samples the cgroup's CPU time.
const POLL_SLICE: Duration = Duration::from_millis(20);

fn os_error(what: impl std::fmt::Display) -> String {
    format!("{what}: {}", io::Error::last_os_error())
}

fn cstring(value: impl AsRef<[u8]>, what: &str) -> Result<CString, String> {
    CString::new(value.as_ref()).map_err(|_| format!("{what} contains a NUL byte"))
}

fn pipe() -> Result<(OwnedFd, OwnedFd), String> {
    let mut fds = [0; 2];
    // SAFETY: fds is a valid array of two ints.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(os_error("pipe2"));
    }
    // SAFETY: pipe2 returned two fresh descriptors that we now own.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// The program's standard input, ready to hand over as fd 0.
pub(crate) fn stdin_fd(spec_stdin: &crate::Stdin, bytes: &[u8]) -> Result<OwnedFd, SandboxError> {
    match spec_stdin {
        crate::Stdin::Null => Ok(File::open("/dev/null")?.into()),
        crate::Stdin::File(path) => {
            // Copied, not handed over: an open file of the problem directory
            // would show its host path (and the case's name) to readlink on
            // /proc/self/fd/0. The copy is a kernel-side one.
            let mut input = File::open(path).map_err(|source| SandboxError::Stdin { path: path.clone(), source })?;
            let mut copy = memfd()?;
            io::copy(&mut input, &mut copy).map_err(|source| SandboxError::Stdin { path: path.clone(), source })?;
            seal(copy)
        }
        crate::Stdin::Bytes(_) => {
            let mut copy = memfd()?;
            copy.write_all(bytes)?;
            seal(copy)
        }
    }
}

/// A memfd behaves like a regular file: seekable, never blocks the writer,
/// and has no path (readlink shows `/memfd:stdin (deleted)`).
fn memfd() -> Result<File, SandboxError> {
    // SAFETY: valid C string, flags are constants.
    let fd = unsafe { libc::memfd_create(c"stdin".as_ptr(), libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING) };
    if fd < 0 {
        return Err(SandboxError::Io(io::Error::last_os_error()));
    }
    // SAFETY: fresh descriptor we own.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Rewinds the input and seals it: the program reads what the judge wrote.
fn seal(mut file: File) -> Result<OwnedFd, SandboxError> {
    std::io::Seek::seek(&mut file, io::SeekFrom::Start(0))?;
    let seals = libc::F_SEAL_SEAL | libc::F_SEAL_SHRINK | libc::F_SEAL_GROW | libc::F_SEAL_WRITE;
    // SAFETY: plain fcntl on a descriptor we own.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_ADD_SEALS, seals) } != 0 {
        return Err(SandboxError::Io(io::Error::last_os_error()));
    }
    Ok(file.into())
}

/// Everything the init and program processes need, prepared before `clone`
/// so that they allocate as little as possible.
struct ChildPlan {
    root: CString,
    /// The host work dir, copied into `/box` (and back, per `keep`).
    work_dir: PathBuf,
    read_only_paths: Vec<PathBuf>,
    tmp_size: u64,
    /// Size of the `/box` tmpfs.
    box_size: u64,
    keep: crate::Keep,
    /// Most bytes copied back to the host.
    keep_bytes: u64,
    user_ns: bool,
    uid: u32,
    gid: u32,
    program: Vec<u8>,
    argv: Vec<CString>,
    envp: Vec<CString>,
    path_dirs: Vec<Vec<u8>>,
    rlimits: Vec<(libc::__rlimit_resource_t, u64)>,
    seccomp: Vec<seccompiler::BpfProgram>,
    /// Confine abstract Unix sockets to the run with Landlock: their names
    /// are per network namespace, so runs sharing one need it.
    scope_abstract_sockets: bool,
}

/// Messages from init (and from the program before exec) to the helper,
/// over the status pipe. Each fits in one atomic pipe write.
const MSG_READY: u8 = b'R';
const MSG_STATUS: u8 = b'S';
const MSG_SETUP_ERROR: u8 = b'E';
const MSG_EXEC_ERROR: u8 = b'X';
/// Sent after the copy back: init's CPU time spent on it (u64 ns), then
/// 1 if the kept files were over the budget.
const MSG_KEPT: u8 = b'K';
/// Most files and directories copied back from `/box`.
const KEEP_ENTRIES: u64 = 10_000;

fn send(fd: RawFd, kind: u8, body: &[u8]) {
    let mut message = Vec::with_capacity(body.len().min(500) + 3);
    let body = &body[..body.len().min(500)];
    message.push(kind);
    message.extend_from_slice(&(body.len() as u16).to_le_bytes());
    message.extend_from_slice(body);
    // SAFETY: valid buffer; a short or failed write only loses a diagnostic.
    unsafe { libc::write(fd, message.as_ptr().cast(), message.len()) };
}

/// CLOCK_MONOTONIC in nanoseconds: the same clock in init and the helper,
/// so init can timestamp events the helper may notice late.
fn monotonic_ns() -> u64 {
    // SAFETY: timespec is plain old data; valid pointer.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec.max(0) as u64) * 1_000_000_000 + ts.tv_nsec.max(0) as u64
}

/// CPU time this process has used so far, in nanoseconds.
fn own_cpu_ns() -> u64 {
    // SAFETY: rusage is plain old data; valid pointer.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    (timeval(usage.ru_utime) + timeval(usage.ru_stime)).as_nanos() as u64
}

fn u64_at(body: &[u8], at: usize) -> Option<u64> {
    body.get(at..at + 8).map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
}

/// Splits the status pipe's bytes into (kind, body) messages.
fn parse_messages(mut bytes: &[u8]) -> Vec<(u8, &[u8])> {
    let mut messages = Vec::new();
    while bytes.len() >= 3 {
        let kind = bytes[0];
        let len = u16::from_le_bytes([bytes[1], bytes[2]]) as usize;
        let end = (3 + len).min(bytes.len());
        messages.push((kind, &bytes[3..end]));
        bytes = &bytes[end..];
    }
    messages
}

/// Runs `spec` in a fresh sandbox. Must be called from a single-threaded
/// process (the exec helper).
pub(crate) fn run_isolated(
    spec: &RunSpec,
    stdin: OwnedFd,
    settings: &IsolationSettings,
) -> Result<(RunOutcome, Cleanup), SandboxError> {
    let limits = &spec.limits;
    let user_ns = nix::unistd::geteuid().as_raw() != 0;

    // The host work dir is never shown to the program: init copies it into
    // the run's own tmpfs and copies back only what the caller keeps.
    let work_dir = fs::canonicalize(&spec.work_dir)
        .map_err(|e| SandboxError::Setup(format!("work dir {} is not accessible: {e}", spec.work_dir.display())))?;
    if !fs::metadata(&work_dir)?.is_dir() {
        return Err(SandboxError::Setup(format!("work dir {} is not a directory", work_dir.display())));
    }
    if let crate::Keep::Names(names) = &spec.keep {
        if let Some(bad) = names.iter().find(|n| n.is_empty() || n.contains('/') || *n == "." || *n == "..") {
            return Err(SandboxError::Setup(format!("cannot keep {bad:?}: not a plain file name")));
        }
    }
    fs::create_dir_all(&settings.root_dir).map_err(|e| {
        SandboxError::Setup(format!("cannot create sandbox mount point {}: {e}", settings.root_dir.display()))
    })?;
    let _ = fs::set_permissions(&settings.root_dir, fs::Permissions::from_mode(0o755));

    let mut plan = ChildPlan::new(spec, settings, work_dir, user_ns)?;
    // Join the shared empty network namespace (as root only: in a user
    // namespace the holder's would not be ours to join). If that fails for
    // any reason the run gets a new one of its own, which is never weaker.
    let shared_netns =
        !user_ns && settings.shared_netns.as_ref().is_some_and(|holder| crate::netns::join(holder).is_ok());
    if shared_netns {
        plan.scope_abstract_sockets = true;
    }

    let cgroup = match &settings.cgroups {
        Some(layout) => {
            crate::cgroup::sweep_stale(layout);
            let name = format!("{}{}", crate::cgroup::RUN_PREFIX, std::process::id());
            let cgroup_limits = RunCgroupLimits { memory_bytes: limits.memory_bytes, processes: limits.processes };
            Some(RunCgroup::create(layout, &name, &cgroup_limits).map_err(SandboxError::Setup)?)
        }
        None => None,
    };

    let (stdout_r, stdout_w) = pipe().map_err(SandboxError::Setup)?;
    let (stderr_r, stderr_w) = pipe().map_err(SandboxError::Setup)?;
    let (status_r, status_w) = pipe().map_err(SandboxError::Setup)?;
    let (go_r, go_w) = pipe().map_err(SandboxError::Setup)?;

    let mut flags = libc::CLONE_NEWNS | libc::CLONE_NEWPID | libc::CLONE_NEWIPC | libc::CLONE_NEWUTS;
    if !shared_netns {
        flags |= libc::CLONE_NEWNET;
    }
    if user_ns {
        flags |= libc::CLONE_NEWUSER;
    }
    // SAFETY: a raw clone without CLONE_VM behaves like fork; the helper is
    // single-threaded, so the child may run ordinary code.
    let init = unsafe {
        libc::syscall(
            libc::SYS_clone,
            (flags | libc::SIGCHLD) as libc::c_ulong,
            std::ptr::null_mut::<libc::c_void>(),
            std::ptr::null_mut::<libc::c_int>(),
            std::ptr::null_mut::<libc::c_int>(),
            0 as libc::c_ulong,
        )
    };
    if init < 0 {
        return Err(SandboxError::Setup(os_error(
            "cannot create namespaces (clone); run as root or enable user namespaces",
        )));
    }
    if init == 0 {
        drop((stdout_r, stderr_r, status_r, go_w));
        init_main(&plan, go_r, stdin, stdout_w, stderr_w, status_w);
    }
    let init = init as libc::pid_t;
    drop((stdout_w, stderr_w, status_w, go_r, stdin));

    let kill_init = || {
        // SAFETY: init is our child and not yet reaped while we hold it.
        unsafe { libc::kill(init, libc::SIGKILL) };
    };
    let setup = (|| -> Result<(), String> {
        if user_ns {
            write_id_maps(init, settings.uid, settings.gid)?;
        }
        if let Some(cgroup) = &cgroup {
            cgroup.add_process(init)?;
        }
        Ok(())
    })();
    if let Err(e) = setup {
        kill_init();
        let _ = wait4(init);
        return Err(SandboxError::Setup(e));
    }
    let mut go = File::from(go_w);
    if go.write_all(b"g").is_err() {
        // init died before starting; its status message says why.
    }
    drop(go);

    let mut monitor = Monitor {
        stdout: Capture::new(stdout_r, limits.stdout_bytes),
        stderr: Capture::new(stderr_r, limits.stderr_bytes),
        status: Capture::new(status_r, 64 << 10),
        started: Instant::now(),
        deadline: Instant::now() + SETUP_ALLOWANCE,
        killed_at: None,
        limit_hit: None,
    };
    let mut ready = false;
    let mut ready_ns = 0u64;
    let mut setup_cpu = Duration::ZERO;
    let mut hard_killed = false;
    // Once init has reported the program's end, no limit applies any more:
    // what follows (copying kept files back) is not the program's doing.
    let mut program_done = false;
    let mut keep_timed_out = false;
    let mut status_parsed = 0;
    loop {
        monitor.poll_once();
        if ready && !program_done && monitor.status.bytes.len() != status_parsed {
            status_parsed = monitor.status.bytes.len();
            if parse_messages(&monitor.status.bytes).iter().any(|(k, _)| *k == MSG_STATUS) {
                program_done = true;
                monitor.deadline = Instant::now() + KEEP_ALLOWANCE;
            }
        }
        if program_done {
            if monitor.all_closed() {
                break;
            }
            if Instant::now() >= monitor.deadline && !hard_killed {
                keep_timed_out = true;
                hard_killed = true;
                kill_init();
                monitor.killed_at = Some(Instant::now());
            }
            if monitor.killed_at.is_some_and(|at| at.elapsed() > KILL_GRACE + Duration::from_secs(3)) {
                break;
            }
            continue;
        }
        if !ready {
            if let Some((_, body)) = parse_messages(&monitor.status.bytes).into_iter().find(|(k, _)| *k == MSG_READY) {
                ready = true;
                ready_ns = u64_at(body, 0).unwrap_or_else(monotonic_ns);
                setup_cpu = Duration::from_nanos(u64_at(body, 8).unwrap_or(0));
                // The helper may notice READY late: date it from init's clock.
                let late = Duration::from_nanos(monotonic_ns().saturating_sub(ready_ns));
                monitor.started = Instant::now().checked_sub(late).unwrap_or_else(Instant::now);
                monitor.deadline = monitor.started + limits.wall_time;
            }
        }
        let now = Instant::now();
        let mut hit = None;
        if monitor.stdout.over {
            hit = Some(LimitHit::Output);
        } else if now >= monitor.deadline {
            hit = Some(LimitHit::WallTime);
        } else if let Some(cpu) = cgroup.as_ref().and_then(RunCgroup::cpu_time) {
            if cpu.saturating_sub(setup_cpu) > limits.cpu_time {
                hit = Some(LimitHit::CpuTime);
            }
        }
        if let (Some(hit), None) = (hit, monitor.killed_at) {
            monitor.limit_hit = Some(hit);
            monitor.killed_at = Some(now);
            if let Some(cgroup) = &cgroup {
                cgroup.kill_all();
            }
            // init kills and reaps the rest, then reports; see init_main.
            // SAFETY: init is our unreaped child.
            unsafe { libc::kill(init, libc::SIGUSR1) };
        }
        if monitor.all_closed() {
            break;
        }
        if let Some(killed_at) = monitor.killed_at {
            // init did not finish in time: kill it, which kills the namespace.
            if killed_at.elapsed() > KILL_GRACE && !hard_killed {
                hard_killed = true;
                kill_init();
            }
            // Pipes held by something that survived even that: give up on them.
            if killed_at.elapsed() > KILL_GRACE + Duration::from_secs(3) {
                break;
            }
        }
    }
    let mut wall_time = monitor.started.elapsed();
    // Decode init's messages.
    let mut program_status = None;
    let mut setup_error = None;
    let mut exec_error = None;
    let mut keep_cpu = Duration::ZERO;
    let mut keep_over = false;
    for (kind, body) in parse_messages(&monitor.status.bytes) {
        match kind {
            MSG_KEPT => {
                keep_cpu = Duration::from_nanos(u64_at(body, 0).unwrap_or(0));
                keep_over = body.get(8) == Some(&1);
            }
            MSG_STATUS if body.len() >= 4 => {
                program_status = Some(i32::from_le_bytes([body[0], body[1], body[2], body[3]]));
                if let (Some(ended_ns), true) = (u64_at(body, 4), ready) {
                    wall_time = Duration::from_nanos(ended_ns.saturating_sub(ready_ns));
                }
            }
            MSG_SETUP_ERROR => setup_error = Some(String::from_utf8_lossy(body).into_owned()),
            MSG_EXEC_ERROR => exec_error = Some(String::from_utf8_lossy(body).into_owned()),
            _ => {}
        }
    }
    // With cgroups, everything the answer needs is known once init has
    // reported: init's own exit (tearing down the mount and network
    // namespaces takes milliseconds) is waited for after answering.
    // Only when init is all that is left: orphans must be gone first.
    let answer_early =
        program_status.is_some() && cgroup.as_ref().is_some_and(|c| c.procs().iter().all(|&pid| pid == init));
    // SAFETY: rusage is plain old data; all zeros is a valid value.
    let (raw_status, usage) = if answer_early {
        (0, unsafe { std::mem::zeroed::<libc::rusage>() })
    } else {
        let waited = wait4(init).map_err(SandboxError::Io)?;
        if let Some(cgroup) = &cgroup {
            cgroup.kill_all();
        }
        waited
    };
    if let Some(error) = setup_error {
        return Err(SandboxError::Setup(format!("building the sandbox failed: {error}")));
    }
    if keep_timed_out {
        return Err(SandboxError::Setup(format!(
            "copying the kept files back to {} took longer than {} s",
            spec.work_dir.display(),
            KEEP_ALLOWANCE.as_secs()
        )));
    }
    if let Some(error) = exec_error {
        return Err(SandboxError::Spawn {
            program: spec.program.clone(),
            source: io::Error::new(io::ErrorKind::NotFound, error),
        });
    }

    // Without a status message the program was killed with init.
    let status = program_status.unwrap_or(if libc::WIFSIGNALED(raw_status) { raw_status } else { libc::SIGKILL });
    let termination = if libc::WIFEXITED(status) {
        Termination::Exited(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Termination::Signaled(libc::WTERMSIG(status))
    } else {
        Termination::Signaled(libc::SIGKILL)
    };

    let rusage_cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    // Both measures include init's work building the root: not the program's.
    // Nor is init's copying back of the kept files.
    let cpu_time = cgroup
        .as_ref()
        .and_then(RunCgroup::cpu_time)
        .unwrap_or(rusage_cpu)
        .saturating_sub(setup_cpu)
        .saturating_sub(keep_cpu);
    let rusage_peak = (usage.ru_maxrss.max(0) as u64) * 1024;
    let memory = cgroup.as_ref().map(RunCgroup::memory);
    let peak_memory_bytes = memory.map_or(rusage_peak, |m| m.peak_bytes.max(rusage_peak));
    let pids_refused = cgroup.as_ref().map_or(0, RunCgroup::pids_refused);
    let cleanup = Cleanup { init: answer_early.then_some(init), cgroup };

    let failed = termination != Termination::Exited(0);
    let memory_exhausted = memory.is_some_and(|m| m.oom_kills > 0)
        || (failed && memory.is_some_and(|m| m.limit_reached > 0))
        // Allocation failure within reach of the limit (malloc returning
        // NULL, bad_alloc, MemoryError) without a cgroup to tell.
        || (failed && peak_memory_bytes >= limits.memory_bytes / 10 * 9);
    let limit_hit = monitor.limit_hit.or_else(|| {
        // Output read after the program's end still counts.
        if monitor.stdout.over {
            Some(LimitHit::Output)
        } else if cpu_time > limits.cpu_time || termination == Termination::Signaled(libc::SIGXCPU) {
            Some(LimitHit::CpuTime)
        } else if termination == Termination::Signaled(libc::SIGXFSZ) || keep_over {
            Some(LimitHit::FileSize)
        } else if memory_exhausted {
            Some(LimitHit::Memory)
        } else if failed && pids_refused > 0 {
            Some(LimitHit::Processes)
        } else {
            None
        }
    });
    // A CPU hog killed at the wall limit is a CPU limit hit.
    let limit_hit = match limit_hit {
        Some(LimitHit::WallTime) if cpu_time > limits.cpu_time => Some(LimitHit::CpuTime),
        Some(LimitHit::WallTime) if memory.is_some_and(|m| m.oom_kills > 0) => Some(LimitHit::Memory),
        other => other,
    };

    let outcome = RunOutcome {
        termination,
        cpu_time,
        wall_time,
        peak_memory_bytes,
        stdout: monitor.stdout.bytes,
        stderr: monitor.stderr.bytes,
        stderr_truncated: monitor.stderr.over,
        limit_hit,
    };
    // The work dir's owner is restored (when the guard drops) before anyone
    // sees the outcome, so the next run in it cannot race with us.
    Ok((outcome, cleanup))
}

/// What is left to do after the outcome is known: reap init and remove the
/// run's cgroup. Done by [`Cleanup::finish`] or on drop.
pub(crate) struct Cleanup {
    init: Option<libc::pid_t>,
    cgroup: Option<RunCgroup>,
}

impl Cleanup {
    pub fn finish(mut self) {
        self.finish_now();
    }

    fn finish_now(&mut self) {
        if let Some(init) = self.init.take() {
            let _ = wait4(init);
        }
        if let Some(cgroup) = self.cgroup.take() {
            cgroup.remove();
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.finish_now();
    }
}

fn write_id_maps(pid: libc::pid_t, uid: u32, gid: u32) -> Result<(), String> {
    let host_uid = nix::unistd::geteuid().as_raw();
    let host_gid = nix::unistd::getegid().as_raw();
    let proc = PathBuf::from(format!("/proc/{pid}"));
    let write = |file: &str, text: String| {
        fs::write(proc.join(file), &text).map_err(|e| format!("cannot write {text:?} to /proc/{pid}/{file}: {e}"))
    };
    write("uid_map", format!("{uid} {host_uid} 1\n"))?;
    write("setgroups", "deny\n".into())?;
    write("gid_map", format!("{gid} {host_gid} 1\n"))?;
    Ok(())
}

/// One output pipe read with a cap.
struct Capture {
    fd: Option<OwnedFd>,
    bytes: Vec<u8>,
    cap: u64,
    over: bool,
}

impl Capture {
    fn new(fd: OwnedFd, cap: u64) -> Self {
        Capture { fd: Some(fd), bytes: Vec::new(), cap, over: false }
    }

    /// Reads what is available; closes on EOF.
    fn read_some(&mut self) {
        let Some(fd) = &self.fd else { return };
        let mut buf = [0u8; 64 * 1024];
        // SAFETY: valid buffer and descriptor.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                return;
            }
            self.fd = None;
            return;
        }
        if n == 0 {
            self.fd = None;
            return;
        }
        let n = n as usize;
        let room = self.cap.saturating_sub(self.bytes.len() as u64) as usize;
        if n > room {
            self.bytes.extend_from_slice(&buf[..room]);
            self.over = true;
        } else {
            self.bytes.extend_from_slice(&buf[..n]);
        }
    }
}

struct Monitor {
    stdout: Capture,
    stderr: Capture,
    status: Capture,
    started: Instant,
    deadline: Instant,
    killed_at: Option<Instant>,
    limit_hit: Option<LimitHit>,
}

impl Monitor {
    fn all_closed(&self) -> bool {
        self.stdout.fd.is_none() && self.stderr.fd.is_none() && self.status.fd.is_none()
    }

    fn poll_once(&mut self) {
        let captures = [&self.stdout, &self.stderr, &self.status];
        let mut fds: Vec<libc::pollfd> = captures
            .iter()
            .map(|c| libc::pollfd {
                fd: c.fd.as_ref().map_or(-1, |fd| fd.as_raw_fd()),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        // After a kill the deadline is past: wait in slices, do not spin.
        let remaining =
            if self.killed_at.is_some() { POLL_SLICE } else { self.deadline.saturating_duration_since(Instant::now()) };
        let timeout = remaining.min(POLL_SLICE).as_millis() as libc::c_int;
        // SAFETY: fds is a valid array; negative fds are ignored by poll.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if ready <= 0 {
            return;
        }
        let captures = [&mut self.stdout, &mut self.stderr, &mut self.status];
        for (capture, pollfd) in captures.into_iter().zip(&fds) {
            if pollfd.revents != 0 {
                capture.read_some();
            }
        }
    }
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec.max(0) as u64) + Duration::from_micros(tv.tv_usec.max(0) as u64)
}

fn wait4(pid: libc::pid_t) -> io::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: rusage is plain old data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: valid pointers to locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            return Ok((status, usage));
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

impl ChildPlan {
    fn new(
        spec: &RunSpec,
        settings: &IsolationSettings,
        work_dir: PathBuf,
        user_ns: bool,
    ) -> Result<Self, SandboxError> {
        let setup = SandboxError::Setup;
        let argv = std::iter::once(spec.program.as_str())
            .chain(spec.args.iter().map(String::as_str))
            .map(|a| cstring(a, "argument"))
            .collect::<Result<Vec<_>, _>>()
            .map_err(setup)?;
        let envp = spec
            .env
            .iter()
            .map(|(k, v)| cstring(format!("{k}={v}"), "environment"))
            .collect::<Result<Vec<_>, _>>()
            .map_err(SandboxError::Setup)?;
        let path = spec
            .env
            .iter()
            .rev()
            .find(|(k, _)| k == "PATH")
            .map_or("/usr/local/bin:/usr/bin:/bin", |(_, v)| v.as_str());
        let limits = &spec.limits;
        // CPU rlimit rounds up to whole seconds: the exact limit is enforced
        // from the cgroup; this is the second line.
        let cpu_secs = limits.cpu_time.as_secs() + 1;
        let mut rlimits = vec![
            (libc::RLIMIT_CPU, cpu_secs),
            (libc::RLIMIT_FSIZE, limits.file_size_bytes),
            (libc::RLIMIT_NOFILE, u64::from(limits.open_files)),
            (libc::RLIMIT_CORE, 0),
            // Deep recursion works up to the memory limit, as on OA platforms.
            (libc::RLIMIT_STACK, limits.memory_bytes),
        ];
        if settings.cgroups.is_none() {
            // Without a memory cgroup, the data segment is the memory line
            // (not address space: the JVM and Go reserve far more than they
            // touch). With one it would do harm: glibc sizes each thread's
            // stack from RLIMIT_STACK, and those reservations count as data,
            // so multi-threaded compilers and runtimes could not start threads.
            rlimits.push((libc::RLIMIT_DATA, limits.memory_bytes));
            // Without a pids cgroup, count processes per uid (shared by
            // concurrent runs: a coarse second line).
            rlimits.push((libc::RLIMIT_NPROC, u64::from(limits.processes)));
        }
        Ok(ChildPlan {
            root: cstring(settings.root_dir.as_os_str().as_bytes(), "root dir").map_err(setup)?,
            // Room for what is copied in and as much again as the memory
            // limit: the tmpfs is charged to the run's memory cgroup, which
            // stops it first; without cgroups this is the cap.
            box_size: crate::boxdir::tree_bytes(&work_dir).saturating_add(limits.memory_bytes).max(1 << 20),
            work_dir,
            read_only_paths: spec.read_only_paths.clone(),
            tmp_size: settings.tmp_size_bytes.min(limits.memory_bytes).max(1 << 20),
            keep: spec.keep.clone(),
            keep_bytes: limits.file_size_bytes,
            user_ns,
            uid: settings.uid,
            gid: settings.gid,
            program: spec.program.as_bytes().to_vec(),
            argv,
            envp,
            path_dirs: path.split(':').filter(|d| !d.is_empty()).map(|d| d.as_bytes().to_vec()).collect(),
            rlimits,
            seccomp: crate::seccomp::build_filters().map_err(SandboxError::Setup)?,
            scope_abstract_sockets: false,
        })
    }
}

/// Init: pid 1 of the sandbox. Never returns.
fn init_main(plan: &ChildPlan, go: OwnedFd, stdin: OwnedFd, stdout: OwnedFd, stderr: OwnedFd, status: OwnedFd) -> ! {
    let status_fd = status.as_raw_fd();
    // SAFETY: plain prctl; if the helper dies, the sandbox dies with it.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) };
    // SAFETY: the handler only stores to an atomic; no SA_RESTART, so a
    // blocked waitpid returns EINTR and sees the request.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = request_stop as extern "C" fn(libc::c_int) as usize;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGUSR1, &action, std::ptr::null_mut());
    }
    // Wait until the helper has placed us in the cgroup and written the id maps.
    let mut byte = [0u8; 1];
    let mut go = File::from(go);
    if go.read_exact(&mut byte).is_err() {
        // SAFETY: exiting the child without running the parent's destructors.
        unsafe { libc::_exit(126) };
    }
    drop(go);
    // SAFETY: plain prctl/unshare. Not dumpable: the program (same uid as
    // init in a user namespace) cannot open init's /proc files, such as the
    // descriptor of the host work dir. A cgroup namespace rooted at the
    // run's cgroup hides the judge's cgroup path; not having one only shows
    // that path, so a failure is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0 as libc::c_ulong);
        libc::unshare(libc::CLONE_NEWCGROUP);
    }
    hide_command_line();

    let host_work = match build_root(plan) {
        Ok(fd) => fd,
        Err(error) => {
            send(status_fd, MSG_SETUP_ERROR, error.as_bytes());
            // SAFETY: see above.
            unsafe { libc::_exit(127) };
        }
    };
    // The program's clock starts now; init's own CPU so far (building the
    // root) is charged to the cgroup but is not the program's.
    let mut ready = monotonic_ns().to_le_bytes().to_vec();
    ready.extend_from_slice(&own_cpu_ns().to_le_bytes());
    send(status_fd, MSG_READY, &ready);
    // SAFETY: the process is single-threaded; the child only runs plain code.
    let program = unsafe { libc::fork() };
    if program < 0 {
        send(status_fd, MSG_SETUP_ERROR, os_error("fork").as_bytes());
        // SAFETY: see above.
        unsafe { libc::_exit(127) };
    }
    if program == 0 {
        program_main(plan, stdin, stdout, stderr, status_fd);
    }
    drop((stdin, stdout, stderr));
    // Reap everything (orphans are re-parented to us) until the program
    // ends, or until the helper asks us to stop (SIGUSR1, at a limit): then
    // kill the whole namespace and reap it too, so that our children's
    // rusage (the CPU measure without cgroups) covers every process.
    let mut program_status = None;
    let mut stopping = false;
    loop {
        if !stopping && STOP_REQUESTED.load(std::sync::atomic::Ordering::SeqCst) {
            stopping = true;
            // SAFETY: kill(-1) from a namespace's init reaches every other
            // process of the namespace and nothing outside it.
            unsafe { libc::kill(-1, libc::SIGKILL) };
        }
        let mut wait_status = 0;
        // SAFETY: valid pointer.
        let pid = unsafe { libc::waitpid(-1, &mut wait_status, libc::__WALL) };
        if pid == program {
            program_status = Some((wait_status, monotonic_ns()));
            if !stopping {
                break;
            }
        }
        if pid < 0 {
            match io::Error::last_os_error().raw_os_error() {
                Some(libc::EINTR) => continue,
                _ => break,
            }
        }
    }
    if let Some((status, ended_ns)) = program_status {
        let mut body = status.to_le_bytes().to_vec();
        body.extend_from_slice(&ended_ns.to_le_bytes());
        send(status_fd, MSG_STATUS, &body);
    }
    if !stopping && program_status.is_some() && plan.keep != crate::Keep::Nothing {
        keep_files(plan, host_work.as_raw_fd(), status_fd);
    }
    // Exiting kills whatever is left in the pid namespace.
    // SAFETY: see above.
    unsafe { libc::_exit(0) }
}

/// Copies what the run keeps from `/box` back to the host work dir, once
/// nothing else runs in the sandbox (nothing can change `/box` meanwhile).
fn keep_files(plan: &ChildPlan, host_work: RawFd, status_fd: RawFd) {
    let started = own_cpu_ns();
    // SAFETY: kill(-1) from a namespace's init reaches every other process
    // of the namespace and nothing outside it; then reap them all.
    unsafe {
        libc::kill(-1, libc::SIGKILL);
        while libc::waitpid(-1, std::ptr::null_mut(), libc::__WALL) > 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
        {}
    }
    let mut budget = crate::boxdir::Budget { bytes: plan.keep_bytes, entries: KEEP_ENTRIES };
    let only = match &plan.keep {
        crate::Keep::Names(names) => Some(names.as_slice()),
        _ => None,
    };
    let over = match crate::boxdir::open_dir_at(libc::AT_FDCWD, c"/box") {
        // Unreadable or odd entries are the program's doing: what could be
        // copied is, the rest is missing, as if the program had not written it.
        Ok(box_fd) => matches!(
            crate::boxdir::copy_tree(box_fd.as_raw_fd(), host_work, only, &mut budget, None),
            Err(crate::boxdir::CopyError::Over)
        ),
        Err(_) => false,
    };
    let mut body = own_cpu_ns().saturating_sub(started).to_le_bytes().to_vec();
    body.push(u8::from(over));
    send(status_fd, MSG_KEPT, &body);
}

/// Overwrites init's command line (the judge's binary path and the helper's
/// subcommand, readable by anyone in /proc/1/cmdline) with a neutral name.
/// Init never reads its arguments again.
fn hide_command_line() {
    let Ok(stat) = fs::read_to_string("/proc/self/stat") else { return };
    // Fields after the command name, which may itself hold spaces; the
    // first of them is field 3 (state), arg_start and arg_end are 48 and 49.
    let Some((_, rest)) = stat.rsplit_once(')') else { return };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (Some(start), Some(end)) =
        (fields.get(45).and_then(|f| f.parse::<usize>().ok()), fields.get(46).and_then(|f| f.parse::<usize>().ok()))
    else {
        return;
    };
    let name = b"oaj-sandbox-init";
    if end <= start || end - start <= name.len() {
        return;
    }
    // SAFETY: [arg_start, arg_end) is this process's own argument area,
    // writable stack memory that nothing else in init refers to.
    unsafe {
        let area = std::slice::from_raw_parts_mut(start as *mut u8, end - start);
        area.fill(0);
        area[..name.len()].copy_from_slice(name);
        libc::prctl(libc::PR_SET_NAME, c"oaj-init".as_ptr() as libc::c_ulong);
    }
}

/// Set by SIGUSR1 in init: the helper asks it to end the run.
static STOP_REQUESTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn request_stop(_: libc::c_int) {
    STOP_REQUESTED.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// The program: drop privileges, apply limits, exec. Never returns.
fn program_main(plan: &ChildPlan, stdin: OwnedFd, stdout: OwnedFd, stderr: OwnedFd, status_fd: RawFd) -> ! {
    let fail = |what: &str| -> ! {
        send(status_fd, MSG_EXEC_ERROR, os_error(what).as_bytes());
        // SAFETY: exiting the forked child.
        unsafe { libc::_exit(127) }
    };
    // SAFETY: plain syscalls on descriptors we own.
    unsafe {
        if libc::dup2(stdin.as_raw_fd(), 0) < 0
            || libc::dup2(stdout.as_raw_fd(), 1) < 0
            || libc::dup2(stderr.as_raw_fd(), 2) < 0
        {
            fail("dup2");
        }
        // Every other descriptor closes on exec (the status pipe stays open
        // until then to report an exec failure).
        libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, libc::CLOSE_RANGE_CLOEXEC);
        libc::setsid();
    }
    drop((stdin, stdout, stderr));
    for (resource, value) in &plan.rlimits {
        let limit =
            libc::rlimit { rlim_cur: *value, rlim_max: if *resource == libc::RLIMIT_CPU { value + 1 } else { *value } };
        // SAFETY: valid pointer.
        if unsafe { libc::setrlimit(*resource, &limit) } != 0 {
            fail("setrlimit");
        }
    }
    // SAFETY: plain syscalls with constant arguments.
    unsafe {
        if !plan.user_ns && libc::setgroups(0, std::ptr::null()) != 0 {
            fail("setgroups");
        }
        if libc::setresgid(plan.gid, plan.gid, plan.gid) != 0 {
            fail("setgid");
        }
        if libc::setresuid(plan.uid, plan.uid, plan.uid) != 0 {
            fail("setuid");
        }
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
            fail("no_new_privs");
        }
    }
    // After no_new_privs (Landlock needs it). Failing closed: a run in the
    // shared network namespace never starts unconfined.
    if plan.scope_abstract_sockets {
        if let Err(what) = crate::netns::scope_abstract_unix_sockets() {
            fail(what);
        }
    }
    let path = find_program(plan);
    let Some(path) = path else {
        let message = format!(
            "{} not found in the sandbox (PATH {})",
            String::from_utf8_lossy(&plan.program),
            plan.path_dirs.iter().map(|d| String::from_utf8_lossy(d).into_owned()).collect::<Vec<_>>().join(":")
        );
        send(status_fd, MSG_EXEC_ERROR, message.as_bytes());
        // SAFETY: exiting the forked child.
        unsafe { libc::_exit(127) }
    };
    if let Err(error) = crate::seccomp::install(&plan.seccomp) {
        send(status_fd, MSG_EXEC_ERROR, error.as_bytes());
        // SAFETY: exiting the forked child.
        unsafe { libc::_exit(127) }
    }
    let mut argv: Vec<*const libc::c_char> = plan.argv.iter().map(|a| a.as_ptr()).collect();
    argv.push(std::ptr::null());
    let mut envp: Vec<*const libc::c_char> = plan.envp.iter().map(|a| a.as_ptr()).collect();
    envp.push(std::ptr::null());
    // SAFETY: NUL-terminated arrays of valid C strings.
    unsafe { libc::execve(path.as_ptr(), argv.as_ptr(), envp.as_ptr()) };
    let message = format!("cannot execute {}: {}", path.to_string_lossy(), io::Error::last_os_error());
    send(status_fd, MSG_EXEC_ERROR, message.as_bytes());
    // SAFETY: exiting the forked child.
    unsafe { libc::_exit(127) }
}

/// `execvpe` semantics with the run's own PATH, checked as the sandbox uid.
fn find_program(plan: &ChildPlan) -> Option<CString> {
    let executable = |candidate: &CString| {
        // SAFETY: valid C string.
        unsafe { libc::access(candidate.as_ptr(), libc::X_OK) == 0 }
    };
    if plan.program.contains(&b'/') {
        return CString::new(plan.program.clone()).ok();
    }
    plan.path_dirs.iter().find_map(|dir| {
        let mut full = dir.clone();
        full.push(b'/');
        full.extend_from_slice(&plan.program);
        let candidate = CString::new(full).ok()?;
        let is_file =
            fs::metadata(Path::new(std::ffi::OsStr::from_bytes(candidate.as_bytes()))).is_ok_and(|m| m.is_file());
        (is_file && executable(&candidate)).then_some(candidate)
    })
}

fn mount(
    source: Option<&Path>,
    target: &Path,
    fstype: Option<&str>,
    flags: libc::c_ulong,
    data: Option<&str>,
) -> Result<(), String> {
    let c = |p: &Path| cstring(p.as_os_str().as_bytes(), "path");
    let source_c = source.map(c).transpose()?;
    let target_c = c(target)?;
    let fstype_c = fstype.map(|f| cstring(f, "fstype")).transpose()?;
    let data_c = data.map(|d| cstring(d, "mount data")).transpose()?;
    // SAFETY: valid C strings or null pointers.
    let r = unsafe {
        libc::mount(
            source_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            target_c.as_ptr(),
            fstype_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            flags,
            data_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr().cast()),
        )
    };
    if r != 0 {
        return Err(os_error(format!(
            "mount {} on {}",
            source.map_or("none".into(), |s| s.display().to_string()),
            target.display()
        )));
    }
    Ok(())
}

/// Flags a read-only remount must keep: in a user namespace, the kernel
/// refuses to clear nosuid/nodev/noexec/atime flags locked by the host.
fn locked_flags(path: &Path) -> libc::c_ulong {
    let Ok(c) = cstring(path.as_os_str().as_bytes(), "path") else {
        return 0;
    };
    // SAFETY: statvfs is plain old data; valid pointers.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return 0;
    }
    let mut flags = 0;
    for (st_flag, ms_flag) in [
        (libc::ST_NOSUID, libc::MS_NOSUID),
        (libc::ST_NODEV, libc::MS_NODEV),
        (libc::ST_NOEXEC, libc::MS_NOEXEC),
        (libc::ST_NOATIME, libc::MS_NOATIME),
        (libc::ST_NODIRATIME, libc::MS_NODIRATIME),
        (libc::ST_RELATIME, libc::MS_RELATIME),
    ] {
        if st.f_flag & st_flag != 0 {
            flags |= ms_flag;
        }
    }
    flags
}

fn bind(source: &Path, target: &Path, read_only: bool, extra: libc::c_ulong) -> Result<(), String> {
    mount(Some(source), target, None, libc::MS_BIND | libc::MS_REC, None)?;
    let mut flags = libc::MS_BIND | libc::MS_REMOUNT | libc::MS_NOSUID | extra | locked_flags(target);
    if read_only {
        flags |= libc::MS_RDONLY;
    }
    mount(None, target, None, flags, None)
}

/// Creates an empty mount point of the same kind (file or directory) as `source`.
fn mount_point_like(source: &Path, target: &Path) -> Result<(), String> {
    let meta = fs::metadata(source).map_err(|e| format!("{}: {e}", source.display()))?;
    if meta.is_dir() {
        fs::create_dir_all(target)
    } else {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        File::create(target).map(drop)
    }
    .map_err(|e| format!("cannot create {}: {e}", target.display()))
}

/// Builds the sandbox's root in the new mount namespace and enters it.
/// Returns the host work dir, open, for copying kept files back.
fn build_root(plan: &ChildPlan) -> Result<OwnedFd, String> {
    let root = PathBuf::from(std::ffi::OsStr::from_bytes(plan.root.as_bytes()));
    // Nothing done here propagates back to the host.
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
    mount(Some(Path::new("tmpfs")), &root, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some("size=1m,mode=0755"))?;

    for dir in SYSTEM_DIRS {
        let host = Path::new("/").join(dir);
        let inside = root.join(dir);
        let Ok(meta) = fs::symlink_metadata(&host) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            let link = fs::read_link(&host).map_err(|e| format!("{}: {e}", host.display()))?;
            std::os::unix::fs::symlink(&link, &inside)
                .map_err(|e| format!("cannot create {}: {e}", inside.display()))?;
        } else if meta.is_dir() {
            fs::create_dir(&inside).map_err(|e| format!("cannot create {}: {e}", inside.display()))?;
            bind(&host, &inside, true, libc::MS_NODEV)?;
        }
    }
    for path in &plan.read_only_paths {
        let Ok(host) = fs::canonicalize(path) else {
            continue;
        };
        let inside = root.join(host.strip_prefix("/").unwrap_or(&host));
        if inside.exists() {
            // Already visible through a system directory.
            continue;
        }
        mount_point_like(&host, &inside)?;
        bind(&host, &inside, true, libc::MS_NODEV)?;
    }
    for masked in MASKED {
        let inside = root.join(masked);
        let Ok(meta) = fs::symlink_metadata(&inside) else {
            continue;
        };
        if meta.is_dir() {
            mount(
                Some(Path::new("tmpfs")),
                &inside,
                Some("tmpfs"),
                libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
                Some("size=4k,mode=0755"),
            )?;
        } else if meta.is_file() {
            bind(Path::new("/dev/null"), &inside, true, 0)?;
        }
    }

    // The work dir: a tmpfs of the run's own, so that everything written to
    // it is memory charged to the run's cgroup (no file-backed pages that
    // writeback could drop from the count, no host disk), capped in size,
    // and gone with the run. The host work dir's files are copied in.
    let box_dir = root.join(BOX_DIR.trim_start_matches('/'));
    fs::create_dir(&box_dir).map_err(|e| format!("cannot create {}: {e}", box_dir.display()))?;
    mount(
        Some(Path::new("tmpfs")),
        &box_dir,
        Some("tmpfs"),
        libc::MS_NOSUID | libc::MS_NODEV,
        Some(&format!("size={},nr_inodes=65536,mode=0755,uid={},gid={}", plan.box_size, plan.uid, plan.gid)),
    )?;
    let host_work = crate::boxdir::open_dir_at(libc::AT_FDCWD, &cstring(plan.work_dir.as_os_str().as_bytes(), "path")?)
        .map_err(|e| format!("work dir {}: {e}", plan.work_dir.display()))?;
    let box_fd = crate::boxdir::open_dir_at(libc::AT_FDCWD, &cstring(box_dir.as_os_str().as_bytes(), "path")?)
        .map_err(|e| format!("{}: {e}", box_dir.display()))?;
    crate::boxdir::copy_tree(
        host_work.as_raw_fd(),
        box_fd.as_raw_fd(),
        None,
        &mut crate::boxdir::Budget::unlimited(),
        None,
    )
    .map_err(|e| format!("copying the work dir {} into the sandbox: {e}", plan.work_dir.display()))?;
    drop(box_fd);

    let tmp = root.join("tmp");
    fs::create_dir(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    mount(
        Some(Path::new("tmpfs")),
        &tmp,
        Some("tmpfs"),
        libc::MS_NOSUID | libc::MS_NODEV,
        Some(&format!("size={},nr_inodes=65536,mode=1777", plan.tmp_size)),
    )?;

    let dev = root.join("dev");
    fs::create_dir(&dev).map_err(|e| format!("cannot create {}: {e}", dev.display()))?;
    mount(
        Some(Path::new("tmpfs")),
        &dev,
        Some("tmpfs"),
        libc::MS_NOSUID | libc::MS_NOEXEC,
        Some("size=64k,mode=0755"),
    )?;
    for device in DEVICES {
        let host = Path::new("/dev").join(device);
        if !host.exists() {
            continue;
        }
        let inside = dev.join(device);
        File::create(&inside).map_err(|e| format!("cannot create {}: {e}", inside.display()))?;
        bind(&host, &inside, false, libc::MS_NOEXEC)?;
    }
    for (name, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ] {
        std::os::unix::fs::symlink(target, dev.join(name)).map_err(|e| format!("cannot create /dev/{name}: {e}"))?;
    }
    let shm = dev.join("shm");
    fs::create_dir(&shm).map_err(|e| format!("cannot create {}: {e}", shm.display()))?;
    mount(
        Some(Path::new("tmpfs")),
        &shm,
        Some("tmpfs"),
        libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
        Some("size=16m,mode=1777"),
    )?;

    // In a user namespace the tmpfs belongs to the sandbox uid: make it
    // read-only (the device binds and /dev/shm are mounts of their own).
    mount(
        None,
        &dev,
        None,
        libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NOEXEC,
        None,
    )?;

    let proc_dir = root.join("proc");
    fs::create_dir(&proc_dir).map_err(|e| format!("cannot create {}: {e}", proc_dir.display()))?;
    // hidepid: the program sees only its own processes, not init's (run as
    // another uid when the judge is root). Older kernels without it still
    // get a proc of the run's own pid namespace.
    let proc_flags = libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;
    mount(Some(Path::new("proc")), &proc_dir, Some("proc"), proc_flags, Some("hidepid=2"))
        .or_else(|_| mount(Some(Path::new("proc")), &proc_dir, Some("proc"), proc_flags, None))?;

    // Enter the new root; the old one is detached and unreachable.
    std::env::set_current_dir(&root).map_err(|e| format!("chdir {}: {e}", root.display()))?;
    let dot = cstring(".", "path")?;
    // SAFETY: valid C strings.
    if unsafe { libc::syscall(libc::SYS_pivot_root, dot.as_ptr(), dot.as_ptr()) } != 0 {
        return Err(os_error("pivot_root"));
    }
    // SAFETY: valid C string.
    if unsafe { libc::umount2(dot.as_ptr(), libc::MNT_DETACH) } != 0 {
        return Err(os_error("detaching the old root"));
    }
    std::env::set_current_dir("/").map_err(|e| format!("chdir /: {e}"))?;
    mount(
        None,
        Path::new("/"),
        None,
        libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV,
        None,
    )?;
    std::env::set_current_dir(BOX_DIR).map_err(|e| format!("chdir {BOX_DIR}: {e}"))?;
    let hostname = "oaj-sandbox";
    // SAFETY: valid buffer.
    unsafe { libc::sethostname(hostname.as_ptr().cast(), hostname.len()) };
    Ok(host_work)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut bytes = vec![kind];
        bytes.extend_from_slice(&(body.len() as u16).to_le_bytes());
        bytes.extend_from_slice(body);
        bytes
    }

    #[test]
    fn status_messages_split_and_carry_numbers() {
        let mut ready = 123_456_789u64.to_le_bytes().to_vec();
        ready.extend_from_slice(&42u64.to_le_bytes());
        let mut status = 9i32.to_le_bytes().to_vec();
        status.extend_from_slice(&987u64.to_le_bytes());
        let mut bytes = frame(MSG_READY, &ready);
        bytes.extend(frame(MSG_STATUS, &status));
        bytes.extend(frame(MSG_EXEC_ERROR, b"not found"));
        // A truncated trailing message yields what arrived.
        bytes.extend(&frame(MSG_SETUP_ERROR, b"cut")[..4]);
        let messages = parse_messages(&bytes);
        assert_eq!(messages.len(), 4);
        assert_eq!(messages[0].0, MSG_READY);
        assert_eq!(u64_at(messages[0].1, 0), Some(123_456_789));
        assert_eq!(u64_at(messages[0].1, 8), Some(42));
        assert_eq!(messages[1].0, MSG_STATUS);
        assert_eq!(u64_at(messages[1].1, 4), Some(987));
        assert_eq!(messages[2].1, b"not found");
        assert_eq!(messages[3].1, b"c");
        assert_eq!(u64_at(b"short", 0), None);
        assert!(parse_messages(&[]).is_empty());
    }
}
