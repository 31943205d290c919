//! Run one untrusted process under limits and report what it used.
//!
//! This crate knows nothing about problems, languages or verdicts: it takes a
//! [`RunSpec`] (program, arguments, environment, work directory, stdin and
//! [`Limits`]) and returns a [`RunOutcome`] (how the process ended, the CPU
//! time, wall time and peak memory it used, its captured output, and which
//! limit, if any, it hit).
//!
//! Inside the sandbox the work directory is the current directory, so callers
//! refer to files in it by relative paths only.

mod rlimit_runner;

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use rlimit_runner::run_with_rlimits;

/// Resource limits for one run. Every field is enforced; none is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// CPU time of the whole process tree (all threads and children).
    pub cpu_time: Duration,
    /// Wall-clock time; catches sleeping, blocking and stopped programs.
    pub wall_time: Duration,
    /// Peak memory of the whole process tree.
    pub memory_bytes: u64,
    /// Processes and threads alive at once.
    pub processes: u32,
    /// Bytes of stdout kept; producing more stops the run with [`LimitHit::Output`].
    pub stdout_bytes: u64,
    /// Bytes of stderr kept; more is discarded (not a limit violation).
    pub stderr_bytes: u64,
    /// Largest file the program may write.
    pub file_size_bytes: u64,
    /// Open file descriptors.
    pub open_files: u32,
}

impl Limits {
    /// Limits for running a solution on one test case, before the caller
    /// adjusts them for the problem and language.
    pub fn for_test_case(cpu_time: Duration, memory_bytes: u64) -> Self {
        Limits {
            cpu_time,
            wall_time: cpu_time * 2 + Duration::from_secs(1),
            memory_bytes,
            processes: 64,
            stdout_bytes: 64 << 20,
            stderr_bytes: 64 << 10,
            file_size_bytes: 64 << 20,
            open_files: 64,
        }
    }
}

/// Where the program's standard input comes from. Test input is handed over
/// as an open file, never as a path the program could look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stdin {
    Null,
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// One process to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSpec {
    /// The program: an absolute path, or a name looked up in `PATH` of `env`.
    pub program: String,
    pub args: Vec<String>,
    /// The complete environment; nothing is inherited from the caller.
    pub env: Vec<(String, String)>,
    /// Host directory that becomes the program's writable current directory.
    pub work_dir: PathBuf,
    pub stdin: Stdin,
    pub limits: Limits,
    /// Host paths (outside the usual system directories) that the program
    /// needs to read, such as a toolchain installed under a home directory.
    pub read_only_paths: Vec<PathBuf>,
}

/// How the process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Termination {
    Exited(i32),
    Signaled(i32),
}

/// The limit that stopped a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitHit {
    CpuTime,
    WallTime,
    Memory,
    Output,
    Processes,
    FileSize,
}

/// What one run did and used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOutcome {
    pub termination: Termination,
    pub cpu_time: Duration,
    pub wall_time: Duration,
    pub peak_memory_bytes: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub stderr_truncated: bool,
    /// Set when a limit was the reason the run ended (or would have been).
    pub limit_hit: Option<LimitHit>,
}

impl RunOutcome {
    pub fn success(&self) -> bool {
        self.termination == Termination::Exited(0) && self.limit_hit.is_none()
    }
}

/// A failure of the sandbox itself, never of the program it runs.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot start {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open stdin file {path}: {source}")]
    Stdin {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("sandbox I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("sandbox setup failed: {0}")]
    Setup(String),
}

/// Name of a signal for people ("SIGSEGV"), or its number when unknown.
pub fn signal_name(signal: i32) -> String {
    match nix::sys::signal::Signal::try_from(signal) {
        Ok(sig) => sig.as_str().to_string(),
        Err(_) => format!("signal {signal}"),
    }
}

/// Runs processes under limits. Cheap to clone and share between threads.
#[derive(Debug, Clone, Default)]
pub struct Sandbox {}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {}
    }

    /// Runs one process to completion. Blocks the calling thread; async
    /// callers use `tokio::task::spawn_blocking`.
    pub fn run(&self, spec: &RunSpec) -> Result<RunOutcome, SandboxError> {
        run_with_rlimits(spec)
    }
}
