//! The case runner: one case of one judging, from its input to its
//! [`CaseResult`]. Everything a case needs is resolved once per judging
//! into a [`CaseRunner`] (the language, the build, the limits, the checker);
//! the verdict from how the process ended is the pure [`runtime_verdict`].

use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oaj_sandbox::{Keep, LimitHit, Limits, RunOutcome, RunSpec, Stdin, Termination};
use oaj_spec::{Problem, ProblemKind, TestCase, Visibility};

use crate::build::{self, Build};
use crate::checker::{CheckOutcome, PreparedChecker};
use crate::diff::short_diff;
use crate::env::{last_line, sysroot_of, RunEnv};
use crate::function::HARNESS_DATA_ERROR_EXIT;
use crate::language::Language;
use crate::result::{CaseResult, Verdict};
use crate::JudgeError;

/// Stdout kept from a solution; more is an output-limit verdict.
pub(crate) const OUTPUT_LIMIT_BYTES: u64 = 64 << 20;

/// Everything a case needs, shared by the case tasks of one judging.
pub(crate) struct CaseRunner {
    pub(crate) env: RunEnv,
    /// The submission's language, resolved once.
    pub(crate) language: Language,
    pub(crate) build: Build,
    pub(crate) checker: PreparedChecker,
    pub(crate) kind: ProblemKind,
    pub(crate) limits: Limits,
    pub(crate) rules: VerdictRules,
    pub(crate) run_command: Vec<String>,
    pub(crate) read_only_paths: Vec<PathBuf>,
    /// Parameters of a function problem's signature (0 for stdio).
    pub(crate) params: usize,
    /// Keep up to this many bytes of a failing case's output
    /// ([`crate::JudgeOptions::keep_output_bytes`]).
    pub(crate) keep_output_bytes: usize,
    /// Sandbox sessions of this judging, one per slot in use (a case takes
    /// one and puts it back): cases of this submission only, never shared
    /// with another judging. See [`oaj_sandbox::Session`].
    sessions: Mutex<Vec<oaj_sandbox::Session>>,
    /// The run directory every case of this judging starts from (the
    /// build's artifacts), made once. Only with isolation: an isolated run
    /// gets a private copy of it and writes nothing back, so the cases
    /// share it safely; without isolation each case gets its own.
    shared_run_dir: Mutex<Option<Arc<tempfile::TempDir>>>,
}

/// What [`runtime_verdict`] decides by: the limits as the problem states
/// them and what the language's runtime prints when memory runs out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VerdictRules {
    /// The problem's time limit scaled by the language's multiplier.
    pub(crate) time_limit: Duration,
    pub(crate) wall_limit: Duration,
    /// The problem's memory limit (the sandbox's is higher by the
    /// language's overhead).
    pub(crate) memory_limit_bytes: u64,
    /// The language's `memory_overhead_mb`: what its runtime may use on
    /// top, named in an MLE's message so the limit that was hit adds up.
    pub(crate) memory_overhead_mb: u64,
    pub(crate) kind: ProblemKind,
    /// See [`Language::memory_error_patterns`].
    pub(crate) memory_error_patterns: Vec<String>,
}

/// The problem's time limit scaled by the language's multiplier.
pub(crate) fn language_time_limit(problem: &Problem, language: &Language) -> Duration {
    Duration::from_millis((problem.limits.time_limit_ms as f64 * language.time_multiplier).ceil() as u64)
}

impl CaseRunner {
    /// Limits and commands for running `language`'s `build` on `problem`.
    pub(crate) fn new(
        env: RunEnv,
        problem: &Problem,
        language: &Language,
        build: Build,
        checker: PreparedChecker,
    ) -> Self {
        let time_limit = language_time_limit(problem, language);
        let memory_limit_bytes = problem.limits.memory_limit_mb << 20;
        let mut limits = Limits::for_test_case(time_limit, memory_limit_bytes + (language.memory_overhead_mb << 20));
        limits.processes = language.processes;
        limits.stdout_bytes = OUTPUT_LIMIT_BYTES;
        CaseRunner {
            env,
            rules: VerdictRules {
                time_limit,
                wall_limit: limits.wall_time,
                memory_limit_bytes,
                memory_overhead_mb: language.memory_overhead_mb,
                kind: problem.kind,
                memory_error_patterns: language.memory_error_patterns.clone(),
            },
            language: language.clone(),
            build,
            checker,
            kind: problem.kind,
            limits,
            run_command: language.run_command(problem.limits.memory_limit_mb),
            read_only_paths: sysroot_of(language),
            params: problem.signature.as_ref().map_or(0, |s| s.params.len()),
            keep_output_bytes: 0,
            sessions: Mutex::new(Vec::new()),
            shared_run_dir: Mutex::new(None),
        }
    }

