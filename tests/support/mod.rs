//! Shared helpers for the integration tests: a per-test temp dir, problems
//! written from tables, and the real `oaj` binary with a build cache shared
//! by the tests (or one of its own).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub struct TestDir {
    pub dir: tempfile::TempDir,
    /// Whether `oaj` here has a build cache of its own instead of the
    /// tests' shared one.
    own_cache: bool,
}

/// Where test dirs and the shared cache go: Cargo's `target/tmp`, not
/// `/tmp`: a cache's precompiled headers and warmed build caches must be
/// visible to the sandbox, whose runs have a `/tmp` of their own (see
/// `oaj_sandbox::read_only_path_visible`). A checkout beneath `/tmp` (CI
/// may clone there) uses `/var/tmp/oaj-tests` instead.
fn test_root() -> PathBuf {
    // Decided once per test process.
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let target = Path::new(env!("CARGO_TARGET_TMPDIR"));
        std::fs::create_dir_all(target).expect("target/tmp");
        if oaj_sandbox::read_only_path_visible(target) {
            target.to_path_buf()
        } else {
            let outside = PathBuf::from("/var/tmp/oaj-tests");
            std::fs::create_dir_all(&outside).expect("/var/tmp/oaj-tests");
            outside
        }
    })
    .clone()
}

/// The build cache of every test that does not look into its cache, in
/// every test binary, kept between runs. Builds are keyed by their whole
/// input (program, compile command, toolchain version), and published by a
/// rename, so sharing them changes no verdict, only how often the same
/// program, precompiled header and warmed Go cache are made: once per
/// suite instead of once per test.
pub fn shared_cache() -> PathBuf {
    test_root().join("oaj-cache")
}

impl TestDir {
    /// A new directory whose `oaj` uses the shared build cache.
    pub fn new() -> Self {
        TestDir { dir: tempfile::tempdir_in(test_root()).expect("temp dir"), own_cache: false }
    }

    /// A new directory whose `oaj` has a build cache of its own, empty at
    /// first: for tests that look into the cache or need a first compile.
    pub fn with_own_cache() -> Self {
        TestDir { own_cache: true, ..Self::new() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The build cache this directory's `oaj` uses.
    pub fn cache(&self) -> PathBuf {
        if self.own_cache {
            self.path().join("cache")
        } else {
            shared_cache()
        }
    }

    /// Writes files given as (relative path, contents).
    pub fn write(&self, files: &[(&str, &[u8])]) {
        for (path, contents) in files {
            let path = self.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, contents).expect("write");
        }
    }

    /// An `oaj` command running in this directory with its cache.
    pub fn oaj(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("oaj").expect("oaj binary");
        cmd.current_dir(self.path()).env("OAJ_CACHE_DIR", self.cache()).env("NO_COLOR", "1");
        cmd
    }

    /// Runs `oaj run <problem> <file> --json` and parses the result.
    pub fn run_json(&self, problem: &str, file: &str, extra: &[&str]) -> (serde_json::Value, Output) {
        let output = self.oaj().args(["run", problem, file, "--json"]).args(extra).output().expect("runs");
        let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "oaj run {problem} {file} printed no JSON ({e})\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (json, output)
    }
}

/// A stdio problem: `name` with the given problem.toml tail, and cases as
/// (visibility, stem, input, answer).
pub fn stdio_problem(dir: &TestDir, name: &str, toml_extra: &str, cases: &[(&str, &str, &str, &str)]) {
    let toml = format!(
        "title = \"{name}\"\ndifficulty = \"easy\"\nkind = \"stdio\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\n{toml_extra}"
    );
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (format!("{name}/problem.toml"), toml.into_bytes()),
        (format!("{name}/statement.md"), b"A test problem.\n".to_vec()),
    ];
    for (visibility, stem, input, answer) in cases {
        files.push((format!("{name}/tests/{visibility}/{stem}.in"), input.as_bytes().to_vec()));
        files.push((format!("{name}/tests/{visibility}/{stem}.ans"), answer.as_bytes().to_vec()));
    }
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (p.as_str(), c.as_slice())).collect();
    dir.write(&borrowed);
}

pub mod toolchain;

/// Whether the toolchain behind a language id is installed. In CI a
/// missing toolchain is a failure; locally the caller skips loudly.
pub fn toolchain_available(language: &str) -> bool {
    let output = assert_cmd::Command::cargo_bin("oaj").expect("oaj").arg("langs").output().expect("langs");
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let present =
        text.lines().any(|line| line.split_whitespace().next() == Some(language) && !line.contains("MISSING"));
    if !present {
        toolchain::missing(&format!("the {language} toolchain"), &format!("`oaj langs` says:\n{text}"));
    }
    present
}
/// Whether PostgreSQL's server programs (initdb, pg_ctl) are installed,
/// for tests that start a throwaway cluster; missing, as a toolchain.
#[allow(dead_code)]
pub fn postgres_available() -> bool {
    let present = oaj_oa::pg_cluster::postgres_bin().is_some();
    if !present {
        toolchain::missing("PostgreSQL (initdb, pg_ctl)", &oaj_oa::pg_cluster::ClusterError::NotInstalled.to_string());
    }
    present
}

/// Headless Chromium for the browser tests.
pub mod chromium;
pub mod proc;
pub mod server;

/// Ends the test early when a language's toolchain is missing: locally with
/// a loud skip notice, in CI never (it panics instead).
#[allow(unused_macros)]
macro_rules! require_toolchain {
    ($($language:expr),+ $(,)?) => {
        $(
            if !$crate::support::toolchain_available($language) {
                return;
            }
        )+
    };
}
#[allow(unused_imports)]
pub(crate) use require_toolchain;
