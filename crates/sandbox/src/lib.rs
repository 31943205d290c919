//! Run one untrusted process under limits and report what it used.
//!
//! This crate knows nothing about problems, languages or verdicts: it takes a
//! [`RunSpec`] (program, arguments, environment, work directory, stdin and
//! [`Limits`]) and returns a [`RunOutcome`] (how the process ended, the CPU
//! time, wall time and peak memory it used, its captured output, and which
//! limit, if any, it hit).
//!
//! Inside the sandbox the work directory is the current directory (`/box`),
//! so callers refer to files in it by relative paths only. In isolated runs
//! `/box` is a private, size-capped tmpfs charged to the run's memory: the
//! host work directory's files are copied in before the program starts, and
//! only what [`RunSpec::keep`] names is copied back out afterwards.
//!
//! Two runners sit behind [`Sandbox::run`]:
//! - the isolated runner: an exec helper process (`oaj __sandbox-exec`, see
//!   [`helper_main`]) builds namespaces, a read-only root, cgroups, rlimits,
//!   `no_new_privs` and a seccomp filter, then execs the program;
//! - the rlimit runner ([`run_with_rlimits`]): the degraded mode, used when
//!   isolation is unavailable (announced once, and shown by
//!   [`Sandbox::protections`]) or explicitly disabled.
//!
//! Over 500 lines because it holds the crate's whole public vocabulary
//! (`RunSpec`, `Limits`, `RunOutcome`, the errors, the configuration) and
//! the `Sandbox` that dispatches runs; the mechanisms are in the modules.

mod boxdir;
mod cgroup;
mod classify;
mod fdpass;
mod helper;
mod isolate;
mod netns;
mod probe_cache;
mod protections;
mod rlimit_runner;
mod seccomp;
mod server;
mod steps;
mod timing;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use cgroup::{own_cgroup_dirs, CgroupLayout};
pub use helper::{helper_main, HelperCommand, HELPER_SUBCOMMAND};
pub use isolate::{read_only_path_visible, BOX_DIR};
pub use netns::NetnsHolder;
pub use probe_cache::FileIdentity;
pub use protections::{ProbeSource, Protection, ProtectionKind, Protections};
pub use rlimit_runner::run_with_rlimits;
pub use steps::{Step, StepMark, SteppedOutcome, REPORT_FD};

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
/// as an anonymous copy (a sealed memfd in isolated runs), never as a path
/// the program could look at, nor as a descriptor that names one.
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
    /// Host directory whose files the program finds in its writable current
    /// directory. Isolated runs get a private copy; see [`RunSpec::keep`].
    pub work_dir: PathBuf,
    pub stdin: Stdin,
    pub limits: Limits,
    /// Host paths (outside the usual system directories) that the program
    /// needs to read, such as a toolchain installed under a home directory.
    /// An isolated run sees each at its own path, read-only, except paths
    /// beneath `/box`, `/tmp`, `/proc` or `/dev` (see
    /// [`read_only_path_visible`]).
    pub read_only_paths: Vec<PathBuf>,
    /// What the program leaves in its work dir that is copied back to
    /// `work_dir` on the host after a clean exit (a compiler's output, a
    /// checker's feedback). Regular files and directories only, at most
    /// [`Limits::file_size_bytes`] in all; more ends the run with
    /// [`LimitHit::FileSize`]. The rlimit runner writes to `work_dir`
    /// directly and keeps everything.
    #[serde(default)]
    pub keep: Keep,
}

/// Which files of the run's work dir outlive it; see [`RunSpec::keep`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    /// Nothing: a test run's files vanish with it.
    #[default]
    Nothing,
    /// Every regular file and directory.
    Everything,
    /// These top-level names (files or directories) only.
    Names(Vec<String>),
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

/// Whether programs run isolated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IsolationMode {
    /// Isolate every run; where this host cannot, warn once and fall back to
    /// rlimits (see [`Sandbox::protections`]).
    Isolated,
    /// No isolation at all, only rlimits: an explicit choice for trusted
    /// code on a machine without namespaces. Never for a shared server.
    Disabled,
}

