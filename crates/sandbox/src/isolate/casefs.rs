//! A session's writable file systems (`/box`, `/tmp`, `/dev/shm`) and IPC
//! objects between its cases. Init mounts each tmpfs once and, after every
//! case, empties it in place back to the state of a new one, which is
//! cheaper than a new mount: detaching a mount waits for an RCU grace
//! period (a quarter of a millisecond each), emptying a few files does not.
//! Whatever cannot be emptied cheaply and provably (too many entries, too
//! deep a tree, an entry that will not go, space still in use afterwards)
//! is detached instead, and the next case gets a new mount, as every case
//! did before. docs/sandbox.md ("Sessions") argues why an emptied tmpfs is
//! as good as a new one.
//!
//! A file the work dir's copy put at the top of `/box` that the program
//! cannot change (not its own, no write bit for others) stays there for
//! the next case while it is still that copy and the host file is
//! unchanged: a case's executable (4.4 MB for Rust) is copied once per
//! session instead of once per case.
//!
//! The IPC namespace is the session's: SysV objects and POSIX message
//! queues are removed after each case, the queues through a mount of the
//! namespace's `mqueue` file system that only init holds.
//!
//! Everything here runs in init, single-threaded, after the case's every
//! process is gone: nothing else changes these file systems meanwhile.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::Path;

use super::child::ChildPlan;
use super::rootfs::{mount_run_fs, resize_run_fs, run_file_systems, RUN_FS_COUNT, RUN_FS_DIRS};
use super::{cstring, os_error, BOX_DIR};
use crate::boxdir::{list_dir, open_dir_at};

/// Most entries emptied in place from one file system: more are detached
/// with it (the kernel frees a whole tree faster than init unlinks it name
/// by name, and a detach costs about as much as 100 to 200 unlinks).
const EMPTY_ENTRIES: u64 = 256;
/// Deepest directory emptied in place.
const EMPTY_DEPTH: u32 = 16;

/// What a new tmpfs looked like right after it was mounted: what an
/// emptied one must look like again.
struct Mounted {
    /// Its `size=` now.
    size: u64,
    /// Its root directory's permissions and owner.
    root_mode: libc::mode_t,
    root_uid: libc::uid_t,
    root_gid: libc::gid_t,
    /// Extended attributes its root had (none, unless a security module
    /// labels new file systems): every other one is removed.
    root_xattrs: Vec<CString>,
    /// Inodes and bytes in use (`statfs`), the root's included.
    used_inodes: u64,
    used_bytes: u64,
}

impl Mounted {
    /// Notes the state of the new, empty tmpfs on `dir`.
    fn observe(dir: &CStr, size: u64) -> Result<Self, String> {
        let root = open_dir_at(libc::AT_FDCWD, dir).map_err(|e| e.to_string())?;
        let st = fstat(root.as_raw_fd()).map_err(|e| format!("stat {}: {e}", dir.to_string_lossy()))?;
        let (used_inodes, used_bytes) =
            usage(root.as_raw_fd()).map_err(|e| format!("statfs {}: {e}", dir.to_string_lossy()))?;
        Ok(Mounted {
            size,
            root_mode: st.st_mode & 0o7777,
            root_uid: st.st_uid,
            root_gid: st.st_gid,
            root_xattrs: xattr_names(root.as_raw_fd()),
            used_inodes,
            used_bytes,
        })
    }
}

/// What identifies a file's content and metadata: equal before and after
/// means nothing changed it (its ctime moves with every change, and no
/// process can set it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
    size: i64,
    mode: u32,
    uid: u32,
    gid: u32,
    nlink: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl FileId {
    // The stat fields' widths differ between architectures.
    #[allow(clippy::unnecessary_cast)]
    fn of(st: &libc::stat) -> Self {
        FileId {
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
            size: st.st_size as i64,
            mode: st.st_mode as u32,
            uid: st.st_uid,
            gid: st.st_gid,
            nlink: st.st_nlink as u64,
            mtime: (st.st_mtime as i64, st.st_mtime_nsec as i64),
            ctime: (st.st_ctime as i64, st.st_ctime_nsec as i64),
        }
    }

    /// The entry `name` of `dir`, never followed.
    fn at(dir: RawFd, name: &CStr) -> Option<Self> {
        // SAFETY: stat is plain old data; valid pointers and descriptor.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) };
        (r == 0).then(|| FileId::of(&st))
    }
}

