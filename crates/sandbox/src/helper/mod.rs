//! The exec helper: a short-lived process (`oaj __sandbox-exec`) that the
//! judge starts for every run, so that no `fork` happens inside the judge's
//! async runtime. It reads one request on stdin, runs it, and answers on
//! stdout.
//!
//! Wire format, both directions: one JSON line, then raw bytes whose lengths
//! the JSON gives (the program's stdin in the request; its stdout and stderr
//! in the answer), so output is never inflated by JSON encoding.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

use crate::cgroup::{self, CgroupLayout};
use crate::isolate::{self, IsolationSettings, Reuse};
use crate::steps::{StepMark, StepPlan, StepsSeen};
use crate::{Limits, RunOutcome, RunSpec, SandboxError, Stdin, Step};

mod client;

pub(crate) use client::session_exchange;
pub use client::HelperCommand;

/// The hidden subcommand of the `oaj` binary that runs the exec helper.
pub const HELPER_SUBCOMMAND: &str = "__sandbox-exec";

/// The judge's pid, passed to the helper, which checks that it is still
/// its parent once its parent-death signal is armed.
pub(crate) const PARENT_ENV: &str = "OAJ_SANDBOX_PARENT";

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Request {
    /// Run one program. `Stdin::Bytes` arrives as `stdin_len` raw bytes
    /// after the JSON line. With `steps` it is a stepped run: each step's
    /// input follows, in order, as `input_len` raw bytes.
    Run {
        settings: IsolationSettings,
        spec: Box<RunSpec>,
        stdin_len: u64,
        #[serde(default)]
        steps: Option<Vec<StepPlan>>,
    },
    /// Run one program in the connection's session (see `isolate::session`):
    /// like `Run`, but the connection stays open for the next case, and the
    /// supervisor keeps one isolated environment for all of them.
    SessionRun { settings: IsolationSettings, spec: Box<RunSpec>, stdin_len: u64 },
    /// Find out what isolation this host allows, by trying it; with
    /// `share_netns`, first in a shared empty network namespace (see
    /// `netns`), held by a process the probe forks for the trial.
    Probe {
        settings: IsolationSettings,
        #[serde(default)]
        share_netns: bool,
    },
    /// The first message to a sandbox server (see `server`): the settings
    /// of the runs it serves, and whether it holds a shared empty network
    /// namespace for them.
    Serve {
        settings: IsolationSettings,
        #[serde(default)]
        share_netns: bool,
    },
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum HelperError {
    Spawn { program: String, message: String },
    Stdin { path: PathBuf, message: String },
    Setup(String),
}

impl From<SandboxError> for HelperError {
    fn from(error: SandboxError) -> Self {
        match error {
            SandboxError::Spawn { program, source } => HelperError::Spawn { program, message: source.to_string() },
            SandboxError::Stdin { path, source } => HelperError::Stdin { path, message: source.to_string() },
            SandboxError::Io(e) => HelperError::Setup(e.to_string()),
            SandboxError::Setup(message) => HelperError::Setup(message),
        }
    }
}

impl From<HelperError> for SandboxError {
    fn from(error: HelperError) -> Self {
        match error {
            HelperError::Spawn { program, message } => {
                SandboxError::Spawn { program, source: io::Error::new(io::ErrorKind::NotFound, message) }
            }
            HelperError::Stdin { path, message } => SandboxError::Stdin { path, source: io::Error::other(message) },
            HelperError::Setup(message) => SandboxError::Setup(message),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct RunAnswer {
    /// The outcome without its stdout and stderr, which follow as raw bytes.
    pub result: Result<RunOutcome, HelperError>,
    pub stdout_len: u64,
    pub stderr_len: u64,
    /// A stepped run's report, after stdout and stderr, and its marks.
    #[serde(default)]
    pub report_len: u64,
    #[serde(default)]
    pub marks: Vec<StepMark>,
    /// The helper's phase timestamps (see `timing`).
    #[serde(default)]
    pub timings: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ProbeReport {
    pub euid: u32,
    pub cgroups: Result<CgroupLayout, String>,
    /// Result of a trial run of `true` with full isolation.
    pub isolation: Result<(), String>,
    /// Landlock ABI version of the kernel (0: none).
    #[serde(default)]
    pub landlock_abi: i64,
    /// The trial in a shared network namespace, when one was asked for:
    /// `isolation` is that trial's when it worked, else the one without.
    #[serde(default)]
    pub shared_netns: Option<Result<(), String>>,
}

/// Entry point of `oaj __sandbox-exec`. Call it first thing in `main`,
/// before any thread or async runtime starts.
pub fn helper_main() -> ExitCode {
    crate::timing::mark("helper started");
    // The server outlives the judge thread that started it, but not the
    // judge: it exits when its control socket closes (see `server`).
    let serving = std::env::args().nth(2).as_deref() == Some(crate::server::SERVE_ARG);
    if !serving {
        // SAFETY: plain prctl: the helper must not outlive the judge thread
        // waiting for it (init and the program die with the helper in turn).
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) };
    }
    // A judge that died before the prctl took effect sends no signal: then
    // the helper's parent is no longer the judge that started it.
    let judge = std::env::var(PARENT_ENV).ok().and_then(|pid| pid.parse::<i32>().ok());
    if judge.is_some_and(|pid| nix::unistd::getppid().as_raw() != pid) {
        eprintln!("oaj {HELPER_SUBCOMMAND}: the judge that started this helper has exited");
        return ExitCode::from(2);
    }
    if serving {
        return match crate::server::serve_main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("oaj {HELPER_SUBCOMMAND} {}: {error}", crate::server::SERVE_ARG);
                ExitCode::from(2)
            }
        };
    }
    let end_answer = || {
        // From here on the helper only cleans up, which is bounded: let it
        // finish even if the judge thread that waited for it exits as soon
        // as it has the answer. The judge has its answer once our stdout
        // closes; reaping and removing the cgroup happen meanwhile.
        // SAFETY: plain prctl and close; nothing writes to stdout after the answer.
        unsafe {
            libc::prctl(libc::PR_SET_PDEATHSIG, 0 as libc::c_ulong);
            libc::close(libc::STDOUT_FILENO);
        }
    };
    let served =
        serve_with(&mut BufReader::new(io::stdin().lock()), &mut io::stdout().lock(), &Reuse::default(), end_answer);
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("oaj {HELPER_SUBCOMMAND}: {error}");
            ExitCode::from(2)
        }
    }
}

