//! `oaj bench`: what judging costs per case compared with running the same
//! binary on the same inputs with nothing around it, measured in one run so
//! the ratio holds on a noisy machine.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use oaj_judge::{CaseSelection, Judge, JudgeOptions, Submission, Verdict};

#[derive(clap::Args, Clone)]
pub struct BenchArgs {
    /// Test cases in the generated a+b problem.
    #[arg(long, default_value_t = 100)]
    cases: usize,
    /// Rounds per measurement; the median is reported.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Languages to measure (default: cpp,rust,python,java; with
    /// `--workers`: cpp,python).
    #[arg(long, value_delimiter = ',')]
    langs: Vec<String>,
    /// Instead of a+b: judge this function problem's hidden cases with each
    /// language's accepted solution (`solutions/accepted/`), in batch mode
    /// and one process per case, and print the ratio.
    #[arg(long, value_name = "PROBLEM_DIR", conflicts_with = "function_generated")]
    function: Option<PathBuf>,
    /// Like `--function`, on a generated function problem (the sum of an
    /// array of up to 10 numbers) with `--cases` hidden cases: start-up
    /// dominates, as in an OA problem with many small cases.
    #[arg(long)]
    function_generated: bool,
    /// Submit-to-verdict latency through the web app (HTTP submit, then the
    /// job's event stream) next to the judge in-process and `oaj run`, on
    /// the a+b problem with `--cases` hidden cases (20 is an OA-sized
    /// problem); p50 and p95 over `--submissions` submissions.
    #[arg(long, conflicts_with_all = ["function", "function_generated"])]
    server: bool,
    /// Submissions per language for `--server`, and per burst for `--workers`.
    #[arg(long, default_value_t = 50)]
    submissions: usize,
    /// With `--server`: a load test instead. This many simulated members
    /// each take OAs (home page, start, editor pages, autosaves, a run on
    /// the samples, a wrong and a right submission per problem, finish,
    /// report) on two a+b problems with `--cases` hidden cases, until
    /// `--duration` has passed; prints p50/p95/p99 latencies and errors.
    #[arg(long, value_name = "N", requires = "server")]
    members: Option<usize>,
    /// Load test length in seconds (members finish the OA they are in).
    #[arg(long, value_name = "SECONDS", default_value_t = 180)]
    duration: u64,
    /// Mean pause between a member's actions, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    think_ms: u64,
    /// Load test: judgings at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    slots: Option<usize>,
    /// Load test and `--workers`: judgings that may wait in the server
    /// (`oaj serve --queue`, default 64); beyond, submissions are refused
    /// with 503 and Retry-After, and posted again after that time.
    #[arg(long, value_name = "N")]
    queue: Option<usize>,
    /// Judging throughput: bursts of `--submissions` distinct submissions
    /// per language on the a+b problem with `--cases` hidden cases, judged
    /// by the single-process SQLite server and by a Postgres server with
    /// `oaj worker` processes (each `--slots 1`, pinned to one core), all
    /// started here as child processes with a throwaway PostgreSQL;
    /// submissions per minute, queue wait and submit-to-verdict p50/p95.
    #[arg(long, conflicts_with_all = ["function", "function_generated", "server"])]
    workers: bool,
    /// With `--workers`: the configurations, `sqlite-N` (`oaj serve
    /// --judge-parallel N`) and `pg-N` (N workers); default
    /// sqlite-1,sqlite-2,pg-1,pg-2, none with `--claimers` alone.
    #[arg(long, value_delimiter = ',', requires = "workers", value_name = "LIST")]
    configs: Option<Vec<String>>,
    /// With `--workers`: the store alone. For each N, N concurrent fake
    /// workers, each with its own connection, empty a queue of
    /// `--claim-jobs` jobs with the workers' claim query, one lease renewal
    /// and a stored result; jobs per second and claim latency.
    #[arg(long, value_delimiter = ',', requires = "workers", value_name = "N,N,...")]
    claimers: Vec<usize>,
    /// Jobs in the queue for each `--claimers` N.
    #[arg(long, default_value_t = 3000, value_name = "N")]
    claim_jobs: usize,
    /// `max_connections` of the bench's throwaway PostgreSQL (its default
    /// is 100).
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_connections: u32,
    /// With `--workers`: an existing PostgreSQL server instead of a
    /// throwaway one, e.g. postgres://bench@db.internal/postgres. Each pg-N
    /// configuration and each `--claimers` N gets a new database there,
    /// created through this URL's database (the role needs CREATEDB) and
    /// dropped at the end. The password (better in PGPASSWORD or
    /// ~/.pgpass than in the URL) is never printed.
    #[arg(long, value_name = "URL", requires = "workers")]
    database: Option<String>,
}

