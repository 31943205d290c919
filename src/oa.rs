//! `oaj oa ...`: the timed OA in the terminal, for people who want their own
//! editor. Thin: every rule (draw, deadline, expiry, scoring) is the
//! engine's (`oaj-oa`); this module writes files, reads answers and prints.
//!
//! The OA directory holds `problem-N.md` (statement and samples), one
//! solution file per problem (`problem-N.<ext>`) and `.oaj-attempt` (the
//! attempt id, the data directory, and the Postgres URL if one was given). Every `oaj oa` command first saves
//! the newest `problem-N.*` file of each problem as its draft, so at the
//! deadline the last version any command saw is judged.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use oaj_judge::Verdict;
use oaj_oa::{
    AttemptId, AttemptStatus, AttemptView, Clock, Engine, EngineConfig, Explanation, JobId, JobStatus, JobView,
    OffsetClock, Report, RunInput, StartOptions, SystemClock, LOCAL_USER,
};
use oaj_spec::Difficulty;
use serde::{Deserialize, Serialize};

use crate::render::inert;

/// Test-only: shifts the engine's clock by this many milliseconds so an
/// integration test can act "after the deadline" without waiting.
pub const TEST_CLOCK_OFFSET_ENV: &str = "OAJ_TEST_CLOCK_OFFSET_MS";

/// The file in an OA directory that names its attempt.
const ATTEMPT_FILE: &str = ".oaj-attempt";

/// Exit status of a run or submission refused because the time is up.
const EXIT_TIME_UP: u8 = 3;

#[derive(Args)]
pub struct OaArgs {
    /// Where the OA store lives (default: $XDG_DATA_HOME/oaj, else
    /// ~/.local/share/oaj). Remembered in the OA directory by `start`.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Keep the store in PostgreSQL (postgres://...) instead of the data
    /// directory. Remembered in the OA directory by `start`.
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    /// The OA directory (default: ./oa-<id> for `start`, else the current directory).
    #[arg(long, global = true, value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(subcommand)]
    command: OaCommand,
}

