//! From a submission to a [`JudgeResult`]: compile (cached), run every case
//! in the sandbox in parallel, check, and report progress as cases finish.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use oaj_sandbox::{Keep, LimitHit, Limits, RunOutcome, RunSpec, Sandbox, Stdin, Termination};
use oaj_spec::{Checker, CustomChecker, Problem, ProblemKind, TestCase, Visibility};
use tokio::sync::{mpsc::UnboundedSender, Semaphore};

use crate::build::{self, Build, SourceFile};
use crate::checker::{self, CheckOutcome};
use crate::diff::short_diff;
use crate::language::{Language, Languages};
use crate::result::{CaseResult, JudgeEvent, JudgeResult, Verdict};
use crate::JudgeError;

pub(crate) mod input_validation;

/// Exit status a generated function-problem harness uses when the test data
/// itself is malformed: the problem's fault, so a judge error.
pub const HARNESS_DATA_ERROR_EXIT: i32 = 86;

/// Stdout kept from a solution; more is an output-limit verdict.
const OUTPUT_LIMIT_BYTES: u64 = 64 << 20;

pub struct JudgeConfig {
    pub languages: Languages,
    pub sandbox: Sandbox,
    /// Compiled builds and per-run scratch directories live here.
    pub cache_dir: PathBuf,
    /// Cases run at once; defaults to the number of cores.
    pub parallelism: usize,
}

impl JudgeConfig {
    pub fn new(languages: Languages, sandbox: Sandbox, cache_dir: PathBuf) -> Self {
        let parallelism = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        JudgeConfig { languages, sandbox, cache_dir, parallelism }
    }
}

/// A submission: the language id and the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub language: String,
    pub source: String,
}

/// Which cases to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseSelection {
    /// Samples, then hidden cases; hidden cases decide the score.
    #[default]
    All,
    /// Samples only; they decide the score (a "run on samples" button).
    Samples,
    /// Hidden cases only (a "submit" button).
    Hidden,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JudgeOptions {
    pub cases: CaseSelection,
    /// Stop starting cases after the first one that is not accepted.
    pub fail_fast: bool,
    /// Stop starting cases after a hidden one gets this verdict (`oaj
    /// validate` needs one TLE from a too-slow solution, not all of them).
    pub stop_on: Option<Verdict>,
    /// Run every hidden case of a function problem in its own process even
    /// where the language's harness has a batch mode (see [`crate::batch`]).
    pub function_per_case: bool,
    /// Keep up to this many bytes of the program's output on every case that
    /// is not accepted ([`CaseResult::output`]), so a report written after
    /// an OA can show what a failing hidden case printed. 0 keeps nothing.
    pub keep_output_bytes: usize,
    /// Cases run at once, at most (0: as many as the judge's parallelism).
    /// One at a time makes `stop_on` waste nothing: `oaj validate` runs a
    /// too-slow solution until its first TLE, not two cases at once.
    pub max_parallel_cases: usize,
}

/// The judge. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Judge {
    inner: Arc<JudgeConfig>,
}

/// Everything a case needs, shared by the case tasks of one judging.
pub(crate) struct CaseContext {
    pub(crate) language_id: String,
    pub(crate) build: Build,
    pub(crate) checker: PreparedChecker,
    pub(crate) kind: ProblemKind,
    pub(crate) limits: Limits,
    pub(crate) time_limit: Duration,
    pub(crate) memory_limit_bytes: u64,
    pub(crate) run_command: Vec<String>,
    pub(crate) read_only_paths: Vec<PathBuf>,
    /// Parameters of a function problem's signature (0 for stdio).
    pub(crate) params: usize,
    /// See [`JudgeOptions::keep_output_bytes`].
    pub(crate) keep_output_bytes: usize,
}

pub(crate) enum PreparedChecker {
    Builtin(Checker),
    Custom {
        language_id: String,
        build: Build,
        args: Vec<String>,
    },
    /// The custom checker did not compile: every case is a judge error.
    Broken(String),
}

