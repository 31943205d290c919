//! A cache directory of entries (one subdirectory each), bounded by a
//! number of entries and a total size, evicting the least recently used,
//! and safe for several processes that share the directory (judge workers
//! on one machine with one cache dir).
//!
//! Layout of the root:
//! - `<name>/`: a published entry. Beside its files, `<name>/.entry` holds
//!   the entry's size in bytes; its modification time is the entry's last
//!   use, which eviction goes by.
//! - `.staging-*`: an entry being written ([`Staged`]). It is renamed to
//!   `<name>` when complete, so a reader sees an entry whole or not at all.
//! - `.evicted-*`: an entry being removed, renamed away first for the same
//!   reason.
//!
//! Locks (`flock(2)` on `.entry`, which belong to the open file, so two
//! users in one process exclude each other as two processes do):
//! - Whoever uses an entry's files holds a shared lock ([`Entry`]) for as
//!   long as it uses them. Eviction takes an exclusive lock without waiting
//!   and passes by an entry it cannot lock: an entry in use by any process
//!   is never evicted.
//! - An opener locks, then checks that the file it locked is still the one
//!   at `<name>/.entry`: an evictor may have renamed the entry away between
//!   the open and the lock. If not, the entry is gone and the caller makes
//!   it again (it never reads a half-removed entry).
//! - A stager holds an exclusive lock on its staging dir's `.entry`, so a
//!   sweep tells a live stager's dir (locked) from a dead one's leftover.
//!
//! `flock` locks are not reliable on network filesystems: the root must be
//! on a local one.

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The file in every entry that carries its size, last use and lock.
pub const MARKER: &str = ".entry";
const STAGING_PREFIX: &str = ".staging-";
const EVICTED_PREFIX: &str = ".evicted-";
/// A staging dir whose `.entry` is missing (its maker died between making
/// the dir and the file) is removed by a sweep only after this long, so a
/// live maker is never raced.
const UNMARKED_STAGING_AGE: Duration = Duration::from_secs(3600);

/// Bounds of a cache: after a new entry, the least recently used entries
/// not in use are evicted until both hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// Total size of the entries' files.
    pub max_bytes: u64,
    /// Number of entries.
    pub max_entries: usize,
}

/// What an eviction removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evicted {
    pub entries: usize,
    pub bytes: u64,
}

/// A bounded cache directory (see the crate doc).
#[derive(Debug, Clone)]
pub struct EntryCache {
    root: PathBuf,
    limits: CacheLimits,
}

/// A published entry in use: no process evicts it while this lives.
#[derive(Debug)]
pub struct Entry {
    dir: PathBuf,
    lock: File,
}

/// Which published entry an [`Entry`] is: a re-published entry (evicted,
/// then made again) is another one, unless the filesystem reused the
/// marker's inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryId {
    dev: u64,
    ino: u64,
}

impl Entry {
    /// The entry's directory, `<root>/<name>`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn id(&self) -> io::Result<EntryId> {
        let meta = self.lock.metadata()?;
        Ok(EntryId { dev: meta.dev(), ino: meta.ino() })
    }
}

/// An entry being written: fill [`Staged::path`], then
/// [`EntryCache::publish`] it. Dropped unpublished, it is removed.
#[derive(Debug)]
pub struct Staged {
    dir: PathBuf,
    /// Exclusively locked until published or dropped.
    lock: Option<File>,
}

