//! The sandbox's root filesystem, built by init in its new mount namespace:
//! the system directories bound read-only, credentials masked, a private
//! tmpfs `/box` holding a copy of the work dir, a private `/tmp`, a minimal
//! `/dev`, a `/proc` of the run's own pid namespace; then `pivot_root`.

use std::fs::{self, File};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::child::ChildPlan;
use super::{cstring, os_error, BOX_DIR};
use crate::SandboxError;

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

/// The top-level directories on which every run mounts file systems of its
/// own (`/box`, `/tmp`, `/proc`, `/dev`).
const RUN_OWN_TOPS: [&str; 4] = [BOX_DIR, "/tmp", "/proc", "/dev"];

/// Whether `host` (canonical) lies beneath a directory on which each run
/// mounts a file system of its own, which would hide it.
fn beneath_run_dirs(host: &Path) -> bool {
    RUN_OWN_TOPS.iter().any(|top| host.starts_with(top))
}

/// Whether a host path given in `RunSpec::read_only_paths` appears inside
/// an isolated run, at its own path: every existing path does except those
/// beneath `/box`, `/tmp`, `/proc` and `/dev`, which the run's own file
/// systems cover (such a path is left out of the root).
pub fn read_only_path_visible(path: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|host| !beneath_run_dirs(&host))
}

/// Builds the sandbox's root in the new mount namespace (or completes the
/// prepared one it was given) and enters it. Returns the host work dir,
/// open, for copying kept files back.
pub(super) fn build_root(plan: &ChildPlan) -> Result<OwnedFd, String> {
    // Nothing done here propagates back to the host (nor to the server's
    // namespace, whose mounts are private already).
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
    let root = match &plan.prepared_root {
        Some(prepared) => prepared.clone(),
        None => {
            let root = PathBuf::from(std::ffi::OsStr::from_bytes(plan.root.as_bytes()));
            mount(
                Some(Path::new("tmpfs")),
                &root,
                Some("tmpfs"),
                libc::MS_NOSUID | libc::MS_NODEV,
                Some("size=1m,mode=0755"),
            )?;
            build_shared(&root, &plan.read_only_paths)?;
            root
        }
    };
    enter_run_root(&root, plan)
}