/// Serves one request from `input`, answering on `output`. After a run's
/// answer, `end_answer` makes it reach the judge (closing the stream), and
/// then the run is cleaned up.
pub(crate) fn serve_with(
    input: &mut impl BufRead,
    output: &mut impl Write,
    reuse: &Reuse,
    end_answer: impl FnOnce(),
) -> io::Result<()> {
    let mut line = String::new();
    input.read_line(&mut line)?;
    let request: Request = serde_json::from_str(&line).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("bad request ({e}); this subcommand is internal to the judge"),
        )
    })?;
    match request {
        Request::Run { settings, spec, stdin_len, steps } => {
            let settings = reuse.settings_for(settings);
            let mut stdin_bytes = Vec::new();
            input.by_ref().take(stdin_len).read_to_end(&mut stdin_bytes)?;
            crate::timing::mark("request read");
            let result = match steps {
                None => isolate::stdin_fd(&spec.stdin, &stdin_bytes)
                    .and_then(|fd| isolate::run_isolated(&spec, fd, &settings, reuse))
                    .map(|(outcome, cleanup)| (outcome, cleanup, StepsSeen::default())),
                Some(plans) => {
                    let mut steps = Vec::with_capacity(plans.len());
                    for plan in plans {
                        let mut bytes = Vec::new();
                        input.by_ref().take(plan.input_len).read_to_end(&mut bytes)?;
                        steps.push(Step { input: bytes, cpu_time: plan.cpu_time, wall_time: plan.wall_time });
                    }
                    isolate::run_isolated_steps(&spec, steps, &settings, reuse)
                }
            };
            let (result, cleanup, seen) = match result {
                Ok((outcome, cleanup, seen)) => (Ok(outcome), Some(cleanup), seen),
                Err(e) => (Err(HelperError::from(e)), None, StepsSeen::default()),
            };
            crate::timing::mark("answering");
            write_answer(output, result, seen)?;
            end_answer();
            if let Some(cleanup) = cleanup {
                cleanup.finish();
            }
            Ok(())
        }
        request @ Request::SessionRun { .. } => serve_session(request, input, output, reuse),
        Request::Probe { settings, share_netns } => {
            let (report, cleanup) = probe(settings, share_netns);
            // One write, then the answer goes: the trial run's clean-up
            // (reaping, removing its cgroup) does not hold up the judge.
            let mut line = serde_json::to_vec(&report).map_err(io::Error::from)?;
            line.push(b'\n');
            output.write_all(&line)?;
            output.flush()?;
            end_answer();
            drop(cleanup);
            Ok(())
        }
        Request::Serve { .. } => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a sandbox server is started as `{HELPER_SUBCOMMAND} {}`", crate::server::SERVE_ARG),
        )),
    }
}

