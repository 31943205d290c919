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

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use oaj_sandbox::Sandbox;
use sha2::{Digest, Sha256};

use super::shared::{belongs_to, make_in, make_once, publish, work_dir, Failure};
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
    make_once(&headers, &name, language, "precompiled header", &PRECOMPILING, made, |dir| {
        precompile(sandbox, &headers, dir, language, header, command, sysroot)
    })
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

/// How many builds of `language` the cache holds.
fn builds_of(cache_dir: &Path, language: &Language) -> usize {
    let Ok(entries) = fs::read_dir(cache_dir.join("builds")) else { return 0 };
    entries.flatten().filter(|e| belongs_to(&e.file_name().to_string_lossy(), language)).count()
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
    let transient = Failure::transient;
    let work = work_dir(headers)?;
    let wrapper = work.path().join(WRAPPER);
    fs::write(&wrapper, format!("#include <{header}>\n"))
        .map_err(|e| transient(format!("{}: {e}", wrapper.display())))?;
    let output = work.path().join(OUTPUT);
    make_in(sandbox, work.path(), command, language.env(), sysroot, &output, &format!("writing {OUTPUT}"))?;
    // <stage>/<header>.gch, then the stage renamed to `dir` at once.
    let stage = work.path().join("include");
    let target = stage.join(format!("{header}.gch"));
    let parent = target.parent().unwrap_or(&stage);
    fs::create_dir_all(parent).map_err(|e| transient(format!("{}: {e}", parent.display())))?;
    fs::rename(&output, &target).map_err(|e| transient(format!("{}: {e}", target.display())))?;
    publish(&stage, dir, |dir| dir.join(format!("{header}.gch")).is_file())
}