/// How the sandbox is set up. [`SandboxConfig::default`] isolates, with the
/// exec helper found from `OAJ_SANDBOX_HELPER` or the running `oaj` binary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxConfig {
    pub mode: IsolationMode,
    /// How to start the exec helper; None means isolation is unavailable.
    pub helper: Option<HelperCommand>,
    /// Empty host directory used as each run's mount point for its root.
    pub root_dir: PathBuf,
    /// Size of each run's private `/tmp`.
    pub tmp_size_bytes: u64,
    /// Unprivileged uid and gid programs run as.
    pub uid: u32,
    pub gid: u32,
    /// Use cgroups when the host delegates them (memory, pids, CPU).
    pub use_cgroups: bool,
    /// Serve isolated runs from one long-lived exec helper (see
    /// `server`) rather than starting a helper per run. Both give a run
    /// the same isolation; the server saves the helper's start-up, builds
    /// the read-only root once and reuses cgroups. `OAJ_SANDBOX_SERVER=off`
    /// in the environment turns it off too.
    #[serde(default = "default_true")]
    pub exec_server: bool,
    /// Whether what the probe established is kept across processes (see
    /// [`ProbeCache`]).
    #[serde(default)]
    pub probe_cache: ProbeCache,
}

/// Where the probe's answer is kept between starts of the judge, so that a
/// start on the same boot, with the same binary, user, configuration and
/// cgroup, skips the probe (an exec and a trial run). The default is
/// `OAJ_SANDBOX_PROBE_CACHE` (a path, or `off`), else
/// `~/.cache/oaj/sandbox-probe.json` (`$XDG_CACHE_HOME/oaj/...`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeCache {
    /// Probe at every start; keep nothing.
    #[default]
    Off,
    /// Read the answer kept at this path when it is for this host, binary
    /// and configuration; else probe and keep the answer there.
    Use(PathBuf),
    /// Probe now whatever is kept, and keep the answer there (`oaj doctor`).
    Refresh(PathBuf),
}

impl ProbeCache {
    /// The default: see [`ProbeCache`].
    pub fn from_env() -> Self {
        probe_cache::default_setting()
    }

    /// The same file, probed afresh: `Use` becomes `Refresh`.
    pub fn refreshed(self) -> Self {
        match self {
            ProbeCache::Use(path) | ProbeCache::Refresh(path) => ProbeCache::Refresh(path),
            ProbeCache::Off => ProbeCache::Off,
        }
    }
}

fn default_true() -> bool {
    true
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            mode: IsolationMode::Isolated,
            helper: default_helper(),
            root_dir: std::env::temp_dir().join("oaj-sandbox-root"),
            tmp_size_bytes: 256 << 20,
            uid: 65534,
            gid: 65534,
            use_cgroups: true,
            exec_server: true,
            probe_cache: ProbeCache::from_env(),
        }
    }
}

impl SandboxConfig {
    /// Isolated runs, with the helper built into the `oaj` binary at `oaj_binary`.
    pub fn with_oaj_binary(oaj_binary: impl Into<PathBuf>) -> Self {
        SandboxConfig { helper: Some(HelperCommand::oaj(oaj_binary)), ..SandboxConfig::default() }
    }
}

