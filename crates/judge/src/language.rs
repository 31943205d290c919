//! Languages, read from `sandbox/languages.toml`: how to compile and run
//! each, and whether its toolchain is present on this machine.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde::Deserialize;

/// The languages file shipped with OA Judge, used unless another is given.
pub const BUNDLED_LANGUAGES_TOML: &str = include_str!("../../../sandbox/languages.toml");

/// PATH inside the sandbox; toolchains are found here, never in the judge's
/// own PATH (which may hold shims that are slow or absent in the sandbox).
pub const SANDBOX_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

#[derive(Debug, thiserror::Error)]
pub enum LanguageError {
    #[error("{path}: {message}")]
    Config { path: String, message: String },
    #[error("unknown language `{given}`; known languages: {known}")]
    Unknown { given: String, known: String },
    #[error(
        "cannot tell the language of {file} from its extension; known extensions: {known}. Pass --lang to choose one"
    )]
    UnknownExtension { file: String, known: String },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    #[serde(skip)]
    pub id: String,
    pub name: String,
    pub extensions: Vec<String>,
    /// File name of the submission inside the sandbox.
    pub source: String,
    #[serde(default)]
    pub compile: Option<Vec<String>>,
    pub run: Vec<String>,
    pub version: Vec<String>,
    pub package: String,
    pub time_multiplier: f64,
    #[serde(default)]
    pub memory_overhead_mb: u64,
    #[serde(default = "default_processes")]
    pub processes: u32,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub sysroot: Option<Vec<String>>,
    #[serde(default)]
    pub artifacts: Option<Vec<String>>,
    /// Substrings of stderr that mean the program ran out of memory
    /// (`java.lang.OutOfMemoryError`, `MemoryError`): MLE, not RE.
    #[serde(default)]
    pub memory_error_patterns: Vec<String>,
    /// How a stdio submission's file is named when not simply `source`.
    #[serde(default)]
    pub source_naming: Option<SourceNaming>,
    /// A header most sources include first (`bits/stdc++.h`), precompiled
    /// once per toolchain into the compile cache; see `build::header`.
    #[serde(default)]
    pub precompiled_header: Option<String>,
    /// The command that precompiles it: run in a directory holding
    /// `header.h` (which includes the header), it writes `header.gch`.
    #[serde(default)]
    pub precompile: Option<Vec<String>>,
    /// The environment variable naming the toolchain's own build cache
    /// (Go's `GOCACHE`), pointed at a warmed read-only one by every compile;
    /// see `build::warm_cache`.
    #[serde(default)]
    pub build_cache_env: Option<String>,
    /// The command that fills that cache (Go: `go build` of the standard
    /// packages solutions use), run once per toolchain and settings.
    #[serde(default)]
    pub warm_build_cache: Option<Vec<String>>,
    #[serde(skip)]
    toolchain: OnceLock<Toolchain>,
    /// Where detected toolchains are kept between processes (see
    /// `toolchain_cache`); None detects in every process.
    #[serde(skip)]
    toolchain_cache: Option<PathBuf>,
}

/// Ways of naming a submission's file after its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceNaming {
    /// Java: the file is named after the public class (or the class with
    /// `main`), with a `Main` launcher when that class is not `Main`.
    JavaClass,
}

fn default_processes() -> u32 {
    64
}

/// What was found of a language's toolchain on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Toolchain {
    Present {
        /// First line of the version command's output.
        version: String,
        /// Directory the toolchain needs readable inside the sandbox.
        sysroot: Option<PathBuf>,
    },
    Missing {
        /// Why, for people: which command was not found or failed.
        reason: String,
    },
}

impl Language {
    /// Detects the toolchain once; later calls reuse the answer. With a
    /// toolchain cache (see [`Languages::keep_toolchains_in`]) a toolchain
    /// whose programs have not changed since an earlier process detected it
    /// is read back without running them.
    pub fn toolchain(&self) -> &Toolchain {
        self.toolchain.get_or_init(|| match &self.toolchain_cache {
            Some(file) => self.detect_toolchain_cached(file),
            None => self.detect_toolchain(),
        })
    }

