//! The probe's answer kept across processes: a judge that starts again on
//! the same boot, with the same `oaj` binary, kernel, user, configuration
//! and cgroup, reads what the last probe established instead of probing
//! (an exec of the helper and a trial run, most of a short `oaj run`).
//!
//! The file is the judge's own: written atomically (a new file renamed
//! over the old one, mode 0600, in a directory made 0700), and read only
//! when it is a regular file owned by the judge's user and writable by no
//! one else. Anything else about it (missing, corrupt, a different key, a
//! foreign owner) means probing again. Only an answer that isolates runs
//! (with cgroups, unless they are turned off) is kept: a host that could
//! not isolate is probed at every start, so that fixing it takes effect at
//! once. A kept answer that has become wrong shows at the first run, which
//! fails with a clear error and removes the file (see `Sandbox::run`).

use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::protections::Established;
use crate::{ProbeCache, SandboxConfig};

/// Changes whenever the file's layout or what the probe decides changes in
/// a way the binaries' identities would not show.
const FORMAT: u32 = 1;

/// Larger files are not read: a real one is a few kilobytes.
const MAX_BYTES: u64 = 1 << 20;

/// Everything the probe's answer depends on. Equal keys: the kept answer
/// holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProbeKey {
    pub format: u32,
    /// `/proc/sys/kernel/random/boot_id`: a reboot probes again (cgroup
    /// delegation, sysctls and modules may all have changed).
    pub boot_id: String,
    pub kernel_release: String,
    pub euid: u32,
    pub landlock_abi: i64,
    /// The exec helper's binary, which runs the probe and every run.
    pub helper: FileIdentity,
    /// The judge's own binary, which interprets the answer.
    pub judge: FileIdentity,
    /// The sandbox configuration (but for the probe cache setting and
    /// `exec_server`, which the probe does not depend on).
    pub config: String,
    /// The judge's cgroup membership and the cgroup mounts it sees.
    pub cgroups: String,
}

/// A file (a binary, a compiler), identified without reading it (hashing
/// 110 MB would cost more than the probe): a rebuilt or replaced file
/// changes its inode, size, mtime or ctime. Kept across processes by the
/// probe cache here and by the judge's toolchain cache; part of the key of
/// the throwaway PostgreSQL's template data directory.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileIdentity {
    pub path: PathBuf,
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
}

impl FileIdentity {
    /// The identity of the file at `path` (symbolic links followed).
    pub fn of(path: &Path) -> Result<Self, String> {
        let path = fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let meta = fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(FileIdentity::from_metadata(path, &meta))
    }

    /// The identity of the file at the canonical `path`, whose metadata
    /// the caller has read.
    pub fn from_metadata(path: PathBuf, meta: &fs::Metadata) -> Self {
        let ns = |secs: i64, nanos: i64| secs as i128 * 1_000_000_000 + nanos as i128;
        FileIdentity {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            path,
        }
    }
}