#[derive(Subcommand)]
enum OaCommand {
    /// Start a timed OA: draw the problems and write them with starter files.
    Start {
        /// Length of the OA, 1 to 180 minutes.
        #[arg(long, default_value_t = oaj_oa::DEFAULT_MINUTES)]
        minutes: u32,
        /// Explicit problems, by slug, comma separated.
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        problems: Option<Vec<String>>,
        /// Difficulties to draw, one problem each (default medium,hard).
        #[arg(long, value_delimiter = ',', value_name = "D,D", value_parser = parse_difficulty)]
        difficulties: Option<Vec<Difficulty>>,
        /// Only problems practising one of these topics.
        #[arg(long, value_delimiter = ',', value_name = "T,T")]
        topics: Vec<String>,
        /// Language of the starter files.
        #[arg(long, default_value = "python", value_name = "LANG")]
        lang: String,
    },
    /// Run problem N on its samples (default) or on an input file; the output is shown in full.
    Run {
        /// Problem number, 1-based.
        n: usize,
        /// The solution (default: the newest problem-N.* in the OA directory).
        file: Option<PathBuf>,
        /// Run the samples (the default).
        #[arg(long, conflicts_with = "input")]
        samples: bool,
        /// Run once on this input file and print the program's output.
        #[arg(long, value_name = "FILE")]
        input: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Submit problem N on the hidden cases (counts: the last submission of each problem scores).
    Submit {
        n: usize,
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Time left and the score of each problem.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// End the OA (if the time is not up yet), ask for the explanations and print the report.
    ///
    /// On a terminal it asks for each problem's approach, time complexity and
    /// space complexity. Otherwise it reads them from standard input: three
    /// lines per problem, in problem order (approach, time, space); missing
    /// lines are left empty.
    Finish {
        #[arg(long)]
        json: bool,
    },
    /// Print the report of an ended OA (never asks anything).
    Report {
        #[arg(long)]
        json: bool,
    },
}

fn parse_difficulty(text: &str) -> Result<Difficulty, String> {
    match text.trim() {
        "easy" => Ok(Difficulty::Easy),
        "medium" => Ok(Difficulty::Medium),
        "hard" => Ok(Difficulty::Hard),
        other => Err(format!("unknown difficulty `{other}`; expected easy, medium or hard")),
    }
}

/// What `.oaj-attempt` holds.
#[derive(Serialize, Deserialize)]
struct AttemptFile {
    attempt: AttemptId,
    data: PathBuf,
    /// The Postgres store, when the OA was started with --database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    database: Option<String>,
}

pub fn oa(cli: &crate::Cli, args: &OaArgs) -> anyhow::Result<ExitCode> {
    let bank = crate::problems::Bank::new(cli.problems_dir.clone());
    let judge = crate::make_judge(cli, None)?;
    let runtime = crate::runtime()?;
    runtime.block_on(async {
        match &args.command {
            OaCommand::Start { minutes, problems, difficulties, topics, lang } => {
                let data = args.data.clone().unwrap_or_else(oaj_oa::default_data_dir);
                let database = args.database.as_deref();
                let engine = engine(database, &data, &bank, judge.clone()).await?;
                let options = StartOptions {
                    minutes: *minutes,
                    difficulties: difficulties.clone().unwrap_or_else(|| StartOptions::default().difficulties),
                    topics: topics.clone(),
                    problems: problems.clone(),
                };
                start(&engine, judge.languages(), (&data, database), args.dir.as_deref(), options, lang).await
            }
            command => {
                let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
                let file = read_attempt_file(&dir)?;
                let data = args.data.clone().unwrap_or(file.data);
                let database = args.database.clone().or(file.database);
                let engine = engine(database.as_deref(), &data, &bank, judge.clone()).await?;
                let oa = Oa { engine, judge, dir, id: file.attempt };
                oa.sync_drafts().await?;
                oa.engine.resume_attempt(LOCAL_USER, oa.id).await?;
                let code = match command {
                    OaCommand::Start { .. } => unreachable!("handled above"),
                    OaCommand::Run { n, file, input, json, .. } => {
                        oa.run(*n, file.as_deref(), input.as_deref(), *json).await
                    }
                    OaCommand::Submit { n, file, json } => oa.submit(*n, file.as_deref(), *json).await,
                    OaCommand::Status { json } => oa.status(*json).await,
                    OaCommand::Finish { json } => oa.finish(*json).await,
                    OaCommand::Report { json } => oa.report(*json).await,
                };
                // Judgings this process started or re-queued end with it:
                // let them finish rather than leave them for the next command.
                if !oa.engine.wait_idle(Duration::from_secs(600)).await {
                    eprintln!("warning: some judgings are still running; the next `oaj oa` command resumes them");
                }
                code
            }
        }
    })
}

/// The system clock, or, when `OAJ_TEST_CLOCK_OFFSET_MS` is set (tests
/// only), the system clock shifted by that many milliseconds, so a test can
/// see a deadline pass without waiting for it.
pub(crate) fn clock_from_env() -> anyhow::Result<Arc<dyn Clock>> {
    Ok(match std::env::var(TEST_CLOCK_OFFSET_ENV) {
        Ok(offset) => {
            let offset_ms = offset
                .trim()
                .parse()
                .with_context(|| format!("{TEST_CLOCK_OFFSET_ENV}={offset}: not a number of milliseconds"))?;
            Arc::new(OffsetClock { offset_ms })
        }
        Err(_) => Arc::new(SystemClock),
    })
}

async fn engine(
    database: Option<&str>,
    data: &Path,
    bank: &crate::problems::Bank,
    judge: oaj_judge::Judge,
) -> anyhow::Result<Engine> {
    let store = crate::database::open(database, data).await?;
    let catalog = crate::problems::load_catalog(&bank.dir())?;
    let clock = clock_from_env()?;
    // The terminal commands are short-lived: no background tick; each
    // command resumes its own attempt only (`Engine::resume_attempt`), so a
    // server on the same store keeps its judgings.
    let config = EngineConfig { background: false, ..EngineConfig::default() };
    let engine = Engine::new(store, Arc::new(catalog), Arc::new(judge), clock, config);
    // Problems a server on the same store added from its web page.
    engine.load_library().await?;
    Ok(engine)
}

fn read_attempt_file(dir: &Path) -> anyhow::Result<AttemptFile> {
    let path = dir.join(ATTEMPT_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        // The usual mistake (running `oaj oa status` elsewhere): say what to
        // do, without the OS's "No such file or directory" tacked on.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
            "{} is not an OA directory (no {ATTEMPT_FILE}); start one with `oaj oa start` or pass --dir",
            if dir == Path::new(".") { "the current directory".to_string() } else { dir.display().to_string() }
        ),
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    };
    serde_json::from_str(&text).with_context(|| format!("{}: unreadable", path.display()))
}

async fn start(
    engine: &Engine,
    languages: &oaj_judge::Languages,
    (data, database): (&Path, Option<&str>),
    dir: Option<&Path>,
    options: StartOptions,
    lang: &str,
) -> anyhow::Result<ExitCode> {
    if let Some(dir) = dir {
        if dir.join(ATTEMPT_FILE).exists() {
            bail!("{} already holds an OA ({ATTEMPT_FILE}); choose another --dir", dir.display());
        }
        // Never overwrite someone's solution files.
        if let Some(existing) = problem_files(dir).first() {
            bail!("{} already has {}; choose another --dir", dir.display(), existing);
        }
    }
    // Check the language before the clock starts.
    let language = engine.languages().into_iter().find(|l| l.id == lang).with_context(|| {
        let known: Vec<String> = engine.languages().into_iter().map(|l| l.id).collect();
        format!("unknown language `{lang}`; known languages: {}", known.join(", "))
    })?;
    let id = engine.start(LOCAL_USER, options).await?;
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => (1..)
            .map(|n| PathBuf::from(if n == 1 { format!("oa-{id}") } else { format!("oa-{id}-{n}") }))
            .find(|d| !d.exists())
            .unwrap_or_else(|| PathBuf::from(format!("oa-{id}"))),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the OA directory {}", dir.display()))?;
    let data = std::path::absolute(data).unwrap_or_else(|_| data.to_path_buf());
    let record =
        serde_json::to_string_pretty(&AttemptFile { attempt: id, data, database: database.map(str::to_string) })?;
    write(&dir.join(ATTEMPT_FILE), &record)?;
    let view = engine.attempt(LOCAL_USER, id).await?;
    let mut files = Vec::new();
    for p in &view.problems {
        // A function problem may have no harness in the chosen language.
        let (language, code) = match engine.starter(&p.slug, &language.id) {
            Ok(code) => (language.id.clone(), code),
            Err(e) => {
                eprintln!("note: problem {}: {e}; its starter file is in Python", p.index);
                ("python".to_string(), engine.starter(&p.slug, "python")?)
            }
        };
        let file = format!("problem-{}.{}", p.index, extension_of(languages, &language)?);
        write(&dir.join(format!("problem-{}.md", p.index)), &statement_file(p, &file))?;
        write(&dir.join(&file), &code)?;
        engine.save_draft(LOCAL_USER, id, p.index, &language, &code).await?;
        files.push(file);
    }
    println!(
        "OA {id} started: {} problems, {} to go.",
        view.problems.len(),
        clock_text(view.remaining_ms().unwrap_or(0))
    );
    for (p, file) in view.problems.iter().zip(&files) {
        println!("  {}. {} ({})  problem-{}.md  {file}", p.index, p.title, p.difficulty, p.index);
    }
    println!("\nIn {}:", dir.display());
    println!("  oaj oa run N         run problem N on its samples");
    println!("  oaj oa submit N      judge it on the hidden cases (the last submission counts)");
    println!("  oaj oa status        time left and scores");
    println!("  oaj oa finish        end, explain your approach, see the report");
    Ok(ExitCode::SUCCESS)
}

/// Names of the `problem-*` files in `dir`.
fn problem_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("problem-"))
        .collect();
    names.sort();
    names
}