/// The read-only part of a root, the same for every run with the same
/// `read_only_paths`: system directories, those paths, masked credentials,
/// the mount points of the run's own file systems, and `/dev`.
fn build_shared(root: &Path, read_only_paths: &[PathBuf]) -> Result<(), String> {
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
    for path in read_only_paths {
        let Ok(host) = fs::canonicalize(path) else {
            continue;
        };
        if beneath_run_dirs(&host) {
            // The run's own file system there would hide it (see
            // `read_only_path_visible`).
            continue;
        }
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
    for dir in [BOX_DIR.trim_start_matches('/'), "tmp", "proc", "dev"] {
        let inside = root.join(dir);
        fs::create_dir(&inside).map_err(|e| format!("cannot create {}: {e}", inside.display()))?;
    }

    let dev = root.join("dev");
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
    // In a user namespace the tmpfs belongs to the sandbox uid: make it
    // read-only (the device binds and each run's /dev/shm are mounts of
    // their own).
    mount(
        None,
        &dev,
        None,
        libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NOEXEC,
        None,
    )
}

/// The run's own file systems on `root` (a private tmpfs `/box` holding a
/// copy of the work dir, `/tmp`, `/dev/shm`, a `/proc` of its pid
/// namespace), then `pivot_root` into it.
fn enter_run_root(root: &Path, plan: &ChildPlan) -> Result<OwnedFd, String> {
    let host_work = crate::boxdir::open_dir_at(libc::AT_FDCWD, &cstring(plan.work_dir.as_os_str().as_bytes(), "path")?)
        .map_err(|e| format!("work dir {}: {e}", plan.work_dir.display()))?;
    mount_run_dirs(root, plan, host_work.as_raw_fd())?;
    mount_proc_and_pivot(root)?;
    std::env::set_current_dir(BOX_DIR).map_err(|e| format!("chdir {BOX_DIR}: {e}"))?;
    Ok(host_work)
}

/// The root of a session (see `session`): like [`build_root`] without the
/// run's own file systems, which `casefs` mounts for a session's cases.
pub(super) fn build_session_root(plan: &ChildPlan) -> Result<(), String> {
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
    let root = match &plan.prepared_root {
        Some(prepared) => prepared.clone(),
        None => {
            let root = PathBuf::from(std::ffi::OsStr::from_bytes(plan.root.as_bytes()));
            mount(
                Some(Path::new("tmpfs")),
                &root,
                Some("tmpfs"),
                libc::MS_NOSUID | libc::MS_NODEV,
                Some("size=1m,mode=0755"),
            )?;
            build_shared(&root, &plan.read_only_paths)?;
            root
        }
    };
    mount_proc_and_pivot(&root)
}

/// How many file systems of its own a run gets.
pub(super) const RUN_FS_COUNT: usize = 3;
/// Their mount points beneath the root, in [`run_file_systems`]'s order.
pub(super) const RUN_FS_DIRS: [&str; RUN_FS_COUNT] = ["box", "tmp", "dev/shm"];

/// One of a run's own writable file systems, a tmpfs.
pub(super) struct RunFs {
    /// Its mount point beneath the root.
    pub dir: &'static str,
    pub flags: libc::c_ulong,
    /// Its `size=`, the one option that may differ between a session's
    /// cases (it follows the case's limits).
    pub size: u64,
    /// Its other tmpfs options.
    pub options: String,
}

/// The run's `/box` (its work dir: a tmpfs of the run's own, so that
/// everything written to it is memory charged to the run's cgroup, with no
/// file-backed pages that writeback could drop from the count and no host
/// disk, capped in size and gone with the run), `/tmp` and `/dev/shm`.
pub(super) fn run_file_systems(plan: &ChildPlan) -> [RunFs; RUN_FS_COUNT] {
    let [box_dir, tmp, shm] = RUN_FS_DIRS;
    [
        RunFs {
            dir: box_dir,
            flags: libc::MS_NOSUID | libc::MS_NODEV,
            size: plan.box_size,
            options: format!("nr_inodes=65536,mode=0755,uid={},gid={}", plan.uid, plan.gid),
        },
        RunFs {
            dir: tmp,
            flags: libc::MS_NOSUID | libc::MS_NODEV,
            size: plan.tmp_size,
            options: "nr_inodes=65536,mode=1777".into(),
        },
        RunFs {
            dir: shm,
            flags: libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
            size: 16 << 20,
            options: "mode=1777".into(),
        },
    ]
}

/// Mounts a new `fs` on `path`.
pub(super) fn mount_run_fs(path: &Path, fs: &RunFs) -> Result<(), String> {
    mount(Some(Path::new("tmpfs")), path, Some("tmpfs"), fs.flags, Some(&format!("size={},{}", fs.size, fs.options)))
}

/// Gives the tmpfs on `path` the size of `fs` (its mount flags again: a
/// remount sets them all).
pub(super) fn resize_run_fs(path: &Path, fs: &RunFs) -> Result<(), String> {
    mount(None, path, None, libc::MS_REMOUNT | fs.flags, Some(&format!("size={}", fs.size)))
}

/// Copies the host work dir (`host_work`, open) into `box_dir`.
fn copy_work_dir_into(box_dir: &Path, plan: &ChildPlan, host_work: libc::c_int) -> Result<(), String> {
    let box_fd = crate::boxdir::open_dir_at(libc::AT_FDCWD, &cstring(box_dir.as_os_str().as_bytes(), "path")?)
        .map_err(|e| format!("{}: {e}", box_dir.display()))?;
    crate::boxdir::copy_tree(host_work, box_fd.as_raw_fd(), None, &mut crate::boxdir::Budget::unlimited(), None)
        .map_err(|e| format!("copying the work dir {} into the sandbox: {e}", plan.work_dir.display()))
}

/// Mounts the run's own file systems beneath `root`, the host work dir's
/// files copied into `/box`.
fn mount_run_dirs(root: &Path, plan: &ChildPlan, host_work: libc::c_int) -> Result<(), String> {
    for fs in run_file_systems(plan) {
        let path = root.join(fs.dir);
        mount_run_fs(&path, &fs)?;
        if fs.dir == RUN_FS_DIRS[0] {
            copy_work_dir_into(&path, plan, host_work)?;
        }
    }
    Ok(())
}

/// Mounts `/proc` of the run's pid namespace on `root`, then enters `root`
/// (`pivot_root`) read-only; the old root is detached and unreachable.
fn mount_proc_and_pivot(root: &Path) -> Result<(), String> {
    // hidepid: the program sees only its own processes, not init's (run as
    // another uid when the judge is root). Older kernels without it still
    // get a proc of the run's own pid namespace.
    let proc_dir = root.join("proc");
    let proc_flags = libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;
    mount(Some(Path::new("proc")), &proc_dir, Some("proc"), proc_flags, Some("hidepid=2"))
        .or_else(|_| mount(Some(Path::new("proc")), &proc_dir, Some("proc"), proc_flags, None))?;

    // Enter the new root; the old one is detached and unreachable.
    std::env::set_current_dir(root).map_err(|e| format!("chdir {}: {e}", root.display()))?;
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
    let hostname = "oaj-sandbox";
    // SAFETY: valid buffer.
    unsafe { libc::sethostname(hostname.as_ptr().cast(), hostname.len()) };
    Ok(())
}

/// Makes the sandbox server's own mount namespace, private, with a tmpfs on
/// `root_dir` to hold its prepared roots (see [`prepared_root`]). As root
/// only: in a user namespace each run's init builds its root itself.
pub(crate) fn prepare_root_namespace(root_dir: &Path) -> Result<PathBuf, String> {
    if nix::unistd::geteuid().as_raw() != 0 {
        return Err("not root".into());
    }
    // SAFETY: plain unshare; the server is single-threaded.
    if unsafe { libc::unshare(libc::CLONE_NEWNS) } != 0 {
        return Err(os_error("unshare(CLONE_NEWNS)"));
    }
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
    fs::create_dir_all(root_dir).map_err(|e| format!("cannot create {}: {e}", root_dir.display()))?;
    mount(
        Some(Path::new("tmpfs")),
        root_dir,
        Some("tmpfs"),
        libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
        Some("size=1m,mode=0700"),
    )?;
    Ok(root_dir.to_path_buf())
}

/// The prepared read-only root for runs with these `read_only_paths`,
/// built on first use beneath `base` (in the server's mount namespace,
/// which every supervisor shares and every run's init copies) and reused
/// by every later run. Two supervisors never build the same one at once
/// (a lock file each).
pub(super) fn prepared_root(base: &Path, read_only_paths: &[PathBuf]) -> Result<PathBuf, String> {
    let mut paths: Vec<PathBuf> = read_only_paths.iter().filter_map(|p| fs::canonicalize(p).ok()).collect();
    paths.sort();
    paths.dedup();
    let key = root_key(&paths);
    let root = base.join(&key);
    let ready = base.join(format!("{key}.ready"));
    if ready.exists() {
        return Ok(root);
    }
    let lock = File::create(base.join(format!("{key}.lock")))
        .map_err(|e| format!("cannot create the lock of {}: {e}", root.display()))?;
    // SAFETY: plain flock on a descriptor we own; released when it closes.
    if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(os_error(format!("locking {}", root.display())));
    }
    if ready.exists() {
        return Ok(root);
    }
    // A supervisor killed halfway left a partial root: start again beside it.
    if root.exists() {
        let _ = nix::mount::umount2(&root, nix::mount::MntFlags::MNT_DETACH);
        let _ = fs::remove_dir(&root);
    }
    fs::create_dir(&root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    mount(Some(Path::new("tmpfs")), &root, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some("size=1m,mode=0755"))?;
    build_shared(&root, &paths)?;
    mount(
        None,
        &root,
        None,
        libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV,
        None,
    )?;
    File::create(&ready).map_err(|e| format!("cannot create {}: {e}", ready.display()))?;
    Ok(root)
}

/// A file name for a set of read-only paths (the same in every process of
/// one `oaj` binary, which is all that shares a server).
fn root_key(paths: &[PathBuf]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    paths.hash(&mut hasher);
    format!("root-{:016x}", hasher.finish())
}

/// Creates the host directory each run mounts its root on (inside its own
/// mount namespace only, so runs share it).
pub(super) fn ensure_mount_point(root_dir: &Path) -> Result<(), SandboxError> {
    fs::create_dir_all(root_dir)
        .map_err(|e| SandboxError::Setup(format!("cannot create sandbox mount point {}: {e}", root_dir.display())))?;
    let _ = fs::set_permissions(root_dir, fs::Permissions::from_mode(0o755));
    Ok(())
}