/// Whether the running executable serves [`HELPER_SUBCOMMAND`] itself (see
/// [`provide_helper_from_this_executable`]).
static THIS_EXECUTABLE_IS_HELPER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Declares that the running executable hands [`HELPER_SUBCOMMAND`] to
/// [`helper_main`], as the `oaj` binary does: sandboxes made after this use
/// it as their exec helper (unless `OAJ_SANDBOX_HELPER` names another),
/// whatever its file is called. Without it only an executable named `oaj`
/// is taken for one, and an `oaj` installed as `oaj-1.2` would run
/// programs with rlimits only.
pub fn provide_helper_from_this_executable() {
    THIS_EXECUTABLE_IS_HELPER.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// `OAJ_SANDBOX_HELPER` (the path of an `oaj` binary), else the running
/// executable when it serves the helper (it said so, or it is `oaj`).
fn default_helper() -> Option<HelperCommand> {
    if let Some(path) = std::env::var_os("OAJ_SANDBOX_HELPER") {
        return Some(HelperCommand::oaj(path));
    }
    let exe = std::env::current_exe().ok()?;
    let serves = THIS_EXECUTABLE_IS_HELPER.load(std::sync::atomic::Ordering::SeqCst) || exe.file_name()? == "oaj";
    serves.then(|| HelperCommand::oaj(exe))
}

#[derive(Debug)]
struct Inner {
    config: SandboxConfig,
    /// Settings of the isolated runner; None runs with rlimits only.
    isolation: Option<isolate::IsolationSettings>,
    protections: Protections,
    /// Whether this process probed, or read what an earlier one established.
    probe_source: ProbeSource,
    /// Set once a run has found a cached answer wrong (and removed it).
    cache_invalidated: std::sync::atomic::AtomicBool,
    /// The long-lived exec helper serving this sandbox's isolated runs.
    server: Option<server::ServerClient>,
    /// Sessions in use (see [`Session`]); `OAJ_SANDBOX_SESSIONS=off` makes
    /// every session run go through [`Sandbox::run`] instead.
    sessions: bool,
}

/// Runs processes under limits. Cheap to clone and share between threads.
#[derive(Debug, Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Sandbox {
    /// A sandbox with [`SandboxConfig::default`].
    pub fn new() -> Self {
        Sandbox::with_config(SandboxConfig::default())
    }

    /// Sets up the sandbox, finding out by a trial run what this host
    /// allows. Where isolation is unavailable it warns once (on stderr) and
    /// runs with rlimits only; [`Sandbox::protections`] tells which.
    pub fn with_config(config: SandboxConfig) -> Self {
        let (established, probe_source) = protections::establish(&config);
        let protections::Established { isolation, share_netns, protections } = established;
        if !protections.warnings.is_empty() {
            protections::warn_once(&protections.warnings);
        }
        // `OAJ_SANDBOX_SERVER=off` starts one helper per run instead (the
        // way to measure what the server saves).
        let server_off = std::env::var("OAJ_SANDBOX_SERVER").is_ok_and(|v| v == "off" || v == "0");
        let server = match (&isolation, &config.helper) {
            (Some(settings), Some(helper)) if config.exec_server && !server_off => {
                let server = server::ServerClient::new(helper.clone(), settings.clone(), share_netns);
                server.start_now();
                Some(server)
            }
            _ => None,
        };
        let sessions = !std::env::var("OAJ_SANDBOX_SESSIONS").is_ok_and(|v| v == "off" || v == "0");
        Sandbox {
            inner: Arc::new(Inner {
                config,
                isolation,
                protections,
                probe_source,
                cache_invalidated: Default::default(),
                server,
                sessions,
            }),
        }
    }

    /// Whether this sandbox's protections were probed by this process or
    /// read from the probe cache (see [`ProbeCache`]).
    pub fn probe_source(&self) -> &ProbeSource {
        &self.inner.probe_source
    }

    /// A failure of the sandbox's own set-up under settings read from the
    /// probe cache may mean the cached answer no longer holds (a cgroup
    /// taken away, say): the file is removed, so that the next start
    /// probes, and the error says so. The run is never retried without
    /// isolation.
    fn check_cached<T>(&self, result: Result<T, SandboxError>) -> Result<T, SandboxError> {
        match (result, &self.inner.probe_source) {
            (Err(SandboxError::Setup(message)), ProbeSource::Cached(path)) => {
                let note = if self.inner.cache_invalidated.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    format!("the settings came from the probe result cached in {}", path.display())
                } else {
                    probe_cache::invalidate(path)
                };
                Err(SandboxError::Setup(format!("{message} (isolated runs may no longer work as cached: {note})")))
            }
            (result, _) => result,
        }
    }

    /// Which protections are active for runs of this sandbox.
    pub fn protections(&self) -> &Protections {
        &self.inner.protections
    }

    /// True when runs are isolated (namespaces, read-only root, seccomp).
    pub fn is_isolated(&self) -> bool {
        self.inner.isolation.is_some()
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// Runs one process to completion. Blocks the calling thread; async
    /// callers use `tokio::task::spawn_blocking`.
    pub fn run(&self, spec: &RunSpec) -> Result<RunOutcome, SandboxError> {
        match (&self.inner.isolation, &self.inner.config.helper) {
            (Some(settings), Some(helper)) => self.check_cached(helper.run(self.inner.server.as_ref(), settings, spec)),
            _ => run_with_rlimits(spec),
        }
    }

    /// True when [`Sandbox::run_steps`] is available: runs are isolated and
    /// each has a cgroup whose CPU counter the sandbox reads from outside.
    pub fn supports_steps(&self) -> bool {
        self.inner.isolation.as_ref().and_then(|s| s.cgroups.as_ref()).is_some_and(CgroupLayout::counts_cpu)
            && self.inner.config.helper.is_some()
    }

    /// Runs one process in steps (see [`steps`](crate::Step)): step `i`'s
    /// input is written to the program's stdin only once the program has
    /// ended step `i - 1` with a line on [`REPORT_FD`], and the run's CPU
    /// and wall time are read from outside the process at every such line.
    /// `spec.stdin` must be [`Stdin::Null`]: the steps' inputs are the stdin.
    /// Blocking, like [`Sandbox::run`].
    pub fn run_steps(&self, spec: &RunSpec, steps: &[Step]) -> Result<SteppedOutcome, SandboxError> {
        if spec.stdin != Stdin::Null {
            return Err(SandboxError::Setup("a stepped run takes its stdin from its steps".into()));
        }
        match (&self.inner.isolation, &self.inner.config.helper) {
            (Some(settings), Some(helper)) if self.supports_steps() => {
                self.check_cached(helper.run_steps(self.inner.server.as_ref(), settings, spec, steps))
            }
            _ => Err(SandboxError::Setup(
                "stepped runs need an isolated sandbox with a cgroup CPU counter (cpuacct on cgroup v1)".into(),
            )),
        }
    }
}

