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
use std::process::{Command, ExitCode, Stdio};

use serde::{Deserialize, Serialize};

use crate::cgroup::{self, CgroupLayout};
use crate::isolate::{self, IsolationSettings};
use crate::{Limits, RunOutcome, RunSpec, SandboxError, Stdin};

/// The hidden subcommand of the `oaj` binary that runs the exec helper.
pub const HELPER_SUBCOMMAND: &str = "__sandbox-exec";

/// The judge's pid, passed to the helper, which checks that it is still
/// its parent once its parent-death signal is armed.
const PARENT_ENV: &str = "OAJ_SANDBOX_PARENT";

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Request {
    /// Run one program. `Stdin::Bytes` arrives as `stdin_len` raw bytes
    /// after the JSON line.
    Run { settings: IsolationSettings, spec: Box<RunSpec>, stdin_len: u64 },
    /// Find out what isolation this host allows, by trying it.
    Probe { settings: IsolationSettings },
    /// Create the shared empty network namespace and hold it until stdin
    /// closes (when the judge exits).
    HoldNetns,
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
}

/// Entry point of `oaj __sandbox-exec`. Call it first thing in `main`,
/// before any thread or async runtime starts.
pub fn helper_main() -> ExitCode {
    // SAFETY: plain prctl: the helper must not outlive the judge thread
    // waiting for it (init and the program die with the helper in turn).
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) };
    // A judge that died before the prctl took effect sends no signal: then
    // the helper's parent is no longer the judge that started it.
    let judge = std::env::var(PARENT_ENV).ok().and_then(|pid| pid.parse::<i32>().ok());
    if judge.is_some_and(|pid| nix::unistd::getppid().as_raw() != pid) {
        eprintln!("oaj {HELPER_SUBCOMMAND}: the judge that started this helper has exited");
        return ExitCode::from(2);
    }
    match serve(&mut BufReader::new(io::stdin().lock()), &mut io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("oaj {HELPER_SUBCOMMAND}: {error}");
            ExitCode::from(2)
        }
    }
}

fn serve(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<()> {
    let mut line = String::new();
    input.read_line(&mut line)?;
    let request: Request = serde_json::from_str(&line).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("bad request ({e}); this subcommand is internal to the judge"),
        )
    })?;
    match request {
        Request::Run { settings, spec, stdin_len } => {
            let mut stdin_bytes = Vec::new();
            input.take(stdin_len).read_to_end(&mut stdin_bytes)?;
            let result =
                isolate::stdin_fd(&spec.stdin, &stdin_bytes).and_then(|fd| isolate::run_isolated(&spec, fd, &settings));
            let (result, cleanup) = match result {
                Ok((outcome, cleanup)) => (Ok(outcome), Some(cleanup)),
                Err(e) => (Err(HelperError::from(e)), None),
            };
            write_answer(output, result)?;
            // From here on the helper only cleans up, which is bounded: let
            // it finish even if the judge thread that waited for it exits as
            // soon as it has the answer.
            // SAFETY: plain prctl.
            unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, 0 as libc::c_ulong) };
            // The judge has its answer once our stdout closes; reaping and
            // removing the cgroup happen meanwhile.
            // SAFETY: nothing writes to stdout after the answer.
            unsafe { libc::close(libc::STDOUT_FILENO) };
            if let Some(cleanup) = cleanup {
                cleanup.finish();
            }
            Ok(())
        }
        Request::Probe { settings } => {
            let report = probe(settings);
            serde_json::to_writer(&mut *output, &report)?;
            output.write_all(b"\n")?;
            output.flush()
        }
        Request::HoldNetns => {
            // The holder lives as long as the judge process (until its stdin
            // closes), not as long as the judge thread that started it.
            // SAFETY: plain prctl and chdir with a valid C string.
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, 0 as libc::c_ulong);
                libc::chdir(c"/".as_ptr());
            }
            let holder = crate::netns::become_holder();
            serde_json::to_writer(&mut *output, &holder)?;
            output.write_all(b"\n")?;
            output.flush()?;
            if holder.is_ok() {
                io::copy(input, &mut io::sink())?;
            }
            Ok(())
        }
    }
}

