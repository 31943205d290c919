//! Compiling once per (language, toolchain version, sources), with the
//! result cached on disk, and placing a build's files into a run directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
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
}

#[derive(Serialize, Deserialize)]
struct BuildRecord {
    ok: bool,
    message: String,
    time_ms: u64,
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

/// Compiles `files` for `language`, or returns the cached build. Blocking.
pub fn compile(
    sandbox: &Sandbox,
    cache_dir: &Path,
    language: &Language,
    files: &[SourceFile],
) -> Result<Build, JudgeError> {
    let (version, sysroot) = language.require_toolchain().map_err(JudgeError::Toolchain)?;
    let key = build_key(language, version, files);
    let builds = cache_dir.join("builds");
    let final_dir = builds.join(format!("{}-{key}", language.id));
    if let Some(report) = read_record(&final_dir) {
        return Ok(Build { dir: final_dir, report: CompileReport { cached: true, ..report } });
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
        None => BuildRecord { ok: true, message: String::new(), time_ms: 0 },
        Some(command) => {
            let spec = RunSpec {
                program: command[0].clone(),
                args: command[1..].to_vec(),
                env: language.env(),
                work_dir: work.path().to_path_buf(),
                stdin: Stdin::Null,
                limits: compile_limits(),
                read_only_paths: sysroot.map(Path::to_path_buf).into_iter().collect(),
                // The build is what the compiler leaves in its work dir.
                keep: Keep::Everything,
            };
            let outcome = sandbox.run(&spec).map_err(|e| JudgeError::Sandbox(e.to_string()))?;
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
                    oaj_sandbox::LimitHit::FileSize => "the compiler wrote a file that is too large".to_string(),
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
            BuildRecord { ok, message, time_ms }
        }
    };

    if !lasting {
        let report = CompileReport { ok: false, message: record.message, time_ms: record.time_ms, cached: false };
        return Ok(Build { dir: final_dir, report });
    }
    if record.ok {
        seal_artifacts(work.path());
    }
    let record_path = work.path().join(BUILD_RECORD);
    let json = serde_json::to_vec(&record).map_err(|e| JudgeError::Internal(e.to_string()))?;
    fs::write(&record_path, json).map_err(|e| JudgeError::io(&record_path, e))?;
    let report = CompileReport { ok: record.ok, message: record.message, time_ms: record.time_ms, cached: false };

    // Publish atomically; if another judge got there first, use its build.
    let work_path = work.keep();
    match fs::rename(&work_path, &final_dir) {
        Ok(()) => {}
        Err(_) if final_dir.join(BUILD_RECORD).is_file() => {
            let _ = fs::remove_dir_all(&work_path);
        }
        Err(e) => return Err(JudgeError::io(&final_dir, e)),
    }
    Ok(Build { dir: final_dir, report })
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
    for (sub, kind) in [("builds", BUILDING_PREFIX), ("scratch", RUN_DIR_PREFIX)] {
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
    let mut lines = 0;
    for line in text.lines() {
        if lines == MAX_MESSAGE_LINES || out.len() + line.len() > MAX_MESSAGE_BYTES {
            out.push_str("... (compiler output cut)\n");
            break;
        }
        let line = line.replace(&work, "").replace("/box/", "");
        out.push_str(&line);
        out.push('\n');
        lines += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiler_messages_lose_sandbox_paths_and_are_cut() {
        let work = Path::new("/var/cache/oaj/builds/.building-x");
        let text = "/var/cache/oaj/builds/.building-x/main.cpp:3:5: error: x\n/box/main.cpp:4:1: note";
        assert_eq!(tidy_compiler_message(text, work), "main.cpp:3:5: error: x\nmain.cpp:4:1: note");
        let long = "error line\n".repeat(500);
        let tidy = tidy_compiler_message(&long, work);
        assert!(tidy.lines().count() <= MAX_MESSAGE_LINES + 1);
        assert!(tidy.ends_with("(compiler output cut)"));
    }

    #[test]
    fn artifact_patterns() {
        assert!(matches_artifact("*.class", "Main.class"));
        assert!(!matches_artifact("*.class", "Main.java"));
        assert!(matches_artifact("main", "main"));
        assert!(!matches_artifact("main", "main.o"));
    }
}
