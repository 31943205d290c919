//! cgroups for one run: memory limit and peak, process count, CPU accounting,
//! and killing the whole tree.
//!
//! Both hierarchies are supported and detected at start:
//! - v1 (one mount per controller): the judge's own cgroup is read per
//!   controller from `/proc/self/cgroup`, and each run gets a child cgroup in
//!   the memory, pids and cpuacct hierarchies.
//! - v2 (one unified mount): the run gets one child cgroup with `memory` and
//!   `pids` enabled in its parent's `cgroup.subtree_control`.
//!
//! Cgroups are only ever created beneath the judge's own cgroup and removed
//! after the run; nothing outside that subtree is touched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// One line of `/proc/<pid>/cgroup`: `hierarchy-id:controllers:path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcCgroupLine {
    pub hierarchy_id: u32,
    /// Empty for the v2 line (`0::/path`).
    pub controllers: Vec<String>,
    pub path: String,
}

pub(crate) fn parse_proc_cgroup(text: &str) -> Vec<ProcCgroupLine> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ':');
            let id = parts.next()?.trim().parse().ok()?;
            let controllers = parts.next()?;
            let path = parts.next()?;
            Some(ProcCgroupLine {
                hierarchy_id: id,
                controllers: controllers.split(',').filter(|c| !c.is_empty()).map(str::to_string).collect(),
                path: path.to_string(),
            })
        })
        .collect()
}

/// A cgroup filesystem mount from `/proc/self/mountinfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CgroupMount {
    /// The cgroup path (within the hierarchy) that is the mount's root; not
    /// `/` when a container sees only its own subtree.
    pub root: String,
    pub mount_point: PathBuf,
    pub v2: bool,
    /// Controllers of a v1 mount (from its super options).
    pub controllers: Vec<String>,
}

