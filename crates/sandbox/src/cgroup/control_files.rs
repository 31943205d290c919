//! Control files of a run's cgroups kept open between reads.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Control files of a run's cgroups, opened at their first use and kept:
/// a session reads the same counters before and after every case (a dozen
/// files), and each open by path walks the cgroup file system again. Each
/// read is a `pread` from offset 0, which the kernel answers afresh.
#[derive(Default)]
pub(super) struct ControlFiles {
    open: std::sync::Mutex<Vec<(PathBuf, bool, fs::File)>>,
}

impl ControlFiles {
    /// The whole current text of `dir/name`, or None when unreadable.
    pub(super) fn read(&self, dir: &Path, name: &str) -> Option<String> {
        use std::os::unix::fs::FileExt;
        self.with(dir, name, false, |file| {
            let mut text = Vec::new();
            let mut buffer = [0u8; 4096];
            loop {
                let n = file.read_at(&mut buffer, text.len() as u64)?;
                if n == 0 {
                    break;
                }
                text.extend_from_slice(&buffer[..n]);
            }
            String::from_utf8(text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
        })
        .ok()
    }

    /// Writes `value` to `dir/name`.
    pub(super) fn write(&self, dir: &Path, name: &str, value: &str) -> Result<(), String> {
        use std::os::unix::fs::FileExt;
        self.with(dir, name, true, |file| file.write_at(value.as_bytes(), 0).map(drop))
            .map_err(|e| format!("cannot write {value:?} to {}: {e}", dir.join(name).display()))
    }

    fn with<T>(
        &self,
        dir: &Path,
        name: &str,
        write: bool,
        use_file: impl FnOnce(&fs::File) -> io::Result<T>,
    ) -> io::Result<T> {
        let path = dir.join(name);
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let index = match open.iter().position(|(p, w, _)| *p == path && *w == write) {
            Some(index) => index,
            None => {
                let file = fs::OpenOptions::new().read(!write).write(write).open(&path)?;
                open.push((path, write, file));
                open.len() - 1
            }
        };
        use_file(&open[index].2)
    }
}