impl Judge {
    /// A judge on `config`. Work dirs that a judge killed mid-run left in
    /// the cache dir (it never got to remove them) are removed now; see
    /// [`crate::build::sweep_stale_work_dirs`].
    pub fn new(config: JudgeConfig) -> Self {
        crate::build::sweep_stale_work_dirs(&config.cache_dir);
        Judge { inner: Arc::new(config) }
    }

    pub fn languages(&self) -> &Languages {
        &self.inner.languages
    }

    pub fn sandbox(&self) -> &Sandbox {
        &self.inner.sandbox
    }

    pub fn cache_dir(&self) -> &Path {
        &self.inner.cache_dir
    }

    /// Judges `submission` on `problem`. Progress goes to `events` as it
    /// happens; the full result is returned at the end.
    pub async fn judge(
        &self,
        problem: Arc<Problem>,
        submission: Submission,
        options: JudgeOptions,
        events: Option<UnboundedSender<JudgeEvent>>,
    ) -> Result<JudgeResult, JudgeError> {
        let emit = |event: JudgeEvent| {
            if let Some(tx) = &events {
                let _ = tx.send(event);
            }
        };
        let language = self.inner.languages.get(&submission.language)?;
        emit(JudgeEvent::Compiling);
        let build = self.compile_submission(&problem, &submission).await?;
        emit(JudgeEvent::Compiled { report: build.report.clone() });

        let counted: Vec<&TestCase> = match options.cases {
            CaseSelection::Samples => problem.samples.iter().collect(),
            CaseSelection::All | CaseSelection::Hidden => problem.hidden.iter().collect(),
        };
        let total = counted.len();
        let total_points: f64 = counted.iter().map(|c| c.points.unwrap_or(1.0)).fold(0.0, |a, b| a + b);
        let mut result = JudgeResult {
            problem: problem.slug.clone(),
            language: language.id.clone(),
            time_limit_ms: language_time_limit(&problem, language).as_millis() as u64,
            verdict: Verdict::CE,
            passed: 0,
            total,
            score: 0.0,
            compile: build.report.clone(),
            cases: vec![],
        };
        if !build.report.ok {
            return Ok(result);
        }

        let checker = self.prepare_checker(&problem).await?;
        let mut context = case_context(&problem, language, build, checker);
        context.keep_output_bytes = options.keep_output_bytes;
        let context = Arc::new(context);

        let cases: Vec<TestCase> = match options.cases {
            CaseSelection::All => problem.all_cases().cloned().collect(),
            CaseSelection::Samples => problem.samples.clone(),
            CaseSelection::Hidden => problem.hidden.clone(),
        };
        let of = cases.len();
        let parallel = match options.max_parallel_cases {
            0 => self.inner.parallelism,
            limit => limit.min(self.inner.parallelism),
        };
        let semaphore = Arc::new(Semaphore::new(parallel.max(1)));
        let stop = Arc::new(AtomicBool::new(false));
        let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
        // Hidden cases of a function problem run in one process when the
        // language's harness can and the sandbox can time each case from
        // outside (see `batch`); samples stay one process each, since
        // their stderr is shown per case.
        let batched = problem.kind == ProblemKind::Function
            && !options.function_per_case
            && crate::function::supports_batch(&language.id)
            && self.inner.sandbox.supports_steps();
        let mut batch: Vec<(usize, TestCase)> = Vec::new();
        for (index, case) in cases.into_iter().enumerate() {
            if batched && case.visibility == Visibility::Hidden {
                batch.push((index, case));
                continue;
            }
            // Slots are taken here, in case order, so cases start in the
            // problem's order (the largest cases are named to come first).
            let Ok(permit) = semaphore.clone().acquire_owned().await else { break };
            let (this, context, stop, done_tx) = (self.clone(), context.clone(), stop.clone(), done_tx.clone());
            tokio::spawn(async move {
                let _permit = permit;
                if stop.load(Ordering::SeqCst) {
                    let _ = done_tx.send((index, None));
                    return;
                }
                let (name, visibility) = (case.name.clone(), case.visibility);
                let outcome = tokio::task::spawn_blocking(move || this.run_case(&context, &case)).await;
                let case_result = outcome.unwrap_or_else(|e| panic_case(name, visibility, e.to_string()));
                let stop_now = (options.fail_fast && case_result.verdict != Verdict::AC)
                    || (options.stop_on == Some(case_result.verdict) && case_result.visibility == Visibility::Hidden);
                if stop_now {
                    stop.store(true, Ordering::SeqCst);
                }
                let _ = done_tx.send((index, Some(case_result)));
            });
        }
        if !batch.is_empty() {
            let (this, context, semaphore, stop, done_tx) =
                (self.clone(), context.clone(), semaphore.clone(), stop.clone(), done_tx.clone());
            tokio::spawn(async move {
                let Ok(_permit) = semaphore.acquire_owned().await else { return };
                let names: Vec<(usize, String, Visibility)> =
                    batch.iter().map(|(i, c)| (*i, c.name.clone(), c.visibility)).collect();
                let sender = done_tx.clone();
                let outcome = tokio::task::spawn_blocking(move || {
                    let finish = |index: usize, case_result: CaseResult| {
                        let stop_now = (options.fail_fast && case_result.verdict != Verdict::AC)
                            || (options.stop_on == Some(case_result.verdict)
                                && case_result.visibility == Visibility::Hidden);
                        if stop_now {
                            stop.store(true, Ordering::SeqCst);
                        }
                        let _ = sender.send((index, Some(case_result)));
                    };
                    crate::batch::run_batch(&this, &context, &batch, &stop, finish)
                })
                .await;
                if let Err(e) = outcome {
                    // A panic mid-batch: the cases not yet reported are judge errors.
                    for (index, name, visibility) in names {
                        let _ = done_tx.send((index, Some(panic_case(name, visibility, e.to_string()))));
                    }
                }
            });
        }
        drop(done_tx);

        let mut slots: Vec<Option<CaseResult>> = vec![None; of];
        while let Some((index, case_result)) = done_rx.recv().await {
            if let Some(case_result) = case_result {
                if slots[index].is_some() {
                    continue;
                }
                emit(JudgeEvent::CaseFinished { index, of, result: case_result.clone() });
                slots[index] = Some(case_result);
            }
        }
        result.cases = slots.into_iter().flatten().collect();

        let counts = |c: &CaseResult| match options.cases {
            CaseSelection::Samples => c.visibility == Visibility::Sample,
            _ => c.visibility == Visibility::Hidden,
        };
        let points_of = |name: &str| counted.iter().find(|c| c.name == name).and_then(|c| c.points).unwrap_or(1.0);
        let accepted: Vec<&CaseResult> =
            result.cases.iter().filter(|c| counts(c) && c.verdict == Verdict::AC).collect();
        result.passed = accepted.len();
        let passed_points: f64 = accepted.iter().map(|c| points_of(&c.name)).fold(0.0, |a, b| a + b);
        result.score = if total_points > 0.0 { passed_points / total_points } else { 0.0 };
        let first_failure = |counted_only: bool| {
            result.cases.iter().filter(|c| !counted_only || counts(c)).map(|c| c.verdict).find(|v| *v != Verdict::AC)
        };
        // When --fail-fast stopped at a failing sample, the hidden cases that
        // ran may all pass: the sample's verdict is the honest summary.
        result.verdict = first_failure(true).or_else(|| first_failure(false)).unwrap_or(if result.passed == total {
            Verdict::AC
        } else {
            Verdict::IE
        });
        Ok(result)
    }