impl ProbeKey {
    /// The key of this process, host and configuration now.
    pub fn current(config: &SandboxConfig) -> Result<Self, String> {
        let read = |path: &str| fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
        let helper = config.helper.as_ref().ok_or("no exec helper")?;
        let judge = std::env::current_exe().map_err(|e| format!("the running executable: {e}"))?;
        // Neither where the answer is kept nor whether runs go through the
        // sandbox server changes what the probe finds.
        let mut unkeyed = config.clone();
        unkeyed.probe_cache = ProbeCache::Off;
        unkeyed.exec_server = true;
        let cgroup_mounts: Vec<String> = read("/proc/self/mountinfo")?
            .lines()
            .filter(|line| line.split(" - ").nth(1).is_some_and(|fs| fs.starts_with("cgroup")))
            .map(str::to_string)
            .collect();
        Ok(ProbeKey {
            format: FORMAT,
            boot_id: read("/proc/sys/kernel/random/boot_id")?.trim().to_string(),
            kernel_release: read("/proc/sys/kernel/osrelease")?.trim().to_string(),
            euid: nix::unistd::geteuid().as_raw(),
            landlock_abi: crate::netns::landlock_abi(),
            helper: FileIdentity::of(&helper.program)?,
            judge: FileIdentity::of(&judge)?,
            config: serde_json::to_string(&unkeyed).map_err(|e| e.to_string())?,
            cgroups: format!("{}\n{}", read("/proc/self/cgroup")?, cgroup_mounts.join("\n")),
        })
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    key: ProbeKey,
    established: Established,
}

/// Whether `established` may be kept: it isolates runs, with cgroups
/// unless the configuration turns them off.
pub(crate) fn worth_keeping(config: &SandboxConfig, established: &Established) -> bool {
    established.isolation.as_ref().is_some_and(|settings| settings.cgroups.is_some() || !config.use_cgroups)
}

/// The answer kept at `path` for `key`; the error says why there is none.
pub(crate) fn load(path: &Path, key: &ProbeKey) -> Result<Established, String> {
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("no probe cache at {}: {e}", path.display()))?;
    // Checked on the open file: what is read is what was checked.
    let meta = file.metadata().map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a regular file", path.display()));
    }
    let euid = nix::unistd::geteuid().as_raw();
    if meta.uid() != euid {
        return Err(format!("{} belongs to uid {}, not to this user ({euid}): ignored", path.display(), meta.uid()));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(format!("{} is writable by others (mode {:o}): ignored", path.display(), meta.mode() & 0o7777));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("{} is larger than a probe result", path.display()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES).read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let cached: CacheFile =
        serde_json::from_slice(&bytes).map_err(|e| format!("{} is not a probe result ({e})", path.display()))?;
    if cached.key != *key {
        return Err(format!("the probe result in {} is for another boot, binary or configuration", path.display()));
    }
    let Some(settings) = &cached.established.isolation else {
        return Err(format!("{} holds no isolated settings", path.display()));
    };
    // The kept cgroups must still be cgroups: a plain directory in their
    // place would take the limit files without limiting anything.
    if let Some(layout) = &settings.cgroups {
        for dir in cgroup_dirs(layout) {
            if !is_cgroup_dir(dir) {
                return Err(format!("the kept cgroup {} is no longer a cgroup", dir.display()));
            }
        }
    }
    Ok(cached.established)
}

fn cgroup_dirs(layout: &crate::CgroupLayout) -> Vec<&Path> {
    match layout {
        crate::CgroupLayout::V1 { memory, pids, cpuacct } => {
            std::iter::once(memory).chain(pids).chain(cpuacct).map(PathBuf::as_path).collect()
        }
        crate::CgroupLayout::V2 { base } => vec![base.as_path()],
    }
}

/// Whether `dir` is a directory of a cgroup (v1 or v2) file system.
fn is_cgroup_dir(dir: &Path) -> bool {
    const CGROUP_SUPER_MAGIC: i64 = 0x0027_e0eb;
    const CGROUP2_SUPER_MAGIC: i64 = 0x6367_7270;
    nix::sys::statfs::statfs(dir).is_ok_and(|fs| {
        // f_type's integer type differs between targets.
        #[allow(clippy::unnecessary_cast)]
        let kind = fs.filesystem_type().0 as i64;
        kind == CGROUP_SUPER_MAGIC || kind == CGROUP2_SUPER_MAGIC
    })
}

