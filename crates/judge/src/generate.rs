//! Hidden test data that is generated, not stored.
//!
//! Large hidden cases would make the repository heavy, so a problem may keep
//! only its generator (`generators/gen.py`, seeded and deterministic, writing
//! `../tests/hidden/`) and a manifest of what it writes
//! (`generators/hidden.sha256`, in `sha256sum` format). Before a problem is
//! loaded, [`ensure_hidden_cases`] runs the generator when a file named in
//! the manifest is missing, and accepts the output only if every file has the
//! recorded digest: the cases judged are exactly the ones the problem's
//! solutions were validated on.
//!
//! Generators belong to the problem's author (like a build script), so they
//! run as a plain `python3` process, in a private copy of `generators/`, with
//! a time limit; never on a user's behalf.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// The manifest's path inside a problem directory.
pub const MANIFEST: &str = "generators/hidden.sha256";
/// The generator's path inside a problem directory.
pub const GENERATOR: &str = "generators/gen.py";
/// How long a generator may run.
const GENERATOR_TIME_LIMIT: Duration = Duration::from_secs(300);

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{manifest}, line {line}: expected `<sha256>  <file name>` (as `sha256sum` writes it)")]
    BadManifest { manifest: PathBuf, line: usize },
    #[error("{generator} failed ({status}): {stderr}")]
    GeneratorFailed { generator: PathBuf, status: String, stderr: String },
    #[error(
        "{generator} wrote test data that differs from {manifest}: {differences}. If the generator was changed on \
         purpose, run `oaj gen {slug} --write-manifest` and validate the problem again"
    )]
    Mismatch { generator: PathBuf, manifest: PathBuf, slug: String, differences: String },
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> GenerateError {
    GenerateError::Io { path: path.to_path_buf(), message: e.to_string() }
}

/// What [`ensure_hidden_cases`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    /// The problem has no manifest: its hidden cases are stored as they are.
    NotGenerated,
    /// Every file in the manifest was already there.
    Present,
    /// The generator ran and its output matched the manifest.
    Generated { files: usize, elapsed: Duration },
}

/// Reads a manifest: file name -> hex SHA-256.
pub fn read_manifest(problem_dir: &Path) -> Result<Option<BTreeMap<String, String>>, GenerateError> {
    let path = problem_dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(&path, e)),
    };
    let mut entries = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || GenerateError::BadManifest { manifest: path.clone(), line: index + 1 };
        let (digest, name) = line.split_once("  ").ok_or_else(bad)?;
        let name = name.trim_start_matches('*').trim();
        let safe = !name.is_empty() && !name.contains('/') && name != "." && name != "..";
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) || !safe {
            return Err(bad());
        }
        entries.insert(name.to_string(), digest.to_ascii_lowercase());
    }
    Ok(Some(entries))
}

/// Makes sure the hidden cases named in the problem's manifest exist,
/// generating them when any is missing. Safe to call from several processes
/// at once: generation happens in a private directory and files are moved
/// into place whole, and one process generates while the others wait for
/// it (a lock on `tests/hidden`) instead of running the same generator.
pub fn ensure_hidden_cases(problem_dir: &Path) -> Result<Generated, GenerateError> {
    let Some(manifest) = read_manifest(problem_dir)? else { return Ok(Generated::NotGenerated) };
    let hidden = problem_dir.join("tests/hidden");
    let present = || manifest.keys().all(|name| hidden.join(name).is_file());
    if present() {
        return Ok(Generated::Present);
    }
    fs::create_dir_all(&hidden).map_err(|e| io_error(&hidden, e))?;
    // Held until the cases are in place; it waits for a process generating
    // them now (or one that died: the lock goes with it). A read-only
    // checkout, where no lock can be taken, generates without it.
    let _lock = fs::File::open(&hidden)
        .ok()
        .and_then(|dir| nix::fcntl::Flock::lock(dir, nix::fcntl::FlockArg::LockExclusive).ok());
    if present() {
        return Ok(Generated::Present);
    }
    generate(problem_dir, &manifest)
}

/// [`ensure_hidden_cases`] for many problems, a few at a time (the first
/// start on a fresh checkout generates a whole bank); results in order.
pub fn ensure_all_hidden_cases(problem_dirs: &[PathBuf]) -> Vec<Result<Generated, GenerateError>> {
    crate::parallel::map_in_order(problem_dirs, |dir| ensure_hidden_cases(dir))
}

