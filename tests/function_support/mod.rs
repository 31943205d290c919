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

/// Compiles `user` against `sig`; returns the build directory.
pub fn build(language: &str, tc: &Toolchain, sig: &Signature, user: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in program_files(sig, language, user).expect("program files") {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    if let Some(compile) = &tc.compile {
        let out = command(tc, compile, dir.path()).output().expect("start compiler");
        assert!(
            out.status.success(),
            "{language}: compile failed:\n{}\n--- program ---\n{}",
            String::from_utf8_lossy(&out.stderr),
            program_files(sig, language, user).expect("files")[0].1
        );
    }
    dir
}

pub fn run(tc: &Toolchain, dir: &Path, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = command(tc, &tc.run, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start program");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait")
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