/// A file at the top of `/box`, copied from the host work dir, that stays
/// for the next case.
struct KeptCopy {
    name: CString,
    /// The host file as it was when copied.
    host: FileId,
    /// The copy as it was right after copying.
    copy: FileId,
    /// Bytes the copy takes on the tmpfs.
    bytes: u64,
}

/// The session's `/box`, `/tmp` and `/dev/shm`, as init keeps them between
/// cases.
pub(super) struct CaseFileSystems {
    /// Per file system (in [`run_file_systems`]'s order): mounted and
    /// emptied, or not mounted (the next case mounts a new one).
    mounted: [Option<Mounted>; RUN_FS_COUNT],
    /// Copies left in `/box` after emptying it.
    kept: Vec<KeptCopy>,
}

impl CaseFileSystems {
    pub fn new() -> Self {
        CaseFileSystems { mounted: std::array::from_fn(|_| None), kept: Vec::new() }
    }

    /// Makes the case's file systems ready: a new tmpfs where none is
    /// mounted, the size changed where the case's differs, then the host
    /// work dir (`host_work`, open) copied into `/box`, which becomes the
    /// current directory.
    pub fn prepare(&mut self, plan: &ChildPlan, host_work: RawFd) -> Result<(), String> {
        for (slot, fs) in self.mounted.iter_mut().zip(run_file_systems(plan)) {
            let path = Path::new("/").join(fs.dir);
            if let Some(mounted) = slot {
                if mounted.size != fs.size {
                    if resize_run_fs(&path, &fs).is_ok() {
                        mounted.size = fs.size;
                    } else {
                        detach(&path);
                        *slot = None;
                    }
                }
            }
            if slot.is_none() {
                mount_run_fs(&path, &fs)?;
                *slot = Some(Mounted::observe(&cstring(path.as_os_str().as_encoded_bytes(), "path")?, fs.size)?);
                if fs.dir == RUN_FS_DIRS[0] {
                    self.kept.clear();
                }
            }
        }
        self.copy_work_dir(plan, host_work)?;
        std::env::set_current_dir(BOX_DIR).map_err(|e| format!("chdir {BOX_DIR}: {e}"))
    }

    /// Copies the host work dir into `/box`, but for the kept copies of
    /// host files that have not changed since (the others are removed
    /// first), and notes which of the new copies can be kept.
    fn copy_work_dir(&mut self, plan: &ChildPlan, host_work: RawFd) -> Result<(), String> {
        let box_fd = open_dir_at(libc::AT_FDCWD, c"/box").map_err(|e| format!("{BOX_DIR}: {e}"))?;
        let box_fd = box_fd.as_raw_fd();
        let names = list_dir(host_work).map_err(|e| format!("the work dir {}: {e}", plan.work_dir.display()))?;
        let mut stale = Vec::new();
        self.kept.retain(|kept| {
            let fresh = names.contains(&kept.name)
                && FileId::at(host_work, &kept.name).as_ref() == Some(&kept.host)
                && FileId::at(box_fd, &kept.name).as_ref() == Some(&kept.copy);
            if !fresh {
                stale.push(kept.name.clone());
            }
            fresh
        });
        for name in stale {
            // SAFETY: valid descriptor and C string.
            if unsafe { libc::unlinkat(box_fd, name.as_ptr(), 0) } != 0
                && io::Error::last_os_error().raw_os_error() != Some(libc::ENOENT)
            {
                return Err(os_error(format!("removing {BOX_DIR}/{}", name.to_string_lossy())));
            }
        }
        // An entry that cannot be copied does not stop the others; the
        // first such error is the case's.
        let mut first_error = None;
        for name in &names {
            if self.kept.iter().any(|kept| kept.name == *name) {
                continue;
            }
            let host = FileId::at(host_work, name);
            let copied =
                crate::boxdir::copy_entry(host_work, box_fd, name, &mut crate::boxdir::Budget::unlimited(), None, 0);
            if let Err(error) = copied {
                first_error.get_or_insert(error);
                continue;
            }
            if let (Some(host), Some((copy, bytes))) = (host, unchangeable_copy(box_fd, name, plan)) {
                if host.mode & libc::S_IFMT == libc::S_IFREG {
                    self.kept.push(KeptCopy { name: name.clone(), host, copy, bytes });
                }
            }
        }
        match first_error {
            None => Ok(()),
            Some(error) => Err(format!("copying the work dir {} into the sandbox: {error}", plan.work_dir.display())),
        }
    }