/// Undoes the octal escapes (`\040` for a space) of mountinfo fields.
fn unescape_mountinfo(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 4 <= bytes.len() {
            if let Some(value) =
                std::str::from_utf8(&bytes[i + 1..i + 4]).ok().and_then(|oct| u8::from_str_radix(oct, 8).ok())
            {
                out.push(value);
                i += 4;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn parse_mountinfo(text: &str) -> Vec<CgroupMount> {
    let v1_options = ["rw", "ro", "relatime", "noatime", "nosuid", "nodev", "noexec"];
    text.lines()
        .filter_map(|line| {
            let (left, right) = line.split_once(" - ")?;
            let left: Vec<&str> = left.split(' ').collect();
            let right: Vec<&str> = right.split(' ').collect();
            let fstype = *right.first()?;
            let v2 = match fstype {
                "cgroup2" => true,
                "cgroup" => false,
                _ => return None,
            };
            let controllers = if v2 {
                Vec::new()
            } else {
                right
                    .get(2)?
                    .split(',')
                    .filter(|o| !v1_options.contains(o) && !o.contains('='))
                    .map(str::to_string)
                    .collect()
            };
            Some(CgroupMount {
                root: unescape_mountinfo(left.get(3)?),
                mount_point: PathBuf::from(unescape_mountinfo(left.get(4)?)),
                v2,
                controllers,
            })
        })
        .collect()
}

/// Where the process's cgroup `path` lives in the filesystem, given the mount
/// of its hierarchy. None when the mount does not show that cgroup.
pub(crate) fn cgroup_dir(mount: &CgroupMount, path: &str) -> Option<PathBuf> {
    let root = mount.root.trim_end_matches('/');
    let relative = path.strip_prefix(root)?;
    if !relative.is_empty() && !relative.starts_with('/') {
        return None;
    }
    let relative = relative.trim_start_matches('/');
    if relative.split('/').any(|c| c == "..") {
        return None;
    }
    Some(if relative.is_empty() { mount.mount_point.clone() } else { mount.mount_point.join(relative) })
}

/// The judge's own cgroup directories, under which run cgroups are created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CgroupLayout {
    V1 { memory: PathBuf, pids: Option<PathBuf>, cpuacct: Option<PathBuf> },
    V2 { base: PathBuf },
}

impl CgroupLayout {
    pub fn describe(&self) -> String {
        match self {
            CgroupLayout::V1 { memory, pids, cpuacct } => {
                let mut parts = vec![format!("memory at {}", memory.display())];
                match pids {
                    Some(p) => parts.push(format!("pids at {}", p.display())),
                    None => parts.push("no pids controller".into()),
                }
                match cpuacct {
                    Some(p) => parts.push(format!("cpuacct at {}", p.display())),
                    None => parts.push("no cpuacct controller".into()),
                }
                format!("cgroup v1: {}", parts.join(", "))
            }
            CgroupLayout::V2 { base } => {
                format!("cgroup v2: memory, pids, cpu under {}", base.display())
            }
        }
    }
}

/// The v1 plan: the judge's own directory in each controller's hierarchy.
/// Requires the memory controller; pids and cpuacct are optional.
pub(crate) fn plan_v1(procs: &[ProcCgroupLine], mounts: &[CgroupMount]) -> Result<CgroupLayout, String> {
    let find = |controller: &str| -> Option<PathBuf> {
        let line = procs.iter().find(|l| l.controllers.iter().any(|c| c == controller))?;
        let mount = mounts.iter().find(|m| !m.v2 && m.controllers.iter().any(|c| c == controller))?;
        cgroup_dir(mount, &line.path)
    };
    let memory = find("memory").ok_or("no cgroup v1 memory hierarchy is mounted")?;
    Ok(CgroupLayout::V1 { memory, pids: find("pids"), cpuacct: find("cpuacct") })
}

/// The v2 plan: the judge's own directory in the unified hierarchy.
pub(crate) fn plan_v2(procs: &[ProcCgroupLine], mounts: &[CgroupMount]) -> Result<PathBuf, String> {
    let line = procs
        .iter()
        .find(|l| l.hierarchy_id == 0 && l.controllers.is_empty())
        .ok_or("the process has no cgroup v2 membership")?;
    let mount = mounts.iter().find(|m| m.v2).ok_or("no cgroup2 filesystem is mounted")?;
    cgroup_dir(mount, &line.path).ok_or_else(|| {
        format!("cgroup {} is not visible under the cgroup2 mount {}", line.path, mount.mount_point.display())
    })
}

/// Whether a v2 `cgroup.controllers` list has what a run needs.
pub(crate) fn v2_has_controllers(controllers: &str) -> bool {
    let have: Vec<&str> = controllers.split_whitespace().collect();
    have.contains(&"memory") && have.contains(&"pids")
}

/// Name of the leaf the judge's own processes move to on v2, so that its
/// cgroup may delegate controllers to run cgroups ("no internal processes").
const V2_JUDGE_LEAF: &str = "oaj-judge";

/// Finds and checks the cgroup layout of this process: prefers v2 when its
/// controllers are available, else v1. Creates and removes a probe cgroup to
/// prove that it may.
pub(crate) fn detect() -> Result<CgroupLayout, String> {
    let procs = fs::read_to_string("/proc/self/cgroup").map_err(|e| format!("cannot read /proc/self/cgroup: {e}"))?;
    let mounts =
        fs::read_to_string("/proc/self/mountinfo").map_err(|e| format!("cannot read /proc/self/mountinfo: {e}"))?;
    let procs = parse_proc_cgroup(&procs);
    let mounts = parse_mountinfo(&mounts);

    let mut reasons = Vec::new();
    match plan_v2(&procs, &mounts).and_then(prepare_v2) {
        Ok(base) => {
            let layout = CgroupLayout::V2 { base };
            match probe_create(&layout) {
                Ok(()) => return Ok(layout),
                Err(e) => reasons.push(format!("v2: {e}")),
            }
        }
        Err(e) => reasons.push(format!("v2: {e}")),
    }
    match plan_v1(&procs, &mounts) {
        Ok(layout) => match probe_create(&layout) {
            Ok(()) => return Ok(layout),
            Err(e) => reasons.push(format!("v1: {e}")),
        },
        Err(e) => reasons.push(format!("v1: {e}")),
    }
    Err(reasons.join("; "))
}

/// Makes `base` able to host run cgroups with memory and pids: enables them
/// in its subtree_control, first moving the judge's own processes into a leaf
/// beneath it when the kernel refuses because `base` holds processes.
fn prepare_v2(base: PathBuf) -> Result<PathBuf, String> {
    let controllers = fs::read_to_string(base.join("cgroup.controllers"))
        .map_err(|e| format!("cannot read {}: {e}", base.join("cgroup.controllers").display()))?;
    if !v2_has_controllers(&controllers) {
        return Err(format!("{} lacks the memory and pids controllers (has: {})", base.display(), controllers.trim()));
    }
    // A leaf created by an earlier start of the judge: use its parent.
    let base = if base.file_name().is_some_and(|n| n == V2_JUDGE_LEAF) {
        base.parent().map(Path::to_path_buf).unwrap_or(base)
    } else {
        base
    };
    let subtree = base.join("cgroup.subtree_control");
    let enabled = fs::read_to_string(&subtree).unwrap_or_default();
    if v2_has_controllers(&enabled) {
        return Ok(base);
    }
    if fs::write(&subtree, "+memory +pids").is_ok() {
        return Ok(base);
    }
    let leaf = base.join(V2_JUDGE_LEAF);
    fs::create_dir_all(&leaf).map_err(|e| format!("cannot create {}: {e}", leaf.display()))?;
    let procs = fs::read_to_string(base.join("cgroup.procs")).unwrap_or_default();
    for pid in procs.split_whitespace() {
        // Processes may exit meanwhile; those that stay are checked below.
        let _ = fs::write(leaf.join("cgroup.procs"), pid);
    }
    fs::write(&subtree, "+memory +pids").map_err(|e| {
        format!("cannot enable memory and pids in {}: {e} (delegate the cgroup to the judge)", subtree.display())
    })?;
    Ok(base)
}

fn probe_create(layout: &CgroupLayout) -> Result<(), String> {
    let name = format!("oaj-probe-{}", std::process::id());
    let limits = RunCgroupLimits { memory_bytes: 64 << 20, processes: 8 };
    let cgroup = RunCgroup::create(layout, &name, &limits)?;
    cgroup.remove();
    Ok(())
}

/// Prefix of run cgroup names; the rest is the exec helper's pid.
pub(crate) const RUN_PREFIX: &str = "oaj-run-";

/// Whether `name` is a run cgroup of a helper that no longer exists: a
/// helper killed before it could clean up (the judge exited mid-run).
pub(crate) fn is_stale_run(name: &str, alive: impl Fn(u32) -> bool) -> bool {
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
                let dir = entry.path();
                if fs::remove_dir(&dir).is_err() {
                    let _ = fs::write(dir.join("cgroup.kill"), "1");
                    let procs = fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
                    for pid in procs.split_whitespace().filter_map(|p| p.parse::<i32>().ok()) {
                        // SAFETY: plain syscall; the pid is a member of a
                        // run cgroup beneath our own.
                        unsafe { libc::kill(pid, libc::SIGKILL) };
                    }
                    let _ = fs::remove_dir(&dir);
                }
            }
        }
    }
}

