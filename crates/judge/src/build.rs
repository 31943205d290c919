//! Compiling once per (language, toolchain version, sources), with the
//! result cached on disk, and placing a build's files into a run directory.
//!
//! The cache is bounded ([`CacheLimits`]): a build larger than
//! `max_build_bytes` is judged from a temporary directory and never cached,
//! and after each new entry the least recently used entries are evicted
//! until the cache holds at most `max_entries` builds and `max_bytes`.
//! Builds in use by this process are never evicted; another judge process
//! sharing the cache dir may lose a build it is using (its run then fails
//! with an internal error), so judges that share a cache should share a
//! process.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oaj_sandbox::{Keep, Limits, RunSpec, Sandbox, Stdin};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::language::Language;
use crate::result::CompileReport;
use crate::JudgeError;

/// Bumped whenever the build layout or key changes, so old entries are
/// ignored rather than misread.
const CACHE_VERSION: &str = "oaj-build-1";
const BUILD_RECORD: &str = "build.json";
const MAX_MESSAGE_LINES: usize = 80;
const MAX_MESSAGE_BYTES: usize = 16 * 1024;

/// Compiler messages that blame the host, not the source.
const TRANSIENT_FAILURES: &[&str] =
    &["Resource temporarily unavailable", "pthread_create", "Cannot allocate memory", "out of memory", "fork: retry"];

/// One source file of a program: name inside the build directory, contents.
pub type SourceFile = (String, Vec<u8>);

/// A finished compilation, successful or not.
#[derive(Debug, Clone)]
pub struct Build {
    /// Directory holding the sources and, when `report.ok`, the artifacts.
    pub dir: PathBuf,
    pub report: CompileReport,
    /// Keeps `dir` from eviction (a cached build) or alive (an uncached one,
    /// removed when the last clone of the build goes).
    _hold: Option<Arc<Hold>>,
}

impl Build {
    /// Whether the build is in the cache (false when it was too large to keep).
    pub fn is_cached(&self) -> bool {
        !matches!(self._hold.as_deref(), Some(Hold::Temporary(_)))
    }
}

#[derive(Debug)]
enum Hold {
    /// A cached build in use: eviction passes it by.
    Pinned(PathBuf),
    /// A build too large to cache, in a temporary directory.
    Temporary(#[allow(dead_code)] tempfile::TempDir),
}

/// Cached builds in use by this process, with a count of users each.
static PINNED: Mutex<Vec<(PathBuf, usize)>> = Mutex::new(Vec::new());

fn pin(dir: &Path) -> Arc<Hold> {
    let mut pinned = PINNED.lock().unwrap_or_else(|e| e.into_inner());
    match pinned.iter_mut().find(|(p, _)| p == dir) {
        Some((_, count)) => *count += 1,
        None => pinned.push((dir.to_path_buf(), 1)),
    }
    Arc::new(Hold::Pinned(dir.to_path_buf()))
}

fn is_pinned(dir: &Path) -> bool {
    PINNED.lock().unwrap_or_else(|e| e.into_inner()).iter().any(|(p, _)| p == dir)
}

impl Drop for Hold {
    fn drop(&mut self) {
        if let Hold::Pinned(dir) = self {
            let mut pinned = PINNED.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(at) = pinned.iter().position(|(p, _)| p == dir) {
                pinned[at].1 -= 1;
                if pinned[at].1 == 0 {
                    pinned.swap_remove(at);
                }
            }
        }
    }
}

/// Bounds of the build cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// Total size of the cached builds.
    pub max_bytes: u64,
    /// Number of cached builds.
    pub max_entries: usize,
    /// A build (sources and artifacts) larger than this is not cached.
    pub max_build_bytes: u64,
}

impl Default for CacheLimits {
    fn default() -> Self {
        CacheLimits { max_bytes: 2 << 30, max_entries: 2000, max_build_bytes: 64 << 20 }
    }
}

#[derive(Serialize, Deserialize)]
struct BuildRecord {
    ok: bool,
    message: String,
    time_ms: u64,
    /// Size of the build's files (records without it are measured).
    #[serde(default)]
    bytes: Option<u64>,
}

/// Limits for compilers: generous, but a compiler bomb still ends.
pub fn compile_limits() -> Limits {
    Limits {
        cpu_time: Duration::from_secs(30),
        wall_time: Duration::from_secs(60),
        memory_bytes: 2 << 30,
        processes: 128,
        stdout_bytes: 1 << 20,
        stderr_bytes: 1 << 20,
        file_size_bytes: 256 << 20,
        open_files: 256,
    }
}