    /// After a case, when none of its processes is left: empties each file
    /// system in place, or detaches it when that is not possible cheaply.
    pub fn reset(&mut self) {
        let _ = std::env::set_current_dir("/");
        for (slot, fs) in self.mounted.iter_mut().zip(RUN_FS_DIRS) {
            let path = Path::new("/").join(fs);
            let is_box = fs == RUN_FS_DIRS[0];
            let kept = if is_box { std::mem::take(&mut self.kept) } else { Vec::new() };
            let emptied = match (slot.as_ref(), cstring(path.as_os_str().as_encoded_bytes(), "path")) {
                (Some(mounted), Ok(dir)) => empty_in_place(&dir, mounted, kept),
                _ => None,
            };
            match emptied {
                Some(kept) if is_box => self.kept = kept,
                Some(_) => {}
                None => {
                    detach(&path);
                    *slot = None;
                }
            }
        }
    }
}

/// Detaches the mount on `path`, if any (the next case mounts a new one).
fn detach(path: &Path) {
    if let Ok(dir) = cstring(path.as_os_str().as_encoded_bytes(), "path") {
        // SAFETY: valid C string. EINVAL when nothing is mounted there.
        unsafe { libc::umount2(dir.as_ptr(), libc::MNT_DETACH) };
    }
}

/// A regular file at `name` in `/box` (`box_fd`) that the program cannot
/// change: not its owner's, no write bit for group or others (the program
/// has no capabilities and no supplementary groups), one name. Its identity
/// and the bytes it takes.
fn unchangeable_copy(box_fd: RawFd, name: &CStr, plan: &ChildPlan) -> Option<(FileId, u64)> {
    // SAFETY: stat is plain old data; valid pointers and descriptor.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatat(box_fd, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
        return None;
    }
    let unchangeable = st.st_mode & libc::S_IFMT == libc::S_IFREG
        && st.st_uid != plan.uid
        && st.st_mode & 0o022 == 0
        && st.st_nlink == 1;
    unchangeable.then(|| (FileId::of(&st), (st.st_blocks as u64) * 512))
}