    fn detect_toolchain_cached(&self, file: &Path) -> Toolchain {
        let key = self.toolchain_key();
        if let Some(found) = key.as_ref().and_then(|key| crate::toolchain_cache::load(file, key)) {
            return Toolchain::Present { version: found.version, sysroot: found.sysroot };
        }
        let detected = self.detect_toolchain();
        if let (Some(key), Toolchain::Present { version, sysroot }) = (&key, &detected) {
            let kept = crate::toolchain_cache::Detected { version: version.clone(), sysroot: sysroot.clone() };
            if let Err(e) = crate::toolchain_cache::store(file, key, &kept) {
                tracing::debug!("cannot keep the {} toolchain in {}: {e}", self.name, file.display());
            }
        }
        detected
    }

    /// What detecting this toolchain depends on; None when it cannot be
    /// kept (a program not found, a script, a rustup proxy).
    fn toolchain_key(&self) -> Option<crate::toolchain_cache::ToolchainKey> {
        use crate::toolchain_cache::{program_identity, ToolchainKey};
        let version_program = program_identity(&resolve_in_sandbox_path(self.version.first()?))?;
        let sysroot_program = match &self.sysroot {
            None => None,
            Some(command) => Some(program_identity(&resolve_in_sandbox_path(command.first()?))?),
        };
        Some(ToolchainKey {
            version_command: self.version.clone(),
            version_program,
            sysroot_command: self.sysroot.clone(),
            sysroot_program,
        })
    }

    fn detect_toolchain(&self) -> Toolchain {
        let missing = |reason: String| Toolchain::Missing { reason };
        let Some((program, args)) = self.version.split_first() else {
            return missing("no version command configured".into());
        };
        let output = match command_in_sandbox_path(program).args(args).output() {
            Ok(output) => output,
            Err(e) => return missing(format!("`{program}` not found ({e})")),
        };
        if !output.status.success() {
            return missing(format!("`{}` failed ({})", self.version.join(" "), output.status));
        }
        let text = if output.stdout.is_empty() { output.stderr } else { output.stdout };
        let version = String::from_utf8_lossy(&text).lines().next().unwrap_or("").trim().to_string();
        let sysroot = match &self.sysroot {
            None => None,
            Some(cmd) => {
                let Some((program, args)) = cmd.split_first() else {
                    return missing("empty sysroot command".into());
                };
                match command_in_sandbox_path(program).args(args).output() {
                    Ok(out) if out.status.success() => Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())),
                    _ => return missing(format!("`{}` failed", cmd.join(" "))),
                }
            }
        };
        Toolchain::Present { version, sysroot }
    }

    /// An error for people when the toolchain is missing.
    pub fn require_toolchain(&self) -> Result<(&str, Option<&Path>), String> {
        match self.toolchain() {
            Toolchain::Present { version, sysroot } => Ok((version, sysroot.as_deref())),
            Toolchain::Missing { reason } => Err(format!(
                "{} is not available on this machine: {reason}. Install it (Debian/Ubuntu: `apt-get install {}`) and try again",
                self.name, self.package
            )),
        }
    }

    /// The environment for compiling and running: minimal and explicit.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env = vec![
            ("PATH".to_string(), self.path_var()),
            ("HOME".to_string(), "/tmp".to_string()),
            ("LANG".to_string(), "C.UTF-8".to_string()),
            ("TMPDIR".to_string(), "/tmp".to_string()),
        ];
        env.extend(self.env.iter().map(|(k, v)| (k.clone(), v.clone())));
        env
    }

    fn path_var(&self) -> String {
        match self.toolchain() {
            Toolchain::Present { sysroot: Some(root), .. } => {
                format!("{}:{SANDBOX_PATH}", root.join("bin").display())
            }
            _ => SANDBOX_PATH.to_string(),
        }
    }

    /// The files a stdio submission is compiled from: the source saved as
    /// `source`, or as `source_naming` says.
    pub fn stdio_files(&self, source: &str) -> Vec<crate::build::SourceFile> {
        match self.source_naming {
            None => vec![(self.source.clone(), source.as_bytes().to_vec())],
            Some(SourceNaming::JavaClass) => crate::java_class::stdio_files(source),
        }
    }

    /// The run command with placeholders filled in.
    pub fn run_command(&self, memory_mb: u64) -> Vec<String> {
        self.run.iter().map(|arg| arg.replace("{memory_mb}", &memory_mb.to_string())).collect()
    }
}

