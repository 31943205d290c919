//! One empty network namespace shared by runs, instead of a new one per
//! run: creating a network namespace and tearing it down cost about as much
//! as the rest of a run's set-up together.
//!
//! A holder process (`oaj __sandbox-exec` with a `HoldNetns` request) creates
//! the namespace and keeps it alive until the judge exits (its stdin closes).
//! Each run's helper joins it with `setns` before cloning the sandbox. It is
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

/// Becomes the holder: moves the calling (single-threaded) process into a
/// new, empty network namespace and says who it is.
pub(crate) fn become_holder() -> Result<NetnsHolder, String> {
    // SAFETY: plain syscall; the helper is single-threaded.
    if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
        return Err(format!("unshare(CLONE_NEWNET): {}", io::Error::last_os_error()));
    }
    let pid = std::process::id() as i32;
    let start_time = start_time(pid).ok_or("cannot read own start time")?;
    Ok(NetnsHolder { pid, start_time })
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
    fn own_start_time_is_readable() {
        assert!(start_time(std::process::id() as i32).is_some());
    }
}
