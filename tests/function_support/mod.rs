//! Shared by the function-problem tests: toolchains from
//! `sandbox/languages.toml`, compiling generated programs, running them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use oaj_judge::function::program_files;
use oaj_spec::Signature;

#[path = "../support/toolchain.rs"]
mod toolchain;

pub struct Toolchain {
    pub time_multiplier: f64,
    compile: Option<Vec<String>>,
    run: Vec<String>,
    version: Vec<String>,
    env: Vec<(String, String)>,
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn toolchain(language: &str) -> Toolchain {
    let text = std::fs::read_to_string(repo_root().join("sandbox/languages.toml")).expect("read languages.toml");
    let table: toml::Table = text.parse().expect("parse languages.toml");
    let lang = table["languages"][language].as_table().expect("language table");
    let words = |key: &str| -> Option<Vec<String>> {
        lang.get(key).map(|v| {
            v.as_array()
                .expect("command array")
                .iter()
                .map(|w| w.as_str().expect("word").replace("{memory_mb}", "512"))
                .collect()
        })
    };
    let env = lang
        .get("env")
        .and_then(|e| e.as_table())
        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default();
    Toolchain {
        time_multiplier: lang.get("time_multiplier").and_then(|m| m.as_float()).unwrap_or(1.0),
        compile: words("compile"),
        run: words("run").expect("run"),
        version: words("version").expect("version"),
        env,
    }
}

/// Whether `language`'s toolchain can run here; panics under CI when not.
pub fn available(language: &str, tc: &Toolchain) -> bool {
    let ok = Command::new(&tc.version[0])
        .args(&tc.version[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        toolchain::missing(&format!("the {language} toolchain"), &format!("`{}` does not run", tc.version[0]));
    }
    ok
}

fn command(tc: &Toolchain, words: &[String], dir: &Path) -> Command {
    let mut cmd = Command::new(&words[0]);
    cmd.args(&words[1..]).current_dir(dir);
    for (k, v) in &tc.env {
        cmd.env(k, v);
    }
    cmd
}

/// One directory per test binary, kept between runs under Cargo's
/// `target/tmp`: [`build`]'s builds of generated programs (compiled on the
/// host, not by `oaj`). Builds are keyed by their whole input (the program
/// files, the compile command, the toolchain's version), so sharing them
/// between tests and runs changes no result, only how often the same
/// program is compiled. A changed program or toolchain makes a new key, so
/// [`build`] removes builds unused for [`BUILD_KEPT`] (see [`prune_builds`]).
pub fn shared_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("oaj-cache-{}", env!("CARGO_CRATE_NAME")))
}

/// A compiled program's directory.
pub struct Built {
    path: PathBuf,
}