    /// Runs a submission on input the user typed ("run on custom input"):
    /// no answer, no checker; the output comes back in full (up to a cap).
    pub async fn run_custom(
        &self,
        problem: Arc<Problem>,
        submission: Submission,
        input: Vec<u8>,
    ) -> Result<CustomRunResult, JudgeError> {
        let language = self.inner.languages.get(&submission.language)?;
        let build = self.compile_submission(&problem, &submission).await?;
        let compile = build.report.clone();
        if !compile.ok {
            return Ok(CustomRunResult { compile, verdict: Verdict::CE, ..CustomRunResult::default() });
        }
        let context = case_context(&problem, language, build, PreparedChecker::Builtin(Checker::Tokens));
        let this = self.clone();
        let outcome = blocking(move || {
            let outcome = this.run_solution(&context, Stdin::Bytes(input))?;
            let (verdict, message) = this.runtime_verdict(&context, &outcome);
            Ok((outcome, verdict, message))
        })
        .await;
        let (outcome, verdict, mut message) = outcome?;
        if verdict == Verdict::IE && problem.kind == ProblemKind::Function {
            // Here the data the harness refused is the user's own input, not
            // the problem's: say so, and what shape it must have.
            message = custom_input_mismatch(&problem, &message);
        }
        let shown = |bytes: &[u8]| {
            let cut = &bytes[..bytes.len().min(CUSTOM_OUTPUT_SHOWN_BYTES)];
            String::from_utf8_lossy(cut).into_owned()
        };
        Ok(CustomRunResult {
            compile,
            verdict,
            message,
            time_ms: outcome.cpu_time.as_millis() as u64,
            wall_ms: outcome.wall_time.as_millis() as u64,
            memory_kb: outcome.peak_memory_bytes / 1024,
            stdout_truncated: outcome.stdout.len() > CUSTOM_OUTPUT_SHOWN_BYTES,
            stdout: shown(&outcome.stdout),
            stderr: shown(&outcome.stderr),
        })
    }