/// Keeps `established` at `path` for `key`: a new file renamed over the old.
pub(crate) fn store(path: &Path, key: &ProbeKey, established: &Established) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    // Unique per process and call: two sandboxes of one process may store at once.
    static STORES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let serial = STORES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temporary = dir.join(format!(".{}.{}.{serial}.tmp", name.to_string_lossy(), std::process::id()));
    let bytes = serde_json::to_vec(&CacheFile { key: key.clone(), established: established.clone() })?;
    let written = (|| {
        let mut file = fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temporary)?;
        file.write_all(&bytes)?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Removes a kept answer that turned out wrong, so that the next start
/// probes; says what was done, for the error that found it out.
pub(crate) fn invalidate(path: &Path) -> String {
    match fs::remove_file(path) {
        Ok(()) => {
            format!("the probe result cached in {} was removed: the next start probes this host again", path.display())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            format!("the probe result cached in {} is gone: the next start probes this host again", path.display())
        }
        Err(e) => {
            format!("the probe result cached in {} could not be removed ({e}); remove it by hand", path.display())
        }
    }
}

/// Where the probe result is kept by default: `OAJ_SANDBOX_PROBE_CACHE`
/// (a path, or `off`), else `sandbox-probe.json` in `$XDG_CACHE_HOME/oaj`
/// or `~/.cache/oaj`; off when there is no such directory.
pub(crate) fn default_setting() -> ProbeCache {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(value) = non_empty("OAJ_SANDBOX_PROBE_CACHE") {
        return if value == "off" || value == "0" { ProbeCache::Off } else { ProbeCache::Use(PathBuf::from(value)) };
    }
    let dir = non_empty("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|home| PathBuf::from(home).join(".cache")));
    match dir {
        Some(dir) if dir.is_absolute() => ProbeCache::Use(dir.join("oaj").join("sandbox-probe.json")),
        _ => ProbeCache::Off,
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::isolate::IsolationSettings;
    use crate::{Protection, ProtectionKind, Protections};

    fn key() -> ProbeKey {
        let identity =
            FileIdentity { path: "/usr/local/bin/oaj".into(), dev: 1, ino: 2, size: 3, mtime_ns: 4, ctime_ns: 5 };
        ProbeKey {
            format: FORMAT,
            boot_id: "3f0d6c1e-0000-4000-8000-000000000001".into(),
            kernel_release: "6.12.0".into(),
            euid: nix::unistd::geteuid().as_raw(),
            landlock_abi: 6,
            helper: identity.clone(),
            judge: identity,
            config: "{}".into(),
            cgroups: "0::/oaj-judge\n".into(),
        }
    }

    fn established() -> Established {
        Established {
            isolation: Some(IsolationSettings {
                root_dir: "/tmp/oaj-sandbox-root".into(),
                tmp_size_bytes: 1 << 20,
                uid: 65534,
                gid: 65534,
                // A real cgroup directory of this host (the check reads it),
                // none where the host has none.
                cgroups: crate::own_cgroup_dirs().into_iter().next().map(|base| crate::CgroupLayout::V2 { base }),
                shared_netns: None,
            }),
            share_netns: true,
            protections: Protections {
                items: vec![Protection { kind: ProtectionKind::Namespaces, active: true, detail: "all".into() }],
                warnings: vec![],
            },
        }
    }

    #[test]
    fn a_kept_answer_is_read_back_for_its_key_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/probe.json");
        assert!(load(&path, &key()).is_err(), "nothing kept yet");
        store(&path, &key(), &established()).expect("store");
        assert_eq!(load(&path, &key()), Ok(established()));
        let mode = fs::metadata(&path).expect("meta").mode() & 0o777;
        assert_eq!(mode, 0o600, "the file is the user's only");
        assert_eq!(fs::metadata(path.parent().expect("parent")).expect("meta").mode() & 0o777, 0o700);
        let changed: Vec<(&str, ProbeKey)> = vec![
            ("another boot", ProbeKey { boot_id: "another".into(), ..key() }),
            ("a rebuilt helper", ProbeKey { helper: FileIdentity { mtime_ns: 99, ..key().helper }, ..key() }),
            ("a replaced judge", ProbeKey { judge: FileIdentity { ino: 77, ..key().judge }, ..key() }),
            ("another kernel", ProbeKey { kernel_release: "6.13.0".into(), ..key() }),
            ("another user", ProbeKey { euid: key().euid + 1, ..key() }),
            ("another configuration", ProbeKey { config: "{\"uid\":1}".into(), ..key() }),
            ("another cgroup", ProbeKey { cgroups: "0::/elsewhere\n".into(), ..key() }),
            ("another format", ProbeKey { format: FORMAT + 1, ..key() }),
        ];
        for (what, other) in changed {
            let missed = load(&path, &other);
            assert!(
                missed.as_ref().is_err_and(|e| e.contains("another boot, binary or configuration")),
                "{what}: {missed:?}"
            );
        }
        // A new answer replaces the old one.
        let mut newer = established();
        newer.share_netns = false;
        store(&path, &key(), &newer).expect("store again");
        assert_eq!(load(&path, &key()), Ok(newer));
        let leftovers: Vec<_> =
            fs::read_dir(path.parent().expect("parent")).expect("dir").flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("probe.json")], "no temporary file is left");
    }

    #[test]
    fn corrupt_loose_or_planted_files_are_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("probe.json");
        type Damage = Box<dyn Fn(&Path)>;
        let cases: Vec<(&str, Damage, &str)> = vec![
            ("corrupt", Box::new(|p| fs::write(p, b"{\"key\": {\"form").expect("write")), "is not a probe result"),
            ("empty", Box::new(|p| fs::write(p, b"").expect("write")), "is not a probe result"),
            (
                "writable by others",
                Box::new(|p| fs::set_permissions(p, fs::Permissions::from_mode(0o666)).expect("chmod")),
                "writable by others",
            ),
            (
                "a symlink to a good file",
                Box::new(|p| {
                    let real = p.with_extension("real");
                    fs::rename(p, &real).expect("rename");
                    std::os::unix::fs::symlink(&real, p).expect("symlink");
                }),
                "no probe cache",
            ),
            (
                "without isolated settings",
                Box::new(|p| {
                    let none = Established { isolation: None, ..established() };
                    store(p, &key(), &none).expect("store");
                }),
                "no isolated settings",
            ),
            (
                "with a plain directory for a cgroup",
                Box::new(|p| {
                    let mut planted = established();
                    let plain = p.parent().expect("parent").to_path_buf();
                    planted.isolation.as_mut().expect("isolated").cgroups =
                        Some(crate::CgroupLayout::V2 { base: plain });
                    store(p, &key(), &planted).expect("store");
                }),
                "is no longer a cgroup",
            ),
        ];
        for (what, damage, expected) in cases {
            let _ = fs::remove_file(&path);
            store(&path, &key(), &established()).expect("store");
            assert!(load(&path, &key()).is_ok(), "{what}: the good file loads");
            damage(&path);
            let missed = load(&path, &key());
            assert!(missed.as_ref().is_err_and(|e| e.contains(expected)), "{what}: {missed:?}");
        }
    }

    #[test]
    fn a_file_of_another_user_is_ignored() {
        if !nix::unistd::geteuid().is_root() {
            eprintln!("SKIPPED: giving a file to another user needs root");
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("probe.json");
        store(&path, &key(), &established()).expect("store");
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).expect("chown");
        let missed = load(&path, &key());
        assert!(missed.as_ref().is_err_and(|e| e.contains("belongs to uid 65534")), "{missed:?}");
    }

    #[test]
    fn only_isolating_answers_are_kept() {
        let config = SandboxConfig::default();
        let mut with_cgroups = established();
        with_cgroups.isolation.as_mut().expect("isolated").cgroups =
            Some(crate::CgroupLayout::V2 { base: "/sys/fs/cgroup/judge".into() });
        assert!(worth_keeping(&config, &with_cgroups));
        let mut without_cgroups = established();
        without_cgroups.isolation.as_mut().expect("isolated").cgroups = None;
        assert!(!worth_keeping(&config, &without_cgroups), "a cgroup may be delegated later");
        assert!(worth_keeping(&SandboxConfig { use_cgroups: false, ..config.clone() }, &without_cgroups));
        assert!(!worth_keeping(&config, &Established { isolation: None, ..established() }));
    }

    #[test]
    fn the_current_key_names_this_host_and_binaries() {
        let config = SandboxConfig::with_oaj_binary(std::env::current_exe().expect("exe"));
        let key = ProbeKey::current(&config).expect("key");
        assert_eq!(key.boot_id.len(), 36, "{key:?}");
        assert_eq!(key.helper, key.judge);
        assert_eq!(ProbeKey::current(&config), Ok(key.clone()), "stable within a boot");
        let refreshing = SandboxConfig { probe_cache: ProbeCache::Refresh("/x".into()), ..config.clone() };
        assert_eq!(ProbeKey::current(&refreshing), Ok(key.clone()), "where the file is is not part of the key");
        let serverless = SandboxConfig { exec_server: false, ..config.clone() };
        assert_eq!(ProbeKey::current(&serverless), Ok(key.clone()), "oaj doctor starts no server");
        let other = SandboxConfig { tmp_size_bytes: config.tmp_size_bytes + 1, ..config };
        assert_ne!(ProbeKey::current(&other).expect("key").config, key.config);
    }
}