    pub(crate) fn time_limit(&self) -> Duration {
        self.rules.time_limit
    }

    /// Sets the wall-clock limit of every run (see
    /// [`crate::JudgeOptions::wall_limit_factor`]).
    pub(crate) fn set_wall_limit(&mut self, wall: Duration) {
        self.limits.wall_time = wall;
        self.rules.wall_limit = wall;
    }

    /// Runs one case and decides its verdict. Blocking.
    pub(crate) fn run_case(&self, case: &TestCase) -> CaseResult {
        let mut result = CaseResult {
            name: case.name.clone(),
            verdict: Verdict::IE,
            time_ms: 0,
            wall_ms: 0,
            memory_kb: 0,
            message: String::new(),
            visibility: case.visibility,
            stopped_by_wall_clock: false,
            diff: None,
            stderr: None,
            output: None,
        };
        let outcome = match self.run_solution(Stdin::File(case.input.clone())) {
            Ok(outcome) => outcome,
            Err(e) => {
                result.message = e.to_string();
                return result;
            }
        };
        result.time_ms = outcome.cpu_time.as_millis() as u64;
        result.wall_ms = outcome.wall_time.as_millis() as u64;
        result.memory_kb = outcome.peak_memory_bytes / 1024;
        let is_sample = case.visibility == Visibility::Sample;
        if is_sample && !outcome.stderr.is_empty() {
            result.stderr = Some(String::from_utf8_lossy(&outcome.stderr).into_owned());
        }

        let (verdict, message) = runtime_verdict(&self.rules, &outcome);
        result.stopped_by_wall_clock = verdict == Verdict::TLE && stopped_by_wall_clock(&self.rules, &outcome);
        if verdict != Verdict::AC {
            result.verdict = verdict;
            result.message = message;
            result.output = self.kept_output(&outcome.stdout);
            return result;
        }
        let answer = match fs::read(&case.answer) {
            Ok(answer) => answer,
            Err(e) => {
                result.message = format!("cannot read the answer file {}: {e}", case.answer.display());
                return result;
            }
        };
        let check = self.check(case, &outcome.stdout, &answer);
        result.verdict = check.verdict;
        result.message = check.message;
        if result.verdict != Verdict::AC {
            result.output = self.kept_output(&outcome.stdout);
        }
        if is_sample && result.verdict == Verdict::WA {
            result.diff = Some(short_diff(&answer, &outcome.stdout));
        }
        result
    }

    /// Checks one case's output with the problem's checker.
    pub(crate) fn check(&self, case: &TestCase, output: &[u8], answer: &[u8]) -> CheckOutcome {
        self.checker.check(&self.env, self.kind, case, output, answer)
    }