/// Empties the tmpfs on `dir`, but for the `kept` copies still unchanged
/// at its top, and gives its root the permissions, owner and extended
/// attributes it had when new (and the current time). Some(the copies
/// kept) when that is done and the file system uses exactly the inodes and
/// bytes it used when new plus those of the kept copies: nothing of the
/// case is left in it, not even a file that something still holds open
/// without a name.
fn empty_in_place(dir: &CStr, fresh: &Mounted, mut kept: Vec<KeptCopy>) -> Option<Vec<KeptCopy>> {
    let root = open_dir_at(libc::AT_FDCWD, dir).ok()?;
    let root_fd = root.as_raw_fd();
    let mut budget = EMPTY_ENTRIES;
    // Other names of a kept copy (hard links) go below, and would change
    // its ctime: compare before removing anything.
    kept.retain(|copy| FileId::at(root_fd, &copy.name).as_ref() == Some(&copy.copy));
    let keep: Vec<&CStr> = kept.iter().map(|copy| copy.name.as_c_str()).collect();
    remove_entries(root_fd, &keep, &mut budget, 0).ok()?;
    for name in xattr_names(root_fd) {
        if !fresh.root_xattrs.contains(&name) {
            // SAFETY: valid descriptor and C string.
            if unsafe { libc::fremovexattr(root_fd, name.as_ptr()) } != 0 {
                return None;
            }
        }
    }
    // SAFETY: plain syscalls on a descriptor we hold; a null times pointer
    // sets both times to now, as on a new file system.
    let restored = unsafe {
        libc::fchown(root_fd, fresh.root_uid, fresh.root_gid) == 0
            && libc::fchmod(root_fd, fresh.root_mode) == 0
            && libc::futimens(root_fd, std::ptr::null()) == 0
    };
    let expected =
        (fresh.used_inodes + kept.len() as u64, fresh.used_bytes + kept.iter().map(|copy| copy.bytes).sum::<u64>());
    (restored && usage(root_fd).is_ok_and(|used| used == expected)).then_some(kept)
}

/// Removes every entry of directory `dir` but those named in `keep`,
/// subdirectories emptied first, never following a symlink. Err when the
/// budget or the depth runs out or an entry will not go.
fn remove_entries(dir: RawFd, keep: &[&CStr], budget: &mut u64, depth: u32) -> Result<(), ()> {
    for name in list_dir(dir).map_err(drop)? {
        if keep.contains(&name.as_c_str()) {
            continue;
        }
        *budget = budget.checked_sub(1).ok_or(())?;
        // SAFETY: valid descriptor and C string.
        if unsafe { libc::unlinkat(dir, name.as_ptr(), 0) } == 0 {
            continue;
        }
        // unlinkat without AT_REMOVEDIR says EISDIR for a directory (never
        // for a symlink to one, which is unlinked above).
        if io::Error::last_os_error().raw_os_error() != Some(libc::EISDIR) || depth >= EMPTY_DEPTH {
            return Err(());
        }
        let sub = open_dir_at(dir, &name).map_err(drop)?;
        remove_entries(sub.as_raw_fd(), &[], budget, depth + 1)?;
        drop(sub);
        // SAFETY: valid descriptor and C string.
        if unsafe { libc::unlinkat(dir, name.as_ptr(), libc::AT_REMOVEDIR) } != 0 {
            return Err(());
        }
    }
    Ok(())
}

fn fstat(fd: RawFd) -> io::Result<libc::stat> {
    // SAFETY: stat is plain old data; valid pointer and descriptor.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(st)
}

/// Inodes and bytes in use on the file system of `fd`.
fn usage(fd: RawFd) -> io::Result<(u64, u64)> {
    // SAFETY: statfs is plain old data; valid pointer and descriptor.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatfs(fd, &mut st) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(((st.f_files - st.f_ffree) as u64, (st.f_blocks - st.f_bfree) as u64 * st.f_bsize as u64))
}

/// The names of the extended attributes of `fd` (none when it has none or
/// they cannot be listed).
fn xattr_names(fd: RawFd) -> Vec<CString> {
    let mut buffer = vec![0u8; 1024];
    loop {
        // SAFETY: valid descriptor; the kernel writes at most `len` bytes.
        let n = unsafe { libc::flistxattr(fd, buffer.as_mut_ptr().cast(), buffer.len()) };
        if n >= 0 {
            buffer.truncate(n as usize);
            break;
        }
        if io::Error::last_os_error().raw_os_error() != Some(libc::ERANGE) || buffer.len() >= 1 << 20 {
            return Vec::new();
        }
        let len = buffer.len() * 4;
        buffer.resize(len, 0);
    }
    buffer.split(|&b| b == 0).filter(|name| !name.is_empty()).filter_map(|name| CString::new(name).ok()).collect()
}