/// A command looked up in the sandbox's PATH rather than the judge's, so
/// detection finds the same binaries the sandbox will run.
fn command_in_sandbox_path(program: &str) -> Command {
    let mut command = Command::new(resolve_in_sandbox_path(program));
    command.stdin(Stdio::null());
    command
}

/// Where [`command_in_sandbox_path`] finds `program`.
fn resolve_in_sandbox_path(program: &str) -> PathBuf {
    if program.contains('/') {
        PathBuf::from(program)
    } else {
        std::env::split_paths(SANDBOX_PATH)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
            // The user's own PATH as a last resort (rustup's ~/.cargo/bin).
            .or_else(|| {
                std::env::var_os("PATH")
                    .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file()))
            })
            .unwrap_or_else(|| PathBuf::from(program))
    }
}

/// All configured languages, by id.
#[derive(Debug)]
pub struct Languages {
    by_id: BTreeMap<String, Language>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesFile {
    languages: BTreeMap<String, Language>,
}

impl Languages {
    pub fn bundled() -> Self {
        Self::parse(BUNDLED_LANGUAGES_TOML, "sandbox/languages.toml")
            .expect("the bundled languages.toml is valid (checked by tests)")
    }

    pub fn load(path: &Path) -> Result<Self, LanguageError> {
        let text = std::fs::read_to_string(path).map_err(|e| LanguageError::Config {
            path: path.display().to_string(),
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses a `languages.toml`, checking every rule of
    /// [`crate::language_rules`] first: all that is wrong is reported at once,
    /// key by key, and nothing later indexes into a command that is empty.
    pub fn parse(text: &str, origin: &str) -> Result<Self, LanguageError> {
        let config = |message: String| LanguageError::Config { path: origin.to_string(), message };
        let doc: toml::Table = toml::from_str(text).map_err(|e| config(e.to_string()))?;
        let problems = crate::language_rules::problems(&doc);
        if !problems.is_empty() {
            return Err(config(problems.join("; ")));
        }
        let file: LanguagesFile = doc.try_into().map_err(|e: toml::de::Error| config(e.to_string()))?;
        let mut by_id = BTreeMap::new();
        for (id, mut language) in file.languages {
            language.id = id.clone();
            by_id.insert(id, language);
        }
        Ok(Languages { by_id })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Language> {
        self.by_id.values()
    }

    /// Keeps detected toolchains in `file` between processes (see
    /// `toolchain_cache`), for toolchains not detected yet.
    pub fn keep_toolchains_in(&mut self, file: PathBuf) {
        for language in self.by_id.values_mut() {
            language.toolchain_cache = Some(file.clone());
        }
    }

    pub fn get(&self, id: &str) -> Result<&Language, LanguageError> {
        self.by_id.get(id).ok_or_else(|| LanguageError::Unknown {
            given: id.to_string(),
            known: self.by_id.keys().cloned().collect::<Vec<_>>().join(", "),
        })
    }

    /// The language of a file, by its extension.
    pub fn detect(&self, file: &Path) -> Result<&Language, LanguageError> {
        let ext = file.extension().map(|e| e.to_string_lossy().to_lowercase());
        ext.and_then(|ext| self.by_id.values().find(|l| l.extensions.contains(&ext))).ok_or_else(|| {
            LanguageError::UnknownExtension {
                file: file.display().to_string(),
                known: self
                    .by_id
                    .values()
                    .flat_map(|l| l.extensions.iter().map(|e| format!(".{e}")))
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A language whose "compiler" is `program`, its version command
    /// `program ARGS`.
    fn fake_language(program: &Path, args: &str, cache: &Path) -> Languages {
        let toml = format!(
            "[languages.x]\nname = \"X\"\nextensions = [\"x\"]\nsource = \"main.x\"\nrun = [\"./main\"]\n\
             version = [\"{}\", {args}]\npackage = \"x\"\ntime_multiplier = 1.0\n",
            program.display()
        );
        let mut languages = Languages::parse(&toml, "test").expect("parse");
        languages.keep_toolchains_in(cache.to_path_buf());
        languages
    }

    fn version_of(languages: &Languages) -> String {
        match languages.get("x").expect("x").toolchain() {
            Toolchain::Present { version, .. } => version.clone(),
            Toolchain::Missing { reason } => panic!("missing: {reason}"),
        }
    }

    #[test]
    fn a_kept_toolchain_is_read_back_until_its_program_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache/toolchains.json");
        // A binary that prints its arguments stands for a compiler.
        let compiler = dir.path().join("fakecc");
        std::fs::copy("/bin/echo", &compiler).expect("copy echo");
        assert_eq!(version_of(&fake_language(&compiler, "\"v1\"", &cache)), "v1");
        assert!(cache.is_file(), "the detected toolchain is kept");
        // What is kept is what a new process reads, without running the
        // program: rewrite the kept version to tell the two apart.
        let text = std::fs::read_to_string(&cache).expect("read");
        std::fs::write(&cache, text.replace("\"v1\"", "\"kept v1\"")).expect("write");
        assert_eq!(version_of(&fake_language(&compiler, "\"v1\"", &cache)), "kept v1");
        // Another version command is another key.
        assert_eq!(version_of(&fake_language(&compiler, "\"v2\"", &cache)), "v2");
        // A changed program (here only its mtime) is detected again.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options().write(true).open(&compiler).expect("open").set_modified(later).expect("touch");
        assert_eq!(version_of(&fake_language(&compiler, "\"v1\"", &cache)), "v1");
        // A corrupt file is detecting again, and is replaced.
        std::fs::write(&cache, "{not json").expect("corrupt");
        assert_eq!(version_of(&fake_language(&compiler, "\"v3\"", &cache)), "v3");
        assert!(std::fs::read_to_string(&cache).expect("read").contains("\"v3\""));
    }

    #[test]
    fn scripts_and_missing_toolchains_are_never_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("toolchains.json");
        let script = dir.path().join("shim");
        std::fs::write(&script, "#!/bin/sh\necho \"$@\"\n").expect("write");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(version_of(&fake_language(&script, "\"s1\"", &cache)), "s1");
        assert!(!cache.exists(), "a script's answer may change without the script changing");
        let missing = fake_language(&dir.path().join("absent"), "\"x\"", &cache);
        assert!(matches!(missing.get("x").expect("x").toolchain(), Toolchain::Missing { .. }));
        assert!(!cache.exists(), "a missing toolchain is looked for again next time");
    }

    #[test]
    fn bundled_languages_parse() {
        let languages = Languages::bundled();
        let ids: Vec<_> = languages.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["c", "cpp", "go", "java", "javascript", "python", "rust"]);
    }

    #[test]
    fn detects_by_extension() {
        let languages = Languages::bundled();
        for (file, id) in [
            ("a.c", "c"),
            ("a.cpp", "cpp"),
            ("a.CC", "cpp"),
            ("Main.java", "java"),
            ("x.py", "python"),
            // Kattis names Python 3 sources .py3.
            ("hello.py3", "python"),
            ("x.js", "javascript"),
            ("x.go", "go"),
            ("x.rs", "rust"),
        ] {
            assert_eq!(languages.detect(Path::new(file)).map(|l| l.id.as_str()).ok(), Some(id), "{file}");
        }
        let err = languages.detect(Path::new("notes.txt")).unwrap_err().to_string();
        assert!(err.contains("--lang") && err.contains(".cpp"), "{err}");
    }

    #[test]
    fn run_command_fills_memory() {
        let languages = Languages::bundled();
        let java = languages.get("java").unwrap();
        assert!(java.run_command(256).contains(&"-Xmx256m".to_string()));
    }

    #[test]
    fn every_broken_rule_is_named() {
        let good = "[languages.x]\nname = \"X\"\nextensions = [\"x\"]\nsource = \"main.x\"\nrun = [\"./main\"]\nversion = [\"x\", \"--version\"]\npackage = \"x\"\ntime_multiplier = 1.0\n";
        assert!(Languages::parse(good, "t.toml").is_ok());
        // (extra lines or a replacement of the good file, what the error names)
        let table: &[(&str, &str)] = &[
            ("compile = []", "languages.x.compile is empty"),
            ("compile = [\"\"]", "languages.x.compile names an empty program"),
            ("sysroot = []", "languages.x.sysroot is empty"),
            ("memory_error_patterns = [\"\"]", "memory_error_patterns holds an empty string"),
            ("processes = 0", "languages.x.processes must be a whole number of at least 1"),
            ("memory_overhead_mb = -1", "memory_overhead_mb must be a whole number of at least 0"),
            ("artifacts = [\"../x\"]", "artifacts holds `../x`"),
            ("source_naming = \"pascal\"", "source_naming must be one of: java-class"),
            ("env = { \"A=B\" = \"1\" }", "invalid variable name `A=B`"),
            ("colour = \"red\"", "languages.x.colour is not a known key"),
            ("precompiled_header = \"x.h\"", "precompiled_header and precompile go together"),
            ("precompile = [\"cc\"]", "precompiled_header and precompile go together"),
            ("precompiled_header = \"x.h\"\nprecompile = [\"cc\"]", "precompile needs a compile command"),
            ("precompiled_header = \"/usr/x.h\"\nprecompile = [\"cc\"]\ncompile = [\"cc\"]", "must name a header as"),
            ("precompiled_header = \"../x.h\"\nprecompile = [\"cc\"]\ncompile = [\"cc\"]", "not `../x.h`"),
            ("build_cache_env = \"C\"", "build_cache_env and warm_build_cache go together"),
            ("warm_build_cache = [\"cc\"]", "build_cache_env and warm_build_cache go together"),
            ("build_cache_env = \"C\"\nwarm_build_cache = [\"cc\"]", "warm_build_cache needs a compile command"),
            ("build_cache_env = \"A=B\"\nwarm_build_cache = [\"cc\"]\ncompile = [\"cc\"]", "must be an environment variable's name"),
            ("[languages.y]\nname = \"Y\"\nextensions = [\"x\"]\nsource = \"m\"\nrun = [\"m\"]\nversion = [\"m\"]\npackage = \"y\"\ntime_multiplier = 1", "`x` is also an extension of languages.x"),
        ];
        for (extra, named) in table {
            let text = format!("{good}{extra}\n");
            let err = Languages::parse(&text, "t.toml").expect_err(extra).to_string();
            assert!(err.starts_with("t.toml: ") && err.contains(named), "{extra}: {err}");
        }
        for (from, to, named) in [
            ("run = [\"./main\"]", "run = []", "languages.x.run is empty"),
            ("version = [\"x\", \"--version\"]", "version = []", "languages.x.version is empty"),
            ("extensions = [\"x\"]", "extensions = []", "extensions is empty"),
            ("extensions = [\"x\"]", "extensions = [\".X\"]", "extensions holds `.X`"),
            ("source = \"main.x\"", "source = \"a/b\"", "source must be a plain file name"),
            ("time_multiplier = 1.0", "time_multiplier = 0", "time_multiplier must be in (0, 20]"),
            ("time_multiplier = 1.0", "time_multiplier = \"fast\"", "time_multiplier must be a number"),
            ("package = \"x\"\n", "", "languages.x.package is missing"),
            ("[languages.x]", "[languages.X]", "a language id is lowercase"),
        ] {
            let text = good.replace(from, to);
            let err = Languages::parse(&text, "t.toml").expect_err(to).to_string();
            assert!(err.contains(named), "{to}: {err}");
        }
        // Several problems are reported together.
        let err = Languages::parse(&good.replace("run = [\"./main\"]", "run = []\ncompile = []"), "t.toml")
            .expect_err("two problems")
            .to_string();
        assert!(err.contains("compile is empty") && err.contains("run is empty"), "{err}");
    }

    #[test]
    fn bad_config_is_reported_with_origin() {
        let err = Languages::parse("[languages.x]\nname = 1\n", "my.toml").unwrap_err().to_string();
        assert!(err.starts_with("my.toml:"), "{err}");
    }
}
