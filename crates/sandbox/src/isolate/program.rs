//! The program's side of a run: started by init (see `child`) on init's
//! memory until its `execve`, it takes its descriptors, sets rlimits,
//! drops to the sandbox uid, sets `no_new_privs`, Landlock scoping and the
//! seccomp filter, and execs.

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::child::ChildPlan;
use super::os_error;
use super::protocol::{send, MSG_EXEC_ERROR};
use crate::steps::REPORT_FD;

/// The descriptors a program starts with, as numbers in init's table: the
/// program's own copies of them are made by `clone` (its table is a copy).
#[derive(Clone, Copy)]
pub(super) struct ProgramFds {
    pub stdin: RawFd,
    pub stdout: RawFd,
    pub stderr: RawFd,
    /// A stepped run's report pipe, handed to the program as [`REPORT_FD`].
    pub report: Option<RawFd>,
}

/// Starts the program (see [`program_main`]) and returns its pid, or -1.
///
/// The child shares init's memory until it execs or exits
/// (`CLONE_VM | CLONE_VFORK`, as `posix_spawn` does) and runs on a stack of
/// its own. A `fork` copied init's page tables and then every page either
/// side wrote before the exec: about a tenth of a cached case's cost. Init
/// is single-threaded and suspended until the exec, so the child is alone
/// on the shared memory; the little it allocates on a failure path stays
/// allocated, and it never returns.
pub(super) fn spawn_program(plan: &ChildPlan, fds: ProgramFds, status_fd: RawFd) -> libc::pid_t {
    struct Start<'a> {
        plan: &'a ChildPlan,
        fds: ProgramFds,
        status_fd: RawFd,
    }
    extern "C" fn start(arg: *mut libc::c_void) -> libc::c_int {
        // SAFETY: `arg` is the `Start` below, alive until the exec (the
        // parent is suspended until then).
        let start = unsafe { &*(arg as *const Start) };
        // SAFETY: the descriptors are open in this child's copy of init's
        // table, and this child owns its copies.
        let own = |fd: RawFd| unsafe { OwnedFd::from_raw_fd(fd) };
        let report = start.fds.report.map(own);
        program_main(
            start.plan,
            own(start.fds.stdin),
            own(start.fds.stdout),
            own(start.fds.stderr),
            start.status_fd,
            report,
        )
    }
    let Some(stack_top) = program_stack() else { return -1 };
    let mut arg = Start { plan, fds, status_fd };
    // SAFETY: `start` runs on a stack of its own that nothing else uses
    // while it runs (init is suspended by CLONE_VFORK until the exec or
    // exit), and never returns into init's frames.
    unsafe {
        libc::clone(
            start,
            stack_top,
            libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            (&mut arg as *mut Start).cast(),
        )
    }
}

/// Bytes of the program's pre-exec stack (below it, one guard page).
const PROGRAM_STACK_BYTES: usize = 1 << 20;

/// The top of the stack the program runs on until its exec: mapped once per
/// init and used by one program at a time (init waits for each exec).
fn program_stack() -> Option<*mut libc::c_void> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static TOP: AtomicUsize = AtomicUsize::new(0);
    let top = TOP.load(Ordering::Relaxed);
    if top != 0 {
        return Some(top as *mut libc::c_void);
    }
    // SAFETY: sysconf has no preconditions.
    let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096).max(4096);
    // SAFETY: a fresh private mapping; its lowest page becomes the guard.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            PROGRAM_STACK_BYTES + page,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK,
            -1,
            0,
        )
    };
    // SAFETY: the guard page is the mapping's own first page.
    if base == libc::MAP_FAILED || unsafe { libc::mprotect(base, page, libc::PROT_NONE) } != 0 {
        return None;
    }
    // The stack grows down from the mapping's end (16-byte aligned).
    let top = base as usize + page + PROGRAM_STACK_BYTES;
    TOP.store(top, Ordering::Relaxed);
    Some(top as *mut libc::c_void)
}

/// The program: drop privileges, apply limits, exec. Never returns. Runs in
/// the child [`spawn_program`] starts, on init's memory: it must not touch
/// init's state.
pub(super) fn program_main(
    plan: &ChildPlan,
    stdin: OwnedFd,
    stdout: OwnedFd,
    stderr: OwnedFd,
    status_fd: RawFd,
    report: Option<OwnedFd>,
) -> ! {
    // The report pipe goes to REPORT_FD: move the status pipe out of its way.
    let status_fd = if report.is_some() && status_fd == REPORT_FD {
        // SAFETY: plain fcntl on a descriptor we hold.
        unsafe { libc::fcntl(status_fd, libc::F_DUPFD_CLOEXEC, REPORT_FD + 1) }
    } else {
        status_fd
    };
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
    // A stepped run's report pipe is the one descriptor past stderr that the
    // program keeps (dup2 clears close-on-exec on the copy). Placed after
    // the drops above, which could otherwise close descriptor 3 again.
    if let Some(report) = report {
        let raw = report.as_raw_fd();
        // The original closes on exec; when it already is REPORT_FD it stays.
        std::mem::forget(report);
        // SAFETY: plain syscalls on descriptors we hold.
        let kept = unsafe {
            if raw == REPORT_FD {
                libc::fcntl(REPORT_FD, libc::F_SETFD, 0)
            } else {
                libc::dup2(raw, REPORT_FD)
            }
        };
        if kept < 0 {
            fail("placing the report pipe");
        }
    }
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
