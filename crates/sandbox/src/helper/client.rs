//! The judge's side of the exec helper: starting it (or reaching the
//! sandbox server), sending a request and reading the answer.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::{ProbeReport, Request, RunAnswer, HELPER_SUBCOMMAND, PARENT_ENV};
use crate::isolate::IsolationSettings;
use crate::server::ServerClient;
use crate::steps::{StepPlan, SteppedOutcome};
use crate::{RunOutcome, RunSpec, SandboxError, Stdin, Step};

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
        self.exchange_timed(None, request, payload, &mut Vec::new())
    }

    /// [`HelperCommand::exchange`] through the sandbox server when there is
    /// one (else with a helper of its own), marking the judge side's phases.
    fn exchange_timed(
        &self,
        server: Option<&ServerClient>,
        request: &Request,
        payload: &[u8],
        timings: &mut Vec<(String, u64)>,
    ) -> Result<Vec<u8>, SandboxError> {
        if let Some(server) = server {
            timings.push(("judge: connecting to server".into(), crate::timing::now_ns()));
            let mut line = serde_json::to_vec(request).map_err(io::Error::from)?;
            line.push(b'\n');
            if let Some(answer) = server.exchange(&line, payload) {
                timings.push(("judge: answer read".into(), crate::timing::now_ns()));
                return match answer {
                    Ok(answer) if answer.contains(&b'\n') => Ok(answer),
                    Ok(_) => Err(SandboxError::Setup(
                        "the sandbox server's supervisor ended without answering (its error is on the judge's stderr)"
                            .into(),
                    )),
                    Err(e) => Err(SandboxError::Setup(format!("talking to the sandbox server: {e}"))),
                };
            }
        }
        timings.push(("judge: spawning helper".into(), crate::timing::now_ns()));
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
        timings.push(("judge: request written".into(), crate::timing::now_ns()));
        let mut answer = Vec::new();
        let read = child
            .stdout
            .take()
            .ok_or_else(|| SandboxError::Setup("exec helper has no stdout".into()))?
            .read_to_end(&mut answer);
        timings.push(("judge: answer read".into(), crate::timing::now_ns()));
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

    pub(crate) fn run(
        &self,
        server: Option<&ServerClient>,
        settings: &IsolationSettings,
        spec: &RunSpec,
    ) -> Result<RunOutcome, SandboxError> {
        let (spec, payload) = match &spec.stdin {
            Stdin::Bytes(bytes) => {
                let mut light = spec.clone();
                light.stdin = Stdin::Bytes(Vec::new());
                (light, bytes.as_slice())
            }
            _ => (spec.clone(), &[][..]),
        };
        let spec = with_absolute_paths(spec)?;
        let request = Request::Run {
            settings: settings.clone(),
            spec: Box::new(spec),
            stdin_len: payload.len() as u64,
            steps: None,
        };
        let mut timings = Vec::new();
        let answer = self.exchange_timed(server, &request, payload, &mut timings)?;
        let (outcome, helper_timings) = parse_answer(&answer)?;
        timings.extend(helper_timings);
        crate::timing::report(timings);
        Ok(outcome.outcome)
    }

    pub(crate) fn run_steps(
        &self,
        server: Option<&ServerClient>,
        settings: &IsolationSettings,
        spec: &RunSpec,
        steps: &[Step],
    ) -> Result<SteppedOutcome, SandboxError> {
        let plans = steps
            .iter()
            .map(|s| StepPlan { input_len: s.input.len() as u64, cpu_time: s.cpu_time, wall_time: s.wall_time })
            .collect();
        let payload: Vec<u8> = steps.iter().flat_map(|s| s.input.iter().copied()).collect();
        let spec = with_absolute_paths(spec.clone())?;
        let request =
            Request::Run { settings: settings.clone(), spec: Box::new(spec), stdin_len: 0, steps: Some(plans) };
        let answer = self.exchange_timed(server, &request, &payload, &mut Vec::new())?;
        parse_answer(&answer).map(|(outcome, _)| outcome)
    }

    pub(crate) fn probe(&self, settings: &IsolationSettings, share_netns: bool) -> Result<ProbeReport, SandboxError> {
        let answer = self.exchange(&Request::Probe { settings: settings.clone(), share_netns }, &[])?;
        serde_json::from_slice(&answer).map_err(|e| bad_answer(&e.to_string()))
    }
}