fn extension_of(languages: &oaj_judge::Languages, language: &str) -> anyhow::Result<String> {
    let language = languages.get(language)?;
    language.extensions.first().cloned().with_context(|| format!("the language {} has no file extension", language.id))
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn statement_file(p: &oaj_oa::ProblemView, solution: &str) -> String {
    let mut out = format!(
        "# {}. {}\n\n{} · {} · time limit {} ms (C, C++, Rust; other languages get more) · memory limit {} MiB\n\n",
        p.index, p.title, p.difficulty, p.kind, p.limits.time_limit_ms, p.limits.memory_limit_mb
    );
    out.push_str(p.statement_md.trim_end());
    out.push_str("\n\n## Samples\n");
    for s in &p.samples {
        out.push_str(&format!(
            "\n### {}\n\nInput:\n\n```\n{}```\n\nOutput:\n\n```\n{}```\n",
            s.name,
            ensure_newline(&s.input),
            ensure_newline(&s.answer)
        ));
    }
    out.push_str(&format!(
        "\n---\nYour solution: `{solution}`. `oaj oa run {n}` runs the samples, `oaj oa submit {n}` judges the hidden cases.\n",
        n = p.index
    ));
    out
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') || text.is_empty() {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

/// One OA directory and its engine.
struct Oa {
    engine: Engine,
    /// For its languages (`--languages`): file extensions.
    judge: oaj_judge::Judge,
    dir: PathBuf,
    id: AttemptId,
}

impl Oa {
    /// The newest `problem-N.<ext>` with a known extension.
    fn solution_file(&self, n: usize) -> Option<PathBuf> {
        let prefix = format!("problem-{n}.");
        let entries = std::fs::read_dir(&self.dir).ok()?;
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().is_some_and(|f| f.to_string_lossy().starts_with(&prefix)))
            .filter(|p| self.judge.languages().detect(p).is_ok())
            .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
    }

    /// Saves each problem's newest file as its draft when it changed.
    async fn sync_drafts(&self) -> anyhow::Result<()> {
        let view = self.engine.attempt(LOCAL_USER, self.id).await?;
        if view.status != AttemptStatus::Coding {
            return Ok(());
        }
        for p in &view.problems {
            let Some(file) = self.solution_file(p.index) else { continue };
            let Ok((language, code)) = self.read_solution(&file) else { continue };
            let same = p.draft.as_ref().is_some_and(|d| d.language == language && d.code == code);
            if !same {
                // A file the engine refuses (too large, a language without a
                // harness) stays out of the drafts; `run`/`submit` say why.
                match self.engine.save_draft(LOCAL_USER, self.id, p.index, &language, &code).await {
                    Err(oaj_oa::Error::Invalid(message)) => {
                        eprintln!("warning: {} is not saved as a draft: {message}", file.display())
                    }
                    other => other?,
                }
            }
        }
        Ok(())
    }

    fn read_solution(&self, file: &Path) -> anyhow::Result<(String, String)> {
        let language = self.judge.languages().detect(file)?.id.clone();
        let code = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        Ok((language, code))
    }

    async fn pick_file(&self, n: usize, file: Option<&Path>) -> anyhow::Result<PathBuf> {
        // A problem number out of range is the mistake to report, not the
        // missing problem-N file that follows from it.
        let count = self.engine.attempt(LOCAL_USER, self.id).await?.problems.len();
        if n == 0 || n > count {
            anyhow::bail!("this OA has problems 1 to {count}; there is no problem {n}");
        }
        match file {
            Some(file) => Ok(file.to_path_buf()),
            None => self.solution_file(n).with_context(|| {
                format!("no problem-{n}.<ext> solution file in {}; pass the file to use", self.dir.display())
            }),
        }
    }

    async fn run(&self, n: usize, file: Option<&Path>, input: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
        let file = self.pick_file(n, file).await?;
        let (language, code) = self.read_solution(&file)?;
        let input = match input {
            Some(path) => RunInput::Custom(
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the input file {}", path.display()))?,
            ),
            None => RunInput::Samples,
        };
        let job = match self.engine.run(LOCAL_USER, self.id, n, &language, &code, input).await {
            Err(oaj_oa::Error::TimeUp) => return time_up(),
            other => other?,
        };
        let view = self.wait(job, !json).await?;
        if json {
            println!("{}", serde_json::to_string_pretty(&view)?);
        } else {
            print_job(&view);
        }
        Ok(exit_of(&view))
    }

    async fn submit(&self, n: usize, file: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
        let file = self.pick_file(n, file).await?;
        let (language, code) = self.read_solution(&file)?;
        let job = match self.engine.submit(LOCAL_USER, self.id, n, &language, &code).await {
            Err(oaj_oa::Error::TimeUp) => return time_up(),
            other => other?,
        };
        let view = self.wait(job, !json).await?;
        if json {
            println!("{}", serde_json::to_string_pretty(&view)?);
        } else {
            print_job(&view);
        }
        Ok(exit_of(&view))
    }

    /// Waits for a job, showing its progress on a terminal.
    async fn wait(&self, job: JobId, show: bool) -> anyhow::Result<JobView> {
        let live = show && std::io::stderr().is_terminal();
        let mut last = String::new();
        loop {
            let view = self.engine.job(LOCAL_USER, job).await?;
            if view.status == JobStatus::Done {
                if live && !last.is_empty() {
                    eprint!("\r{:width$}\r", "", width = last.len());
                }
                return Ok(view);
            }
            if live {
                let text = match view.status {
                    JobStatus::Queued => "queued".to_string(),
                    JobStatus::Compiling => "compiling".to_string(),
                    JobStatus::Running { done, total, .. } => format!("case {done} of {total}"),
                    JobStatus::Done => String::new(),
                };
                if text != last {
                    eprint!("\r{text:width$}", width = last.len().max(text.len()));
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for every submission of the attempt still judging (auto-submits
    /// queued at expiry, judgings re-queued at start-up): this process is
    /// the only one judging them.
    async fn wait_pending(&self) -> anyhow::Result<()> {
        let view = self.engine.attempt(LOCAL_USER, self.id).await?;
        for p in &view.problems {
            for s in p.submissions.iter().filter(|s| !s.done) {
                self.wait(s.id, false).await?;
            }
        }
        Ok(())
    }

    async fn status(&self, json: bool) -> anyhow::Result<ExitCode> {
        self.wait_pending().await?;
        let view = self.engine.attempt(LOCAL_USER, self.id).await?;
        if json {
            println!("{}", serde_json::to_string_pretty(&status_json(&view, self))?);
            return Ok(ExitCode::SUCCESS);
        }
        let state = match (view.status, view.remaining_ms()) {
            (AttemptStatus::Coding, Some(left)) => format!("{} left", clock_text(left)),
            (AttemptStatus::Coding, None) => "practice, no timer".into(),
            (_, _) => "ended; `oaj oa finish` for the explanations and the report".into(),
        };
        println!("OA {}: {state}", view.id);
        for p in &view.problems {
            let score = match p.counted {
                Some(s) => format!("{} / {} hidden cases ({:.0}%), {}", s.passed, s.total, s.score * 100.0, s.verdict),
                None => "not submitted".into(),
            };
            let best = match (p.best, p.counted) {
                (Some(b), Some(c)) if b.job != c.job => format!(" (best {:.0}%)", b.score * 100.0),
                _ => String::new(),
            };
            let submissions = p.submissions.iter().filter(|s| s.kind.is_submission()).count();
            println!("  {}. {} ({}): {score}{best}; {submissions} submission(s)", p.index, p.title, p.difficulty);
        }
        Ok(ExitCode::SUCCESS)
    }

    async fn finish(&self, json: bool) -> anyhow::Result<ExitCode> {
        self.engine.finish(LOCAL_USER, self.id).await?;
        self.wait_pending().await?;
        let view = self.engine.attempt(LOCAL_USER, self.id).await?;
        if view.status != AttemptStatus::Finished {
            let explanations = ask_explanations(&view)?;
            for (index, explanation) in explanations {
                self.engine.save_explanation(LOCAL_USER, self.id, index, explanation).await?;
            }
        }
        self.report(json).await
    }

    async fn report(&self, json: bool) -> anyhow::Result<ExitCode> {
        self.wait_pending().await?;
        let report = self.engine.report(LOCAL_USER, self.id).await?;
        if json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            print_report(&report);
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn time_up() -> anyhow::Result<ExitCode> {
    eprintln!("error: the time is up: this OA has ended, so nothing more is judged. Your file was kept as a draft. `oaj oa finish` shows the report.");
    Ok(ExitCode::from(EXIT_TIME_UP))
}

fn exit_of(view: &JobView) -> ExitCode {
    let verdict = view.judged.as_ref().map(|r| r.verdict).or(view.custom.as_ref().map(|c| c.verdict));
    if verdict == Some(Verdict::AC) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[derive(Serialize)]
struct StatusProblem<'a> {
    index: usize,
    slug: &'a str,
    title: &'a str,
    difficulty: Difficulty,
    file: Option<String>,
    counted: Option<oaj_oa::ScoreView>,
    best: Option<oaj_oa::ScoreView>,
    submissions: usize,
    runs: usize,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    id: AttemptId,
    mode: oaj_oa::Mode,
    status: AttemptStatus,
    started_ms: i64,
    deadline_ms: Option<i64>,
    now_ms: i64,
    remaining_ms: Option<i64>,
    problems: Vec<StatusProblem<'a>>,
}

fn status_json<'a>(view: &'a AttemptView, oa: &Oa) -> StatusJson<'a> {
    StatusJson {
        id: view.id,
        mode: view.mode,
        status: view.status,
        started_ms: view.started_ms,
        deadline_ms: view.deadline_ms,
        now_ms: view.now_ms,
        remaining_ms: view.remaining_ms(),
        problems: view
            .problems
            .iter()
            .map(|p| {
                let submissions = p.submissions.iter().filter(|s| s.kind.is_submission()).count();
                StatusProblem {
                    index: p.index,
                    slug: &p.slug,
                    title: &p.title,
                    difficulty: p.difficulty,
                    file: oa
                        .solution_file(p.index)
                        .and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned())),
                    counted: p.counted,
                    best: p.best,
                    submissions,
                    runs: p.submissions.len() - submissions,
                }
            })
            .collect(),
    }
}

/// Asks on a terminal; reads three lines per problem from stdin otherwise.
fn ask_explanations(view: &AttemptView) -> anyhow::Result<Vec<(usize, Explanation)>> {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut next = |prompt: &str| -> anyhow::Result<String> {
        if interactive {
            print!("{prompt}");
            std::io::stdout().flush()?;
        }
        Ok(match lines.next() {
            Some(line) => line.context("cannot read the explanations from standard input")?.trim().to_string(),
            None => String::new(),
        })
    };
    if interactive {
        println!("Explain your approach (one line each; Enter to skip).");
    }
    let mut out = Vec::new();
    for p in &view.problems {
        if interactive {
            println!("\n{}. {}", p.index, p.title);
        }
        let approach = next("  approach: ")?;
        let time_complexity = next("  time complexity: ")?;
        let space_complexity = next("  space complexity: ")?;
        out.push((p.index, Explanation { approach, time_complexity, space_complexity }));
    }
    Ok(out)
}

fn clock_text(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn print_job(view: &JobView) {
    if let Some(error) = &view.error {
        println!("the judge could not judge this: {error}");
        return;
    }
    if let Some(custom) = &view.custom {
        crate::render::custom_run(custom);
        return;
    }
    let Some(result) = &view.judged else { return };
    if !result.compile.ok {
        let message = inert(result.compile.message.trim_end());
        println!("{} compile error\n{message}", crate::render::verdict(Verdict::CE));
        return;
    }
    for case in &result.cases {
        let message = if case.message.is_empty() { String::new() } else { format!("  {}", inert(&case.message)) };
        println!("  {} {:<28} {:>5} ms{message}", crate::render::verdict(case.verdict), case.name, case.time_ms);
        if let Some(diff) = &case.diff {
            for line in inert(diff).lines() {
                println!("      {line}");
            }
        }
        if let Some(stderr) = &case.stderr {
            println!("      stderr: {}", inert(stderr.trim_end()).replace('\n', "\n              "));
        }
    }
    let what = if view.kind.is_submission() { "hidden cases" } else { "samples" };
    println!(
        "{} / {} {what} passed · score {:.0}% · {}",
        result.passed,
        result.total,
        result.score * 100.0,
        crate::render::verdict(result.verdict)
    );
}

fn print_report(report: &Report) {
    let ending = match report.end_reason.as_deref() {
        Some("deadline") => "the time ran out",
        _ => "finished early",
    };
    println!("OA {} report ({ending})", report.attempt_id);
    println!("score {:.2} / {} (the last submission of each problem counts)", report.score, report.max_score);
    if report.pending {
        println!("(some submissions are still being judged; run `oaj oa report` again)");
    }
    for p in &report.problems {
        let verdict = p.verdict.map(|v| format!(", {v}")).unwrap_or_default();
        println!(
            "\n{}. {} ({}): {} / {} hidden cases, score {:.0}%{verdict}",
            p.index,
            p.title,
            p.difficulty,
            p.passed,
            p.total,
            p.score * 100.0
        );
        let used = p.time_used_ms.map(clock_text).unwrap_or_else(|| "-".into());
        println!(
            "   {} submission(s), {} run(s), time used {used}{}",
            p.submissions,
            p.runs,
            if p.auto_submitted { "; never submitted: the last draft was judged when the OA ended" } else { "" }
        );
        if let Some(e) = &p.explanation {
            println!("   approach: {}\n   time: {} · space: {}", e.approach, e.time_complexity, e.space_complexity);
        }
        for c in &p.failing_cases {
            println!("   failing hidden case {} ({}): {}", c.name, c.verdict, inert(&c.message));
            println!("     input:    {}", one_block(&c.input, c.input_truncated));
            println!("     expected: {}", one_block(&c.expected, c.expected_truncated));
            match &c.got {
                Some(got) if got.trim().is_empty() => println!("     got:      (no output)"),
                Some(got) => println!("     got:      {}", one_block(got, c.got_truncated)),
                None => println!("     got:      (nothing kept)"),
            }
        }
        if p.more_failing_cases > 0 {
            println!("   ... and {} more failing hidden cases", p.more_failing_cases);
        }
    }
    if !report.timeline.is_empty() {
        println!("\ntimeline:");
        for t in &report.timeline {
            println!("  +{:>7}  {}", clock_text(t.offset_ms), t.text);
        }
    }
}

/// A case's data on a few lines: short data inline, longer data cut.
fn one_block(text: &str, truncated: bool) -> String {
    const SHOWN: usize = 400;
    let mut shown: String = text.chars().take(SHOWN).collect();
    let cut = truncated || text.chars().count() > SHOWN;
    shown = inert(shown.trim_end()).replace('\n', "\n               ");
    if cut {
        shown.push_str(" ...(cut)");
    }
    shown
}
