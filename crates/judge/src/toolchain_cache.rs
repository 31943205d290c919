//! Detected toolchains kept between processes, so that a judge whose
//! build is cached starts no compiler at all: the version (`g++
//! --version`, part of the compile cache key) and the sysroot are read back
//! for as long as the programs that printed them are the same files.
//!
//! A program is identified by its resolved path (symlinks followed, so a
//! switched alternative is another program), device, inode, size, mtime and
//! ctime: an upgrade replaces the file or rewrites it. Programs whose answer
//! depends on more than their own file are never kept: scripts (`#!`, a
//! wrapper or shim that picks a toolchain elsewhere) and rustup's proxies
//! (the toolchain they run is chosen by rustup's settings). Only toolchains
//! found present are kept; a corrupt or unreadable file means detecting
//! again.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Entries beyond this many are dropped (the file is rewritten whole).
const MAX_ENTRIES: usize = 64;

/// One program, identified without running it.
pub(crate) type ProgramIdentity = oaj_sandbox::FileIdentity;

/// The identity of the program at `resolved`, or None when its answer may
/// change without the file changing (see the module's comment).
pub(crate) fn program_identity(resolved: &Path) -> Option<ProgramIdentity> {
    let path = fs::canonicalize(resolved).ok()?;
    if path.file_name().is_some_and(|name| name == "rustup") {
        return None;
    }
    let mut file = fs::File::open(&path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut magic = [0u8; 2];
    if file.read_exact(&mut magic).is_err() || &magic == b"#!" {
        return None;
    }
    Some(ProgramIdentity::from_metadata(path, &meta))
}

/// What a toolchain's detection depends on: its commands and the programs
/// they run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ToolchainKey {
    pub version_command: Vec<String>,
    pub version_program: ProgramIdentity,
    pub sysroot_command: Option<Vec<String>>,
    pub sysroot_program: Option<ProgramIdentity>,
}

/// What detection found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Detected {
    pub version: String,
    pub sysroot: Option<PathBuf>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    /// By the key's JSON.
    entries: BTreeMap<String, Detected>,
}

fn read(path: &Path) -> CacheFile {
    fs::read(path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
}

/// The toolchain kept at `path` for `key`.
pub(crate) fn load(path: &Path, key: &ToolchainKey) -> Option<Detected> {
    let key = serde_json::to_string(key).ok()?;
    read(path).entries.remove(&key)
}

/// Keeps `detected` for `key` at `path`: a new file renamed over the old,
/// so a reader sees the old file or the new one, never half of one.
pub(crate) fn store(path: &Path, key: &ToolchainKey, detected: &Detected) -> io::Result<()> {
    let mut file = read(path);
    if file.entries.len() >= MAX_ENTRIES {
        file.entries.clear();
    }
    file.entries.insert(serde_json::to_string(key)?, detected.clone());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(&serde_json::to_vec(&file)?)?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}