    /// Compiles (or finds in the cache) the program for a submission.
    async fn compile_submission(&self, problem: &Problem, submission: &Submission) -> Result<Build, JudgeError> {
        let language = self.inner.languages.get(&submission.language)?;
        language.require_toolchain().map_err(JudgeError::Toolchain)?;
        let files = program_files(problem, language, &submission.source)?;
        let this = self.clone();
        let language_id = language.id.clone();
        let function = problem.kind == ProblemKind::Function;
        let mut build = blocking(move || {
            let language = this.inner.languages.get(&language_id)?;
            build::compile(&this.inner.sandbox, &this.inner.cache_dir, language, &files)
        })
        .await?;
        if function {
            // Compiler messages name the user's own lines, not the harness's.
            build.report.message = crate::function::map_compile_message(&language.id, &build.report.message);
        }
        Ok(build)
    }

    async fn prepare_checker(&self, problem: &Problem) -> Result<PreparedChecker, JudgeError> {
        let Checker::Custom(custom) = &problem.checker else {
            return Ok(PreparedChecker::Builtin(problem.checker.clone()));
        };
        let this = self.clone();
        let custom = custom.clone();
        blocking(move || this.build_checker(&custom)).await
    }

    fn build_checker(&self, custom: &CustomChecker) -> Result<PreparedChecker, JudgeError> {
        let language = self.inner.languages.detect(&custom.source)?;
        if let Err(missing) = language.require_toolchain() {
            return Ok(PreparedChecker::Broken(format!("the problem's checker cannot run: {missing}")));
        }
        let dir = custom.source.parent().unwrap_or(Path::new("."));
        let mut files: Vec<SourceFile> = Vec::new();
        let entries = fs::read_dir(dir).map_err(|e| JudgeError::io(dir, e))?;
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        paths.sort();
        for path in paths {
            let contents = fs::read(&path).map_err(|e| JudgeError::io(&path, e))?;
            let name = if path == custom.source {
                language.source.clone()
            } else {
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            };
            files.push((name, contents));
        }
        let build = build::compile(&self.inner.sandbox, &self.inner.cache_dir, language, &files)?;
        if !build.report.ok {
            return Ok(PreparedChecker::Broken(format!(
                "the problem's checker {} does not compile:\n{}",
                custom.source.display(),
                build.report.message
            )));
        }
        Ok(PreparedChecker::Custom { language_id: language.id.clone(), build, args: custom.args.clone() })
    }

