//! What a precompiled header (`header.rs`) and a warmed build cache
//! (`warm_cache.rs`) have in common: a directory beneath the compile cache,
//! `<root>/<language>-<key>`, made once by a run in the sandbox and
//! published by a rename. One maker at a time, in this process and across
//! processes sharing the cache (a lock file), and nobody waits for it: a
//! compile that finds it being made goes on without it. A failure that
//! would happen again is marked (`<name>.failed`) and not retried until the
//! key changes; the language's other versions are removed once a new one
//! is in place.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use oaj_sandbox::{Keep, RunOutcome, RunSpec, Sandbox, Stdin, Termination};

use super::{compile_limits, work_dir_prefix, BUILDING_PREFIX};
use crate::language::Language;

/// Why making a shared directory failed, and whether it would fail again.
pub(super) struct Failure {
    pub(super) message: String,
    pub(super) lasting: bool,
}

impl Failure {
    /// A failure of the host (a file system error, the sandbox): retried.
    pub(super) fn transient(message: String) -> Self {
        Failure { message, lasting: false }
    }

    /// The run of `command` that was to make the directory ended without
    /// `result` (say, "writing header.gch"). It would fail again unless a
    /// limit stopped it or its messages name a passing trouble of the host.
    pub(super) fn of_run(command: &[String], outcome: &RunOutcome, result: &str) -> Self {
        let stderr = String::from_utf8_lossy(&outcome.stderr);
        let message = format!(
            "`{}` ended {:?}{} without {result}: {}",
            command.join(" "),
            outcome.termination,
            outcome.limit_hit.map(|hit| format!(" ({hit:?})")).unwrap_or_default(),
            stderr.lines().take(5).collect::<Vec<_>>().join(" / ")
        );
        let lasting = outcome.limit_hit.is_none()
            && matches!(outcome.termination, Termination::Exited(_))
            && !super::TRANSIENT_FAILURES.iter().any(|t| stderr.contains(t));
        Failure { message, lasting }
    }
}

/// `root/name`, made now by `make` (given the directory to publish) unless
/// `made` says it already is; `None` when it cannot be had now: marked as
/// failing, being made by another, or failing now (logged as `what`).
pub(super) fn make_once(
    root: &Path,
    name: &str,
    language: &Language,
    what: &str,
    in_process: &Mutex<()>,
    made: impl Fn(&Path) -> bool,
    make: impl FnOnce(&Path) -> Result<(), Failure>,
) -> Option<PathBuf> {
    let dir = root.join(name);
    if root.join(format!("{name}.failed")).is_file() {
        return None;
    }
    let Ok(_in_process) = in_process.try_lock() else { return None };
    fs::create_dir_all(root).ok()?;
    let lock = File::create(root.join(format!("{name}.lock"))).ok()?;
    // Released when it is dropped, at the end of this call.
    let _lock = nix::fcntl::Flock::lock(lock, nix::fcntl::FlockArg::LockExclusiveNonblock).ok()?;
    if made(&dir) {
        return Some(dir);
    }
    match make(&dir) {
        Ok(()) => {
            remove_other_versions(root, language, name);
            Some(dir)
        }
        Err(Failure { message, lasting }) => {
            tracing::warn!(language = %language.id, "cannot make the {what}: {message}");
            if lasting {
                // The same toolchain and commands would fail again: not
                // retried until one of them changes (or this file goes).
                let _ = fs::write(root.join(format!("{name}.failed")), &message);
            }
            None
        }
    }
}

/// A making run's work directory, beneath `root` (so that its result is
/// published by a rename on the same file system); removed when dropped.
pub(super) fn work_dir(root: &Path) -> Result<tempfile::TempDir, Failure> {
    tempfile::Builder::new()
        .prefix(&work_dir_prefix(BUILDING_PREFIX))
        .tempdir_in(root)
        .map_err(|e| Failure::transient(format!("{}: {e}", root.display())))
}

/// Runs `command` in `work` in the sandbox as a compile runs (its limits,
/// the toolchain's sysroot shown read-only), keeping everything it writes;
/// `Ok` only when it succeeded and `result` (a path inside `work`) exists.
/// `what` names the result for the failure's message ("writing header.gch").
pub(super) fn make_in(
    sandbox: &Sandbox,
    work: &Path,
    command: &[String],
    env: Vec<(String, String)>,
    sysroot: Option<&Path>,
    result: &Path,
    what: &str,
) -> Result<(), Failure> {
    let (program, args) =
        command.split_first().ok_or_else(|| Failure::transient(format!("the command for {what} is empty")))?;
    let spec = RunSpec {
        program: program.clone(),
        args: args.to_vec(),
        env,
        work_dir: work.to_path_buf(),
        stdin: Stdin::Null,
        limits: compile_limits(),
        read_only_paths: sysroot.map(Path::to_path_buf).into_iter().collect(),
        keep: Keep::Everything,
    };
    let outcome = sandbox.run(&spec).map_err(|e| Failure::transient(e.to_string()))?;
    if !outcome.success() || !result.exists() {
        return Err(Failure::of_run(command, &outcome, what));
    }
    Ok(())
}

/// Publishes `stage` as `dir` at once, after sealing it read-only. Another
/// maker sharing the cache may have published it first (`present` says
/// whether `dir` holds what is wanted); that is success too.
pub(super) fn publish(stage: &Path, dir: &Path, present: impl Fn(&Path) -> bool) -> Result<(), Failure> {
    super::seal_artifacts(stage);
    match fs::rename(stage, dir) {
        Ok(()) => Ok(()),
        Err(_) if present(dir) => Ok(()),
        Err(e) => Err(Failure::transient(format!("{}: {e}", dir.display()))),
    }
}

/// Whether a cache entry's file name (`<language>-<key>`, maybe with an
/// extension) belongs to `language`: a language whose id extends another's
/// (`cpp-20` beside `cpp`) is not mistaken for it.
pub(super) fn belongs_to(name: &str, language: &Language) -> bool {
    name.strip_prefix(&language.id)
        .and_then(|rest| rest.strip_prefix('-'))
        .map(|rest| rest.split('.').next().unwrap_or(""))
        .is_some_and(|key| key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes the language's directories (and their marks) made for other
/// keys: other toolchain versions or commands. A compiler still reading
/// one keeps its open files.
fn remove_other_versions(root: &Path, language: &Language, current: &str) {
    let Ok(entries) = fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".lock").trim_end_matches(".failed");
        if belongs_to(&name, language) && stem != current {
            let path = entry.path();
            let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        }
    }
}
