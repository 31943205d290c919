//! Unpacking an uploaded zip, or copying a directory on the server, into a
//! fresh directory: only regular files and directories, only inside the
//! target, within a number of files and a number of bytes actually written
//! (a zip's headers may lie about sizes).

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// What an unpacked or copied problem may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files and directories together.
    pub max_entries: usize,
    /// Bytes written, all files together.
    pub max_total_bytes: u64,
}

/// The limits for a problem added at runtime: room for a few thousand test
/// files and a few hundred MiB of test data.
pub const PROBLEM_LIMITS: Limits = Limits { max_entries: 5_000, max_total_bytes: 512 * 1024 * 1024 };

/// Why an archive or directory was refused. Each names the entry.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UnpackError {
    #[error("the upload is not a zip archive, or it is damaged: {0}")]
    NotZip(String),
    #[error("entry {index} of the archive has a name that is not UTF-8; rename it")]
    NotUtf8 { index: usize },
    #[error("`{0}` is an absolute path; entries must be relative to the problem")]
    Absolute(String),
    #[error("`{0}` leaves the problem directory (`..`); refused")]
    Traversal(String),
    #[error("`{0}` is a symbolic link; problems hold only regular files and directories")]
    Symlink(String),
    #[error("`{0}` is neither a regular file nor a directory")]
    Special(String),
    #[error("`{0}` appears twice")]
    Duplicate(String),
    #[error("more than {limit} files and directories; a problem holds fewer")]
    TooManyEntries { limit: usize },
    #[error("more than {} MiB once unpacked; a problem holds less", limit / (1024 * 1024))]
    TooLarge { limit: u64 },
    #[error("`{entry}` cannot be read: {message}")]
    Read { entry: String, message: String },
    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },
}

/// A relative path made only of normal components, or why not.
fn safe_relative(name: &str) -> Result<PathBuf, UnpackError> {
    // Zip names use `/`; a `\` is a Windows tool's separator or a trick.
    let name_unix = name.replace('\\', "/");
    if name_unix.starts_with('/') || name_unix.as_bytes().get(1) == Some(&b':') {
        return Err(UnpackError::Absolute(name.to_string()));
    }
    let mut path = PathBuf::new();
    for component in Path::new(&name_unix).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            Component::ParentDir => return Err(UnpackError::Traversal(name.to_string())),
            Component::RootDir | Component::Prefix(_) => return Err(UnpackError::Absolute(name.to_string())),
        }
    }
    if name.contains('\0') {
        return Err(UnpackError::Special(name.to_string()));
    }
    Ok(path)
}

/// Counts what is written against the limits.
struct Budget {
    limits: Limits,
    entries: usize,
    bytes: u64,
}

impl Budget {
    fn new(limits: Limits) -> Budget {
        Budget { limits, entries: 0, bytes: 0 }
    }

    fn entry(&mut self) -> Result<(), UnpackError> {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(UnpackError::TooManyEntries { limit: self.limits.max_entries });
        }
        Ok(())
    }

    /// Copies `from` into a new file at `to`, stopping as soon as the total
    /// would pass the limit (whatever the archive claimed).
    fn copy(&mut self, entry: &str, from: &mut dyn Read, to: &Path) -> Result<(), UnpackError> {
        let write_error =
            |e: std::io::Error| UnpackError::Write { path: to.display().to_string(), message: e.to_string() };
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(write_error)?;
        }
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(to).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                UnpackError::Duplicate(entry.to_string())
            } else {
                write_error(e)
            }
        })?;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = from
                .read(&mut buffer)
                .map_err(|e| UnpackError::Read { entry: entry.to_string(), message: e.to_string() })?;
            if n == 0 {
                return Ok(());
            }
            self.bytes += n as u64;
            if self.bytes > self.limits.max_total_bytes {
                return Err(UnpackError::TooLarge { limit: self.limits.max_total_bytes });
            }
            file.write_all(&buffer[..n]).map_err(write_error)?;
        }
    }
}

