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

//!
//! A session ([`session`]) keeps one init and its namespaces for the cases
//! of one judging slot, with writable file systems and an IPC namespace
//! emptied after every case ([`casefs`]) and a fresh process tree per case.
//!
//! The code is split by side: [`supervise`] (the parent: cgroup, clone,
//! watching, the outcome; [`monitor`] its pipes and clock), [`child`] (init and the program: namespaces,
//! rlimits, privileges, seccomp, Landlock, exec), [`rootfs`] (the read-only
//! root), [`protocol`] (init's status messages), [`input`] (stdin) and
//! [`session`] (one environment for many cases).

mod casefs;
mod child;
mod input;
mod monitor;
mod program;
mod protocol;
mod rootfs;
mod session;
mod supervise;

pub use rootfs::read_only_path_visible;

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::cgroup::CgroupLayout;
use crate::steps::StepsSeen;
use crate::{RunOutcome, RunSpec, SandboxError, Step};

pub(crate) use input::stdin_fd;
pub(crate) use monitor::Capture;
pub(crate) use rootfs::prepare_root_namespace;
pub(crate) use session::Session;
pub(crate) use supervise::Cleanup;

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

fn os_error(what: impl std::fmt::Display) -> String {
    format!("{what}: {}", io::Error::last_os_error())
}

fn cstring(value: impl AsRef<[u8]>, what: &str) -> Result<CString, String> {
    CString::new(value.as_ref()).map_err(|_| format!("{what} contains a NUL byte"))
}

/// A pipe (read end, write end) for other modules' tests.
#[cfg(test)]
pub(crate) fn pipe_for_tests() -> (OwnedFd, OwnedFd) {
    pipe().expect("pipe")
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

/// Clones the calling process into new namespaces (`flags`, `CLONE_NEW*`;
/// `SIGCHLD` is added): the child's pid in the parent, 0 in the child.
/// The caller must be single-threaded: without `CLONE_VM` a raw clone
/// behaves like `fork`, so the child may run ordinary code.
fn clone_into_namespaces(flags: libc::c_int) -> Result<libc::pid_t, SandboxError> {
    // SAFETY: a raw clone without CLONE_VM or a new stack behaves like fork
    // (no glibc fork handlers run; single-threaded callers need none).
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone,
            (flags | libc::SIGCHLD) as libc::c_ulong,
            std::ptr::null_mut::<libc::c_void>(),
            std::ptr::null_mut::<libc::c_int>(),
            std::ptr::null_mut::<libc::c_int>(),
            0 as libc::c_ulong,
        )
    };
    if pid < 0 {
        return Err(SandboxError::Setup(os_error(
            "cannot create namespaces (clone); run as root or enable user namespaces",
        )));
    }
    Ok(pid as libc::pid_t)
}

/// What a run may reuse of the sandbox server's (see `server`); the
/// default, for a helper of its own, is nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reuse {
    /// The run's cgroup from the server's pool, as a name beneath the
    /// layout's bases.
    pub cgroup: Option<String>,
    /// Where the server keeps its prepared read-only roots (in its mount
    /// namespace, which the supervisor shares).
    pub prepared_roots: Option<PathBuf>,
    /// The shared empty network namespace held by the server's own holder
    /// (see `netns`): runs of the server join it.
    pub shared_netns: Option<crate::netns::NetnsHolder>,
}

impl Reuse {
    /// `settings` as a run of this process uses them: the server decides
    /// the shared network namespace (it holds it), not the request.
    pub fn settings_for(&self, mut settings: IsolationSettings) -> IsolationSettings {
        if self.shared_netns.is_some() {
            settings.shared_netns = self.shared_netns.clone();
        }
        settings
    }
}

/// Runs `spec` in a fresh sandbox. Must be called from a single-threaded
/// process (the exec helper).
pub(crate) fn run_isolated(
    spec: &RunSpec,
    stdin: OwnedFd,
    settings: &IsolationSettings,
    reuse: &Reuse,
) -> Result<(RunOutcome, Cleanup), SandboxError> {
    supervise::run(spec, Input::Plain(stdin), settings, reuse).map(|(outcome, cleanup, _)| (outcome, cleanup))
}

/// Runs `spec` in a fresh sandbox as a stepped run (see `steps`). Needs the
/// run cgroup's CPU counter. Single-threaded callers only, as above.
pub(crate) fn run_isolated_steps(
    spec: &RunSpec,
    steps: Vec<Step>,
    settings: &IsolationSettings,
    reuse: &Reuse,
) -> Result<(RunOutcome, Cleanup, StepsSeen), SandboxError> {
    supervise::run(spec, Input::Steps(steps), settings, reuse)
}

enum Input {
    Plain(OwnedFd),
    Steps(Vec<Step>),
}

/// The host work dir, resolved and checked, with the names the run keeps.
/// It is never shown to the program: init copies it into the run's own
/// tmpfs and copies back only what the caller keeps.
fn checked_work_dir(spec: &RunSpec) -> Result<PathBuf, SandboxError> {
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
    Ok(work_dir)
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