    /// Runs one case and decides its verdict. Blocking.
    pub(crate) fn run_case(&self, context: &CaseContext, case: &TestCase) -> CaseResult {
        let mut result = CaseResult {
            name: case.name.clone(),
            verdict: Verdict::IE,
            time_ms: 0,
            wall_ms: 0,
            memory_kb: 0,
            message: String::new(),
            visibility: case.visibility,
            diff: None,
            stderr: None,
            output: None,
        };
        let outcome = match self.run_solution(context, Stdin::File(case.input.clone())) {
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

        let (verdict, message) = self.runtime_verdict(context, &outcome);
        if verdict != Verdict::AC {
            result.verdict = verdict;
            result.message = message;
            result.output = kept_output(context, &outcome.stdout);
            return result;
        }
        let answer = match fs::read(&case.answer) {
            Ok(answer) => answer,
            Err(e) => {
                result.message = format!("cannot read the answer file {}: {e}", case.answer.display());
                return result;
            }
        };
        let check = self.check(context, case, &outcome.stdout, &answer);
        result.verdict = check.verdict;
        result.message = check.message;
        if result.verdict != Verdict::AC {
            result.output = kept_output(context, &outcome.stdout);
        }
        if is_sample && result.verdict == Verdict::WA {
            result.diff = Some(short_diff(&answer, &outcome.stdout));
        }
        result
    }

    pub(crate) fn run_solution(&self, context: &CaseContext, stdin: Stdin) -> Result<RunOutcome, JudgeError> {
        let (_run_dir, spec) = self.solution_spec(context, stdin, &[], context.limits.clone())?;
        self.inner.sandbox.run(&spec).map_err(JudgeError::Sandbox)
    }

    /// The solution as a stepped run (see [`oaj_sandbox::Step`]), with
    /// arguments after the language's run command and other limits: a
    /// function problem's batch run.
    pub(crate) fn run_solution_steps(
        &self,
        context: &CaseContext,
        extra_args: &[String],
        limits: Limits,
        steps: &[oaj_sandbox::Step],
    ) -> Result<oaj_sandbox::SteppedOutcome, JudgeError> {
        let (_run_dir, spec) = self.solution_spec(context, Stdin::Null, extra_args, limits)?;
        self.inner.sandbox.run_steps(&spec, steps).map_err(JudgeError::Sandbox)
    }

    /// A fresh run directory with the build's artifacts, and the spec that
    /// runs the solution in it (the directory lives as long as the guard).
    fn solution_spec(
        &self,
        context: &CaseContext,
        stdin: Stdin,
        extra_args: &[String],
        limits: Limits,
    ) -> Result<(tempfile::TempDir, RunSpec), JudgeError> {
        let language = self.inner.languages.get(&context.language_id)?;
        let run_dir = self.scratch_dir()?;
        build::place_artifacts(&context.build, language, run_dir.path())
            .map_err(|e| JudgeError::io(run_dir.path(), e))?;
        let spec = RunSpec {
            program: context.run_command[0].clone(),
            args: context.run_command[1..].iter().chain(extra_args).cloned().collect(),
            env: language.env(),
            work_dir: run_dir.path().to_path_buf(),
            stdin,
            limits,
            read_only_paths: context.read_only_paths.clone(),
            // A test run's files die with it.
            keep: Keep::Nothing,
        };
        Ok((run_dir, spec))
    }

    fn scratch_dir(&self) -> Result<tempfile::TempDir, JudgeError> {
        let scratch = self.inner.cache_dir.join("scratch");
        fs::create_dir_all(&scratch).map_err(|e| JudgeError::io(&scratch, e))?;
        tempfile::Builder::new()
            .prefix(&crate::build::work_dir_prefix(build::RUN_DIR_PREFIX))
            .tempdir_in(&scratch)
            .map_err(|e| JudgeError::io(&scratch, e))
    }

    /// The verdict from how the process ended, before looking at output;
    /// AC here means "ran cleanly".
    pub(crate) fn runtime_verdict(&self, context: &CaseContext, outcome: &RunOutcome) -> (Verdict, String) {
        let limit_ms = context.time_limit.as_millis();
        let memory_mb = context.memory_limit_bytes >> 20;
        let tle = (Verdict::TLE, format!("time limit {limit_ms} ms exceeded"));
        match outcome.limit_hit {
            Some(LimitHit::CpuTime) => return tle,
            Some(LimitHit::WallTime) => {
                return (
                    Verdict::TLE,
                    format!(
                        "wall-clock limit {} ms exceeded (sleeping or waiting for input?)",
                        context.limits.wall_time.as_millis()
                    ),
                )
            }
            Some(LimitHit::Memory) => return (Verdict::MLE, format!("memory limit {memory_mb} MiB exceeded")),
            Some(LimitHit::Output) => {
                return (Verdict::OLE, format!("output limit {} MiB exceeded", OUTPUT_LIMIT_BYTES >> 20))
            }
            Some(LimitHit::FileSize) => return (Verdict::OLE, "file size limit exceeded".to_string()),
            Some(LimitHit::Processes) => return (Verdict::RE, "too many processes or threads".to_string()),
            None => {}
        }
        if outcome.cpu_time > context.time_limit {
            return tle;
        }
        let stderr = String::from_utf8_lossy(&outcome.stderr);
        let failed = match outcome.termination {
            Termination::Exited(0) => return (Verdict::AC, String::new()),
            Termination::Exited(code) => {
                if context.kind == ProblemKind::Function && code == HARNESS_DATA_ERROR_EXIT {
                    return (Verdict::IE, format!("the test data does not fit the signature: {}", last_line(&stderr)));
                }
                format!("exit code {code}")
            }
            Termination::Signaled(signal) => format!("killed by {}", oaj_sandbox::signal_name(signal)),
        };
        let language = self.inner.languages.get(&context.language_id).ok();
        let out_of_memory =
            language.is_some_and(|l| l.memory_error_patterns.iter().any(|p| stderr.contains(p.as_str())));
        if out_of_memory {
            return (Verdict::MLE, format!("memory limit {memory_mb} MiB exceeded ({failed})"));
        }
        let detail = last_line(&stderr);
        let message = if detail.is_empty() { failed } else { format!("{failed}: {detail}") };
        (Verdict::RE, message)
    }

    pub(crate) fn check(&self, context: &CaseContext, case: &TestCase, output: &[u8], answer: &[u8]) -> CheckOutcome {
        match &context.checker {
            PreparedChecker::Broken(message) => CheckOutcome::judge_error(message.clone()),
            PreparedChecker::Builtin(checker) => match context.kind {
                ProblemKind::Function => crate_function_compare(checker, answer, output, case.visibility),
                ProblemKind::Stdio => checker::check_builtin(checker, output, answer),
            },
            PreparedChecker::Custom { language_id, build, args } => {
                // A function problem's checker gets the result as canonical
                // JSON, whatever spacing the language's harness printed.
                let canonical = match context.kind {
                    ProblemKind::Function => {
                        crate::function::canonical_json(&String::from_utf8_lossy(output)).ok().map(String::into_bytes)
                    }
                    ProblemKind::Stdio => None,
                };
                let output = canonical.as_deref().unwrap_or(output);
                self.run_custom_checker(language_id, build, args, case, output, answer)
                    .unwrap_or_else(|e| CheckOutcome::judge_error(format!("the checker could not run: {e}")))
            }
        }
    }

    /// Runs a program that belongs to the problem (a custom checker, an input
    /// validator), already placed in `dir`, in the sandbox with generous
    /// limits: it is trusted to be correct, not to be harmless.
    pub(crate) fn run_problem_program(
        &self,
        language: &Language,
        dir: &Path,
        extra_args: &[String],
        stdin: Vec<u8>,
        cpu_time: Duration,
        keep: Keep,
    ) -> Result<RunOutcome, JudgeError> {
        let command = language.run_command(1024);
        let mut limits = Limits::for_test_case(cpu_time, 1 << 30);
        limits.processes = language.processes;
        let spec = RunSpec {
            program: command[0].clone(),
            args: command[1..].iter().chain(extra_args).cloned().collect(),
            env: language.env(),
            work_dir: dir.to_path_buf(),
            stdin: Stdin::Bytes(stdin),
            limits,
            read_only_paths: sysroot_of(language),
            keep,
        };
        self.inner.sandbox.run(&spec).map_err(JudgeError::Sandbox)
    }

    /// Runs a Kattis-protocol checker: `checker input answer feedback_dir
    /// [args] < output`; 42 accepts, 43 rejects, anything else is a judge
    /// error.
    fn run_custom_checker(
        &self,
        language_id: &str,
        build: &Build,
        args: &[String],
        case: &TestCase,
        output: &[u8],
        answer: &[u8],
    ) -> Result<CheckOutcome, JudgeError> {
        use std::os::unix::fs::PermissionsExt;
        let language = self.inner.languages.get(language_id)?;
        let dir = self.scratch_dir()?;
        build::place_artifacts(build, language, dir.path()).map_err(|e| JudgeError::io(dir.path(), e))?;
        let input_copy = dir.path().join("input");
        fs::copy(&case.input, &input_copy).map_err(|e| JudgeError::io(&case.input, e))?;
        fs::write(dir.path().join("answer"), answer).map_err(|e| JudgeError::io(dir.path(), e))?;
        let feedback = dir.path().join("feedback");
        fs::create_dir(&feedback).map_err(|e| JudgeError::io(&feedback, e))?;
        // The checker runs as the sandbox's user, who must write here.
        let _ = fs::set_permissions(&feedback, fs::Permissions::from_mode(0o777));

        let mut extra = vec!["input".to_string(), "answer".to_string(), "feedback/".to_string()];
        extra.extend(args.iter().cloned());
        let outcome = self.run_problem_program(
            language,
            dir.path(),
            &extra,
            output.to_vec(),
            Duration::from_secs(20),
            Keep::Names(vec!["feedback".to_string()]),
        )?;
        let judge_message = fs::read_to_string(feedback.join("judgemessage.txt")).unwrap_or_default();
        let judge_message = truncate(judge_message.trim(), 1000);
        Ok(match (outcome.limit_hit, outcome.termination) {
            (None, Termination::Exited(42)) => CheckOutcome { verdict: Verdict::AC, message: judge_message },
            (None, Termination::Exited(43)) => CheckOutcome::wrong(if judge_message.is_empty() {
                "wrong answer (rejected by the problem's checker)".to_string()
            } else {
                judge_message
            }),
            (limit, termination) => {
                let stderr = String::from_utf8_lossy(&outcome.stderr);
                CheckOutcome::judge_error(format!(
                    "the problem's checker failed ({}): {}",
                    match limit {
                        Some(limit) => format!("{limit:?} limit"),
                        None => format!("{termination:?}"),
                    },
                    last_line(&stderr)
                ))
            }
        })
    }
}

/// The problem's time limit scaled by the language's multiplier.
fn language_time_limit(problem: &Problem, language: &Language) -> Duration {
    Duration::from_millis((problem.limits.time_limit_ms as f64 * language.time_multiplier).ceil() as u64)
}

/// Limits and commands for running one language's build on a problem.
fn case_context(problem: &Problem, language: &Language, build: Build, checker: PreparedChecker) -> CaseContext {
    let time_limit = language_time_limit(problem, language);
    let memory_limit_bytes = problem.limits.memory_limit_mb << 20;
    let mut limits = Limits::for_test_case(time_limit, memory_limit_bytes + (language.memory_overhead_mb << 20));
    limits.processes = language.processes;
    limits.stdout_bytes = OUTPUT_LIMIT_BYTES;
    CaseContext {
        language_id: language.id.clone(),
        build,
        checker,
        kind: problem.kind,
        limits,
        time_limit,
        memory_limit_bytes,
        run_command: language.run_command(problem.limits.memory_limit_mb),
        read_only_paths: sysroot_of(language),
        params: problem.signature.as_ref().map_or(0, |s| s.params.len()),
        keep_output_bytes: 0,
    }
}

/// Output of a custom-input run shown to the user, at most.
pub const CUSTOM_OUTPUT_SHOWN_BYTES: usize = 1 << 20;

/// The result of running a submission on custom input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomRunResult {
    pub compile: crate::CompileReport,
    /// AC when the program ran cleanly (there is no answer to compare
    /// with); CE, TLE, MLE, OLE or RE otherwise.
    pub verdict: Verdict,
    pub message: String,
    pub time_ms: u64,
    pub wall_ms: u64,
    pub memory_kb: u64,
    pub stdout: String,
    pub stdout_truncated: bool,
    /// For function problems this holds the user's own prints.
    pub stderr: String,
}