/// Unpacks the zip in `bytes` into `into` (created if missing, expected
/// empty). Returns the number of files written. On an error, what was
/// written so far stays in `into` for the caller to remove.
pub fn unzip(bytes: &[u8], into: &Path, limits: Limits) -> Result<usize, UnpackError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| UnpackError::NotZip(e.to_string()))?;
    // The central directory's count is checked first so a million empty
    // entries are refused before any is read.
    if archive.len() > limits.max_entries {
        return Err(UnpackError::TooManyEntries { limit: limits.max_entries });
    }
    std::fs::create_dir_all(into)
        .map_err(|e| UnpackError::Write { path: into.display().to_string(), message: e.to_string() })?;
    let mut budget = Budget::new(limits);
    let mut files = 0;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| UnpackError::NotZip(e.to_string()))?;
        let name = std::str::from_utf8(entry.name_raw()).map_err(|_| UnpackError::NotUtf8 { index })?.to_string();
        let relative = safe_relative(&name)?;
        budget.entry()?;
        // A symlink is marked in the Unix mode bits of the entry.
        let mode = entry.unix_mode().unwrap_or(0);
        let kind = mode & 0o170000;
        if kind == 0o120000 {
            return Err(UnpackError::Symlink(name));
        }
        if entry.is_dir() {
            if kind != 0 && kind != 0o040000 {
                return Err(UnpackError::Special(name));
            }
            let dir = into.join(&relative);
            std::fs::create_dir_all(&dir)
                .map_err(|e| UnpackError::Write { path: dir.display().to_string(), message: e.to_string() })?;
            continue;
        }
        if kind != 0 && kind != 0o100000 {
            return Err(UnpackError::Special(name));
        }
        if relative.as_os_str().is_empty() {
            return Err(UnpackError::Special(name));
        }
        budget.copy(&name, &mut entry, &into.join(&relative))?;
        files += 1;
    }
    Ok(files)
}

