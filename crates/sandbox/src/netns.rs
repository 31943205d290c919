//! One empty network namespace shared by runs, instead of a new one per
//! run: creating a network namespace and tearing it down cost about as much
//! as the rest of a run's set-up together.
//!
//! A holder process, forked by the sandbox server when it starts (no exec of
//! its own), creates the namespace and keeps it alive until the server exits
//! (it dies with the server). The server hands it to every run it serves,
//! whose supervisor joins it with `setns` before cloning the sandbox. The
//! probe forks a holder of its own in the same way, to try it. It is
//! used only when every run can also be confined by Landlock's abstract-Unix-
//! socket scoping (Linux 6.12, Landlock ABI 6): abstract Unix socket names
//! are per network namespace, and without that scoping concurrent runs could
//! talk to each other through them. Anything that fails here falls back to a
//! new network namespace per run, which is never weaker.

use std::fs;
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;

use serde::{Deserialize, Serialize};

/// The process that holds the shared network namespace, identified by pid
/// and start time so that a reused pid is never mistaken for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetnsHolder {
    pub pid: i32,
    pub start_time: u64,
}

/// Landlock ABI that introduced `LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET`.
pub(crate) const LANDLOCK_SCOPE_ABI: i64 = 6;
const LANDLOCK_CREATE_RULESET_VERSION: u32 = 1;
const LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET: u64 = 1;

/// The Landlock ABI version of the running kernel, 0 when unavailable.
pub(crate) fn landlock_abi() -> i64 {
    // SAFETY: a version query takes no attribute pointer.
    let abi = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<libc::c_void>(),
            0usize,
            LANDLOCK_CREATE_RULESET_VERSION,
        )
    };
    abi.max(0)
}

/// `struct landlock_ruleset_attr` as of ABI 6.
#[repr(C)]
struct RulesetAttr {
    handled_access_fs: u64,
    handled_access_net: u64,
    scoped: u64,
}

/// Confines the calling process and its future children to abstract Unix
/// sockets created inside the same Landlock domain: a run cannot connect to
/// one of another run. Needs `no_new_privs`. Called in the forked program
/// before exec, so it allocates nothing.
pub(crate) fn scope_abstract_unix_sockets() -> Result<(), &'static str> {
    let attr = RulesetAttr { handled_access_fs: 0, handled_access_net: 0, scoped: LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET };
    // SAFETY: valid pointer and size of a repr(C) struct.
    let ruleset = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            &attr as *const RulesetAttr,
            std::mem::size_of::<RulesetAttr>(),
            0u32,
        )
    };
    if ruleset < 0 {
        return Err("landlock_create_ruleset (abstract Unix socket scoping)");
    }
    // SAFETY: a fresh descriptor we own.
    let ruleset = unsafe { OwnedFd::from_raw_fd(ruleset as i32) };
    // SAFETY: plain syscall on our descriptor.
    let r = unsafe { libc::syscall(libc::SYS_landlock_restrict_self, std::os::fd::AsRawFd::as_raw_fd(&ruleset), 0u32) };
    if r != 0 {
        return Err("landlock_restrict_self");
    }
    Ok(())
}

/// Start time (field 22 of `/proc/<pid>/stat`, in clock ticks since boot).
pub(crate) fn start_time(pid: i32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_start_time(&stat)
}

