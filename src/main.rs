//! `oaj`: the OA Judge command line. Thin by design: every rule lives in the
//! crates under `crates/`.

/// `println!` for the whole binary: see [`output`] (a closed stdout pipe
/// drops the output instead of panicking).
macro_rules! println {
    () => {
        $crate::output::write(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::output::write(format_args!($($arg)*), true)
    };
}

/// `print!` for the whole binary, as `println!` above.
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::output::write(format_args!($($arg)*), false)
    };
}

mod backup;
mod bench;
mod bench_server;
mod bench_workers;
mod config;
mod database;
mod kattis;
mod oa;
mod output;
mod problems;
mod render;
mod serve;
mod user;
mod validate;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use oaj_judge::{CaseSelection, Judge, JudgeConfig, JudgeOptions, Languages, Submission};

/// OA Judge: practice coding online assessments against hidden test cases.
#[derive(Parser)]
#[command(name = "oaj", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    /// Directory holding the problem bank (default: $OAJ_PROBLEMS_DIR, else
    /// ./problems, else the bundled problems).
    #[arg(long, global = true, value_name = "DIR")]
    problems_dir: Option<PathBuf>,
    /// Languages file (default: the bundled sandbox/languages.toml).
    #[arg(long, global = true, value_name = "FILE")]
    languages: Option<PathBuf>,
    /// Where compiled builds are cached (default: $OAJ_CACHE_DIR, else
    /// $XDG_CACHE_HOME/oaj, else ~/.cache/oaj).
    #[arg(long, global = true, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Run programs with rlimits only, without namespaces, cgroups or
    /// seccomp. For your own code on a machine that cannot isolate; never
    /// for code from others.
    #[arg(long, global = true)]
    no_sandbox: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Judge a solution file against a problem's test cases.
    Run(RunArgs),
    /// List the problems in the bank, with difficulty, topics and minutes.
    List(problems::ListFilter),
    /// Print a problem's statement.
    Show {
        /// Problem slug (under the problems directory) or path to a problem directory.
        problem: String,
    },
    /// Check problems: their format, and that every bundled solution gets its
    /// expected verdict.
    Validate {
        /// Problems to check (default: every problem in the bank).
        problems: Vec<String>,
        /// Problems checked at the same time (default: 2).
        #[arg(long, short = 'j', value_name = "N", default_value_t = 2)]
        jobs: usize,
    },
    /// Regenerate problems' hidden cases with their generators/gen.py; the
    /// output must match generators/hidden.sha256 unless --write-manifest.
    Gen {
        /// Problems (default: every problem in the bank).
        problems: Vec<String>,
        /// Record the generated files' digests as the new manifest (after
        /// changing a generator on purpose; validate the problem again).
        #[arg(long)]
        write_manifest: bool,
    },
    /// Import a Kattis/ICPC problem package as a native problem directory.
    Import {
        /// The package directory (the one holding problem.yaml).
        package: PathBuf,
        /// Where to write the problem (default: the problem bank directory).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
    },
    /// List the supported languages and whether their toolchains are installed.
    Langs,
    /// Measure the judge's per-case overhead against bare execution.
    Bench(bench::BenchArgs),
    /// Show which sandbox protections are active on this host.
    Doctor,
    /// Start the web app: timed OA rehearsals and practice in the browser.
    Serve(serve::ServeArgs),
    /// Copy the data directory (the database and every other file)
    /// consistently, even while `oaj serve` is running.
    Backup(backup::BackupArgs),
    /// Print the starter code of a function problem in a language.
    Starter {
        /// Problem slug (under the problems directory) or path to a problem directory.
        problem: String,
        /// Language id: python, cpp, java, javascript, go or rust.
        #[arg(long, value_name = "LANG")]
        lang: String,
    },
    /// A timed OA in the terminal: `oaj oa start`, then edit the files with
    /// your own editor and `run`, `submit`, `status`, `finish`.
    Oa(oa::OaArgs),
    /// Accounts of a server run with `oaj serve --accounts`: add, list,
    /// passwd, disable, enable, invite.
    User(user::UserArgs),
    /// Judge submissions of a server's Postgres store on this machine.
    Worker(worker::WorkerArgs),
    /// Create a new problem directory (statement, one sample, a reference
    /// solution) to edit.
    New {
        /// Directory name of the problem, such as `two-sum`.
        slug: String,
        /// `function` (LeetCode style) or `stdio`.
        #[arg(long, value_enum, default_value_t = ProblemKindArg::Function)]
        kind: ProblemKindArg,
        /// Where to create it.
        #[arg(long, default_value = "problems", value_name = "DIR")]
        dir: PathBuf,
    },
}