    /// Runs the solution once on `stdin` with the case limits. Blocking.
    pub(crate) fn run_solution(&self, stdin: Stdin) -> Result<RunOutcome, JudgeError> {
        let (_run_dir, spec) = self.solution_spec(stdin, &[], self.limits.clone())?;
        let taken = self.sessions.lock().ok().and_then(|mut sessions| sessions.pop());
        let mut session = taken.unwrap_or_else(|| self.env.sandbox.session());
        let outcome = session.run(&spec).map_err(JudgeError::Sandbox);
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.push(session);
        }
        outcome
    }

    /// The solution as a stepped run (see [`oaj_sandbox::Step`]), with
    /// arguments after the language's run command and other limits: a
    /// function problem's batch run.
    pub(crate) fn run_solution_steps(
        &self,
        extra_args: &[String],
        limits: Limits,
        steps: &[oaj_sandbox::Step],
    ) -> Result<oaj_sandbox::SteppedOutcome, JudgeError> {
        let (_run_dir, spec) = self.solution_spec(Stdin::Null, extra_args, limits)?;
        self.env.sandbox.run_steps(&spec, steps).map_err(JudgeError::Sandbox)
    }

    /// A run directory with the build's artifacts (the judging's shared
    /// one when runs are isolated, else a fresh one), and the spec that runs
    /// the solution in it (the directory lives as long as the guard).
    fn solution_spec(
        &self,
        stdin: Stdin,
        extra_args: &[String],
        limits: Limits,
    ) -> Result<(Arc<tempfile::TempDir>, RunSpec), JudgeError> {
        let run_dir = if self.env.sandbox.is_isolated() {
            let mut shared = self.shared_run_dir.lock().map_err(|_| JudgeError::Internal("a case panicked".into()))?;
            match &*shared {
                Some(dir) => dir.clone(),
                None => shared.insert(self.new_run_dir()?).clone(),
            }
        } else {
            self.new_run_dir()?
        };
        let spec = RunSpec {
            program: self.run_command[0].clone(),
            args: self.run_command[1..].iter().chain(extra_args).cloned().collect(),
            env: self.language.env(),
            work_dir: run_dir.path().to_path_buf(),
            stdin,
            limits,
            read_only_paths: self.read_only_paths.clone(),
            // A test run's files die with it.
            keep: Keep::Nothing,
        };
        Ok((run_dir, spec))
    }

    fn new_run_dir(&self) -> Result<Arc<tempfile::TempDir>, JudgeError> {
        let run_dir = self.env.scratch_dir()?;
        build::place_artifacts(&self.build, &self.language, run_dir.path())
            .map_err(|e| JudgeError::io(run_dir.path(), e))?;
        Ok(Arc::new(run_dir))
    }

    /// The start of a failing case's output when the caller asked to keep it.
    pub(crate) fn kept_output(&self, stdout: &[u8]) -> Option<String> {
        if self.keep_output_bytes == 0 {
            return None;
        }
        let cut = &stdout[..stdout.len().min(self.keep_output_bytes)];
        Some(String::from_utf8_lossy(cut).into_owned())
    }
}

/// The verdict from how the process ended, before looking at its output;
/// AC here means "ran cleanly".
pub(crate) fn runtime_verdict(rules: &VerdictRules, outcome: &RunOutcome) -> (Verdict, String) {
    let limit_ms = rules.time_limit.as_millis();
    let memory_mb = rules.memory_limit_bytes >> 20;
    // A runtime's own allowance is named, so the limit that was hit adds up.
    let allowance = match rules.memory_overhead_mb {
        0 => String::new(),
        runtime => format!("; the language's runtime may use {runtime} MiB more of its own"),
    };
    let tle = (Verdict::TLE, format!("time limit {limit_ms} ms exceeded"));
    match outcome.limit_hit {
        Some(LimitHit::CpuTime) => return tle,
        Some(LimitHit::WallTime) => {
            return (
                Verdict::TLE,
                format!(
                    "wall-clock limit {} ms exceeded (sleeping or waiting for input?)",
                    rules.wall_limit.as_millis()
                ),
            )
        }
        Some(LimitHit::Memory) => return (Verdict::MLE, format!("memory limit {memory_mb} MiB exceeded{allowance}")),
        Some(LimitHit::Output) => {
            return (Verdict::OLE, format!("output limit {} MiB exceeded", OUTPUT_LIMIT_BYTES >> 20))
        }
        Some(LimitHit::FileSize) => return (Verdict::OLE, "file size limit exceeded".to_string()),
        Some(LimitHit::Processes) => return (Verdict::RE, "too many processes or threads".to_string()),
        None => {}
    }
    if outcome.cpu_time > rules.time_limit {
        return tle;
    }
    let stderr = String::from_utf8_lossy(&outcome.stderr);
    let failed = match outcome.termination {
        Termination::Exited(0) => return (Verdict::AC, String::new()),
        Termination::Exited(code) => {
            if rules.kind == ProblemKind::Function && code == HARNESS_DATA_ERROR_EXIT {
                return (Verdict::IE, format!("the test data does not fit the signature: {}", last_line(&stderr)));
            }
            format!("exit code {code}")
        }
        Termination::Signaled(signal) => format!("killed by {}", oaj_sandbox::signal_name(signal)),
    };
    if rules.memory_error_patterns.iter().any(|p| stderr.contains(p.as_str())) {
        return (Verdict::MLE, format!("memory limit {memory_mb} MiB exceeded ({failed}){allowance}"));
    }
    let detail = last_line(&stderr);
    let message = if detail.is_empty() { failed } else { format!("{failed}: {detail}") };
    (Verdict::RE, message)
}