fn parse_start_time(stat: &str) -> Option<u64> {
    // The command name may contain spaces and parentheses: fields resume
    // after the last ')', with field 3 (state) first.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// A holder process forked by [`Holder::spawn`]: a child of the calling
/// process that sits in a new, empty network namespace doing nothing. It
/// dies with its parent (`PR_SET_PDEATHSIG`) and is killed and reaped when
/// this is dropped.
#[derive(Debug)]
pub(crate) struct Holder {
    pub netns: NetnsHolder,
    /// The process that forked the holder: only it kills it (a forked copy
    /// of this value, in a supervisor, must not).
    parent: u32,
}

impl Holder {
    /// Forks the holder. The caller must be single-threaded (the exec helper
    /// or the sandbox server) and root: `unshare(CLONE_NEWNET)` outside a
    /// user namespace needs `CAP_SYS_ADMIN`.
    pub(crate) fn spawn() -> Result<Holder, String> {
        let mut fds = [0; 2];
        // SAFETY: fds is a valid array of two ints.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(format!("pipe: {}", io::Error::last_os_error()));
        }
        // SAFETY: two fresh descriptors that we now own.
        let (read_end, write_end) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        let parent = std::process::id() as i32;
        // SAFETY: the caller is single-threaded; the child only makes plain
        // syscalls and never returns.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            return Err(format!("fork: {}", io::Error::last_os_error()));
        }
        if pid == 0 {
            hold(parent, std::os::fd::AsRawFd::as_raw_fd(&write_end));
        }
        drop(write_end);
        let reap = |pid: i32| {
            // SAFETY: our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, std::ptr::null_mut(), 0);
            }
        };
        // One byte: 0 once the child is in its new namespace, else the errno
        // of its unshare. End of file: it died first.
        let mut answer = [0u8; 1];
        let read = loop {
            // SAFETY: valid buffer and descriptor.
            let n = unsafe { libc::read(std::os::fd::AsRawFd::as_raw_fd(&read_end), answer.as_mut_ptr().cast(), 1) };
            if n >= 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                break n;
            }
        };
        if read != 1 || answer[0] != 0 {
            reap(pid);
            return Err(if read == 1 {
                format!("unshare(CLONE_NEWNET): {}", io::Error::from_raw_os_error(answer[0] as i32))
            } else {
                "the network namespace holder died before it was ready".into()
            });
        }
        match start_time(pid) {
            Some(start_time) => Ok(Holder { netns: NetnsHolder { pid, start_time }, parent: parent as u32 }),
            None => {
                reap(pid);
                Err(format!("cannot read the start time of the network namespace holder {pid}"))
            }
        }
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        if std::process::id() != self.parent {
            return;
        }
        // SAFETY: our own unreaped child (a child's pid is not reused
        // before it is reaped, here).
        unsafe {
            libc::kill(self.netns.pid, libc::SIGKILL);
            libc::waitpid(self.netns.pid, std::ptr::null_mut(), 0);
        }
    }
}

/// The holder's whole life, in the forked child: keeps no descriptor of its
/// parent's (a pipe or socket held open here would keep the judge waiting
/// for an end of file), moves into a new network namespace, says so on
/// `ready`, and waits to be killed.
fn hold(parent: i32, ready: i32) -> ! {
    // SAFETY: plain syscalls on our own descriptors in a forked child; it
    // ends with _exit or waits forever, never returning to the caller.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
        // A parent that died before the prctl took effect sends no signal.
        if libc::getppid() != parent {
            libc::_exit(1);
        }
        libc::chdir(c"/".as_ptr());
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        for fd in 0..3 {
            if null >= 0 && null != fd && ready != fd {
                libc::dup2(null, fd);
            }
        }
        // Every other descriptor but `ready` goes (close_range, Linux 5.9).
        if ready > 3 {
            libc::syscall(libc::SYS_close_range, 3u32, (ready - 1) as u32, 0u32);
        }
        libc::syscall(libc::SYS_close_range, (ready + 1).max(3) as u32, u32::MAX, 0u32);
        let status: u8 = if libc::unshare(libc::CLONE_NEWNET) == 0 {
            0
        } else {
            io::Error::last_os_error().raw_os_error().unwrap_or(libc::EPERM).clamp(1, 255) as u8
        };
        libc::write(ready, (&status as *const u8).cast(), 1);
        libc::close(ready);
        if status != 0 {
            libc::_exit(1);
        }
        loop {
            libc::pause();
        }
    }
}

