//! Copying a directory tree between the host work dir and a run's private
//! `/box` tmpfs, by directory descriptors (the host side is reachable only
//! through one once the run's root is entered).
//!
//! Only regular files and directories are copied; symlinks, FIFOs, sockets
//! and devices are skipped, and nothing is ever followed. A destination
//! file is unlinked before it is written, so a hard link on the host (a
//! run dir's link into the build cache) is replaced, never written through.
//! Runs inside init, single-threaded, after `fork`: plain syscalls only.

use std::ffi::{CStr, CString};
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// Limits of one copy; exceeding one stops it with [`CopyError::Over`].
pub(crate) struct Budget {
    pub bytes: u64,
    pub entries: u64,
}

impl Budget {
    pub fn unlimited() -> Self {
        Budget { bytes: u64::MAX, entries: u64::MAX }
    }
}

#[derive(Debug)]
pub(crate) enum CopyError {
    /// More bytes or entries than the budget allows.
    Over,
    Io(String),
}

impl std::fmt::Display for CopyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CopyError::Over => write!(f, "too many or too large files"),
            CopyError::Io(message) => f.write_str(message),
        }
    }
}

const MAX_DEPTH: u32 = 32;

fn os_error(what: &str, name: &CStr) -> CopyError {
    CopyError::Io(format!("{what} {}: {}", name.to_string_lossy(), io::Error::last_os_error()))
}