impl Default for CustomRunResult {
    fn default() -> Self {
        CustomRunResult {
            compile: crate::CompileReport { ok: false, message: String::new(), time_ms: 0, cached: false },
            verdict: Verdict::IE,
            message: String::new(),
            time_ms: 0,
            wall_ms: 0,
            memory_kb: 0,
            stdout: String::new(),
            stdout_truncated: false,
            stderr: String::new(),
        }
    }
}

/// Builds the files to compile for a submission.
fn program_files(problem: &Problem, language: &Language, source: &str) -> Result<Vec<SourceFile>, JudgeError> {
    match problem.kind {
        ProblemKind::Stdio => Ok(language.stdio_files(source)),
        ProblemKind::Function => {
            let signature = problem.signature.as_ref().ok_or_else(|| {
                JudgeError::Problem(format!("{}: a function problem without a [signature]", problem.slug))
            })?;
            let files = crate::function::program_files(signature, &language.id, source)
                .map_err(|e| JudgeError::Problem(format!("{}: {e}", problem.slug)))?;
            Ok(files.into_iter().map(|(name, text)| (name, text.into_bytes())).collect())
        }
    }
}

/// Output comparison for function problems.
fn crate_function_compare(checker: &Checker, answer: &[u8], output: &[u8], visibility: Visibility) -> CheckOutcome {
    use crate::function::Comparison;
    let compare = match visibility {
        Visibility::Sample => crate::function::compare,
        Visibility::Hidden => crate::function::compare_hidden,
    };
    match compare(checker, &String::from_utf8_lossy(answer), &String::from_utf8_lossy(output)) {
        Comparison::Accepted => CheckOutcome::accepted(),
        Comparison::WrongAnswer(message) => CheckOutcome::wrong(message),
        Comparison::JudgeError(message) => CheckOutcome::judge_error(message),
    }
}