/// Runs of one judging slot, one after another, in one isolated
/// environment (see `isolate::session`): the namespaces, the read-only root
/// and the cgroup are set up once and kept, while every run gets new
/// writable file systems, a new IPC namespace, a new process tree, its own
/// limits and its own measures. Only for runs of ONE submission: never
/// share a session between submissions or users. Runs that keep files,
/// and hosts without isolation, a sandbox server or a cgroup CPU counter,
/// go through [`Sandbox::run`] instead, as does a run whose session broke
/// (and every run with `OAJ_SANDBOX_SESSIONS=off` in the environment).
/// Dropping the session ends it.
#[derive(Debug)]
pub struct Session {
    sandbox: Sandbox,
    connection: Option<std::io::BufReader<std::os::unix::net::UnixStream>>,
}

impl Sandbox {
    /// A session for the runs of one judging slot; see [`Session`].
    pub fn session(&self) -> Session {
        Session { sandbox: self.clone(), connection: None }
    }
}

impl Session {
    /// Runs one process to completion, like [`Sandbox::run`]. Blocking.
    pub fn run(&mut self, spec: &RunSpec) -> Result<RunOutcome, SandboxError> {
        let inner = &self.sandbox.inner;
        let (Some(settings), Some(server), true) = (&inner.isolation, &inner.server, inner.sessions) else {
            return self.sandbox.run(spec);
        };
        if !settings.cgroups.as_ref().is_some_and(CgroupLayout::counts_cpu) || spec.keep != Keep::Nothing {
            return self.sandbox.run(spec);
        }
        if self.connection.is_none() {
            self.connection = server.connect().map(std::io::BufReader::new);
        }
        let Some(connection) = &mut self.connection else {
            return self.sandbox.run(spec);
        };
        match helper::session_exchange(connection, settings, spec) {
            Ok(Ok(outcome)) => Ok(outcome),
            // A session that could not be set up may be a session's problem
            // only: the run gets one more try on its own.
            Ok(Err(SandboxError::Setup(message))) => {
                tracing::warn!("a sandbox session failed ({message}); running the case on its own");
                self.sandbox.run(spec)
            }
            Ok(Err(e)) => Err(e),
            Err(e) => {
                self.connection = None;
                tracing::warn!("the sandbox session's connection broke ({e}); running the case on its own");
                self.sandbox.run(spec)
            }
        }
    }
}

/// Reads a file the program left in its work dir, refusing anything but a
/// regular file (a planted symlink, FIFO or device) and anything larger than
/// `max_bytes`. Use it to copy artifacts out of a work dir.
pub fn read_artifact(work_dir: &Path, name: &str, max_bytes: u64) -> Result<Vec<u8>, SandboxError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let bad = |what: String| SandboxError::Setup(format!("artifact {name} in {}: {what}", work_dir.display()));
    if name.contains('/') || name == ".." || name == "." || name.is_empty() {
        return Err(bad("not a plain file name".into()));
    }
    let path = work_dir.join(name);
    // O_NOFOLLOW refuses a symlink; O_NONBLOCK keeps a FIFO from blocking.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&path)
        .map_err(|e| bad(e.to_string()))?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(bad("not a regular file".into()));
    }
    if meta.len() > max_bytes {
        return Err(bad(format!("{} bytes, more than {max_bytes}", meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(bad(format!("more than {max_bytes} bytes")));
    }
    Ok(bytes)
}
