//! A language's precompiled header (`precompiled_header` and `precompile` in
//! `languages.toml`; C++'s `bits/stdc++.h`): made once per toolchain
//! version and command in the compile cache, under
//! `headers/<language>-<key>/<header>.gch`, and shown read-only to every
//! compile, which finds it through `-I <dir>` before the system header.
//!
//! It is safe by construction: a compiler that finds the precompiled file
//! unusable (other flags, another compiler) silently reads the header
//! itself, and a build's output is the same either way, so builds keep
//! their cache key. Only time changes: parsing `bits/stdc++.h` is about a
//! second of every C++ compile; loading its precompiled form a tenth.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use oaj_sandbox::{Keep, RunSpec, Sandbox, Stdin};
use sha2::{Digest, Sha256};

use super::{compile_limits, work_dir_prefix, BUILDING_PREFIX};
use crate::language::Language;

/// Bumped whenever the layout or key of the header directories changes.
const HEADER_VERSION: &str = "oaj-header-1";
/// Where the headers live, beneath the cache dir.
pub(super) const HEADERS: &str = "headers";
/// The file the precompile command is given, and the one it must write.
const WRAPPER: &str = "header.h";
const OUTPUT: &str = "header.gch";
/// Builds of the language the cache must already hold before the header
/// is precompiled: precompiling costs about three compiles of a small
/// program, so a judge that compiles only a few never earns it back.
const PRECOMPILE_AFTER_BUILDS: usize = 3;

/// One precompile at a time in this process; others compile without it
/// meanwhile instead of waiting or doing the same work twice.
static PRECOMPILING: Mutex<()> = Mutex::new(());

/// The directory to give `language`'s compiles as an include directory
/// (made now when the cache has earned it), or `None`: the language has no
/// precompiled header, the sandbox could not show it, or it is not made
/// yet. A failure to make it is logged and costs nothing else.
pub(super) fn include_dir(
    sandbox: &Sandbox,
    cache_dir: &Path,
    language: &Language,
    version: &str,
    sysroot: Option<&Path>,
) -> Option<PathBuf> {
    let (Some(header), Some(command)) = (&language.precompiled_header, &language.precompile) else {
        return None;
    };
    let headers = cache_dir.join(HEADERS);
    let name = format!("{}-{}", language.id, header_key(language, version, header, command));
    let dir = headers.join(&name);
    let made = |dir: &Path| dir.join(format!("{header}.gch")).is_file();
    if made(&dir) {
        return oaj_sandbox::read_only_path_visible(&dir).then_some(dir);
    }
    if !oaj_sandbox::read_only_path_visible(cache_dir) || builds_of(cache_dir, language) < PRECOMPILE_AFTER_BUILDS {
        return None;
    }
    if headers.join(format!("{name}.failed")).is_file() {
        return None;
    }
    let Ok(_in_process) = PRECOMPILING.try_lock() else { return None };
    fs::create_dir_all(&headers).ok()?;
    // Another judge process sharing the cache may be making it: skip, as
    // above, rather than wait.
    let lock = File::create(headers.join(format!("{name}.lock"))).ok()?;
    // Released when it is dropped, at the end of this call.
    let _lock = nix::fcntl::Flock::lock(lock, nix::fcntl::FlockArg::LockExclusiveNonblock).ok()?;
    if made(&dir) {
        return Some(dir);
    }
    match precompile(sandbox, &headers, &dir, language, header, command, sysroot) {
        Ok(()) => {
            remove_other_versions(&headers, language, &name);
            Some(dir)
        }
        Err(Failure { message, lasting }) => {
            tracing::warn!(language = %language.id, header, "cannot precompile the header: {message}");
            if lasting {
                // The same toolchain and command would fail again: not
                // retried until one of them changes (or this file goes).
                let _ = fs::write(headers.join(format!("{name}.failed")), &message);
            }
            None
        }
    }
}