fn sysroot_of(language: &Language) -> Vec<PathBuf> {
    match language.toolchain() {
        crate::Toolchain::Present { sysroot: Some(root), .. } => vec![root.clone()],
        _ => vec![],
    }
}

/// The message for custom input a function harness refused (`detail` is
/// the harness's own, as `runtime_verdict` words it for test data).
fn custom_input_mismatch(problem: &Problem, detail: &str) -> String {
    let detail = detail.strip_prefix("the test data does not fit the signature: ").unwrap_or(detail);
    let detail = detail.strip_prefix("malformed test data: ").unwrap_or(detail);
    let params = problem
        .signature
        .as_ref()
        .map(|s| s.params.iter().map(|p| format!("{}: {}", p.name, p.ty)).collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    format!(
        "your input does not fit the function's parameters ({params}): {detail}. Write one JSON value per line, \
         one line per parameter in order, like the samples"
    )
}

fn last_line(text: &str) -> String {
    truncate(text.lines().rev().map(str::trim).find(|l| !l.is_empty()).unwrap_or(""), 300)
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push_str("...");
        cut
    }
}

fn panic_case(name: String, visibility: Visibility, message: String) -> CaseResult {
    CaseResult {
        name,
        verdict: Verdict::IE,
        time_ms: 0,
        wall_ms: 0,
        memory_kb: 0,
        message: format!("the judge failed while running this case: {message}"),
        visibility,
        diff: None,
        stderr: None,
        output: None,
    }
}

/// The start of a failing case's output when the caller asked to keep it.
pub(crate) fn kept_output(context: &CaseContext, stdout: &[u8]) -> Option<String> {
    if context.keep_output_bytes == 0 {
        return None;
    }
    let cut = &stdout[..stdout.len().min(context.keep_output_bytes)];
    Some(String::from_utf8_lossy(cut).into_owned())
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, JudgeError> + Send + 'static,
) -> Result<T, JudgeError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| JudgeError::Internal(e.to_string()))?
}

impl std::fmt::Debug for Judge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Judge").field("cache_dir", &self.inner.cache_dir).finish()
    }
}