pub(crate) struct RunCgroupLimits {
    pub memory_bytes: u64,
    pub processes: u32,
}

/// Memory figures of a finished run.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct MemoryReport {
    pub peak_bytes: u64,
    /// Processes the kernel's OOM killer killed in the cgroup.
    pub oom_kills: u64,
    /// Times usage reached the limit (v1 failcnt, v2 `max` events).
    pub limit_reached: u64,
}

/// The cgroup(s) of one run. Removed by [`RunCgroup::remove`] (also on drop).
pub(crate) struct RunCgroup {
    dirs: Vec<PathBuf>,
    memory: PathBuf,
    pids: Option<PathBuf>,
    cpu: Option<PathBuf>,
    v2: bool,
}

fn write_file(path: &Path, value: &str) -> Result<(), String> {
    fs::write(path, value).map_err(|e| format!("cannot write {value:?} to {}: {e}", path.display()))
}

impl RunCgroup {
    pub fn create(layout: &CgroupLayout, name: &str, limits: &RunCgroupLimits) -> Result<Self, String> {
        let mkdir = |base: &Path| -> Result<PathBuf, String> {
            let dir = base.join(name);
            match fs::create_dir(&dir) {
                Ok(()) => Ok(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(dir),
                Err(e) => Err(format!("cannot create cgroup {}: {e}", dir.display())),
            }
        };
        let memory_limit = limits.memory_bytes.to_string();
        match layout {
            CgroupLayout::V2 { base } => {
                let dir = mkdir(base)?;
                let cgroup = RunCgroup {
                    dirs: vec![dir.clone()],
                    memory: dir.clone(),
                    pids: Some(dir.clone()),
                    cpu: Some(dir.clone()),
                    v2: true,
                };
                write_file(&dir.join("memory.max"), &memory_limit)?;
                // No swap: memory beyond the limit is an MLE, not a slowdown.
                let _ = fs::write(dir.join("memory.swap.max"), "0");
                write_file(&dir.join("pids.max"), &limits.processes.to_string())?;
                Ok(cgroup)
            }
            CgroupLayout::V1 { memory, pids, cpuacct } => {
                let memory_dir = mkdir(memory)?;
                let mut cgroup = RunCgroup {
                    dirs: vec![memory_dir.clone()],
                    memory: memory_dir.clone(),
                    pids: None,
                    cpu: None,
                    v2: false,
                };
                write_file(&memory_dir.join("memory.limit_in_bytes"), &memory_limit)?;
                // Present only with swap accounting; keeps swap out of the picture.
                if memory_dir.join("memory.memsw.limit_in_bytes").exists() {
                    let _ = fs::write(memory_dir.join("memory.memsw.limit_in_bytes"), &memory_limit);
                }
                if let Some(pids) = pids {
                    let dir = mkdir(pids)?;
                    cgroup.dirs.push(dir.clone());
                    write_file(&dir.join("pids.max"), &limits.processes.to_string())?;
                    cgroup.pids = Some(dir);
                }
                if let Some(cpuacct) = cpuacct {
                    let dir = mkdir(cpuacct)?;
                    cgroup.dirs.push(dir.clone());
                    cgroup.cpu = Some(dir);
                }
                Ok(cgroup)
            }
        }
    }

    /// Moves `pid` (a process that has not yet run untrusted code) into
    /// every hierarchy of the run.
    pub fn add_process(&self, pid: i32) -> Result<(), String> {
        for dir in &self.dirs {
            write_file(&dir.join("cgroup.procs"), &pid.to_string())?;
        }
        Ok(())
    }

    /// CPU time of every process that ran in the cgroup.
    pub fn cpu_time(&self) -> Option<Duration> {
        let dir = self.cpu.as_ref()?;
        if self.v2 {
            let stat = fs::read_to_string(dir.join("cpu.stat")).ok()?;
            parse_v2_cpu_stat(&stat)
        } else {
            let ns: u64 = fs::read_to_string(dir.join("cpuacct.usage")).ok()?.trim().parse().ok()?;
            Some(Duration::from_nanos(ns))
        }
    }

    pub fn memory(&self) -> MemoryReport {
        let read = |file: &str| fs::read_to_string(self.memory.join(file)).unwrap_or_default();
        let number = |file: &str| read(file).trim().parse::<u64>().unwrap_or(0);
        if self.v2 {
            let events = parse_flat_keyed(&read("memory.events"));
            MemoryReport {
                peak_bytes: number("memory.peak"),
                oom_kills: events.get("oom_kill").copied().unwrap_or(0),
                limit_reached: events.get("max").copied().unwrap_or(0),
            }
        } else {
            let oom = parse_flat_keyed(&read("memory.oom_control"));
            MemoryReport {
                peak_bytes: number("memory.max_usage_in_bytes"),
                oom_kills: oom.get("oom_kill").copied().unwrap_or(0),
                limit_reached: number("memory.failcnt"),
            }
        }
    }

    /// Times a fork or clone was refused because of `pids.max`.
    pub fn pids_refused(&self) -> u64 {
        self.pids
            .as_ref()
            .and_then(|dir| fs::read_to_string(dir.join("pids.events")).ok())
            .and_then(|text| parse_flat_keyed(&text).get("max").copied())
            .unwrap_or(0)
    }

    /// Processes in any of the run's cgroups (host pids).
    pub fn procs(&self) -> Vec<i32> {
        let mut pids = Vec::new();
        for dir in &self.dirs {
            if let Ok(text) = fs::read_to_string(dir.join("cgroup.procs")) {
                pids.extend(text.split_whitespace().filter_map(|p| p.parse::<i32>().ok()));
            }
        }
        pids.sort_unstable();
        pids.dedup();
        pids
    }

    /// Kills every process in the run's cgroups and waits (briefly) until
    /// they are gone.
    pub fn kill_all(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if self.v2 {
                let _ = fs::write(self.memory.join("cgroup.kill"), "1");
            }
            let pids = self.procs();
            if pids.is_empty() || Instant::now() > deadline {
                return;
            }
            for pid in pids {
                // SAFETY: plain syscall; the pids are members of our cgroup.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Kills what is left and removes the cgroups.
    pub fn remove(mut self) {
        self.remove_dirs();
    }

    fn remove_dirs(&mut self) {
        if self.dirs.is_empty() {
            return;
        }
        self.kill_all();
        // Memory (created first) goes last, so that a helper killed halfway
        // leaves its trace in the judge's own memory cgroup, where the
        // sweep looks first.
        for dir in std::mem::take(&mut self.dirs).into_iter().rev() {
            // rmdir fails with EBUSY while dying processes are still
            // accounted; this runs after the answer, so it may be patient.
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut pause = Duration::from_millis(1);
            loop {
                match fs::remove_dir(&dir) {
                    Ok(()) => break,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                    Err(e) if Instant::now() > deadline => {
                        // Left for the next run's sweep.
                        tracing::warn!("cannot remove cgroup {}: {e}", dir.display());
                        break;
                    }
                    Err(_) => {
                        self.kill_all();
                        thread::sleep(pause);
                        pause = (pause * 2).min(Duration::from_millis(100));
                    }
                }
            }
        }
    }
}

impl Drop for RunCgroup {
    fn drop(&mut self) {
        self.remove_dirs();
    }
}

/// Parses `key value` lines (memory.events, pids.events, memory.oom_control).
pub(crate) fn parse_flat_keyed(text: &str) -> std::collections::HashMap<String, u64> {
    text.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(' ')?;
            Some((key.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}

pub(crate) fn parse_v2_cpu_stat(text: &str) -> Option<Duration> {
    parse_flat_keyed(text).get("usage_usec").map(|us| Duration::from_micros(*us))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID_PROC: &str = "9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n\
4:memory:/process_api/badcefeb\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";

    const HYBRID_MOUNTS: &str = "\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
";

    const SYSTEMD_V2_PROC: &str = "0::/user.slice/user-1000.slice/session-2.scope\n";
    const SYSTEMD_V2_MOUNTS: &str = "\
24 1 0:22 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
";

    #[test]
    fn parses_proc_cgroup_lines() {
        let lines = parse_proc_cgroup(HYBRID_PROC);
        assert_eq!(lines.len(), 10);
        assert_eq!(
            lines[5],
            ProcCgroupLine {
                hierarchy_id: 4,
                controllers: vec!["memory".into()],
                path: "/process_api/badcefeb".into()
            }
        );
        assert_eq!(lines[0].controllers, vec!["name=systemd".to_string()]);
        assert_eq!(lines[9].hierarchy_id, 0);
        assert!(lines[9].controllers.is_empty());
        // Combined controllers and garbage lines.
        let lines = parse_proc_cgroup("4:cpu,cpuacct:/a/b\nnot a line\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].controllers, vec!["cpu".to_string(), "cpuacct".into()]);
    }

    #[test]
    fn parses_cgroup_mounts() {
        let mounts = parse_mountinfo(HYBRID_MOUNTS);
        assert_eq!(mounts.len(), 6, "tmpfs is not a cgroup mount");
        assert_eq!(mounts[0].controllers, vec!["cpu".to_string()]);
        assert_eq!(mounts[4].controllers, Vec::<String>::new(), "name=systemd has no controller");
        assert!(mounts[5].v2);
        assert_eq!(mounts[5].mount_point, PathBuf::from("/sys/fs/cgroup/unified"));
        let mounts = parse_mountinfo(SYSTEMD_V2_MOUNTS);
        assert_eq!(mounts.len(), 1);
        assert!(mounts[0].v2);
        let escaped = parse_mountinfo("1 2 0:1 / /mnt/my\\040cg rw - cgroup2 cgroup2 rw\n");
        assert_eq!(escaped[0].mount_point, PathBuf::from("/mnt/my cg"));
    }

    #[test]
    fn v1_plan_uses_own_cgroup_per_controller() {
        let layout = plan_v1(&parse_proc_cgroup(HYBRID_PROC), &parse_mountinfo(HYBRID_MOUNTS));
        assert_eq!(
            layout,
            Ok(CgroupLayout::V1 {
                memory: "/sys/fs/cgroup/memory/process_api/badcefeb".into(),
                pids: Some("/sys/fs/cgroup/pids".into()),
                cpuacct: Some("/sys/fs/cgroup/cpuacct".into()),
            })
        );
    }

    #[test]
    fn v1_plan_handles_combined_controllers_and_container_roots() {
        let procs = parse_proc_cgroup("3:cpu,cpuacct:/docker/abc\n2:memory:/docker/abc\n");
        let mounts = parse_mountinfo(
            "1 0 0:1 /docker/abc /sys/fs/cgroup/cpu,cpuacct ro - cgroup cgroup rw,cpu,cpuacct\n\
             2 0 0:2 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n",
        );
        assert_eq!(
            plan_v1(&procs, &mounts),
            Ok(CgroupLayout::V1 {
                memory: "/sys/fs/cgroup/memory".into(),
                pids: None,
                cpuacct: Some("/sys/fs/cgroup/cpu,cpuacct".into()),
            })
        );
        assert!(plan_v1(&procs, &[]).is_err(), "no memory mount is an error");
    }

    #[test]
    fn v2_plan_joins_mount_and_path() {
        let base = plan_v2(&parse_proc_cgroup(SYSTEMD_V2_PROC), &parse_mountinfo(SYSTEMD_V2_MOUNTS));
        assert_eq!(base, Ok(PathBuf::from("/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope")));
        let hybrid = plan_v2(&parse_proc_cgroup(HYBRID_PROC), &parse_mountinfo(HYBRID_MOUNTS));
        assert_eq!(hybrid, Ok(PathBuf::from("/sys/fs/cgroup/unified")));
        assert!(plan_v2(&parse_proc_cgroup("4:memory:/x\n"), &[]).is_err());
    }

    #[test]
    fn cgroup_dir_respects_mount_root() {
        let mount = |root: &str| CgroupMount {
            root: root.into(),
            mount_point: "/sys/fs/cgroup".into(),
            v2: true,
            controllers: vec![],
        };
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("/", "/", Some("/sys/fs/cgroup")),
            ("/", "/a/b", Some("/sys/fs/cgroup/a/b")),
            ("/docker/x", "/docker/x", Some("/sys/fs/cgroup")),
            ("/docker/x", "/docker/x/sub", Some("/sys/fs/cgroup/sub")),
            ("/docker/x", "/docker/xy", None),
            ("/docker/x", "/other", None),
            ("/", "/a/../b", None),
        ];
        for (root, path, expected) in cases {
            assert_eq!(cgroup_dir(&mount(root), path), expected.map(PathBuf::from), "root {root} path {path}");
        }
    }

    #[test]
    fn stale_runs_are_those_of_dead_helpers() {
        let alive = |pid: u32| pid == 42;
        let cases: &[(&str, bool)] = &[
            ("oaj-run-42", false),
            ("oaj-run-43", true),
            ("oaj-probe-7", true),
            ("oaj-run-", false),
            ("oaj-run-x", false),
            ("oaj-judge", false),
            ("system.slice", false),
        ];
        for (name, stale) in cases {
            assert_eq!(is_stale_run(name, alive), *stale, "{name}");
        }
    }

    #[test]
    fn parses_counters() {
        assert!(v2_has_controllers("cpuset cpu io memory hugetlb pids rdma\n"));
        assert!(!v2_has_controllers("hugetlb\n"));
        assert!(!v2_has_controllers(""));
        let events = parse_flat_keyed("low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");
        assert_eq!(events.get("max"), Some(&12));
        assert_eq!(events.get("oom_kill"), Some(&1));
        let oom = parse_flat_keyed("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        assert_eq!(oom.get("oom_kill"), Some(&3));
        assert_eq!(
            parse_v2_cpu_stat("usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n"),
            Some(Duration::from_micros(1500))
        );
        assert_eq!(parse_v2_cpu_stat("nr_periods 0\n"), None);
    }
}