impl Staged {
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Still here: not published (a published one was renamed away).
        if self.lock.is_some() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn flock(file: &File, operation: libc::c_int) -> io::Result<()> {
    loop {
        // SAFETY: flock on a descriptor the File owns for the whole call.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Whether `file` is still the file at `path` (same device and inode).
fn still_at(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::metadata(path)) {
        (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
        _ => false,
    }
}

fn is_absent(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory)
}

/// Size of the regular files under `dir`.
pub fn tree_bytes(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(t) if t.is_dir() => tree_bytes(&entry.path()),
            Ok(t) if t.is_file() => entry.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

/// A name no other process or call uses, with `prefix`.
fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{prefix}{}-{}-{nanos}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

impl EntryCache {
    /// The cache at `root` (created if missing).
    pub fn new(root: impl Into<PathBuf>, limits: CacheLimits) -> io::Result<EntryCache> {
        let root = root.into();
        fs::create_dir_all(&root).map_err(|e| with_path(e, &root))?;
        Ok(EntryCache { root, limits })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn limits(&self) -> CacheLimits {
        self.limits
    }

    fn check_name(name: &str) -> io::Result<()> {
        if name.is_empty() || name.starts_with('.') || name.contains('/') || name.contains('\0') {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("`{name}` cannot name a cache entry")));
        }
        Ok(())
    }

    /// The published entry `name`, held and marked as just used; None when
    /// there is none (or it was evicted while this looked). May wait for an
    /// eviction in progress (a rename). Blocking.
    pub fn open(&self, name: &str) -> io::Result<Option<Entry>> {
        Self::check_name(name)?;
        let dir = self.root.join(name);
        let marker = dir.join(MARKER);
        let lock = match File::open(&marker) {
            Ok(file) => file,
            Err(e) if is_absent(&e) => return Ok(None),
            Err(e) => return Err(with_path(e, &marker)),
        };
        flock(&lock, libc::LOCK_SH).map_err(|e| with_path(e, &marker))?;
        if !still_at(&lock, &marker) {
            return Ok(None);
        }
        // The last use is what eviction goes by; a failure only makes the
        // entry look older.
        let _ = lock.set_modified(SystemTime::now());
        Ok(Some(Entry { dir, lock }))
    }

    /// A new staging dir to write an entry into.
    pub fn stage(&self) -> io::Result<Staged> {
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(&self.root)
            .map_err(|e| with_path(e, &self.root))?
            .keep();
        let marker = dir.join(MARKER);
        let lock = File::options().read(true).write(true).create_new(true).open(&marker).and_then(|file| {
            flock(&file, libc::LOCK_EX)?;
            Ok(file)
        });
        match lock {
            Ok(lock) => Ok(Staged { dir, lock: Some(lock) }),
            Err(e) => {
                let _ = fs::remove_dir_all(&dir);
                Err(with_path(e, &marker))
            }
        }
    }

    /// Publishes `staged` as the entry `name` and holds it. When another
    /// process published `name` first, its entry is held instead (and
    /// `staged` removed): an entry's name must say what it holds. None: the
    /// entry was evicted before it could be held; stage it again. Blocking.
    pub fn publish(&self, mut staged: Staged, name: &str) -> io::Result<Option<Entry>> {
        Self::check_name(name)?;
        let Some(mut lock) = staged.lock.take() else {
            return Err(io::Error::other("the staged entry was published already"));
        };
        let bytes = tree_bytes(&staged.dir);
        lock.set_len(0).and_then(|()| lock.write_all(bytes.to_string().as_bytes())).map_err(|e| {
            let _ = fs::remove_dir_all(&staged.dir);
            with_path(e, &staged.dir.join(MARKER))
        })?;
        let dir = self.root.join(name);
        let marker = dir.join(MARKER);
        // A few rounds: each lost race (an evictor, another publisher) is
        // another process making progress.
        for _ in 0..3 {
            match fs::rename(&staged.dir, &dir) {
                Ok(()) => {
                    // Exclusive to shared: not atomic, so an evictor may take
                    // the entry in between; the check below sees that.
                    flock(&lock, libc::LOCK_SH).map_err(|e| with_path(e, &marker))?;
                    if !still_at(&lock, &marker) {
                        return Ok(None);
                    }
                    let _ = lock.set_modified(SystemTime::now());
                    return Ok(Some(Entry { dir, lock }));
                }
                // The name is taken.
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOTEMPTY | libc::EEXIST)) => {
                    if let Some(theirs) = self.open(name)? {
                        let _ = fs::remove_dir_all(&staged.dir);
                        return Ok(Some(theirs));
                    }
                    // Evicted meanwhile (then the next round renames), or
                    // not an entry of this cache (a directory an older
                    // layout left, say): replaced.
                    if dir.is_dir() && !marker.exists() {
                        tracing::info!("replacing {}, which is not a cache entry", dir.display());
                        match self.discard(&dir) {
                            Ok(()) => {}
                            Err(e) if is_absent(&e) => {}
                            Err(e) => {
                                let _ = fs::remove_dir_all(&staged.dir);
                                return Err(with_path(e, &dir));
                            }
                        }
                    }
                }
                Err(e) => {
                    let _ = fs::remove_dir_all(&staged.dir);
                    return Err(with_path(e, &dir));
                }
            }
        }
        let _ = fs::remove_dir_all(&staged.dir);
        Ok(None)
    }

    /// Removes the entry `name` (a damaged one, say) unless a process uses
    /// it. True when it is gone. Blocking.
    pub fn remove(&self, name: &str) -> io::Result<bool> {
        Self::check_name(name)?;
        let dir = self.root.join(name);
        match self.take_unused(&dir) {
            Taken::Gone | Taken::Removed => Ok(true),
            Taken::InUse => Ok(false),
        }
    }