/// A mount of the current IPC namespace's POSIX message queue file system
/// (`mqueue`), attached nowhere: its root directory, through which init
/// lists and removes the queues a case left. Made once per session, in
/// the session's IPC namespace (the file system is per IPC namespace).
pub(super) fn open_posix_queues() -> Result<OwnedFd, String> {
    const FSOPEN_CLOEXEC: libc::c_uint = 1;
    const FSCONFIG_CMD_CREATE: libc::c_uint = 6;
    const FSMOUNT_CLOEXEC: libc::c_uint = 1;
    // SAFETY: plain syscalls with a valid C string and constant arguments;
    // each descriptor returned is ours.
    unsafe {
        let context = libc::syscall(libc::SYS_fsopen, c"mqueue".as_ptr(), FSOPEN_CLOEXEC);
        if context < 0 {
            return Err(os_error("fsopen(mqueue)"));
        }
        let context = OwnedFd::from_raw_fd(context as RawFd);
        if libc::syscall(
            libc::SYS_fsconfig,
            context.as_raw_fd(),
            FSCONFIG_CMD_CREATE,
            std::ptr::null::<libc::c_char>(),
            std::ptr::null::<libc::c_void>(),
            0,
        ) != 0
        {
            return Err(os_error("fsconfig(mqueue)"));
        }
        let mount = libc::syscall(libc::SYS_fsmount, context.as_raw_fd(), FSMOUNT_CLOEXEC, 0u32);
        if mount < 0 {
            return Err(os_error("fsmount(mqueue)"));
        }
        let mount = OwnedFd::from_raw_fd(mount as RawFd);
        // The mount's descriptor is O_PATH: open its root to list it.
        open_dir_at(mount.as_raw_fd(), c".").map_err(|e| format!("the message queue file system: {e}"))
    }
}

/// Removes every POSIX message queue of the namespace whose `mqueue` root
/// `queues` is (see [`open_posix_queues`]).
pub(super) fn remove_posix_queues(queues: RawFd) {
    for name in list_dir(queues).unwrap_or_default() {
        // SAFETY: valid descriptor and C string.
        unsafe { libc::unlinkat(queues, name.as_ptr(), 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xattr_names_of_a_plain_directory_are_none_or_listed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fd = open_dir_at(libc::AT_FDCWD, &CString::new(dir.path().as_os_str().as_encoded_bytes()).expect("path"))
            .expect("open");
        let name = c"user.oaj_test";
        // SAFETY: valid descriptor, C string and buffer.
        let set = unsafe { libc::fsetxattr(fd.as_raw_fd(), name.as_ptr(), b"v".as_ptr().cast(), 1, 0) } == 0;
        let names = xattr_names(fd.as_raw_fd());
        if set {
            assert!(names.iter().any(|n| n.as_c_str() == name), "{names:?}");
        } else {
            assert!(!names.iter().any(|n| n.as_c_str() == name), "{names:?}");
        }
    }

    #[test]
    fn remove_entries_empties_a_tree_but_kept_names_without_following_links_and_stops_at_its_budget() {
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("keep"), "x").expect("write");
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path();
        std::fs::create_dir_all(base.join("a/b/c")).expect("mkdir");
        std::fs::write(base.join("a/b/c/f"), "x").expect("write");
        std::fs::write(base.join("top"), "x").expect("write");
        std::os::unix::fs::symlink(outside.path(), base.join("link")).expect("symlink");
        std::fs::hard_link(base.join("top"), base.join("a/hard")).expect("link");
        let fd = open_dir_at(libc::AT_FDCWD, &CString::new(base.as_os_str().as_encoded_bytes()).expect("path"))
            .expect("open");
        let mut small = 3;
        assert!(remove_entries(fd.as_raw_fd(), &[c"top"], &mut small, 0).is_err(), "6 entries are over a budget of 3");
        let mut budget = 100;
        remove_entries(fd.as_raw_fd(), &[c"top"], &mut budget, 0).expect("emptied");
        let left: Vec<_> = std::fs::read_dir(base).expect("read").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(left, ["top"], "all but the kept name are gone");
        assert!(outside.path().join("keep").exists(), "the symlink's target is untouched");
    }
}