/// Serves a connection's session: `first` and every request after it (all
/// `SessionRun`), answering each, until the judge closes the connection.
fn serve_session(first: Request, input: &mut impl BufRead, output: &mut impl Write, reuse: &Reuse) -> io::Result<()> {
    let mut session: Option<isolate::Session> = None;
    let mut request = first;
    let mut line = String::new();
    loop {
        let Request::SessionRun { settings, spec, stdin_len } = request else {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "a session takes session runs only"));
        };
        let settings = reuse.settings_for(settings);
        let mut stdin_bytes = Vec::new();
        input.by_ref().take(stdin_len).read_to_end(&mut stdin_bytes)?;
        crate::timing::mark("request read");
        let result = run_in_session(&mut session, &spec, &settings, &stdin_bytes, reuse);
        crate::timing::mark("answering");
        write_answer(output, result.map_err(HelperError::from), StepsSeen::default())?;
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        request = serde_json::from_str(&line)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("bad session request ({e})")))?;
    }
}

/// Runs `spec` in the session, starting one (or a new one) when needed; a
/// run a session cannot take (one that keeps files, or on a host without
/// a cgroup CPU counter) runs on its own, as `Request::Run` would.
fn run_in_session(
    session: &mut Option<isolate::Session>,
    spec: &RunSpec,
    settings: &IsolationSettings,
    stdin_bytes: &[u8],
    reuse: &Reuse,
) -> Result<RunOutcome, SandboxError> {
    let stdin = isolate::stdin_fd(&spec.stdin, stdin_bytes)?;
    if !isolate::Session::possible(settings) || !isolate::Session::suits(spec) {
        // The one-shot run takes the supervisor's cgroup: no session may hold it.
        *session = None;
        let (outcome, cleanup) = isolate::run_isolated(spec, stdin, settings, reuse)?;
        cleanup.finish();
        return Ok(outcome);
    }
    if session.as_ref().is_some_and(|s| !s.fits(spec, settings)) {
        *session = None;
    }
    let current = match session {
        Some(current) => current,
        None => session.insert(isolate::Session::start(spec, settings, reuse)?),
    };
    crate::timing::mark("session ready");
    let result = current.run(spec, stdin);
    if !current.fits(spec, settings) {
        *session = None;
    }
    result
}

