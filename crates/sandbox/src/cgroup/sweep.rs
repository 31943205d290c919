//! Stale run cgroups: those of a helper killed before it could clean up.

use std::fs;
use std::path::{Path, PathBuf};

use super::{CgroupLayout, RUN_PREFIX};

/// Whether `name` is a run cgroup of a helper that no longer exists: a
/// helper killed before it could clean up (the judge exited mid-run).
pub(super) fn is_stale_run(name: &str, alive: impl Fn(u32) -> bool) -> bool {
    name.strip_prefix(RUN_PREFIX)
        .or_else(|| name.strip_prefix("oaj-probe-"))
        .and_then(|pid| pid.parse::<u32>().ok())
        .is_some_and(|pid| !alive(pid))
}

/// Removes stale run cgroups beneath the judge's own cgroups, killing what
/// is still in them first: the runs of a helper that died (with the judge
/// that started it) must not go on. A cgroup whose processes are still
/// dying is left for the next sweep (rmdir refuses it meanwhile).
pub(crate) fn sweep_stale(layout: &CgroupLayout) {
    let bases: Vec<&PathBuf> = match layout {
        CgroupLayout::V1 { memory, pids, cpuacct } => std::iter::once(memory).chain(pids).chain(cpuacct).collect(),
        CgroupLayout::V2 { base } => vec![base],
    };
    // A zombie helper (killed, its parent gone, not yet reaped) runs nothing.
    let alive = |pid: u32| {
        fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|stat| stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')))
    };
    for base in bases {
        let Ok(entries) = fs::read_dir(base) else { continue };
        for entry in entries.flatten() {
            if is_stale_run(&entry.file_name().to_string_lossy(), alive) {
                // A dead server's pool: its numbered cgroups go first.
                if let Ok(children) = fs::read_dir(entry.path()) {
                    for child in children.flatten().filter(|c| c.file_type().is_ok_and(|t| t.is_dir())) {
                        remove_killing(&child.path());
                    }
                }
                remove_killing(&entry.path());
            }
        }
    }
}

/// Removes a cgroup directory, killing what is in it when rmdir refuses.
fn remove_killing(dir: &Path) {
    if fs::remove_dir(dir).is_err() {
        let _ = fs::write(dir.join("cgroup.kill"), "1");
        let procs = fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
        for pid in procs.split_whitespace().filter_map(|p| p.parse::<i32>().ok()) {
            // SAFETY: plain syscall; the pid is a member of a run cgroup
            // beneath our own.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        let _ = fs::remove_dir(dir);
    }
}