/// Copies the directory tree `from` into `into` under the same rules as an
/// upload: regular files and directories only (a symlink anywhere is
/// refused, never followed), within the limits. Returns the files copied.
pub fn copy_tree(from: &Path, into: &Path, limits: Limits) -> Result<usize, UnpackError> {
    let mut budget = Budget::new(limits);
    std::fs::create_dir_all(into)
        .map_err(|e| UnpackError::Write { path: into.display().to_string(), message: e.to_string() })?;
    let mut files = 0;
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = from.join(&relative);
        let read_error =
            |e: std::io::Error| UnpackError::Read { entry: dir.display().to_string(), message: e.to_string() };
        let mut entries: Vec<_> =
            std::fs::read_dir(&dir).map_err(read_error)?.collect::<Result<_, _>>().map_err(read_error)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            let shown = relative.join(&name).display().to_string();
            let Some(name_text) = name.to_str() else {
                return Err(UnpackError::Read { entry: shown, message: "its name is not UTF-8".into() });
            };
            budget.entry()?;
            // `file_type` of a DirEntry does not follow symlinks.
            let kind = entry.file_type().map_err(read_error)?;
            let path = relative.join(name_text);
            if kind.is_symlink() {
                return Err(UnpackError::Symlink(shown));
            } else if kind.is_dir() {
                let target = into.join(&path);
                std::fs::create_dir_all(&target)
                    .map_err(|e| UnpackError::Write { path: target.display().to_string(), message: e.to_string() })?;
                pending.push(path);
            } else if kind.is_file() {
                let mut source = std::fs::File::open(entry.path())
                    .map_err(|e| UnpackError::Read { entry: shown.clone(), message: e.to_string() })?;
                budget.copy(&shown, &mut source, &into.join(&path))?;
                files += 1;
            } else {
                return Err(UnpackError::Special(shown));
            }
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zip::write::SimpleFileOptions;

    /// What an archive holds, for building test zips.
    enum Item {
        File(&'static str, Vec<u8>),
        Dir(&'static str),
        Symlink(&'static str, &'static str),
    }

    fn zip_of(items: &[Item], method: zip::CompressionMethod) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for item in items {
            match item {
                Item::File(name, bytes) => {
                    writer.start_file(*name, options).expect("start file");
                    writer.write_all(bytes).expect("write");
                }
                Item::Dir(name) => writer.add_directory(*name, options).expect("dir"),
                Item::Symlink(name, target) => writer.add_symlink(*name, *target, options).expect("symlink"),
            }
        }
        writer.finish().expect("finish").into_inner()
    }

    /// (what, items, compression, limits, expected)
    type Case = (&'static str, Vec<Item>, zip::CompressionMethod, Limits, Result<usize, UnpackError>);

    fn small() -> Limits {
        Limits { max_entries: 10, max_total_bytes: 1000 }
    }

    #[test]
    fn unzip_table() {
        use zip::CompressionMethod::{Deflated, Stored};
        let ok = || {
            vec![
                Item::Dir("p/"),
                Item::File("p/problem.toml", b"title = \"x\"\n".to_vec()),
                Item::File("p/tests/sample/1.in", b"1 2\n".to_vec()),
            ]
        };
        let table: Vec<Case> = vec![
            ("a good problem", ok(), Deflated, small(), Ok(2)),
            (
                "parent traversal",
                vec![Item::File("p/../../evil.txt", b"x".to_vec())],
                Stored,
                small(),
                Err(UnpackError::Traversal("p/../../evil.txt".into())),
            ),
            (
                "backslash traversal",
                vec![Item::File("..\\evil.txt", b"x".to_vec())],
                Stored,
                small(),
                Err(UnpackError::Traversal("..\\evil.txt".into())),
            ),
            (
                "absolute path",
                vec![Item::File("/etc/evil", b"x".to_vec())],
                Stored,
                small(),
                Err(UnpackError::Absolute("/etc/evil".into())),
            ),
            (
                "drive letter",
                vec![Item::File("C:/evil", b"x".to_vec())],
                Stored,
                small(),
                Err(UnpackError::Absolute("C:/evil".into())),
            ),
            (
                "symlink",
                vec![Item::Symlink("p/link", "/etc/passwd")],
                Stored,
                small(),
                Err(UnpackError::Symlink("p/link".into())),
            ),
            (
                "too many files",
                (0..11).map(|i| Item::File(Box::leak(format!("f{i}").into_boxed_str()), vec![])).collect(),
                Stored,
                small(),
                Err(UnpackError::TooManyEntries { limit: 10 }),
            ),
            (
                // 1 MB of zeros deflates to about a kilobyte: only the bytes
                // written can tell.
                "zip bomb",
                vec![Item::File("p/big.in", vec![0u8; 1_000_000])],
                Deflated,
                Limits { max_entries: 10, max_total_bytes: 100_000 },
                Err(UnpackError::TooLarge { limit: 100_000 }),
            ),
            (
                "over the total across files",
                vec![Item::File("a", vec![1u8; 600]), Item::File("b", vec![1u8; 600])],
                Stored,
                small(),
                Err(UnpackError::TooLarge { limit: 1000 }),
            ),
            (
                "the same name twice",
                vec![Item::File("a", b"1".to_vec()), Item::File("./a", b"2".to_vec())],
                Stored,
                small(),
                Err(UnpackError::Duplicate("./a".into())),
            ),
        ];
        for (what, items, method, limits, expected) in table {
            let bytes = zip_of(&items, method);
            let dir = tempfile::tempdir().expect("temp dir");
            let into = dir.path().join("out");
            let got = unzip(&bytes, &into, limits);
            assert_eq!(got, expected, "{what}");
            // Nothing is ever written outside the target.
            let outside: Vec<_> = std::fs::read_dir(dir.path())
                .expect("read")
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| n != "out")
                .collect();
            assert!(outside.is_empty(), "{what}: wrote {outside:?} outside the target");
        }
    }

    #[test]
    fn unzip_writes_the_files() {
        let bytes = zip_of(
            &[Item::File("p/tests/hidden/a.in", b"5 1\n".to_vec()), Item::File("p/problem.toml", b"t".to_vec())],
            zip::CompressionMethod::Deflated,
        );
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(unzip(&bytes, dir.path(), small()), Ok(2));
        assert_eq!(std::fs::read(dir.path().join("p/tests/hidden/a.in")).expect("read"), b"5 1\n");
    }

    #[test]
    fn not_a_zip() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(unzip(b"hello", dir.path(), small()), Err(UnpackError::NotZip(_))));
    }

    #[test]
    fn copy_tree_refuses_symlinks_and_keeps_limits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = dir.path().join("from");
        std::fs::create_dir_all(from.join("tests")).expect("mkdir");
        std::fs::write(from.join("problem.toml"), "t").expect("write");
        std::fs::write(from.join("tests/a.in"), "1").expect("write");
        assert_eq!(copy_tree(&from, &dir.path().join("ok"), small()), Ok(2));
        assert_eq!(std::fs::read_to_string(dir.path().join("ok/tests/a.in")).expect("read"), "1");
        let tight = Limits { max_entries: 10, max_total_bytes: 1 };
        assert_eq!(copy_tree(&from, &dir.path().join("big"), tight), Err(UnpackError::TooLarge { limit: 1 }));
        std::os::unix::fs::symlink("/etc/passwd", from.join("tests/link")).expect("symlink");
        assert_eq!(
            copy_tree(&from, &dir.path().join("linked"), small()),
            Err(UnpackError::Symlink("tests/link".into()))
        );
    }
}