    /// Evicts the least recently used entries not in use until the cache is
    /// within its limits. Blocking.
    pub fn evict(&self) -> Evicted {
        let mut evicted = Evicted::default();
        let Ok(read) = fs::read_dir(&self.root) else { return evicted };
        // (last use, bytes, dir) of every published entry.
        let mut entries: Vec<(SystemTime, u64, PathBuf)> = read
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| {
                let dir = e.path();
                let marker = dir.join(MARKER);
                match fs::metadata(&marker).and_then(|m| m.modified()) {
                    Ok(used) => {
                        let recorded = fs::read_to_string(&marker).ok().and_then(|t| t.trim().parse().ok());
                        Some((used, recorded.unwrap_or_else(|| tree_bytes(&dir)), dir))
                    }
                    // Not an entry of this cache: counted, and evicted by
                    // the time it was last changed.
                    Err(_) => {
                        let meta = fs::metadata(&dir).ok().filter(|m| m.is_dir())?;
                        Some((meta.modified().ok()?, tree_bytes(&dir), dir))
                    }
                }
            })
            .collect();
        let mut total: u64 = entries.iter().map(|(_, bytes, _)| bytes).sum();
        let mut count = entries.len();
        entries.sort_by_key(|entry| entry.0);
        for (_, bytes, dir) in entries {
            if count <= self.limits.max_entries && total <= self.limits.max_bytes {
                break;
            }
            if let Taken::Removed = self.take_unused(&dir) {
                total = total.saturating_sub(bytes);
                count -= 1;
                evicted.entries += 1;
                evicted.bytes += bytes;
            }
        }
        if evicted.entries > 0 {
            tracing::info!(
                entries = evicted.entries,
                bytes = evicted.bytes,
                dir = %self.root.display(),
                "evicted the least recently used cache entries"
            );
        }
        evicted
    }

    /// Removes what processes that are gone left: entries being removed and
    /// staging dirs no live process holds. Blocking.
    pub fn sweep(&self) {
        let Ok(read) = fs::read_dir(&self.root) else { return };
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let dir = entry.path();
            if name.starts_with(EVICTED_PREFIX) {
                // Renamed away under an exclusive lock: no one uses it.
                let _ = fs::remove_dir_all(&dir);
            } else if name.starts_with(STAGING_PREFIX) {
                let marker = dir.join(MARKER);
                let abandoned = match File::open(&marker) {
                    Ok(file) => flock(&file, libc::LOCK_EX | libc::LOCK_NB).is_ok() && still_at(&file, &marker),
                    Err(_) => fs::metadata(&dir)
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > UNMARKED_STAGING_AGE)),
                };
                if abandoned {
                    let _ = fs::remove_dir_all(&dir);
                }
            }
        }
    }

    /// Removes the entry at `dir` if no process holds it.
    fn take_unused(&self, dir: &Path) -> Taken {
        let marker = dir.join(MARKER);
        match File::open(&marker) {
            Ok(lock) => {
                if flock(&lock, libc::LOCK_EX | libc::LOCK_NB).is_err() || !still_at(&lock, &marker) {
                    return Taken::InUse;
                }
                // Renamed while locked: an opener that locks after this
                // sees the marker gone from its place. Removed unlocked, so
                // openers waiting on the lock are not kept waiting.
                let doomed = self.root.join(unique_name(EVICTED_PREFIX));
                let renamed = fs::rename(dir, &doomed);
                drop(lock);
                match renamed {
                    Ok(()) => {
                        remove_doomed(&doomed);
                        Taken::Removed
                    }
                    Err(e) if is_absent(&e) => Taken::Gone,
                    Err(e) => {
                        tracing::warn!("cannot remove the cache entry {}: {e}", dir.display());
                        Taken::InUse
                    }
                }
            }
            Err(e) if is_absent(&e) => match fs::metadata(dir) {
                // Not an entry of this cache; nothing locks it.
                Ok(meta) if meta.is_dir() => match self.discard(dir) {
                    Ok(()) => Taken::Removed,
                    Err(_) => Taken::InUse,
                },
                _ => Taken::Gone,
            },
            Err(e) => {
                tracing::warn!("cannot open {}: {e}", marker.display());
                Taken::InUse
            }
        }
    }

    /// Renames `dir` out of the way, then removes it.
    fn discard(&self, dir: &Path) -> io::Result<()> {
        let doomed = self.root.join(unique_name(EVICTED_PREFIX));
        fs::rename(dir, &doomed)?;
        remove_doomed(&doomed);
        Ok(())
    }
}

fn remove_doomed(doomed: &Path) {
    if let Err(e) = fs::remove_dir_all(doomed) {
        // A later sweep finishes it.
        tracing::warn!("cannot remove {}: {e}", doomed.display());
    }
}

enum Taken {
    Removed,
    /// There was nothing there.
    Gone,
    InUse,
}

#[cfg(test)]
mod tests;