impl Built {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The toolchain's version line, part of a build's key.
fn version_of(tc: &Toolchain) -> String {
    let out = Command::new(&tc.version[0]).args(&tc.version[1..]).output().expect("run the version command");
    let text = if out.stdout.is_empty() { out.stderr } else { out.stdout };
    String::from_utf8_lossy(&text).lines().next().unwrap_or_default().to_string()
}

/// How long a build of [`build`] is kept unused: a build used by any run
/// within two weeks stays, one whose source or toolchain changed goes.
pub const BUILD_KEPT: Duration = Duration::from_secs(14 * 24 * 3600);
/// How long a half-made build (a test killed while compiling) may stay.
const PARTIAL_KEPT: Duration = Duration::from_secs(24 * 3600);
/// Marks a finished build; its modification time is the build's last use.
const COMPLETE: &str = ".complete";

/// Removes from the build cache `root` the builds last used more than
/// `max_age` before `now` (by their [`COMPLETE`] marker, touched at each
/// use) and half-made ones (`tempfile`'s `.tmp*` directories) older than a
/// day. Returns how many it removed.
pub fn prune_builds(root: &Path, now: std::time::SystemTime, max_age: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else { return 0 };
    let age = |path: &Path| {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        now.duration_since(modified).ok()
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let stale = if entry.file_name().to_string_lossy().starts_with(".tmp") {
            age(&path).is_some_and(|a| a > PARTIAL_KEPT)
        } else {
            age(&path.join(COMPLETE)).is_some_and(|a| a > max_age)
        };
        if stale && std::fs::remove_dir_all(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Compiles `user` against `sig`; returns the build directory. A build with
/// the same input made earlier (by this test, another test of this binary,
/// or an earlier run) is reused: see [`shared_cache`]. The first call of a
/// process first prunes the cache ([`prune_builds`]).
pub fn build(language: &str, tc: &Toolchain, sig: &Signature, user: &str) -> Built {
    use sha2::{Digest, Sha256};
    let files = program_files(sig, language, user).expect("program files");
    let mut key = Sha256::new();
    for part in [language.to_string(), format!("{:?}", tc.compile), format!("{:?}", tc.env), version_of(tc)] {
        key.update(part.as_bytes());
        key.update([0]);
    }
    for (name, text) in &files {
        key.update(name.as_bytes());
        key.update([0]);
        key.update(text.as_bytes());
        key.update([0]);
    }
    let key: String = key.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
    let root = shared_cache().join("builds");
    // Once, before any lookup, so no test of this process finds a build
    // that is then removed under it.
    static PRUNED: std::sync::Once = std::sync::Once::new();
    PRUNED.call_once(|| {
        prune_builds(&root, std::time::SystemTime::now(), BUILD_KEPT);
    });
    let path = root.join(format!("{language}-{key}"));
    let marker = path.join(COMPLETE);
    if marker.exists() {
        // Touched: the marker's time is the build's last use.
        if let Ok(file) = std::fs::File::options().write(true).open(&marker) {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
        return Built { path };
    }
    std::fs::create_dir_all(&root).expect("create the build cache");
    // Built aside and renamed in, so a test never sees half a build.
    let dir = tempfile::tempdir_in(&root).expect("tempdir");
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    if let Some(compile) = &tc.compile {
        let out = command(tc, compile, dir.path()).output().expect("start compiler");
        assert!(
            out.status.success(),
            "{language}: compile failed:\n{}\n--- program ---\n{}",
            String::from_utf8_lossy(&out.stderr),
            files[0].1
        );
    }
    std::fs::write(dir.path().join(COMPLETE), b"").expect("mark the build complete");
    let built = dir.keep();
    if std::fs::rename(&built, &path).is_err() {
        // Another test built the same program first: use theirs.
        let _ = std::fs::remove_dir_all(&built);
    }
    Built { path }
}

pub fn run(tc: &Toolchain, dir: &Path, stdin: &str) -> Output {
    run_with(tc, dir, &[], stdin)
}

/// Runs the program with `args` after its run command. Stdin is written
/// from a thread, so output larger than a pipe's buffer cannot block it.
pub fn run_with(tc: &Toolchain, dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = command(tc, &tc.run, dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start program");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    out
}

/// Like [`build`], but a compile error is returned instead of failing.
pub fn try_build(language: &str, tc: &Toolchain, sig: &Signature, user: &str) -> Result<tempfile::TempDir, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for (name, text) in program_files(sig, language, user).map_err(|e| e.to_string())? {
        std::fs::write(dir.path().join(name), text).map_err(|e| e.to_string())?;
    }
    if let Some(compile) = &tc.compile {
        let out = command(tc, compile, dir.path()).output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
    }
    Ok(dir)
}

/// Runs the program with `stdin` from a file; `None` when it outlived
/// `timeout` (wall clock) and was killed.
pub fn run_limited(tc: &Toolchain, dir: &Path, stdin: &Path, timeout: Duration) -> Option<Output> {
    let input = std::fs::File::open(stdin).expect("open input");
    let mut child = command(tc, &tc.run, dir)
        .stdin(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start program");
    // Drain the pipes on threads so a large result cannot block the child.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut buf);
        buf
    });
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(Output {
                status,
                stdout: out_reader.join().unwrap_or_default(),
                stderr: err_reader.join().unwrap_or_default(),
            });
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