/// Opens a directory (never through a symlink) relative to `dir`.
pub(crate) fn open_dir_at(dir: RawFd, name: &CStr) -> Result<OwnedFd, CopyError> {
    // SAFETY: valid C string; flags are constants.
    let fd = unsafe {
        libc::openat(dir, name.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
    };
    if fd < 0 {
        return Err(os_error("cannot open directory", name));
    }
    // SAFETY: a fresh descriptor we own.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The names in directory `dir`, without `.` and `..`.
pub(crate) fn list_dir(dir: RawFd) -> Result<Vec<CString>, CopyError> {
    // SAFETY: fdopendir takes ownership of the duplicate, closedir frees it.
    let dup = unsafe { libc::fcntl(dir, libc::F_DUPFD_CLOEXEC, 0) };
    if dup < 0 {
        return Err(CopyError::Io(format!("dup: {}", io::Error::last_os_error())));
    }
    // SAFETY: dup is a valid directory descriptor.
    let stream = unsafe { libc::fdopendir(dup) };
    if stream.is_null() {
        // SAFETY: still ours on failure.
        unsafe { libc::close(dup) };
        return Err(CopyError::Io(format!("fdopendir: {}", io::Error::last_os_error())));
    }
    // The duplicate shares the offset: start from the beginning.
    // SAFETY: valid stream.
    unsafe { libc::rewinddir(stream) };
    let mut names = Vec::new();
    loop {
        // SAFETY: valid stream; the entry is read before the next call.
        let entry = unsafe { libc::readdir(stream) };
        if entry.is_null() {
            break;
        }
        // SAFETY: d_name is a NUL-terminated array inside the entry.
        let name = unsafe { CStr::from_ptr((*entry).d_name.as_ptr()) };
        if name.to_bytes() != b"." && name.to_bytes() != b".." {
            names.push(name.to_owned());
        }
    }
    // SAFETY: valid stream, closed once.
    unsafe { libc::closedir(stream) };
    Ok(names)
}

fn stat_at(dir: RawFd, name: &CStr) -> Result<libc::stat, CopyError> {
    // SAFETY: stat is plain old data; valid pointers.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
        return Err(os_error("cannot stat", name));
    }
    Ok(st)
}

/// Copies the entries of `src` (all of them, or only those named in `only`)
/// into `dst`, recursively.
pub(crate) fn copy_tree(
    src: RawFd,
    dst: RawFd,
    only: Option<&[String]>,
    budget: &mut Budget,
    owner: Option<(u32, u32)>,
) -> Result<(), CopyError> {
    copy_level(src, dst, only, budget, owner, 0)
}

fn copy_level(
    src: RawFd,
    dst: RawFd,
    only: Option<&[String]>,
    budget: &mut Budget,
    owner: Option<(u32, u32)>,
    depth: u32,
) -> Result<(), CopyError> {
    if depth > MAX_DEPTH {
        return Err(CopyError::Over);
    }
    // An entry that cannot be copied does not stop the others; the first
    // such error is returned at the end. Going over the budget stops all.
    let mut first_error = None;
    for name in list_dir(src)? {
        if only.is_some_and(|only| !only.iter().any(|o| o.as_bytes() == name.to_bytes())) {
            continue;
        }
        match copy_entry(src, dst, &name, budget, owner, depth) {
            Ok(()) => {}
            Err(CopyError::Over) => return Err(CopyError::Over),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

pub(crate) fn copy_entry(
    src: RawFd,
    dst: RawFd,
    name: &CStr,
    budget: &mut Budget,
    owner: Option<(u32, u32)>,
    depth: u32,
) -> Result<(), CopyError> {
    let st = stat_at(src, name)?;
    let kind = st.st_mode & libc::S_IFMT;
    if kind != libc::S_IFDIR && kind != libc::S_IFREG {
        return Ok(());
    }
    budget.entries = budget.entries.checked_sub(1).ok_or(CopyError::Over)?;
    let mode = st.st_mode & 0o777;
    if kind == libc::S_IFDIR {
        // SAFETY: valid C string.
        if unsafe { libc::mkdirat(dst, name.as_ptr(), 0o700) } != 0
            && io::Error::last_os_error().raw_os_error() != Some(libc::EEXIST)
        {
            return Err(os_error("cannot create directory", name));
        }
        let sub_src = open_dir_at(src, name)?;
        let sub_dst = open_dir_at(dst, name)?;
        set_owner_and_mode(sub_dst.as_raw_fd(), owner, mode);
        copy_level(sub_src.as_raw_fd(), sub_dst.as_raw_fd(), None, budget, owner, depth + 1)
    } else {
        copy_file(src, dst, name, mode, budget, owner)
    }
}

fn set_owner_and_mode(fd: RawFd, owner: Option<(u32, u32)>, mode: libc::mode_t) {
    // SAFETY: plain syscalls on a descriptor we hold. Failures leave the
    // creator's defaults, which are never more permissive.
    unsafe {
        if let Some((uid, gid)) = owner {
            libc::fchown(fd, uid, gid);
        }
        libc::fchmod(fd, mode);
    }
}

fn copy_file(
    src: RawFd,
    dst: RawFd,
    name: &CStr,
    mode: libc::mode_t,
    budget: &mut Budget,
    owner: Option<(u32, u32)>,
) -> Result<(), CopyError> {
    // O_NONBLOCK: a FIFO swapped in since the stat must not block us.
    // SAFETY: valid C string.
    let input = unsafe {
        libc::openat(src, name.as_ptr(), libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
    };
    if input < 0 {
        return Err(os_error("cannot open", name));
    }
    // SAFETY: a fresh descriptor we own.
    let input = unsafe { File::from_raw_fd(input) };
    let meta = input.metadata().map_err(|e| CopyError::Io(format!("{}: {e}", name.to_string_lossy())))?;
    if !meta.is_file() {
        return Ok(());
    }
    if meta.len() > budget.bytes {
        return Err(CopyError::Over);
    }
    // SAFETY: valid C string; a missing file is fine.
    unsafe { libc::unlinkat(dst, name.as_ptr(), 0) };
    // SAFETY: valid C string.
    let output = unsafe {
        libc::openat(
            dst,
            name.as_ptr(),
            libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            0o600 as libc::c_uint,
        )
    };
    if output < 0 {
        return Err(os_error("cannot create", name));
    }
    // SAFETY: a fresh descriptor we own.
    let mut output = unsafe { File::from_raw_fd(output) };
    // At most one byte past the budget: a file that grew since the stat is
    // caught rather than copied whole.
    let copied = io::copy(&mut (&input).take(budget.bytes.saturating_add(1)), &mut output)
        .map_err(|e| CopyError::Io(format!("copying {}: {e}", name.to_string_lossy())))?;
    if copied > budget.bytes {
        return Err(CopyError::Over);
    }
    budget.bytes -= copied;
    set_owner_and_mode(output.as_raw_fd(), owner, mode);
    Ok(())
}

/// Total size of the regular files under `path` (for sizing `/box`).
pub(crate) fn tree_bytes(path: &std::path::Path) -> u64 {
    let mut total = 0;
    let Ok(entries) = std::fs::read_dir(path) else { return 0 };
    for entry in entries.flatten() {
        let Ok(meta) = entry.path().symlink_metadata() else { continue };
        if meta.is_dir() {
            total += tree_bytes(&entry.path());
        } else if meta.is_file() {
            total += meta.len();
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn dir_fd(path: &std::path::Path) -> OwnedFd {
        File::open(path).expect("open dir").into()
    }

    #[test]
    fn copies_files_and_dirs_but_not_links_fifos_or_through_hard_links() {
        let src = tempfile::tempdir().expect("tempdir");
        let dst = tempfile::tempdir().expect("tempdir");
        std::fs::write(src.path().join("main"), b"binary").expect("write");
        std::fs::set_permissions(src.path().join("main"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::create_dir(src.path().join("feedback")).expect("mkdir");
        std::fs::write(src.path().join("feedback/judgemessage.txt"), b"hi").expect("write");
        std::os::unix::fs::symlink("/etc/passwd", src.path().join("link")).expect("symlink");
        nix::unistd::mkfifo(&src.path().join("fifo"), nix::sys::stat::Mode::from_bits_truncate(0o644)).expect("mkfifo");
        // A destination file hard-linked elsewhere must not be written through.
        let elsewhere = tempfile::tempdir().expect("tempdir");
        std::fs::write(elsewhere.path().join("cached"), b"cached build").expect("write");
        std::fs::hard_link(elsewhere.path().join("cached"), dst.path().join("main")).expect("link");

        let (s, d) = (dir_fd(src.path()), dir_fd(dst.path()));
        copy_tree(s.as_raw_fd(), d.as_raw_fd(), None, &mut Budget::unlimited(), None).expect("copy");
        assert_eq!(std::fs::read(dst.path().join("main")).expect("main"), b"binary");
        let mode = std::fs::metadata(dst.path().join("main")).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o755);
        assert_eq!(std::fs::read(dst.path().join("feedback/judgemessage.txt")).expect("nested"), b"hi");
        assert!(!dst.path().join("link").exists() && dst.path().join("link").symlink_metadata().is_err());
        assert!(dst.path().join("fifo").symlink_metadata().is_err());
        assert_eq!(std::fs::read(elsewhere.path().join("cached")).expect("cached"), b"cached build");
    }

    #[test]
    fn one_entry_that_cannot_be_copied_does_not_stop_the_rest() {
        let src = tempfile::tempdir().expect("tempdir");
        let dst = tempfile::tempdir().expect("tempdir");
        for name in ["a", "b", "c"] {
            std::fs::write(src.path().join(name), name).expect("write");
        }
        // A directory where a file should go: that one entry fails.
        std::fs::create_dir(dst.path().join("b")).expect("mkdir");
        std::fs::write(dst.path().join("b/keep"), b"x").expect("write");
        let (s, d) = (dir_fd(src.path()), dir_fd(dst.path()));
        let result = copy_tree(s.as_raw_fd(), d.as_raw_fd(), None, &mut Budget::unlimited(), None);
        assert!(matches!(result, Err(CopyError::Io(_))), "{result:?}");
        assert_eq!(std::fs::read(dst.path().join("a")).expect("a"), b"a");
        assert_eq!(std::fs::read(dst.path().join("c")).expect("c"), b"c");
    }

    #[test]
    fn budget_and_name_filter() {
        let src = tempfile::tempdir().expect("tempdir");
        let dst = tempfile::tempdir().expect("tempdir");
        std::fs::write(src.path().join("big"), vec![7u8; 1000]).expect("write");
        std::fs::write(src.path().join("small"), b"ok").expect("write");
        let (s, d) = (dir_fd(src.path()), dir_fd(dst.path()));
        let only = ["small".to_string()];
        copy_tree(s.as_raw_fd(), d.as_raw_fd(), Some(&only), &mut Budget { bytes: 10, entries: 10 }, None)
            .expect("only the small file");
        assert!(dst.path().join("small").exists() && !dst.path().join("big").exists());
        let over = copy_tree(s.as_raw_fd(), d.as_raw_fd(), None, &mut Budget { bytes: 999, entries: 10 }, None);
        assert!(matches!(over, Err(CopyError::Over)), "{over:?}");
        let over = copy_tree(s.as_raw_fd(), d.as_raw_fd(), None, &mut Budget { bytes: 5000, entries: 1 }, None);
        assert!(matches!(over, Err(CopyError::Over)), "{over:?}");
        assert_eq!(tree_bytes(src.path()), 1002);
    }
}