/// Runs the generator and installs its output, checked against `manifest`.
fn generate(problem_dir: &Path, manifest: &BTreeMap<String, String>) -> Result<Generated, GenerateError> {
    let started = Instant::now();
    let files = run_generator(problem_dir)?;
    let differences = compare(manifest, &files.1);
    if !differences.is_empty() {
        return Err(mismatch(problem_dir, differences));
    }
    let hidden = problem_dir.join("tests/hidden");
    fs::create_dir_all(&hidden).map_err(|e| io_error(&hidden, e))?;
    for name in manifest.keys() {
        // Rename within one file system is atomic; a reader sees either no
        // file or the whole of it.
        let staged = hidden.join(format!(".{name}.{}", std::process::id()));
        fs::copy(files.0.path().join("tests/hidden").join(name), &staged).map_err(|e| io_error(&staged, e))?;
        fs::rename(&staged, hidden.join(name)).map_err(|e| io_error(&hidden.join(name), e))?;
    }
    Ok(Generated::Generated { files: manifest.len(), elapsed: started.elapsed() })
}

/// Runs `generators/gen.py` on a copy of `generators/`; returns the copy
/// and the digests of what it wrote to `tests/hidden/`.
#[allow(clippy::type_complexity)]
fn run_generator(problem_dir: &Path) -> Result<(tempfile::TempDir, BTreeMap<String, String>), GenerateError> {
    let generator = problem_dir.join(GENERATOR);
    if !generator.is_file() {
        return Err(io_error(&generator, "missing: the manifest names generated cases, but there is no generator"));
    }
    let work = tempfile::Builder::new().prefix("oaj-gen-").tempdir().map_err(|e| io_error(Path::new("/tmp"), e))?;
    let copy = work.path().join("generators");
    fs::create_dir_all(work.path().join("tests/hidden")).map_err(|e| io_error(work.path(), e))?;
    fs::create_dir_all(&copy).map_err(|e| io_error(&copy, e))?;
    let source = problem_dir.join("generators");
    for entry in fs::read_dir(&source).map_err(|e| io_error(&source, e))?.flatten() {
        if entry.path().is_file() {
            fs::copy(entry.path(), copy.join(entry.file_name())).map_err(|e| io_error(&entry.path(), e))?;
        }
    }
    let python = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("python3"));
    let mut child = Command::new(&python)
        .arg(copy.join("gen.py"))
        .current_dir(work.path())
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| io_error(&python, format!("cannot start the generator: {e}")))?;
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stderr) = stderr.as_mut() {
            use std::io::Read;
            let _ = stderr.take(64 * 1024).read_to_string(&mut text);
        }
        text
    });
    let status = match wait_timeout::ChildExt::wait_timeout(&mut child, GENERATOR_TIME_LIMIT) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(GenerateError::GeneratorFailed {
                generator: generator.clone(),
                status: format!("still running after {} s", GENERATOR_TIME_LIMIT.as_secs()),
                stderr: String::new(),
            });
        }
        Err(e) => return Err(io_error(&generator, e)),
    };
    let stderr = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(GenerateError::GeneratorFailed {
            generator,
            status: status.to_string(),
            stderr: stderr.lines().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n"),
        });
    }
    let digests = digests_of(&work.path().join("tests/hidden"))?;
    Ok((work, digests))
}

