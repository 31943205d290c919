//! From a submission to a [`JudgeResult`]: resolve the language once,
//! compile (cached), prepare the checker, then hand the cases to the
//! scheduler (`schedule`), which runs them through the case runner (`case`)
//! and, for a function problem's hidden cases, through `batch`. Also the
//! "run on custom input" path.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use oaj_sandbox::{Sandbox, Stdin};
use oaj_spec::{Checker, Problem, ProblemKind, TestCase};
use tokio::sync::mpsc::UnboundedSender;

use crate::build::{self, Build, SourceFile};
use crate::case::{language_time_limit, runtime_verdict, CaseRunner};
use crate::checker::{self, PreparedChecker};
use crate::env::RunEnv;
use crate::language::{Language, Languages};
use crate::result::{JudgeEvent, JudgeResult, Verdict};
use crate::schedule::{self, Plan};
use crate::JudgeError;

pub(crate) mod input_validation;

pub struct JudgeConfig {
    pub languages: Languages,
    pub sandbox: Sandbox,
    /// Compiled builds and per-run scratch directories live here.
    pub cache_dir: PathBuf,
    /// Cases run at once; defaults to the number of cores.
    pub parallelism: usize,
}

impl JudgeConfig {
    /// The judge's configuration; detected toolchains are kept in
    /// `cache_dir/toolchains.json` between processes.
    pub fn new(mut languages: Languages, sandbox: Sandbox, cache_dir: PathBuf) -> Self {
        languages.keep_toolchains_in(cache_dir.join("toolchains.json"));
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
    /// A TLE given by the wall clock alone
    /// ([`CaseResult::stopped_by_wall_clock`]) does not stop it: it proves
    /// no slowness.
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
    /// The wall-clock limit of each case's run, as this many times its
    /// CPU time limit plus one second (None: the sandbox's default, twice).
    /// The wall clock only stops programs that sleep or wait; `oaj
    /// validate` raises it for too-slow solutions, so that on a loaded
    /// machine their CPU time, not the wall clock, ends them.
    pub wall_limit_factor: Option<u32>,
}

/// The judge. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Judge {
    inner: Arc<JudgeConfig>,
    env: RunEnv,
}

impl Judge {
    /// A judge on `config`. Work dirs that a judge killed mid-run left in
    /// the cache dir (it never got to remove them) are removed now; see
    /// [`crate::build::sweep_stale_work_dirs`].
    pub fn new(config: JudgeConfig) -> Self {
        crate::build::sweep_stale_work_dirs(&config.cache_dir);
        let env = RunEnv { sandbox: config.sandbox.clone(), cache_dir: config.cache_dir.clone() };
        Judge { inner: Arc::new(config), env }
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
        let language = self.inner.languages.get(&submission.language)?.clone();
        emit(JudgeEvent::Compiling);
        let build = self.compile_submission(&problem, &language, &submission.source).await?;
        emit(JudgeEvent::Compiled { report: build.report.clone() });

        let counted: Vec<&TestCase> = match options.cases {
            CaseSelection::Samples => problem.samples.iter().collect(),
            CaseSelection::All | CaseSelection::Hidden => problem.hidden.iter().collect(),
        };
        let mut result = JudgeResult {
            problem: problem.slug.clone(),
            language: language.id.clone(),
            time_limit_ms: language_time_limit(&problem, &language).as_millis() as u64,
            verdict: Verdict::CE,
            passed: 0,
            total: counted.len(),
            score: 0.0,
            compile: build.report.clone(),
            cases: vec![],
        };
        if !build.report.ok {
            return Ok(result);
        }

        let checker = self.prepare_checker(&problem).await?;
        let mut runner = CaseRunner::new(self.env.clone(), &problem, &language, build, checker);
        runner.keep_output_bytes = options.keep_output_bytes;
        if let Some(factor) = options.wall_limit_factor {
            runner.set_wall_limit(runner.time_limit() * factor.max(1) + std::time::Duration::from_secs(1));
        }

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
        let plan = Plan {
            parallel: parallel.max(1),
            fail_fast: options.fail_fast,
            stop_on: options.stop_on,
            // Hidden cases of a function problem run in one process when
            // the language's harness can and the sandbox can time each case
            // from outside (see `batch`); samples stay one process each,
            // since their stderr is shown per case.
            batch_hidden: problem.kind == ProblemKind::Function
                && !options.function_per_case
                && crate::function::supports_batch(&language.id)
                && self.inner.sandbox.supports_steps(),
        };
        result.cases = schedule::run_cases(Arc::new(runner), cases, plan, |index, case_result| {
            emit(JudgeEvent::CaseFinished { index, of, result: case_result.clone() })
        })
        .await;
        let summary = schedule::summarize(&result.cases, &counted, options.cases);
        result.verdict = summary.verdict;
        result.passed = summary.passed;
        result.score = summary.score;
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
        let language = self.inner.languages.get(&submission.language)?.clone();
        if let Some(signature) = problem.signature.as_ref().filter(|_| problem.kind == ProblemKind::Function) {
            // Checked before compiling: the user's own input is wrong, and
            // the harness would only refuse it later as a judge error.
            let text = std::str::from_utf8(&input).map_err(|e| {
                JudgeError::Input(format!("your input is not UTF-8 text ({e}); function problems take JSON values"))
            })?;
            oaj_spec::testdata::check_function_input(signature, text).map_err(JudgeError::Input)?;
        }
        let build = self.compile_submission(&problem, &language, &submission.source).await?;
        let compile = build.report.clone();
        if !compile.ok {
            return Ok(CustomRunResult { compile, verdict: Verdict::CE, ..CustomRunResult::default() });
        }
        let runner =
            CaseRunner::new(self.env.clone(), &problem, &language, build, PreparedChecker::Builtin(Checker::Tokens));
        let outcome = blocking(move || {
            let outcome = runner.run_solution(Stdin::Bytes(input))?;
            let (verdict, message) = runtime_verdict(&runner.rules, &outcome);
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
    async fn compile_submission(
        &self,
        problem: &Problem,
        language: &Language,
        source: &str,
    ) -> Result<Build, JudgeError> {
        language.require_toolchain().map_err(JudgeError::Toolchain)?;
        let files = program_files(problem, language, source)?;
        let (env, owned) = (self.env.clone(), language.clone());
        let mut build = blocking(move || build::compile(&env.sandbox, &env.cache_dir, &owned, &files)).await?;
        if problem.kind == ProblemKind::Function {
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
        blocking(move || {
            Ok(match checker::build_checker(&this.env, &this.inner.languages, &custom)? {
                Ok(checker) => PreparedChecker::Custom(Box::new(checker)),
                Err(broken) => PreparedChecker::Broken(broken),
            })
        })
        .await
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