/// Whether a run was stopped by the wall clock alone: its CPU time was
/// still within the time limit, so the stop shows no slowness of the
/// program (see [`CaseResult::stopped_by_wall_clock`]). The sandbox reports
/// a run stopped at the wall clock when already over its CPU time as a CPU
/// limit; the CPU time is compared here too, so the two can never both
/// hold.
pub(crate) fn stopped_by_wall_clock(rules: &VerdictRules, outcome: &RunOutcome) -> bool {
    outcome.limit_hit == Some(LimitHit::WallTime) && outcome.cpu_time <= rules.time_limit
}

/// The result of a case the judge failed on (a panic while running it).
pub(crate) fn panic_case(name: String, visibility: Visibility, message: String) -> CaseResult {
    CaseResult {
        name,
        verdict: Verdict::IE,
        time_ms: 0,
        wall_ms: 0,
        memory_kb: 0,
        message: format!("the judge failed while running this case: {message}"),
        visibility,
        stopped_by_wall_clock: false,
        diff: None,
        stderr: None,
        output: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(kind: ProblemKind) -> VerdictRules {
        VerdictRules {
            time_limit: Duration::from_millis(1000),
            wall_limit: Duration::from_millis(3000),
            memory_limit_bytes: 256 << 20,
            memory_overhead_mb: 0,
            kind,
            memory_error_patterns: vec!["MemoryError".to_string()],
        }
    }

    /// A runtime's own allowance (Java, JavaScript) is named in an MLE's
    /// message; without one the message is the limit alone.
    #[test]
    fn memory_messages_name_the_runtimes_allowance() {
        let node = VerdictRules { memory_overhead_mb: 64, ..rules(ProblemKind::Stdio) };
        let killed = outcome(Termination::Signaled(9), 20, Some(LimitHit::Memory), "");
        let (verdict, message) = runtime_verdict(&node, &killed);
        assert_eq!(verdict, Verdict::MLE);
        assert_eq!(message, "memory limit 256 MiB exceeded; the language's runtime may use 64 MiB more of its own");
        let raised = outcome(Termination::Exited(1), 20, None, "MemoryError\n");
        let (_, message) = runtime_verdict(&node, &raised);
        assert_eq!(
            message,
            "memory limit 256 MiB exceeded (exit code 1); the language's runtime may use 64 MiB more of its own"
        );
        let (_, message) = runtime_verdict(&rules(ProblemKind::Stdio), &killed);
        assert_eq!(message, "memory limit 256 MiB exceeded");
    }

    fn outcome(termination: Termination, cpu_ms: u64, limit_hit: Option<LimitHit>, stderr: &str) -> RunOutcome {
        RunOutcome {
            termination,
            cpu_time: Duration::from_millis(cpu_ms),
            wall_time: Duration::from_millis(cpu_ms + 5),
            peak_memory_bytes: 1 << 20,
            stdout: vec![],
            stderr: stderr.as_bytes().to_vec(),
            stderr_truncated: false,
            limit_hit,
        }
    }

    #[test]
    fn runtime_verdicts_follow_how_the_process_ended() {
        use LimitHit::*;
        use ProblemKind::{Function, Stdio};
        use Termination::{Exited, Signaled};
        use Verdict::*;
        // (kind, termination, cpu ms, limit, stderr, verdict, message holds)
        type Row = (ProblemKind, Termination, u64, Option<LimitHit>, &'static str, Verdict, &'static str);
        let table: Vec<Row> = vec![
            (Stdio, Exited(0), 10, None, "", AC, ""),
            (Stdio, Exited(0), 10, None, "debug print\n", AC, ""),
            // Over the limit by the measured time alone, even if it exited 0.
            (Stdio, Exited(0), 1001, None, "", TLE, "time limit 1000 ms"),
            (Stdio, Exited(0), 1000, None, "", AC, ""),
            (Stdio, Signaled(9), 1200, Some(CpuTime), "", TLE, "time limit 1000 ms"),
            (Stdio, Signaled(9), 20, Some(WallTime), "", TLE, "wall-clock limit 3000 ms"),
            (Stdio, Signaled(9), 20, Some(Memory), "", MLE, "memory limit 256 MiB"),
            (Stdio, Signaled(9), 20, Some(Output), "", OLE, "output limit 64 MiB"),
            (Stdio, Signaled(25), 20, Some(FileSize), "", OLE, "file size limit"),
            (Stdio, Exited(1), 20, Some(Processes), "", RE, "too many processes"),
            // The limit wins over the exit status.
            (Stdio, Exited(0), 20, Some(Memory), "", MLE, "memory limit"),
            (Stdio, Exited(3), 20, None, "", RE, "exit code 3"),
            (Stdio, Exited(1), 20, None, "trace\n  at x\nValueError: bad\n\n", RE, "exit code 1: ValueError: bad"),
            (Stdio, Signaled(11), 20, None, "", RE, "killed by SIGSEGV"),
            (Stdio, Exited(1), 20, None, "MemoryError\n", MLE, "memory limit 256 MiB exceeded (exit code 1)"),
            (Stdio, Signaled(6), 20, None, "x MemoryError y", MLE, "killed by SIGABRT"),
            // The harness's data-error exit is the problem's fault, only on
            // function problems.
            (
                Function,
                Exited(HARNESS_DATA_ERROR_EXIT),
                20,
                None,
                "malformed: x\n",
                IE,
                "does not fit the signature: malformed: x",
            ),
            (Stdio, Exited(HARNESS_DATA_ERROR_EXIT), 20, None, "", RE, "exit code 86"),
            // CPU over the limit wins over any exit status, the harness's too.
            (Function, Exited(HARNESS_DATA_ERROR_EXIT), 1500, None, "", TLE, "time limit"),
        ];
        for (kind, termination, cpu, limit, stderr, verdict, holds) in table {
            let (got, message) = runtime_verdict(&rules(kind), &outcome(termination, cpu, limit, stderr));
            assert_eq!(got, verdict, "{termination:?} {cpu} ms {limit:?} {stderr:?}: {message}");
            assert!(message.contains(holds), "{termination:?} {limit:?}: {message:?} lacks {holds:?}");
            if verdict == AC {
                assert!(message.is_empty());
            }
        }
    }

    #[test]
    fn only_a_wall_clock_stop_under_the_cpu_limit_is_marked() {
        use LimitHit::*;
        use Termination::Signaled;
        // (cpu ms, limit hit, stopped by the wall clock alone); the limit is 1000 ms.
        let table: &[(u64, Option<LimitHit>, bool)] = &[
            // A CPU-starved (or sleeping) run killed at the wall clock.
            (20, Some(WallTime), true),
            (1000, Some(WallTime), true),
            // Over its CPU time when the wall clock struck: proven slow.
            (1001, Some(WallTime), false),
            (1200, Some(CpuTime), false),
            (1001, None, false),
            (20, None, false),
            (20, Some(Memory), false),
        ];
        for &(cpu, limit, expected) in table {
            let got = stopped_by_wall_clock(&rules(ProblemKind::Stdio), &outcome(Signaled(9), cpu, limit, ""));
            assert_eq!(got, expected, "{cpu} ms CPU, {limit:?}");
        }
    }

    #[test]
    fn long_stderr_is_quoted_by_its_last_line_shortened() {
        let line = "x".repeat(1000);
        let (_, message) =
            runtime_verdict(&rules(ProblemKind::Stdio), &outcome(Termination::Exited(1), 5, None, &line));
        assert!(message.starts_with("exit code 1: xxx") && message.ends_with("...") && message.len() < 330);
    }
}
