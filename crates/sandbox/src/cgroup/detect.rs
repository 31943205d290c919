//! Finding the judge's own cgroups: parsing `/proc/self/cgroup` and
//! `/proc/self/mountinfo`, choosing v2 (when its controllers are available)
//! or v1, and proving with a probe cgroup that runs may have their own.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{RunCgroup, RunCgroupLimits};

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
    /// Whether run cgroups have a CPU usage counter (v1 needs cpuacct; v2's
    /// `cpu.stat` is always there).
    pub fn counts_cpu(&self) -> bool {
        match self {
            CgroupLayout::V1 { cpuacct, .. } => cpuacct.is_some(),
            CgroupLayout::V2 { .. } => true,
        }
    }

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

/// The directories beneath which this process's sandboxes put their run
/// cgroups: its own v1 memory cgroup and its own v2 cgroup (the parent of
/// the `oaj-judge` leaf when it was moved there), whichever the host has.
/// Leak checks walk these; on a hybrid host both exist.
pub fn own_cgroup_dirs() -> Vec<PathBuf> {
    let procs = fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    let mounts = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    own_cgroup_dirs_from(&parse_proc_cgroup(&procs), &parse_mountinfo(&mounts))
}

pub(crate) fn own_cgroup_dirs_from(procs: &[ProcCgroupLine], mounts: &[CgroupMount]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for line in procs {
        let mount = if line.hierarchy_id == 0 && line.controllers.is_empty() {
            mounts.iter().find(|m| m.v2)
        } else if line.controllers.iter().any(|c| c == "memory") {
            mounts.iter().find(|m| !m.v2 && m.controllers.iter().any(|c| c == "memory"))
        } else {
            None
        };
        let Some(dir) = mount.and_then(|m| cgroup_dir(m, &line.path)) else { continue };
        let dir = match (dir.file_name(), dir.parent()) {
            (Some(name), Some(parent)) if name == V2_JUDGE_LEAF => parent.to_path_buf(),
            _ => dir,
        };
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
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
    fn own_cgroup_dirs_cover_v1_memory_and_v2() {
        let dirs =
            |procs: &str, mounts: &str| own_cgroup_dirs_from(&parse_proc_cgroup(procs), &parse_mountinfo(mounts));
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "hybrid: v1 memory and the unified mount",
                HYBRID_PROC,
                HYBRID_MOUNTS,
                &["/sys/fs/cgroup/memory/process_api/badcefeb", "/sys/fs/cgroup/unified"],
            ),
            (
                "pure v2 (systemd)",
                SYSTEMD_V2_PROC,
                SYSTEMD_V2_MOUNTS,
                &["/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope"],
            ),
            (
                "pure v2, moved into the oaj-judge leaf",
                "0::/system.slice/oaj.service/oaj-judge\n",
                SYSTEMD_V2_MOUNTS,
                &["/sys/fs/cgroup/system.slice/oaj.service"],
            ),
            (
                "pure v2 in a container (namespaced root)",
                "0::/\n",
                "30 24 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
                &["/sys/fs/cgroup"],
            ),
            ("v2 mounted elsewhere", "0::/a\n", "30 24 0:26 / /run/cg rw - cgroup2 cgroup2 rw\n", &["/run/cg/a"]),
            ("no cgroup mounts", HYBRID_PROC, "", &[]),
        ];
        for (name, procs, mounts, expected) in cases {
            let expected: Vec<PathBuf> = expected.iter().map(PathBuf::from).collect();
            assert_eq!(dirs(procs, mounts), expected, "{name}");
        }
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
}