const SOLUTIONS: &[(&str, &str)] = &[
    ("cpp", "#include <cstdio>\nint main(){long long a,b;if(scanf(\"%lld %lld\",&a,&b)!=2)return 1;printf(\"%lld\\n\",a+b);}\n"),
    ("c", "#include <stdio.h>\nint main(void){long long a,b;if(scanf(\"%lld %lld\",&a,&b)!=2)return 1;printf(\"%lld\\n\",a+b);return 0;}\n"),
    ("python", "a, b = map(int, input().split())\nprint(a + b)\n"),
    ("javascript", "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(BigInt);\nconsole.log((a + b).toString());\n"),
    ("java", "import java.util.*;\npublic class Main { public static void main(String[] x) { Scanner s = new Scanner(System.in); long a = s.nextLong(), b = s.nextLong(); System.out.println(a + b); } }\n"),
    ("go", "package main\nimport \"fmt\"\nfunc main() { var a, b int64; fmt.Scan(&a, &b); fmt.Println(a + b) }\n"),
    ("rust", "use std::io::*;\nfn main() { let mut s = String::new(); stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!(\"{}\", v[0] + v[1]); }\n"),
];

/// The benchmark's a+b solution in `lang`.
pub(crate) fn solution(lang: &str) -> anyhow::Result<&'static str> {
    match SOLUTIONS.iter().find(|(id, _)| *id == lang) {
        Some((_, source)) => Ok(*source),
        None => bail!(
            "no benchmark solution for `{lang}`; choose from {}",
            SOLUTIONS.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `make_judge(parallelism, exec_server)` builds a judge running that many
/// cases at once, its sandbox serving runs from one long-lived exec helper
/// or starting one per run.
pub fn bench(make_judge: impl Fn(usize, bool) -> anyhow::Result<Judge>, args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let mut args = args.clone();
    if args.langs.is_empty() {
        let langs: &[&str] = if args.workers { &["cpp", "python"] } else { &["cpp", "rust", "python", "java"] };
        args.langs = langs.iter().map(|l| l.to_string()).collect();
    }
    let args = &args;
    if args.workers {
        let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
        let problem_dir = write_aplusb(dir.path(), args.cases)?;
        let configs = match &args.configs {
            Some(configs) => configs.clone(),
            None if args.claimers.is_empty() => {
                ["sqlite-1", "sqlite-2", "pg-1", "pg-2"].iter().map(|c| c.to_string()).collect()
            }
            None => Vec::new(),
        };
        let options = crate::bench_workers::WorkersOptions {
            bank: dir.path().to_path_buf(),
            slug: problem_dir.file_name().and_then(|n| n.to_str()).unwrap_or("aplusb").to_string(),
            submissions: args.submissions,
            cases: args.cases,
            langs: args.langs.clone(),
            configs,
            claimers: args.claimers.clone(),
            claim_jobs: args.claim_jobs,
            max_connections: args.max_connections,
            database: args.database.clone(),
            queue: args.queue,
        };
        return crate::bench_workers::bench_workers(&options);
    }
    if let Some(problem_dir) = &args.function {
        return bench_function(make_judge, args, problem_dir);
    }
    if args.function_generated {
        let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
        let problem_dir = write_sum_function(dir.path(), args.cases)?;
        return bench_function(make_judge, args, &problem_dir);
    }
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let problem_dir = write_aplusb(dir.path(), args.cases)?;
    if let (true, Some(members)) = (args.server, args.members) {
        write_aplusb_as(dir.path(), "aplusb-2", "A plus B, again", args.cases)?;
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let defaults = oaj_oa::EngineConfig::default();
        let config = oaj_oa::EngineConfig {
            judge_slots: args.slots.unwrap_or(defaults.judge_slots),
            queue_capacity: args.queue.unwrap_or(defaults.queue_capacity),
            // `oaj_server::serve` runs the expiry tick itself.
            background: false,
        };
        let options = crate::bench_server::LoadOptions {
            members,
            duration: Duration::from_secs(args.duration),
            think: Duration::from_millis(args.think_ms),
            langs: args.langs.clone(),
        };
        return crate::bench_server::load_test(make_judge(workers, true)?, dir.path(), SOLUTIONS, &options, config);
    }
    if args.server {
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        return crate::bench_server::bench_server(
            make_judge(workers, true)?,
            &problem_dir,
            SOLUTIONS,
            &args.langs,
            args.submissions,
        );
    }
    let function_dir = write_sum_function(dir.path(), args.cases)?;
    let problem = Arc::new(oaj_spec::load(&problem_dir).map_err(|e| anyhow::anyhow!("{e}"))?);
    let function = Arc::new(oaj_spec::load(&function_dir).map_err(|e| anyhow::anyhow!("{e}"))?);
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let judge = make_judge(workers, true)?;
    let judge_per_run_helper = make_judge(workers, false)?;
    let runtime = crate::runtime()?;
    let rounds = args.rounds.max(1);
    let oaj = std::env::current_exe().context("cannot find the running oaj binary")?;

    println!(
        "a+b, {} cases, {workers} cases at once, median of {rounds} rounds; batch: a function problem (sum of an array) with {} hidden cases",
        args.cases, args.cases
    );
    println!(
        "{:<8} {:>10} {:>17} {:>17} {:>18} {:>18} {:>17} {:>16}",
        "language",
        "bare/case",
        "per-case mode",
        "per-case, helper",
        "oaj run process",
        "run, no sessions",
        "batch mode",
        "batch/1 start-up"
    );
    for lang in &args.langs {
        let Some((_, source)) = SOLUTIONS.iter().find(|(id, _)| id == lang) else {
            bail!(
                "no benchmark solution for `{lang}`; choose from {}",
                SOLUTIONS.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
            );
        };
        let language = judge.languages().get(lang)?;
        if let Err(missing) = language.require_toolchain() {
            println!("{lang:<8} skipped: {missing}");
            continue;
        }
        let submission = Submission { language: lang.clone(), source: source.to_string() };
        let judge_once = |judge: &Judge, problem: &Arc<oaj_spec::Problem>, submission: &Submission, per_case: bool| {
            let started = Instant::now();
            let options =
                JudgeOptions { cases: CaseSelection::Hidden, function_per_case: per_case, ..Default::default() };
            let result = runtime.block_on(judge.judge(problem.clone(), submission.clone(), options, None))?;
            if result.verdict != Verdict::AC {
                bail!(
                    "the {lang} benchmark solution for {} got {} ({:?})",
                    problem.slug,
                    result.verdict,
                    result.cases.iter().find(|c| c.verdict != Verdict::AC)
                );
            }
            Ok(started.elapsed())
        };
        // The first judging compiles; it is not measured.
        judge_once(&judge, &problem, &submission, true)?;
        let build = oaj_judge::build::compile(
            judge.sandbox(),
            judge.cache_dir(),
            language,
            &[(language.source.clone(), source.as_bytes().to_vec())],
        )?;
        let inputs: Vec<PathBuf> = problem.hidden.iter().map(|c| c.input.clone()).collect();
        let source_file = dir.path().join(&language.source);
        std::fs::write(&source_file, source)?;
        let batch_source = function_solution(&function_dir, language)?;
        let batched = oaj_judge::function::supports_batch(lang) && judge.sandbox().supports_steps();
        if let Some(batch_source) = &batch_source {
            judge_once(&judge, &function, batch_source, !batched)?;
        }
        // The measures alternate round by round, so that load from
        // elsewhere on the machine hits them alike.
        let mut samples: [Vec<Duration>; 6] = Default::default();
        for _ in 0..rounds {
            samples[0].push(bare_run(language, &build.dir, &inputs, problem.limits.memory_limit_mb)?);
            samples[1].push(judge_once(&judge, &problem, &submission, true)?);
            samples[2].push(judge_once(&judge_per_run_helper, &problem, &submission, true)?);
            samples[3].push(oaj_run_process(&oaj, &problem_dir, &source_file, lang, true)?);
            samples[5].push(oaj_run_process(&oaj, &problem_dir, &source_file, lang, false)?);
            if let (Some(batch_source), true) = (&batch_source, batched) {
                samples[4].push(judge_once(&judge, &function, batch_source, false)?);
            }
        }
        let [bare, per_case, helper, process, batch, process_no_sessions] = samples.map(median);
        let bare = bare.unwrap_or_default();
        let per_case_ms = |d: Duration| d.as_secs_f64() * 1000.0 / args.cases as f64;
        let ratio = |d: Option<Duration>| match d {
            Some(d) if !bare.is_zero() => {
                format!("{:>7.2} ms {:>5.2}x", per_case_ms(d), d.as_secs_f64() / bare.as_secs_f64())
            }
            _ => format!("{:>16}", "n/a"),
        };
        let batch_vs_one = match batch {
            Some(batch) => format!("{:>15.1}x", batch.as_secs_f64() / (bare.as_secs_f64() / args.cases as f64)),
            None => format!("{:>16}", "n/a"),
        };
        println!(
            "{:<8} {:>7.2} ms {} {} {}  {}  {} {}",
            lang,
            per_case_ms(bare),
            ratio(per_case),
            ratio(helper),
            ratio(process),
            ratio(process_no_sessions),
            ratio(batch),
            batch_vs_one
        );
    }
    println!(
        "bare: the same binary run directly on each input, one after another (fork+exec, no sandbox, no checking)\n\
         per-case mode: the judge in this process, one sandboxed run per case, through the sandbox's exec server\n\
         per-case, helper: the same with one exec helper started per run (the sandbox before its server)\n\
         oaj run process: `oaj run` as a new process (start-up, sandbox probe, compile cache lookup included)\n\
         run, no sessions: the same with OAJ_SANDBOX_SESSIONS=off (one isolated environment per case)\n\
         batch mode: a function problem with as many cases, all in one process (n/a where the judge has no batch\n\
         mode for the language); batch/1 start-up: its time against ONE bare start-up of the language\n\
         ratios are against bare, measured in the same rounds"
    );
    Ok(ExitCode::SUCCESS)
}

/// `oaj run` as its own process, timed from spawn to exit; with
/// `sessions` off, every case gets an isolated environment of its own.
fn oaj_run_process(
    oaj: &Path,
    problem_dir: &Path,
    source: &Path,
    lang: &str,
    sessions: bool,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let output = Command::new(oaj)
        .env("OAJ_SANDBOX_SESSIONS", if sessions { "on" } else { "off" })
        .arg("run")
        .arg(problem_dir)
        .arg(source)
        .args(["--lang", lang, "--json"])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", oaj.display()))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        bail!(
            "`oaj run` of the {lang} benchmark solution failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(elapsed)
}

/// The accepted solution of the generated function problem in `language`.
fn function_solution(function_dir: &Path, language: &oaj_judge::Language) -> anyhow::Result<Option<Submission>> {
    let accepted = function_dir.join("solutions/accepted");
    for entry in std::fs::read_dir(&accepted).with_context(|| format!("cannot list {}", accepted.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| language.extensions.iter().any(|e| x == e.as_str())) {
            let source = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            return Ok(Some(Submission { language: language.id.clone(), source }));
        }
    }
    Ok(None)
}

/// `oaj bench --function DIR`: batch mode against one process per case on a
/// function problem, measured in the same run.
fn bench_function(
    make_judge: impl Fn(usize, bool) -> anyhow::Result<Judge>,
    args: &BenchArgs,
    problem_dir: &Path,
) -> anyhow::Result<ExitCode> {
    let problem = Arc::new(oaj_spec::load(problem_dir).map_err(|e| anyhow::anyhow!("{}: {e}", problem_dir.display()))?);
    if problem.kind != oaj_spec::ProblemKind::Function {
        bail!("{} is not a function problem; `--function` needs `kind = \"function\"`", problem_dir.display());
    }
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let judge = make_judge(workers, true)?;
    let runtime = crate::runtime()?;
    let rounds = args.rounds.max(1);
    let cases = problem.hidden.len();
    println!("{}, {cases} hidden cases, median of {rounds} rounds, {workers} cores", problem.slug);
    println!("{:<11} {:>14} {:>14} {:>8}", "language", "per-case mode", "batch mode", "ratio");
    for lang in &args.langs {
        let language = judge.languages().get(lang)?;
        if let Err(missing) = language.require_toolchain() {
            println!("{lang:<11} skipped: {missing}");
            continue;
        }
        let accepted = problem_dir.join("solutions/accepted");
        let solution = std::fs::read_dir(&accepted)
            .with_context(|| format!("cannot list {}", accepted.display()))?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| language.extensions.iter().any(|e| x == e.as_str())))
            .with_context(|| format!("no accepted {lang} solution in {}", accepted.display()))?;
        let source =
            std::fs::read_to_string(&solution).with_context(|| format!("cannot read {}", solution.display()))?;
        let submission = Submission { language: lang.clone(), source };
        let judge_once = |per_case: bool| -> anyhow::Result<Duration> {
            let started = Instant::now();
            let options =
                JudgeOptions { cases: CaseSelection::Hidden, function_per_case: per_case, ..Default::default() };
            let result = runtime.block_on(judge.judge(problem.clone(), submission.clone(), options, None))?;
            if result.verdict != Verdict::AC {
                bail!(
                    "{} got {} ({:?})",
                    solution.display(),
                    result.verdict,
                    result.cases.iter().find(|c| c.verdict != Verdict::AC)
                );
            }
            Ok(started.elapsed())
        };
        // The first judging compiles; it is not measured.
        judge_once(true)?;
        let per_case = median_of(rounds, || judge_once(true))?;
        let batch = median_of(rounds, || judge_once(false))?;
        println!(
            "{:<11} {:>11.0} ms {:>11.0} ms {:>7.1}x",
            lang,
            per_case.as_secs_f64() * 1000.0,
            batch.as_secs_f64() * 1000.0,
            per_case.as_secs_f64() / batch.as_secs_f64()
        );
    }
    println!("times are whole judgings of the hidden cases (compile cached); ratio = per-case / batch");
    Ok(ExitCode::SUCCESS)
}