/// The cache key: every input that can change the build's outcome.
pub fn build_key(language: &Language, version: &str, files: &[SourceFile]) -> String {
    let mut hasher = Sha256::new();
    for part in [CACHE_VERSION, &language.id, version, &language.compile.clone().unwrap_or_default().join("\u{1f}")] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    for (name, contents) in files {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((contents.len() as u64).to_le_bytes());
        hasher.update(contents);
    }
    let digest = hasher.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Compiles `files` for `language`, or returns the cached build, with the
/// default [`CacheLimits`]. Blocking.
pub fn compile(
    sandbox: &Sandbox,
    cache_dir: &Path,
    language: &Language,
    files: &[SourceFile],
) -> Result<Build, JudgeError> {
    compile_with_limits(sandbox, cache_dir, language, files, &CacheLimits::default())
}

/// [`compile`] with the cache bounded by `limits`.
pub fn compile_with_limits(
    sandbox: &Sandbox,
    cache_dir: &Path,
    language: &Language,
    files: &[SourceFile],
    limits: &CacheLimits,
) -> Result<Build, JudgeError> {
    let (version, sysroot) = language.require_toolchain().map_err(JudgeError::Toolchain)?;
    let key = build_key(language, version, files);
    let builds = cache_dir.join("builds");
    let final_dir = builds.join(format!("{}-{key}", language.id));
    // Pinned before it is read, so that no eviction can take it meanwhile.
    let hold = pin(&final_dir);
    if let Some(report) = read_record(&final_dir) {
        touch(&final_dir);
        return Ok(Build { dir: final_dir, report: CompileReport { cached: true, ..report }, _hold: Some(hold) });
    }

    fs::create_dir_all(&builds).map_err(|e| JudgeError::io(&builds, e))?;
    let work = tempfile::Builder::new()
        .prefix(&work_dir_prefix(BUILDING_PREFIX))
        .tempdir_in(&builds)
        .map_err(|e| JudgeError::io(&builds, e))?;
    for (name, contents) in files {
        let path = work.path().join(name);
        fs::write(&path, contents).map_err(|e| JudgeError::io(&path, e))?;
    }

    let started = Instant::now();
    // Whether the outcome says something lasting about the source. A compiler
    // stopped by a limit or starved of threads on a busy host may well succeed
    // next time, so such a failure is reported but not cached.
    let mut lasting = true;
    let record = match &language.compile {
        None => BuildRecord { ok: true, message: String::new(), time_ms: 0, bytes: None },
        Some(command) => {
            // `Languages::parse` refuses an empty command; a `Language` built
            // by hand gets an error here, not a panic.
            let (program, args) = command
                .split_first()
                .ok_or_else(|| JudgeError::Problem(format!("languages.{}.compile is empty", language.id)))?;
            let mut read_only_paths: Vec<PathBuf> = sysroot.map(Path::to_path_buf).into_iter().collect();
            let mut args = args.to_vec();
            // Searched before the system's include directories; the build
            // is the same with it or without, so the key leaves it out.
            if let Some(dir) = header::include_dir(sandbox, cache_dir, language, version, sysroot) {
                args.insert(0, format!("-I{}", dir.display()));
                read_only_paths.push(dir);
            }
            // Likewise a warmed build cache: a toolchain finds in it what it
            // would otherwise compile again, the same.
            let env = match warm_cache::for_compile(sandbox, cache_dir, language, version, sysroot) {
                Some((variable, dir)) => {
                    let env = warm_cache::env_with(language, &variable, &dir);
                    read_only_paths.push(dir);
                    env
                }
                None => language.env(),
            };
            let spec = RunSpec {
                program: program.clone(),
                args,
                env,
                work_dir: work.path().to_path_buf(),
                stdin: Stdin::Null,
                limits: compile_limits(),
                read_only_paths,
                // The build is what the compiler leaves in its work dir.
                keep: Keep::Everything,
            };
            let outcome = sandbox.run(&spec).map_err(JudgeError::Sandbox)?;
            let time_ms = started.elapsed().as_millis() as u64;
            let mut text = String::from_utf8_lossy(&outcome.stderr).into_owned();
            let stdout = String::from_utf8_lossy(&outcome.stdout);
            if !stdout.trim().is_empty() {
                text = format!("{stdout}{text}");
            }
            let mut message = tidy_compiler_message(&text, work.path());
            let ok = outcome.success();
            if let Some(limit) = outcome.limit_hit {
                let limits = compile_limits();
                let what = match limit {
                    oaj_sandbox::LimitHit::CpuTime | oaj_sandbox::LimitHit::WallTime => {
                        format!("compilation took longer than {} s", limits.cpu_time.as_secs())
                    }
                    oaj_sandbox::LimitHit::Memory => {
                        format!("compilation used more than {} MiB of memory", limits.memory_bytes >> 20)
                    }
                    oaj_sandbox::LimitHit::Output => "the compiler printed too much".to_string(),
                    oaj_sandbox::LimitHit::FileSize => {
                        format!("the compiler's output is larger than {} MiB", limits.file_size_bytes >> 20)
                    }
                    oaj_sandbox::LimitHit::Processes => "the compiler started too many processes".to_string(),
                };
                message = if message.is_empty() { what } else { format!("{what}\n{message}") };
            } else if !ok && message.is_empty() {
                message = format!("the compiler failed ({:?}) without a message", outcome.termination);
            }
            lasting = ok
                || (outcome.limit_hit.is_none()
                    && matches!(outcome.termination, oaj_sandbox::Termination::Exited(_))
                    && !TRANSIENT_FAILURES.iter().any(|t| text.contains(t)));
            BuildRecord { ok, message, time_ms, bytes: None }
        }
    };

    if !lasting {
        let report = CompileReport { ok: false, message: record.message, time_ms: record.time_ms, cached: false };
        return Ok(Build { dir: final_dir, report, _hold: None });
    }
    store(work, &final_dir, record, hold, limits)
}

/// Seals a finished build in `work` and publishes it as `final_dir`, then
/// evicts what the cache no longer has room for; a build over the size
/// limit stays in `work` and is never published.
fn store(
    work: tempfile::TempDir,
    final_dir: &Path,
    mut record: BuildRecord,
    hold: Arc<Hold>,
    limits: &CacheLimits,
) -> Result<Build, JudgeError> {
    if record.ok {
        seal_artifacts(work.path());
    }
    let bytes = tree_bytes(work.path());
    record.bytes = Some(bytes);
    let report =
        CompileReport { ok: record.ok, message: record.message.clone(), time_ms: record.time_ms, cached: false };
    if bytes > limits.max_build_bytes {
        tracing::info!(
            "a build of {} MiB is judged but not cached (limit {} MiB)",
            bytes >> 20,
            limits.max_build_bytes >> 20
        );
        let dir = work.path().to_path_buf();
        return Ok(Build { dir, report, _hold: Some(Arc::new(Hold::Temporary(work))) });
    }
    let record_path = work.path().join(BUILD_RECORD);
    let json = serde_json::to_vec(&record).map_err(|e| JudgeError::Internal(e.to_string()))?;
    fs::write(&record_path, json).map_err(|e| JudgeError::io(&record_path, e))?;

    // Publish atomically; if another judge got there first, use its build.
    let work_path = work.keep();
    match fs::rename(&work_path, final_dir) {
        Ok(()) => {}
        Err(_) if final_dir.join(BUILD_RECORD).is_file() => {
            let _ = fs::remove_dir_all(&work_path);
        }
        Err(e) => return Err(JudgeError::io(final_dir, e)),
    }
    if let Some(builds) = final_dir.parent() {
        evict(builds, limits);
    }
    Ok(Build { dir: final_dir.to_path_buf(), report, _hold: Some(hold) })
}

/// Marks a cached build as just used (its record's modification time is
/// what least-recently-used eviction goes by).
fn touch(dir: &Path) {
    if let Ok(file) = fs::File::options().append(true).open(dir.join(BUILD_RECORD)) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

/// Size of the regular files under `dir`.
fn tree_bytes(dir: &Path) -> u64 {
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

/// Prefix of a cached build being removed: renamed first, so that a reader
/// sees a build whole or not at all.
const EVICTED_PREFIX: &str = ".evicted-";

/// Evicts the least recently used builds in `builds` until at most
/// `limits.max_entries` builds of at most `limits.max_bytes` in all are
/// left. Builds in use by this process are passed by.
fn evict(builds: &Path, limits: &CacheLimits) {
    let Ok(entries) = fs::read_dir(builds) else { return };
    // (last use, bytes, dir) of every published build.
    let mut cached: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let dir = e.path();
            let record_path = dir.join(BUILD_RECORD);
            let used = fs::metadata(&record_path).and_then(|m| m.modified()).ok()?;
            let record: Option<BuildRecord> = fs::read(&record_path).ok().and_then(|b| serde_json::from_slice(&b).ok());
            let bytes = record.and_then(|r| r.bytes).unwrap_or_else(|| tree_bytes(&dir));
            Some((used, bytes, dir))
        })
        .collect();
    let mut total: u64 = cached.iter().map(|(_, bytes, _)| bytes).sum();
    let mut count = cached.len();
    if count <= limits.max_entries && total <= limits.max_bytes {
        return;
    }
    cached.sort_by_key(|entry| entry.0);
    for (_, bytes, dir) in cached {
        if count <= limits.max_entries && total <= limits.max_bytes {
            break;
        }
        if is_pinned(&dir) {
            continue;
        }
        let Some(name) = dir.file_name() else { continue };
        let doomed = builds.join(format!("{}{}", work_dir_prefix(EVICTED_PREFIX), name.to_string_lossy()));
        if fs::rename(&dir, &doomed).is_ok() {
            let _ = fs::remove_dir_all(&doomed);
            total = total.saturating_sub(bytes);
            count -= 1;
        }
    }
}

/// Prefix of a build in progress in `builds/`, and of a run's work dir in
/// `scratch/`; the judge's pid follows, so that a later judge can tell the
/// leftovers of a dead one from those of a live one.
pub(crate) const BUILDING_PREFIX: &str = ".building-";
pub(crate) const RUN_DIR_PREFIX: &str = "run-";

pub(crate) fn work_dir_prefix(kind: &str) -> String {
    format!("{kind}{}-", std::process::id())
}

/// The pid of the judge that made a work dir named `name` (with `kind`'s
/// prefix), if the name is one.
fn work_dir_owner(name: &str, kind: &str) -> Option<u32> {
    name.strip_prefix(kind)?.split_once('-')?.0.parse().ok()
}

/// Removes the work dirs (builds in progress, run dirs) that judges no
/// longer running left in `cache_dir`: a judge killed mid-run never removes
/// its own. Only dirs named after a pid that no process has are removed.
pub fn sweep_stale_work_dirs(cache_dir: &Path) {
    let alive = |pid: u32| Path::new("/proc").join(pid.to_string()).exists();
    for (sub, kind) in [
        ("builds", BUILDING_PREFIX),
        ("builds", EVICTED_PREFIX),
        (header::HEADERS, BUILDING_PREFIX),
        (warm_cache::BUILD_CACHES, BUILDING_PREFIX),
        ("scratch", RUN_DIR_PREFIX),
    ] {
        let Ok(entries) = fs::read_dir(cache_dir.join(sub)) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if work_dir_owner(&name, kind).is_some_and(|pid| !alive(pid)) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

fn read_record(dir: &Path) -> Option<CompileReport> {
    // A build being evicted has been renamed away whole: it is missing, not
    // half there.
    let bytes = fs::read(dir.join(BUILD_RECORD)).ok()?;
    let record: BuildRecord = serde_json::from_slice(&bytes).ok()?;
    Some(CompileReport { ok: record.ok, message: record.message, time_ms: record.time_ms, cached: true })
}

/// Makes the build read-only and owned by the judge, so a program run from
/// it cannot alter what later runs of the same build will execute.
fn seal_artifacts(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let uid = nix::unistd::geteuid();
    let gid = nix::unistd::getegid();
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            seal_artifacts(&path);
        }
        if meta.file_type().is_symlink() {
            // A compiler does not leave symlinks; one planted in a build is
            // removed rather than followed.
            let _ = fs::remove_file(&path);
            continue;
        }
        let _ = nix::unistd::chown(&path, Some(uid), Some(gid));
        let mode = meta.permissions().mode() & 0o555;
        let _ =
            fs::set_permissions(&path, fs::Permissions::from_mode(mode | if meta.is_dir() { 0o755 } else { 0o444 }));
    }
}

/// Compiler output for people: sandbox paths removed, long output cut.
fn tidy_compiler_message(text: &str, work_dir: &Path) -> String {
    let work = format!("{}/", work_dir.display());
    let mut out = String::new();
    for (lines, line) in text.lines().enumerate() {
        if lines == MAX_MESSAGE_LINES || out.len() + line.len() > MAX_MESSAGE_BYTES {
            out.push_str("... (compiler output cut)\n");
            break;
        }
        let line = line.replace(&work, "").replace("/box/", "");
        out.push_str(&line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Matches a build file name against an artifact pattern: an exact name or
/// `*.ext`.
fn matches_artifact(pattern: &str, name: &str) -> bool {
    match pattern.strip_prefix('*') {
        Some(suffix) => name.ends_with(suffix),
        None => pattern == name,
    }
}

/// Places the files a run needs from `build` into `run_dir`: hard links
/// where possible (the build is read-only), copies otherwise.
pub fn place_artifacts(build: &Build, language: &Language, run_dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(&build.dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == BUILD_RECORD || !entry.file_type()?.is_file() {
            continue;
        }
        let wanted = match &language.artifacts {
            Some(patterns) => patterns.iter().any(|p| matches_artifact(p, &name)),
            None => true,
        };
        if wanted {
            let target = run_dir.join(&name);
            if fs::hard_link(entry.path(), &target).is_err() {
                fs::copy(entry.path(), &target)?;
            }
        }
    }
    Ok(())
}

mod header;
mod shared;
mod warm_cache;

#[cfg(test)]
mod tests;