fn write_answer(output: &mut impl Write, result: Result<RunOutcome, HelperError>, seen: StepsSeen) -> io::Result<()> {
    let (result, stdout, stderr) = match result {
        Ok(mut outcome) => {
            let stdout = std::mem::take(&mut outcome.stdout);
            let stderr = std::mem::take(&mut outcome.stderr);
            (Ok(outcome), stdout, stderr)
        }
        Err(e) => (Err(e), Vec::new(), Vec::new()),
    };
    let answer = RunAnswer {
        result,
        stdout_len: stdout.len() as u64,
        stderr_len: stderr.len() as u64,
        report_len: seen.report.len() as u64,
        marks: seen.marks,
        timings: crate::timing::take(),
    };
    // The header in one write: serde_json writes token by token, and each
    // write on a socket would wake the judge.
    let mut header = serde_json::to_vec(&answer).map_err(io::Error::from)?;
    header.push(b'\n');
    output.write_all(&header)?;
    for part in [&stdout, &stderr, &seen.report] {
        if !part.is_empty() {
            output.write_all(part)?;
        }
    }
    output.flush()
}

/// Probes this host; the trial run's clean-up (and the removal of its work
/// dir) is left to the caller, to do after answering. With `share_netns`
/// the first trial runs in a shared network namespace held by a forked
/// holder; only if that fails is isolation tried without it.
fn probe(mut settings: IsolationSettings, share_netns: bool) -> (ProbeReport, ProbeCleanup) {
    let euid = nix::unistd::geteuid().as_raw();
    let cgroups = cgroup::detect();
    settings.cgroups = cgroups.clone().ok();
    settings.shared_netns = None;
    let dir = std::env::temp_dir().join(format!("oaj-probe-{}", std::process::id()));
    let mut cleanup = ProbeCleanup { run: None, holder: None, dir: dir.clone() };
    let shared = share_netns.then(|| {
        let holder = crate::netns::Holder::spawn().map_err(|e| format!("no shared one: {e}"))?;
        let mut trial = settings.clone();
        trial.shared_netns = Some(holder.netns.clone());
        cleanup.holder = Some(holder);
        let tried =
            trial_run(&trial, &dir, &mut cleanup).map_err(|e| format!("a trial run in a shared one failed: {e}"));
        if tried.is_err() {
            // The next trial's cgroup has this one's name: clean up first.
            cleanup.finish_run();
        }
        tried
    });
    let isolation = match &shared {
        Some(Ok(())) => Ok(()),
        _ => trial_run(&settings, &dir, &mut cleanup),
    };
    (
        ProbeReport { euid, cgroups, isolation, landlock_abi: crate::netns::landlock_abi(), shared_netns: shared },
        cleanup,
    )
}

/// One trial run of `true` with full isolation under `settings`.
fn trial_run(settings: &IsolationSettings, dir: &std::path::Path, cleanup: &mut ProbeCleanup) -> Result<(), String> {
    if let Some(holder) = &settings.shared_netns {
        crate::netns::check_join(holder).map_err(|e| format!("cannot join the shared network namespace: {e}"))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let spec = RunSpec {
        program: "true".into(),
        args: vec![],
        env: vec![("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into())],
        work_dir: dir.to_path_buf(),
        stdin: Stdin::Null,
        limits: Limits::for_test_case(std::time::Duration::from_secs(2), 64 << 20),
        read_only_paths: vec![],
        keep: crate::Keep::Nothing,
    };
    let stdin = isolate::stdin_fd(&Stdin::Null, &[]).map_err(|e| e.to_string())?;
    let (outcome, run_cleanup) =
        isolate::run_isolated(&spec, stdin, settings, &Reuse::default()).map_err(|e| e.to_string())?;
    cleanup.run = Some(run_cleanup);
    if outcome.success() {
        Ok(())
    } else {
        Err(format!(
            "a trial run of `true` failed: {:?}, stderr: {}",
            outcome.termination,
            String::from_utf8_lossy(&outcome.stderr)
        ))
    }
}

/// What is left of a probe: its trial run, the holder of the network
/// namespace it tried, and its work dir, cleaned up on drop.
struct ProbeCleanup {
    run: Option<isolate::Cleanup>,
    holder: Option<crate::netns::Holder>,
    dir: PathBuf,
}

impl ProbeCleanup {
    fn finish_run(&mut self) {
        if let Some(run) = self.run.take() {
            run.finish();
        }
    }
}

impl Drop for ProbeCleanup {
    fn drop(&mut self) {
        self.finish_run();
        drop(self.holder.take());
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