fn write_answer(output: &mut impl Write, result: Result<RunOutcome, HelperError>) -> io::Result<()> {
    let (result, stdout, stderr) = match result {
        Ok(mut outcome) => {
            let stdout = std::mem::take(&mut outcome.stdout);
            let stderr = std::mem::take(&mut outcome.stderr);
            (Ok(outcome), stdout, stderr)
        }
        Err(e) => (Err(e), Vec::new(), Vec::new()),
    };
    let answer = RunAnswer { result, stdout_len: stdout.len() as u64, stderr_len: stderr.len() as u64 };
    serde_json::to_writer(&mut *output, &answer)?;
    output.write_all(b"\n")?;
    output.write_all(&stdout)?;
    output.write_all(&stderr)?;
    output.flush()
}

fn probe(mut settings: IsolationSettings) -> ProbeReport {
    let euid = nix::unistd::geteuid().as_raw();
    let cgroups = cgroup::detect();
    settings.cgroups = cgroups.clone().ok();
    let dir = std::env::temp_dir().join(format!("oaj-probe-{}", std::process::id()));
    let isolation = (|| -> Result<(), String> {
        if let Some(holder) = &settings.shared_netns {
            crate::netns::check_join(holder).map_err(|e| format!("cannot join the shared network namespace: {e}"))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let spec = RunSpec {
            program: "true".into(),
            args: vec![],
            env: vec![("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into())],
            work_dir: dir.clone(),
            stdin: Stdin::Null,
            limits: Limits::for_test_case(std::time::Duration::from_secs(2), 64 << 20),
            read_only_paths: vec![],
            keep: crate::Keep::Nothing,
        };
        let stdin = isolate::stdin_fd(&Stdin::Null, &[]).map_err(|e| e.to_string())?;
        let (outcome, cleanup) = isolate::run_isolated(&spec, stdin, &settings).map_err(|e| e.to_string())?;
        cleanup.finish();
        if outcome.success() {
            Ok(())
        } else {
            Err(format!(
                "a trial run of `true` failed: {:?}, stderr: {}",
                outcome.termination,
                String::from_utf8_lossy(&outcome.stderr)
            ))
        }
    })();
    let _ = std::fs::remove_dir_all(&dir);
    ProbeReport { euid, cgroups, isolation, landlock_abi: crate::netns::landlock_abi() }
}

/// How to start the exec helper: `program args... ` (the `oaj` binary and
/// [`HELPER_SUBCOMMAND`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

impl HelperCommand {
    /// The helper built into the `oaj` binary at `oaj_binary`.
    pub fn oaj(oaj_binary: impl Into<PathBuf>) -> Self {
        HelperCommand { program: oaj_binary.into(), args: vec![HELPER_SUBCOMMAND.to_string()] }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            // The helper needs nothing from the judge's environment.
            .env_clear()
            .env(PARENT_ENV, std::process::id().to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn exchange(&self, request: &Request, payload: &[u8]) -> Result<Vec<u8>, SandboxError> {
        let mut child = self.command().spawn().map_err(|e| {
            SandboxError::Setup(format!("cannot start the sandbox exec helper {}: {e}", self.program.display()))
        })?;
        let mut stdin = child.stdin.take().ok_or_else(|| SandboxError::Setup("exec helper has no stdin".into()))?;
        // The helper reads the whole request before it writes anything, so
        // writing it all first cannot deadlock. One write for the JSON line:
        // serde_json writes token by token, a syscall each on a pipe.
        let written = serde_json::to_vec(request)
            .map_err(io::Error::from)
            .and_then(|mut line| {
                line.push(b'\n');
                stdin.write_all(&line)
            })
            .and_then(|()| stdin.write_all(payload));
        drop(stdin);
        let mut answer = Vec::new();
        let read = child
            .stdout
            .take()
            .ok_or_else(|| SandboxError::Setup("exec helper has no stdout".into()))?
            .read_to_end(&mut answer);
        if written.is_ok() && read.is_ok() && answer.contains(&b'\n') {
            // The helper closes its stdout once it has answered and then
            // cleans up (reaps the sandbox, removes the cgroup); reap it
            // without waiting for that.
            std::thread::spawn(move || {
                let _ = child.wait_with_output();
            });
            return Ok(answer);
        }
        let output = child.wait_with_output()?;
        Err(SandboxError::Setup(format!(
            "the sandbox exec helper {} failed ({}): {}",
            self.program.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }

    pub(crate) fn run(&self, settings: &IsolationSettings, spec: &RunSpec) -> Result<RunOutcome, SandboxError> {
        let (spec, payload) = match &spec.stdin {
            Stdin::Bytes(bytes) => {
                let mut light = spec.clone();
                light.stdin = Stdin::Bytes(Vec::new());
                (light, bytes.as_slice())
            }
            _ => (spec.clone(), &[][..]),
        };
        let request =
            Request::Run { settings: settings.clone(), spec: Box::new(spec), stdin_len: payload.len() as u64 };
        let answer = self.exchange(&request, payload)?;
        let newline = answer.iter().position(|&b| b == b'\n').ok_or_else(|| bad_answer("no header line"))?;
        let header: RunAnswer = serde_json::from_slice(&answer[..newline]).map_err(|e| bad_answer(&e.to_string()))?;
        let body = &answer[newline + 1..];
        let stdout_len = header.stdout_len as usize;
        let stderr_len = header.stderr_len as usize;
        if body.len() != stdout_len + stderr_len {
            return Err(bad_answer("output lengths do not match"));
        }
        let mut outcome = header.result.map_err(SandboxError::from)?;
        outcome.stdout = body[..stdout_len].to_vec();
        outcome.stderr = body[stdout_len..].to_vec();
        Ok(outcome)
    }

    /// Starts the holder of the shared empty network namespace. The returned
    /// child must be kept (with its stdin open) for as long as runs use it.
    pub(crate) fn hold_netns(&self) -> Result<(crate::NetnsHolder, std::process::Child), SandboxError> {
        let mut child = self.command().spawn().map_err(|e| {
            SandboxError::Setup(format!("cannot start the sandbox exec helper {}: {e}", self.program.display()))
        })?;
        let answer = (|| -> Result<crate::NetnsHolder, SandboxError> {
            let mut line = serde_json::to_vec(&Request::HoldNetns).map_err(io::Error::from)?;
            line.push(b'\n');
            child
                .stdin
                .as_mut()
                .ok_or_else(|| SandboxError::Setup("exec helper has no stdin".into()))?
                .write_all(&line)?;
            // Byte by byte: the holder writes one line and then nothing.
            let stdout =
                child.stdout.as_mut().ok_or_else(|| SandboxError::Setup("exec helper has no stdout".into()))?;
            let mut answer = Vec::new();
            let mut byte = [0u8; 1];
            while stdout.read(&mut byte)? == 1 && byte[0] != b'\n' {
                answer.push(byte[0]);
            }
            let holder: Result<crate::NetnsHolder, String> =
                serde_json::from_slice(&answer).map_err(|e| bad_answer(&e.to_string()))?;
            holder.map_err(|e| SandboxError::Setup(format!("cannot create the shared network namespace: {e}")))
        })();
        match answer {
            Ok(holder) => Ok((holder, child)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(e)
            }
        }
    }

    pub(crate) fn probe(&self, settings: &IsolationSettings) -> Result<ProbeReport, SandboxError> {
        let answer = self.exchange(&Request::Probe { settings: settings.clone() }, &[])?;
        serde_json::from_slice(&answer).map_err(|e| bad_answer(&e.to_string()))
    }
}

fn bad_answer(what: &str) -> SandboxError {
    SandboxError::Setup(format!("the sandbox exec helper gave a malformed answer ({what}); is it the `oaj` binary?"))
}