/// Moves the calling (single-threaded) helper into the holder's network
/// namespace, after checking that the holder is still the process it was
/// and that its namespace is not the host's.
pub(crate) fn join(holder: &NetnsHolder) -> Result<(), String> {
    // SAFETY: plain syscall.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, holder.pid, 0u32) };
    if pidfd < 0 {
        return Err(format!("pidfd_open({}): {}", holder.pid, io::Error::last_os_error()));
    }
    // SAFETY: a fresh descriptor we own.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as i32) };
    // The pidfd pins the process it was opened on: if that is the holder
    // now, setns through it can reach no other process.
    if start_time(holder.pid) != Some(holder.start_time) {
        return Err(format!("process {} is no longer the network namespace holder", holder.pid));
    }
    // The helper's own network namespace is the judge's: the shared one
    // must differ from it (a holder whose unshare had silently not happened
    // would otherwise hand runs the host's network).
    let netns_id =
        || fs::metadata("/proc/self/ns/net").map(|m| (m.dev(), m.ino())).map_err(|e| format!("/proc/self/ns/net: {e}"));
    let before = netns_id()?;
    // SAFETY: plain syscall on our descriptor.
    if unsafe { libc::setns(std::os::fd::AsRawFd::as_raw_fd(&pidfd), libc::CLONE_NEWNET) } != 0 {
        return Err(format!("setns: {}", io::Error::last_os_error()));
    }
    if netns_id()? == before {
        return Err("the holder's network namespace is the judge's own".into());
    }
    Ok(())
}

/// Whether [`join`] works, leaving the calling process in its own network
/// namespace: the probe checks this before trusting the shared namespace,
/// since a run whose join fails silently falls back to a namespace of its own.
pub(crate) fn check_join(holder: &NetnsHolder) -> Result<(), String> {
    let original = fs::File::open("/proc/self/ns/net").map_err(|e| format!("/proc/self/ns/net: {e}"))?;
    let joined = join(holder);
    // SAFETY: plain syscall on an open namespace file.
    if unsafe { libc::setns(std::os::fd::AsRawFd::as_raw_fd(&original), libc::CLONE_NEWNET) } != 0 {
        return Err(format!("setns back: {}", io::Error::last_os_error()));
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_time_is_field_22_even_with_odd_names() {
        let fields: Vec<String> = (3..=25).map(|n| n.to_string()).collect();
        for name in ["(oaj)", "(a b) c)", "())"] {
            let stat = format!("123 {name} {}", fields.join(" "));
            assert_eq!(parse_start_time(&stat), Some(22), "{stat}");
        }
        assert_eq!(parse_start_time("123 (oaj) S 1"), None);
        assert_eq!(parse_start_time("no paren"), None);
    }

    #[test]
    fn a_holder_sits_in_a_network_namespace_of_its_own_until_dropped() {
        if !nix::unistd::geteuid().is_root() {
            eprintln!("SKIPPED: a network namespace without a user namespace needs root");
            return;
        }
        let netns = |pid: &str| fs::metadata(format!("/proc/{pid}/ns/net")).map(|m| (m.dev(), m.ino())).ok();
        let holder = Holder::spawn().expect("holder");
        let pid = holder.netns.pid;
        assert_eq!(start_time(pid), Some(holder.netns.start_time));
        assert!(netns(&pid.to_string()).is_some());
        assert_ne!(netns(&pid.to_string()), netns("self"), "the holder's namespace is not ours");
        // It keeps none of our descriptors: only its /dev/null stdio, once
        // it has closed the pipe it said it was ready on.
        let fds = || fs::read_dir(format!("/proc/{pid}/fd")).expect("fds").flatten().count();
        let settled = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while fds() != 3 && std::time::Instant::now() < settled {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(fds(), 3);
        drop(holder);
        assert!(start_time(pid).is_none(), "killed and reaped with the value");
    }

    #[test]
    fn own_start_time_is_readable() {
        assert!(start_time(std::process::id() as i32).is_some());
    }
}