/// One case over a session connection (see [`crate::Session`]): the
/// request, then the answer read by its lengths, the connection left open.
/// The outer error is the connection's (the caller drops it); the inner one
/// is the run's.
pub(crate) fn session_exchange(
    connection: &mut io::BufReader<std::os::unix::net::UnixStream>,
    settings: &IsolationSettings,
    spec: &RunSpec,
) -> io::Result<Result<RunOutcome, SandboxError>> {
    use std::io::BufRead;
    let mut timings = vec![("judge: sending the case".to_string(), crate::timing::now_ns())];
    let (light, payload) = match &spec.stdin {
        Stdin::Bytes(bytes) => {
            let mut light = spec.clone();
            light.stdin = Stdin::Bytes(Vec::new());
            (light, bytes.as_slice())
        }
        _ => (spec.clone(), &[][..]),
    };
    let light = match with_absolute_paths(light) {
        Ok(light) => light,
        Err(e) => return Ok(Err(e)),
    };
    let request =
        Request::SessionRun { settings: settings.clone(), spec: Box::new(light), stdin_len: payload.len() as u64 };
    let mut line = serde_json::to_vec(&request).map_err(io::Error::from)?;
    line.push(b'\n');
    line.extend_from_slice(payload);
    connection.get_mut().write_all(&line)?;
    let mut answer = Vec::new();
    connection.read_until(b'\n', &mut answer)?;
    if answer.last() != Some(&b'\n') {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the session's supervisor ended without answering"));
    }
    let header: RunAnswer =
        serde_json::from_slice(&answer).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
    let expected = answer.len() as u64 + header.stdout_len + header.stderr_len + header.report_len;
    connection.by_ref().take(expected - answer.len() as u64).read_to_end(&mut answer)?;
    if answer.len() as u64 != expected {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the session's answer was cut short"));
    }
    timings.push(("judge: answer read".into(), crate::timing::now_ns()));
    // The lengths match: an error here is the run's, not the connection's.
    Ok(parse_answer(&answer).map(|(outcome, helper_timings)| {
        timings.extend(helper_timings);
        crate::timing::report(timings);
        outcome.outcome
    }))
}

/// The spec with its host paths made absolute against the judge's current
/// directory: the sandbox server, which opens them, has a current
/// directory of its own.
fn with_absolute_paths(mut spec: RunSpec) -> Result<RunSpec, SandboxError> {
    spec.work_dir = std::path::absolute(&spec.work_dir)?;
    if let Stdin::File(path) = &spec.stdin {
        spec.stdin = Stdin::File(std::path::absolute(path)?);
    }
    spec.read_only_paths = spec.read_only_paths.iter().map(std::path::absolute).collect::<io::Result<_>>()?;
    Ok(spec)
}

/// Splits a run's answer: the JSON header, then stdout, stderr and a
/// stepped run's report as raw bytes.
fn parse_answer(answer: &[u8]) -> Result<(SteppedOutcome, Vec<(String, u64)>), SandboxError> {
    let newline = answer.iter().position(|&b| b == b'\n').ok_or_else(|| bad_answer("no header line"))?;
    let header: RunAnswer = serde_json::from_slice(&answer[..newline]).map_err(|e| bad_answer(&e.to_string()))?;
    let body = &answer[newline + 1..];
    let stdout_len = header.stdout_len as usize;
    let stderr_len = header.stderr_len as usize;
    let report_len = header.report_len as usize;
    if body.len() != stdout_len + stderr_len + report_len {
        return Err(bad_answer("output lengths do not match"));
    }
    let mut outcome = header.result.map_err(SandboxError::from)?;
    outcome.stdout = body[..stdout_len].to_vec();
    outcome.stderr = body[stdout_len..stdout_len + stderr_len].to_vec();
    let stepped = SteppedOutcome { outcome, report: body[stdout_len + stderr_len..].to_vec(), marks: header.marks };
    Ok((stepped, header.timings))
}

fn bad_answer(what: &str) -> SandboxError {
    SandboxError::Setup(format!("the sandbox exec helper gave a malformed answer ({what}); is it the `oaj` binary?"))
}