/// File name -> hex SHA-256 of every regular file in `dir`.
pub fn digests_of(dir: &Path) -> Result<BTreeMap<String, String>, GenerateError> {
    let mut digests = BTreeMap::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(digests),
        Err(e) => return Err(io_error(dir, e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_file() || name.starts_with('.') {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| io_error(&path, e))?;
        digests.insert(name, format!("{:x}", Sha256::digest(&bytes)));
    }
    Ok(digests)
}

fn compare(manifest: &BTreeMap<String, String>, written: &BTreeMap<String, String>) -> Vec<String> {
    let mut differences = Vec::new();
    for (name, digest) in manifest {
        match written.get(name) {
            None => differences.push(format!("{name} was not written")),
            Some(got) if got != digest => differences.push(format!("{name} has other contents")),
            Some(_) => {}
        }
    }
    for name in written.keys().filter(|n| !manifest.contains_key(*n)) {
        differences.push(format!("{name} is not in the manifest"));
    }
    differences
}

fn mismatch(problem_dir: &Path, differences: Vec<String>) -> GenerateError {
    let shown = differences.len().min(5);
    let mut text = differences[..shown].join(", ");
    if differences.len() > shown {
        text.push_str(&format!(" and {} more", differences.len() - shown));
    }
    GenerateError::Mismatch {
        generator: problem_dir.join(GENERATOR),
        manifest: problem_dir.join(MANIFEST),
        slug: problem_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        differences: text,
    }
}

/// `oaj gen`: runs the generator, replaces `tests/hidden/` with its output
/// and, with `write_manifest`, records the digests in the manifest; without
/// it, the output must match the manifest that is there (if any).
pub fn regenerate(problem_dir: &Path, write_manifest: bool) -> Result<usize, GenerateError> {
    let manifest = read_manifest(problem_dir)?;
    let (work, written) = run_generator(problem_dir)?;
    if !write_manifest {
        if let Some(manifest) = &manifest {
            let differences = compare(manifest, &written);
            if !differences.is_empty() {
                return Err(mismatch(problem_dir, differences));
            }
        }
    }
    let hidden = problem_dir.join("tests/hidden");
    if hidden.exists() {
        for entry in fs::read_dir(&hidden).map_err(|e| io_error(&hidden, e))?.flatten() {
            if entry.path().is_file() {
                fs::remove_file(entry.path()).map_err(|e| io_error(&entry.path(), e))?;
            }
        }
    }
    fs::create_dir_all(&hidden).map_err(|e| io_error(&hidden, e))?;
    for name in written.keys() {
        let target = hidden.join(name);
        fs::copy(work.path().join("tests/hidden").join(name), &target).map_err(|e| io_error(&target, e))?;
    }
    if write_manifest {
        let path = problem_dir.join(MANIFEST);
        let mut file = fs::File::create(&path).map_err(|e| io_error(&path, e))?;
        for (name, digest) in &written {
            writeln!(file, "{digest}  {name}").map_err(|e| io_error(&path, e))?;
        }
    }
    Ok(written.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEN: &str =
        "import os\nout = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'hidden')\n\
                       os.makedirs(out, exist_ok=True)\nfor i in range(3):\n    \
                       open(os.path.join(out, f'{i}.in'), 'w').write(f'{i} {i}\\n')\n    \
                       open(os.path.join(out, f'{i}.ans'), 'w').write(f'{2 * i}\\n')\n";

    fn problem(generator: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("generators")).expect("mkdir");
        fs::write(dir.path().join(GENERATOR), generator).expect("write generator");
        dir
    }

    fn python_present() -> bool {
        Path::new("/usr/bin/python3").is_file() || Path::new("/usr/local/bin/python3").is_file()
    }

    #[test]
    fn missing_cases_are_generated_and_checked() {
        if !python_present() {
            eprintln!("!!! SKIPPING: no python3 !!!");
            return;
        }
        let dir = problem(GEN);
        assert_eq!(ensure_hidden_cases(dir.path()).expect("no manifest"), Generated::NotGenerated);
        assert_eq!(regenerate(dir.path(), true).expect("regenerate"), 6);
        let manifest = read_manifest(dir.path()).expect("readable").expect("written");
        assert_eq!(manifest.len(), 6);
        assert_eq!(ensure_hidden_cases(dir.path()).expect("present"), Generated::Present);

        fs::remove_file(dir.path().join("tests/hidden/2.ans")).expect("remove");
        assert!(matches!(ensure_hidden_cases(dir.path()), Ok(Generated::Generated { files: 6, .. })));
        assert_eq!(fs::read_to_string(dir.path().join("tests/hidden/2.ans")).expect("back"), "4\n");

        // A generator that now writes something else is caught, and nothing
        // already there is touched.
        fs::write(dir.path().join(GENERATOR), GEN.replace("2 * i", "2 * i + 1")).expect("change generator");
        fs::remove_file(dir.path().join("tests/hidden/0.in")).expect("remove");
        let err = ensure_hidden_cases(dir.path()).expect_err("mismatch").to_string();
        assert!(err.contains("differs from") && err.contains("1.ans has other contents"), "{err}");
        assert!(err.contains("--write-manifest"), "{err}");
        assert!(dir.path().join("tests/hidden/1.ans").is_file());
        let err = regenerate(dir.path(), false).expect_err("mismatch without --write-manifest").to_string();
        assert!(err.contains("differs from"), "{err}");
    }

    #[test]
    fn broken_generators_and_manifests_are_explained() {
        if !python_present() {
            return;
        }
        let dir = problem("import sys\nsys.exit('no seed given')\n");
        fs::write(dir.path().join(MANIFEST), format!("{}  1.in\n", "0".repeat(64))).expect("manifest");
        let err = ensure_hidden_cases(dir.path()).expect_err("fails").to_string();
        assert!(err.contains("gen.py failed") && err.contains("no seed given"), "{err}");

        fs::write(dir.path().join(MANIFEST), "not a digest\n").expect("manifest");
        let err = ensure_hidden_cases(dir.path()).expect_err("bad manifest").to_string();
        assert!(err.contains("hidden.sha256, line 1"), "{err}");
        fs::write(dir.path().join(MANIFEST), format!("{}  ../escape.in\n", "0".repeat(64))).expect("manifest");
        assert!(ensure_hidden_cases(dir.path()).is_err());
    }
}
