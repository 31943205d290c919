//! A toolchain's own build cache, warmed once and shared read-only
//! (`build_cache_env` and `warm_build_cache` in `languages.toml`; Go's
//! `GOCACHE`): made once per toolchain version, settings and commands in
//! the compile cache, under `build-caches/<language>-<key>/`, and named to
//! every compile of the language through its variable.
//!
//! Without it each Go compile starts from an empty cache (every sandbox run
//! has its own `/tmp`) and compiles the standard packages it imports
//! again: some 15 CPU-s, against 0.3 s with them cached.
//!
//! It is safe by construction: the toolchain keys each cached object by
//! everything that made it (compiler, flags, environment, sources), so an
//! entry that does not fit is a miss and is compiled anew, and the program
//! is the same either way; builds keep their cache key. The isolated
//! sandbox shows the cache read-only: Go stores nothing of the user's
//! package there (it ignores a failed write to its cache), so one
//! submission cannot change what another compile reads. (The rlimit
//! runner, which isolates nothing, shows it as the host has it.)
//!
//! Warming costs about one cold compile, so it is done at the first
//! compile of the language, which then uses it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use oaj_sandbox::Sandbox;
use sha2::{Digest, Sha256};

use super::shared::{make_in, make_once, publish, work_dir, Failure};
use crate::language::Language;

/// Bumped whenever the layout or key of the cache directories changes.
const WARM_CACHE_VERSION: &str = "oaj-warm-cache-1";
/// Where the warmed caches live, beneath the compile cache dir.
pub(super) const BUILD_CACHES: &str = "build-caches";
/// The directory, inside the warming run's work dir, that the command
/// fills (its variable names it).
const FILLED: &str = "cache";

/// One warming at a time in this process; others compile without it
/// meanwhile instead of waiting or doing the same work twice.
static WARMING: Mutex<()> = Mutex::new(());

/// The variable and the warmed cache to give `language`'s compiles (made
/// now if it is not yet), or `None`: the language has none, the sandbox
/// could not show it, or it cannot be made now. A failure to make it is
/// logged and costs nothing else: the compile fills a cache of its own.
pub(super) fn for_compile(
    sandbox: &Sandbox,
    cache_dir: &Path,
    language: &Language,
    version: &str,
    sysroot: Option<&Path>,
) -> Option<(String, PathBuf)> {
    let (Some(variable), Some(command)) = (&language.build_cache_env, &language.warm_build_cache) else {
        return None;
    };
    let caches = cache_dir.join(BUILD_CACHES);
    let name = format!("{}-{}", language.id, cache_key(language, version, variable, command));
    let dir = caches.join(&name);
    if dir.is_dir() {
        return oaj_sandbox::read_only_path_visible(&dir).then(|| (variable.clone(), dir));
    }
    if !oaj_sandbox::read_only_path_visible(cache_dir) {
        return None;
    }
    let made = |dir: &Path| dir.is_dir();
    let dir = make_once(&caches, &name, language, "warmed build cache", &WARMING, made, |dir| {
        warm(sandbox, &caches, dir, language, variable, command, sysroot)
    })?;
    Some((variable.clone(), dir))
}

/// Every input that can change what the cache holds or which of its
/// entries a compile finds: the toolchain, its environment (Go keys
/// objects by `GOOS`, `GOARCH`, `CGO_ENABLED`, `GOFLAGS`...), and both
/// commands (the compile's flags select the entries it looks up).
fn cache_key(language: &Language, version: &str, variable: &str, command: &[String]) -> String {
    let env: Vec<String> = language
        .env()
        .into_iter()
        .filter(|(name, _)| name != variable)
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    let compile = language.compile.as_deref().unwrap_or_default().join("\u{1f}");
    let mut hasher = Sha256::new();
    for part in
        [WARM_CACHE_VERSION, &language.id, version, variable, &command.join("\u{1f}"), &compile, &env.join("\u{1f}")]
    {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// `language`'s environment with `variable` naming `dir`.
pub(super) fn env_with(language: &Language, variable: &str, dir: &Path) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = language.env().into_iter().filter(|(name, _)| name != variable).collect();
    env.push((variable.to_string(), dir.display().to_string()));
    env
}

/// Runs the warming command in the sandbox with the variable naming a
/// directory of its work dir, and publishes that directory as `dir`,
/// read-only, whole or not at all.
fn warm(
    sandbox: &Sandbox,
    caches: &Path,
    dir: &Path,
    language: &Language,
    variable: &str,
    command: &[String],
    sysroot: Option<&Path>,
) -> Result<(), Failure> {
    let work = work_dir(caches)?;
    // The toolchain wants an absolute path: the work dir is `/box` to an
    // isolated run, itself to the rlimit runner.
    let inside = if sandbox.is_isolated() { PathBuf::from(oaj_sandbox::BOX_DIR) } else { work.path().to_path_buf() };
    let env = env_with(language, variable, &inside.join(FILLED));
    let filled = work.path().join(FILLED);
    make_in(sandbox, work.path(), command, env, sysroot, &filled, &format!("filling {variable}"))?;
    publish(&filled, dir, Path::is_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::shared::belongs_to;
    use crate::language::{Languages, BUNDLED_LANGUAGES_TOML};

    /// Anything that changes which objects Go stores, or which a compile
    /// looks up, gives another cache; the variable's own value does not.
    #[test]
    fn the_key_follows_toolchain_environment_and_commands() {
        let languages = Languages::parse(BUNDLED_LANGUAGES_TOML, "languages.toml").expect("bundled languages parse");
        let go = languages.get("go").expect("go");
        let variable = go.build_cache_env.as_deref().expect("go has a build cache");
        let command = go.warm_build_cache.clone().expect("go warms it");
        let key =
            |language: &Language, version: &str, command: &[String]| cache_key(language, version, variable, command);
        let base = key(go, "go1.23.5", &command);
        assert!(belongs_to(&format!("go-{base}"), go));
        assert_eq!(base, key(go, "go1.23.5", &command), "the key is stable");
        let mut elsewhere = go.clone();
        elsewhere.env.insert(variable.to_string(), "/elsewhere".into());
        assert_eq!(base, key(&elsewhere, "go1.23.5", &command), "where the cache lives is not part of it");

        let mut changed: Vec<(&str, String)> = vec![("version", key(go, "go1.23.6", &command))];
        let mut fewer = command.clone();
        fewer.pop();
        changed.push(("warming command", key(go, "go1.23.5", &fewer)));
        let mut cgo = go.clone();
        cgo.env.insert("CGO_ENABLED".into(), "1".into());
        changed.push(("environment", key(&cgo, "go1.23.5", &command)));
        let mut flags = go.clone();
        flags.compile.as_mut().expect("go compiles").insert(2, "-trimpath".into());
        changed.push(("compile command", key(&flags, "go1.23.5", &command)));
        for (what, other) in changed {
            assert_ne!(base, other, "a changed {what} keeps the key");
        }
    }
}