/// The kind of problem `oaj new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ProblemKindArg {
    /// LeetCode style: a function with a signature, in every language.
    Function,
    /// Read stdin, write stdout.
    Stdio,
}

#[derive(clap::Args)]
struct RunArgs {
    /// Problem slug (under the problems directory) or path to a problem directory.
    problem: String,
    /// The solution's source file.
    file: PathBuf,
    /// Language id (see `oaj langs`); by default taken from the file extension.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// Run the sample cases only.
    #[arg(long)]
    samples: bool,
    /// Stop at the first case that is not accepted.
    #[arg(long)]
    fail_fast: bool,
    /// Cases run at the same time (default: one per core). With
    /// --fail-fast, --jobs 1 runs nothing after the first failing case.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Function problems: run each hidden case in its own process instead
    /// of all of them in one (batch mode, the default where supported).
    #[arg(long)]
    per_case: bool,
    /// Run once on this input file instead of the test cases, and print
    /// what the program writes ("-" reads standard input).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["samples", "fail_fast"])]
    input: Option<PathBuf>,
}

/// Exit codes: 0 success, 1 a verdict other than accepted, 2 bad usage or
/// a bad problem (clap uses 2 for usage errors too).
const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    // The sandbox exec helper must run before anything else starts a thread.
    if std::env::args_os().nth(1).is_some_and(|a| a == oaj_sandbox::HELPER_SUBCOMMAND) {
        return oaj_sandbox::helper_main();
    }
    // This binary is the sandbox's exec helper under any file name.
    oaj_sandbox::provide_helper_from_this_executable();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("OAJ_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .with_target(false)
        .init();
    let cli = Cli::parse();
    if matches!(cli.command, Command::List(_) | Command::Show { .. } | Command::Langs | Command::Starter { .. }) {
        // Commands that only print may stop quietly when the reader goes
        // away (`oaj show x | head`). Commands that feed programs through
        // pipes keep SIGPIPE ignored, or a program closing its stdin early
        // would kill the judge.
        // SAFETY: no other thread exists yet.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    match run_command(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run_command(cli: Cli) -> anyhow::Result<ExitCode> {
    let bank = problems::Bank::new(cli.problems_dir.clone());
    match cli.command {
        Command::List(filter) => problems::list(&bank, &filter),
        Command::Show { problem } => problems::show(&bank, &problem),
        Command::Langs => {
            let languages = load_languages(&cli)?;
            render::languages(&languages);
            Ok(ExitCode::SUCCESS)
        }
        Command::Run(ref args) => {
            let judge = make_judge(&cli, None)?;
            run(&judge, &bank, args)
        }
        Command::Gen { ref problems, write_manifest } => problems::gen(&bank, problems, write_manifest),
        Command::Validate { ref problems, jobs } => {
            let judge = make_judge(&cli, None)?;
            validate::validate(&judge, &bank, problems, jobs)
        }
        Command::Import { ref package, ref into } => {
            let judge = make_judge(&cli, None)?;
            kattis::import(&judge, package, &into.clone().unwrap_or_else(|| bank.dir()))
        }
        Command::Bench(ref args) => {
            bench::bench(|workers, server| make_judge_in(&cli, cli.cache_dir.clone(), Some(workers), server), args)
        }
        Command::Doctor => Ok(doctor()),
        Command::Serve(ref args) => serve::serve(&cli, args),
        Command::Backup(ref args) => backup::backup(args),
        Command::Starter { ref problem, ref lang } => {
            let problem = bank.load(problem)?;
            let signature = problem.signature.as_ref().with_context(|| {
                format!("{} is a stdio problem: it has no starter code (read stdin, write stdout)", problem.slug)
            })?;
            print!("{}", oaj_judge::function::starter_code(signature, lang)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Oa(ref args) => oa::oa(&cli, args),
        Command::Worker(ref args) => worker::worker(make_judge(&cli, None)?, bank.dir(), args),
        Command::User(ref args) => user::user(args),
        Command::New { ref slug, kind, ref dir } => {
            use oaj_judge::function::scaffold::{new_problem, NewKind};
            let kind = match kind {
                ProblemKindArg::Function => NewKind::Function,
                ProblemKindArg::Stdio => NewKind::Stdio,
            };
            for path in new_problem(dir, slug, kind)? {
                println!("created {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_languages(cli: &Cli) -> anyhow::Result<Languages> {
    Ok(match &cli.languages {
        Some(path) => Languages::load(path)?,
        None => Languages::bundled(),
    })
}

/// The judge for this command; `parallelism` overrides running as many
/// cases at once as there are cores.
fn make_judge(cli: &Cli, parallelism: Option<usize>) -> anyhow::Result<Judge> {
    make_judge_in(cli, cli.cache_dir.clone(), parallelism, true)
}

/// [`make_judge`] with the cache directory given (None: the default), and
/// whether isolated runs go through the sandbox's long-lived exec server
/// (`oaj bench` measures both).
pub(crate) fn make_judge_in(
    cli: &Cli,
    cache_dir: Option<PathBuf>,
    parallelism: Option<usize>,
    exec_server: bool,
) -> anyhow::Result<Judge> {
    let languages = load_languages(cli)?;
    let cache_dir = cache_dir.unwrap_or_else(oaj_judge::default_cache_dir);
    std::fs::create_dir_all(&cache_dir)
        .with_context(|| format!("cannot create the cache directory {}", cache_dir.display()))?;
    let sandbox = if cli.no_sandbox {
        oaj_sandbox::Sandbox::with_config(oaj_sandbox::SandboxConfig {
            mode: oaj_sandbox::IsolationMode::Disabled,
            ..oaj_sandbox::SandboxConfig::default()
        })
    } else {
        oaj_sandbox::Sandbox::with_config(oaj_sandbox::SandboxConfig { exec_server, ..Default::default() })
    };
    let mut config = JudgeConfig::new(languages, sandbox, cache_dir);
    if let Some(parallelism) = parallelism {
        config.parallelism = parallelism;
    }
    Ok(Judge::new(config))
}

/// `oaj run --input`: one run on the user's own input.
fn run_on_input(
    judge: &Judge,
    problem: oaj_spec::Problem,
    submission: Submission,
    input: &std::path::Path,
    json: bool,
) -> anyhow::Result<ExitCode> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if input == std::path::Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(input).with_context(|| format!("cannot read the input file {}", input.display()))?;
    }
    let result = runtime()?.block_on(judge.run_custom(Arc::new(problem), submission, bytes))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        render::custom_run(&result);
    }
    Ok(if result.verdict == oaj_judge::Verdict::AC { ExitCode::SUCCESS } else { ExitCode::from(EXIT_FAILED) })
}

/// `oaj doctor`: which sandbox protections are active on this host. Exit 1
/// when programs would run without isolation.
fn doctor() -> ExitCode {
    // Always a fresh probe, never the cached answer; the fresh one is kept
    // for later starts.
    let mut config = oaj_sandbox::SandboxConfig::default();
    config.probe_cache = config.probe_cache.refreshed();
    // Nothing runs: no sandbox server to start (and to outlive us).
    config.exec_server = false;
    let cache = match &config.probe_cache {
        oaj_sandbox::ProbeCache::Refresh(path) => format!(", not read from the probe cache {}", path.display()),
        _ => String::new(),
    };
    let sandbox = oaj_sandbox::Sandbox::with_config(config);
    println!("sandbox protections (probed now{cache}):");
    print!("{}", sandbox.protections());
    if sandbox.is_isolated() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    }
}

/// A tokio runtime for one command; the judge is async so servers can share it.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

fn run(judge: &Judge, bank: &problems::Bank, args: &RunArgs) -> anyhow::Result<ExitCode> {
    let problem = kattis::settle_time_limit(judge, bank.load(&args.problem)?)?;
    // What a package has that OA Judge reads differently (samples judged as
    // the test set, a statement that is only a PDF); the time limit was
    // announced when it was computed.
    for notice in problem.notices.iter().filter(|n| !n.starts_with("time limit:")) {
        eprintln!("{}: note: {notice}", problem.slug);
    }
    let language = match &args.lang {
        Some(id) => judge.languages().get(id)?,
        None => judge.languages().detect(&args.file)?,
    };
    let source = oaj_judge::read_source(&args.file)?;
    let submission = Submission { language: language.id.clone(), source };
    if let Some(input) = &args.input {
        return run_on_input(judge, problem, submission, input, args.json);
    }
    let options = JudgeOptions {
        cases: if args.samples { CaseSelection::Samples } else { CaseSelection::All },
        fail_fast: args.fail_fast,
        stop_on: None,
        function_per_case: args.per_case,
        keep_output_bytes: 0,
        max_parallel_cases: args.jobs.map_or(0, usize::from),
        wall_limit_factor: None,
    };
    let problem = Arc::new(problem);
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let live = (!args.json).then(|| render::LiveRun::new(&problem, language));
    let result = runtime()?.block_on(async {
        let printer = tokio::spawn(render::print_events(rx, live));
        let result = judge.judge(problem.clone(), submission, options, Some(tx)).await;
        let _ = printer.await;
        result
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        render::summary(&result);
    }
    Ok(if result.verdict == oaj_judge::Verdict::AC { ExitCode::SUCCESS } else { ExitCode::from(EXIT_FAILED) })
}