fn median_of(rounds: usize, mut measure: impl FnMut() -> anyhow::Result<Duration>) -> anyhow::Result<Duration> {
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        samples.push(measure()?);
    }
    Ok(median(samples).unwrap_or_default())
}

/// The median sample; None without samples.
fn median(mut samples: Vec<Duration>) -> Option<Duration> {
    samples.sort();
    samples.get(samples.len() / 2).copied()
}

/// Runs the build's run command on every input, one after another.
fn bare_run(
    language: &oaj_judge::Language,
    build_dir: &Path,
    inputs: &[PathBuf],
    memory_mb: u64,
) -> anyhow::Result<Duration> {
    let command = language.run_command(memory_mb);
    let started = Instant::now();
    for input in inputs {
        let program =
            if command[0].starts_with("./") { build_dir.join(&command[0]) } else { PathBuf::from(&command[0]) };
        let status = Command::new(program)
            .args(&command[1..])
            .env_clear()
            .envs(language.env())
            .current_dir(build_dir)
            .stdin(std::fs::File::open(input)?)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", command[0]))?;
        if !status.success() {
            bail!("bare run of {} failed: {status}", command[0]);
        }
    }
    Ok(started.elapsed())
}

/// Writes a function problem `sumOfArray(int[] nums) -> long` with `cases`
/// small hidden cases and accepted C++, Rust, Java and Python solutions.
fn write_sum_function(root: &Path, cases: usize) -> anyhow::Result<PathBuf> {
    let dir = root.join("sum-of-array");
    for sub in ["tests/sample", "tests/hidden", "solutions/accepted"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    std::fs::write(
        dir.join("problem.toml"),
        "title = \"Sum of an array\"\ndifficulty = \"easy\"\nkind = \"function\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\nchecker = \"exact\"\n\n\
         [signature]\nfunction = \"sumOfArray\"\nparams = [{ name = \"nums\", type = \"int[]\" }]\nreturns = \"long\"\n",
    )?;
    std::fs::write(dir.join("statement.md"), "Return the sum of `nums`.\n")?;
    std::fs::write(dir.join("tests/sample/1.in"), "[1,2]\n")?;
    std::fs::write(dir.join("tests/sample/1.ans"), "3\n")?;
    std::fs::write(
        dir.join("solutions/accepted/Sum.java"),
        "class Solution {\n    public long sumOfArray(int[] nums) {\n        long s = 0;\n        for (int x : nums) s += x;\n        return s;\n    }\n}\n",
    )?;
    std::fs::write(
        dir.join("solutions/accepted/sum.cpp"),
        "class Solution {\npublic:\n    long long sumOfArray(vector<int>& nums) {\n        long long s = 0;\n        for (int x : nums) s += x;\n        return s;\n    }\n};\n",
    )?;
    std::fs::write(
        dir.join("solutions/accepted/sum.rs"),
        "impl Solution {\n    pub fn sum_of_array(nums: Vec<i32>) -> i64 {\n        nums.iter().map(|&x| x as i64).sum()\n    }\n}\n",
    )?;
    std::fs::write(
        dir.join("solutions/accepted/sum.py"),
        "class Solution:\n    def sumOfArray(self, nums: List[int]) -> int:\n        return sum(nums)\n",
    )?;
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 1..=cases {
        let len = (next() % 11) as usize;
        let nums: Vec<i64> = (0..len).map(|_| (next() % 2_000_001) as i64 - 1_000_000).collect();
        let text: Vec<String> = nums.iter().map(i64::to_string).collect();
        std::fs::write(dir.join(format!("tests/hidden/{i:03}.in")), format!("[{}]\n", text.join(",")))?;
        std::fs::write(dir.join(format!("tests/hidden/{i:03}.ans")), format!("{}\n", nums.iter().sum::<i64>()))?;
    }
    Ok(dir)
}

/// Writes an a+b problem with `cases` hidden cases (seeded, deterministic).
fn write_aplusb(root: &Path, cases: usize) -> anyhow::Result<PathBuf> {
    write_aplusb_as(root, "aplusb", "A plus B", cases)
}

fn write_aplusb_as(root: &Path, slug: &str, title: &str, cases: usize) -> anyhow::Result<PathBuf> {
    let dir = root.join(slug);
    std::fs::create_dir_all(dir.join("tests/sample"))?;
    std::fs::create_dir_all(dir.join("tests/hidden"))?;
    std::fs::write(
        dir.join("problem.toml"),
        format!(
            "title = \"{title}\"\ndifficulty = \"easy\"\nkind = \"stdio\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\nchecker = \"tokens\"\n"
        ),
    )?;
    std::fs::write(dir.join("statement.md"), "Print the sum of two integers.\n")?;
    std::fs::write(dir.join("tests/sample/1.in"), "1 2\n")?;
    std::fs::write(dir.join("tests/sample/1.ans"), "3\n")?;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 2_000_000_001) as i64 - 1_000_000_000
    };
    for i in 1..=cases {
        let (a, b) = (next(), next());
        std::fs::write(dir.join(format!("tests/hidden/{i:03}.in")), format!("{a} {b}\n"))?;
        std::fs::write(dir.join(format!("tests/hidden/{i:03}.ans")), format!("{}\n", a + b))?;
    }
    Ok(dir)
}