/// Every input that can change the precompiled file.
fn header_key(language: &Language, version: &str, header: &str, command: &[String]) -> String {
    let mut hasher = Sha256::new();
    for part in [HEADER_VERSION, &language.id, version, header, &command.join("\u{1f}")] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
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

/// How many builds of `language` the cache holds.
fn builds_of(cache_dir: &Path, language: &Language) -> usize {
    let Ok(entries) = fs::read_dir(cache_dir.join("builds")) else { return 0 };
    entries.flatten().filter(|e| belongs_to(&e.file_name().to_string_lossy(), language)).count()
}

/// Why a precompile failed, and whether it would fail again.
pub(super) struct Failure {
    pub(super) message: String,
    pub(super) lasting: bool,
}

/// Runs the precompile command in the sandbox and publishes its output as
/// `dir/<header>.gch`, read-only, whole or not at all.
fn precompile(
    sandbox: &Sandbox,
    headers: &Path,
    dir: &Path,
    language: &Language,
    header: &str,
    command: &[String],
    sysroot: Option<&Path>,
) -> Result<(), Failure> {
    let transient = |message: String| Failure { message, lasting: false };
    let work = tempfile::Builder::new()
        .prefix(&work_dir_prefix(BUILDING_PREFIX))
        .tempdir_in(headers)
        .map_err(|e| transient(format!("{}: {e}", headers.display())))?;
    let wrapper = work.path().join(WRAPPER);
    fs::write(&wrapper, format!("#include <{header}>\n"))
        .map_err(|e| transient(format!("{}: {e}", wrapper.display())))?;
    let (program, args) = command.split_first().ok_or_else(|| transient("the precompile command is empty".into()))?;
    let spec = RunSpec {
        program: program.clone(),
        args: args.to_vec(),
        env: language.env(),
        work_dir: work.path().to_path_buf(),
        stdin: Stdin::Null,
        limits: compile_limits(),
        read_only_paths: sysroot.map(Path::to_path_buf).into_iter().collect(),
        keep: Keep::Everything,
    };
    let outcome = sandbox.run(&spec).map_err(|e| transient(e.to_string()))?;
    let output = work.path().join(OUTPUT);
    if !outcome.success() || !output.is_file() {
        let stderr = String::from_utf8_lossy(&outcome.stderr);
        let message = format!(
            "`{}` ended {:?}{} without writing {OUTPUT}: {}",
            command.join(" "),
            outcome.termination,
            outcome.limit_hit.map(|hit| format!(" ({hit:?})")).unwrap_or_default(),
            stderr.lines().take(5).collect::<Vec<_>>().join(" / ")
        );
        let lasting = outcome.limit_hit.is_none()
            && matches!(outcome.termination, oaj_sandbox::Termination::Exited(_))
            && !super::TRANSIENT_FAILURES.iter().any(|t| stderr.contains(t));
        return Err(Failure { message, lasting });
    }
    // <stage>/<header>.gch, then the stage renamed to `dir` at once.
    let stage = work.path().join("include");
    let target = stage.join(format!("{header}.gch"));
    let parent = target.parent().unwrap_or(&stage);
    fs::create_dir_all(parent).map_err(|e| transient(format!("{}: {e}", parent.display())))?;
    fs::rename(&output, &target).map_err(|e| transient(format!("{}: {e}", target.display())))?;
    super::seal_artifacts(&stage);
    match fs::rename(&stage, dir) {
        Ok(()) => Ok(()),
        Err(_) if dir.join(format!("{header}.gch")).is_file() => Ok(()),
        Err(e) => Err(transient(format!("{}: {e}", dir.display()))),
    }
}

/// Removes the language's headers made for other toolchain versions or
/// commands (a compiler still reading one keeps its open file).
fn remove_other_versions(headers: &Path, language: &Language, current: &str) {
    let Ok(entries) = fs::read_dir(headers) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".lock").trim_end_matches(".failed");
        if belongs_to(&name, language) && stem != current {
            let path = entry.path();
            let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        }
    }
}
