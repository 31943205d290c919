//! `oaj bench --workers`: how many submissions are judged per minute by
//! the single-process SQLite server, and by a Postgres server with judge
//! workers (`oaj worker --slots 1`, each pinned to one core), all measured
//! in one run on the same machine; and, with `--claimers`, how many jobs a
//! second the Postgres store itself can hand out and take back, for the
//! estimate of where the store limits judging at 10 and 100 workers.
//!
//! Everything runs as real processes of this binary: `oaj serve` and
//! `oaj worker` children on free ports in temporary directories, and a
//! throwaway PostgreSQL cluster (`oaj_oa::pg_cluster`, the tests' cluster
//! too) that is removed at the end; or, with `--database URL`, an existing
//! PostgreSQL server, on which each configuration and each `--claimers` N
//! gets a database of its own, created and dropped by the bench
//! ([`ScratchDatabases`]). The password of that URL is never printed and
//! never on a child's command line: children get it as `PGPASSWORD`.
//!
//! A submission the server refuses with 503 and Retry-After (its queue is
//! full: `--queue`) is posted again after the time it says; the table
//! counts those refusals per burst.
//!
//! Times come from the store, so they are exact to the millisecond on the
//! machine's one clock: a job's `created_ms` (the submission stored),
//! `finished_ms` (the result stored) and its claim, which is
//! `lease_until_ms - lease`: the bench runs every judge with a lease of
//! [`LEASE`], renewed only after a third of it, which no judging here
//! reaches. The client also times each submission from its POST to the
//! final event on the job's event stream (what a user's page sees).

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use oaj_oa::pg_cluster::{ClusterOptions, PgCluster, ScratchDatabases};
use oaj_oa::Store;

use crate::bench_server::{exchange, tail, Series};

/// Every judge's lease in the bench; see the module comment.
const LEASE: Duration = Duration::from_secs(600);

/// What `oaj bench --workers` was asked for.
pub struct WorkersOptions {
    pub bank: PathBuf,
    pub slug: String,
    pub submissions: usize,
    pub cases: usize,
    pub langs: Vec<String>,
    pub configs: Vec<String>,
    pub claimers: Vec<usize>,
    pub claim_jobs: usize,
    pub max_connections: u32,
    /// An existing PostgreSQL server to make the databases on, instead of
    /// a throwaway cluster.
    pub database: Option<String>,
    /// `oaj serve --queue` of every configuration (None: its default).
    pub queue: Option<usize>,
}

/// Where the bench's Postgres databases are made.
enum PgServer {
    /// The bench's own throwaway cluster.
    Throwaway(PgCluster),
    /// An existing server (`--database URL`).
    Existing(ScratchDatabases),
}

impl PgServer {
    fn start(options: &WorkersOptions) -> anyhow::Result<PgServer> {
        Ok(match &options.database {
            Some(url) => {
                if oaj_oa::Backend::of_url(url) != Some(oaj_oa::Backend::Postgres) {
                    bail!("--database must be a postgres:// URL, not {}", oaj_oa::redact_url(url));
                }
                PgServer::Existing(ScratchDatabases::new(url, "bench"))
            }
            None => PgServer::Throwaway(start_cluster(options.max_connections)?),
        })
    }

    /// A new empty database's URL (with the password, if the server's has one).
    fn create_database(&self) -> anyhow::Result<String> {
        match self {
            PgServer::Throwaway(cluster) => Ok(cluster.create_database()?),
            PgServer::Existing(server) => Ok(crate::runtime()?.block_on(server.create())?),
        }
    }

    fn describe(&self, options: &WorkersOptions) -> String {
        match (self, &options.database) {
            (PgServer::Existing(_), Some(url)) => format!(
                "the existing PostgreSQL {} (a database of the bench's own for each configuration, dropped at the end)",
                oaj_oa::redact_url(url)
            ),
            _ => "a throwaway PostgreSQL cluster".to_string(),
        }
    }

    fn max_connections(&self, options: &WorkersOptions) -> String {
        match self {
            PgServer::Throwaway(_) => options.max_connections.to_string(),
            PgServer::Existing(server) => crate::runtime()
                .map_err(|e| e.to_string())
                .and_then(|runtime| runtime.block_on(server.max_connections()).map_err(|e| e.to_string()))
                .unwrap_or_else(|e| format!("unknown ({e})")),
        }
    }

    /// Drops the databases made on an existing server; says which could not be.
    fn clean_up(&self) {
        let PgServer::Existing(server) = self else { return };
        let failed = match crate::runtime() {
            Ok(runtime) => runtime.block_on(server.drop_all()),
            Err(e) => {
                eprintln!("cannot drop the bench's databases: {e:#}");
                return;
            }
        };
        for (name, why) in failed {
            eprintln!("cannot drop the bench's database {name}: {why}");
        }
    }
}

/// One way of judging: `sqlite-N` is `oaj serve --judge-parallel N` on its
/// SQLite store, unpinned; `pg-N` is `oaj serve --judge-parallel 0` on
/// Postgres with N `oaj worker --slots 1`, worker i pinned to core i.
#[derive(Clone, Debug)]
struct Setup {
    name: String,
    postgres: bool,
    n: usize,
}

impl Setup {
    fn parse(text: &str) -> anyhow::Result<Setup> {
        let (kind, n) = text
            .split_once('-')
            .with_context(|| format!("configuration {text:?} is not sqlite-N or pg-N (such as sqlite-2 or pg-1)"))?;
        let n: usize = n.parse().ok().filter(|n| *n > 0).with_context(|| format!("{text:?}: N must be 1 or more"))?;
        let postgres = match kind {
            "sqlite" => false,
            "pg" | "postgres" => true,
            _ => bail!("configuration {text:?} is not sqlite-N or pg-N (such as sqlite-2 or pg-1)"),
        };
        Ok(Setup { name: text.to_string(), postgres, n })
    }
}

/// The a+b solutions, each submission made distinct by a comment so every
/// one is compiled, as in a real OA (a repeated source would hit the
/// compile cache).
fn source(lang: &str, n: usize) -> anyhow::Result<String> {
    let body = crate::bench::solution(lang)?;
    let comment = match lang {
        "python" => "#",
        _ => "//",
    };
    Ok(format!("{comment} submission {n}\n{body}"))
}

pub fn bench_workers(options: &WorkersOptions) -> anyhow::Result<ExitCode> {
    let setups: Vec<Setup> = options.configs.iter().map(|c| Setup::parse(c)).collect::<anyhow::Result<_>>()?;
    let needs_postgres = !options.claimers.is_empty() || setups.iter().any(|s| s.postgres);
    if options.database.is_some() && !needs_postgres {
        bail!("--database is for the pg-N configurations and --claimers, and none was asked for");
    }
    let server = if needs_postgres { Some(PgServer::start(options)?) } else { None };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "judging throughput: a+b with {} hidden cases, bursts of {} distinct submissions per language; {cores} cores; load average at start: {}",
        options.cases,
        options.submissions,
        load_average()
    );
    if let Some(server) = &server {
        println!("postgres: {}", server.describe(options));
    }
    let measured = measure(&setups, options, server.as_ref(), cores);
    if let Some(server) = &server {
        server.clean_up();
    }
    let exit = measured?;
    println!("load average at the end: {}", load_average());
    Ok(exit)
}

/// The configurations, then the claimers.
fn measure(
    setups: &[Setup],
    options: &WorkersOptions,
    server: Option<&PgServer>,
    cores: usize,
) -> anyhow::Result<ExitCode> {
    let mut exit = ExitCode::SUCCESS;
    if !setups.is_empty() {
        let mut rows = Vec::new();
        for setup in setups {
            let measured =
                run_setup(setup, options, server, cores).with_context(|| format!("configuration {}", setup.name))?;
            rows.extend(measured);
        }
        print_rows(&rows, options);
        if rows.iter().any(|r| r.errors > 0) {
            exit = ExitCode::from(1);
        }
    }
    if let Some(server) = server {
        if !options.claimers.is_empty() {
            claimers(server, options)?;
        }
    }
    Ok(exit)
}

/// `/proc/loadavg`'s three averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}

/// What one configuration did with one language's burst.
struct Row {
    setup: String,
    lang: String,
    judged: usize,
    per_minute: f64,
    /// Claim minus submission (ms).
    queue_wait: Series,
    /// Result stored minus submission (ms).
    stored: Series,
    /// POST to the final event, seen by the client (ms).
    seen: Series,
    /// Result stored minus claim: one judging (ms).
    judging: Series,
    errors: usize,
    first_error: Option<String>,
    /// Posts refused with 503 and Retry-After (and posted again).
    refused: usize,
    /// Most connections open to the database during the burst, the bench's own excluded.
    connections: Option<i64>,
}

fn run_setup(
    setup: &Setup,
    options: &WorkersOptions,
    server: Option<&PgServer>,
    cores: usize,
) -> anyhow::Result<Vec<Row>> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let data = dir.path().join("data");
    let cache = dir.path().join("cache");
    let url = match (setup.postgres, server) {
        (true, Some(server)) => Some(server.create_database().context("cannot create the bench's database")?),
        (true, None) => bail!("no PostgreSQL server"),
        (false, _) => None,
    };
    // Children get the password in their environment, not on their
    // command line (which every local user can read in /proc).
    let (child_url, password) = match &url {
        Some(url) => {
            let (bare, password) = oaj_oa::pg_cluster::split_password(url);
            (Some(bare), password)
        }
        None => (None, None),
    };
    let oaj = std::env::current_exe().context("cannot find the running oaj binary")?;
    let base = |log: &str| {
        let mut command = Command::new(&oaj);
        command.env("OAJ_LOG", "warn").arg("--problems-dir").arg(&options.bank).arg("--cache-dir").arg(&cache);
        if let Some(password) = &password {
            command.env("PGPASSWORD", password);
        }
        (command, dir.path().join(log))
    };
    let lease = LEASE.as_secs().to_string();
    let (mut serve, log) = base("serve.log");
    serve
        .args(["serve", "--addr", "127.0.0.1:0", "--no-rate-limits", "--lease", lease.as_str()])
        .arg("--data")
        .arg(&data);
    match &child_url {
        Some(url) => serve.args(["--database", url.as_str(), "--judge-parallel", "0"]),
        None => serve.args(["--judge-parallel", setup.n.to_string().as_str()]),
    };
    if let Some(queue) = options.queue {
        serve.args(["--queue", queue.to_string().as_str()]);
    }
    // The server (and Postgres) float over every core: on two cores there
    // is no third one to give them.
    let server = Proc::spawn(serve, None, &log, "oaj serve")?;
    let first = server.wait_line("OA Judge is running at http://", Duration::from_secs(60))?;
    let addr = first.trim_start_matches("OA Judge is running at http://").trim_end_matches('/').to_string();
    let mut workers = Vec::new();
    if let Some(url) = &child_url {
        for i in 0..setup.n {
            let (mut worker, log) = base(&format!("worker-{i}.log"));
            let name = format!("bench-{i}");
            worker.args([
                "worker",
                "--database",
                url.as_str(),
                "--slots",
                "1",
                "--grace",
                "5",
                "--lease",
                lease.as_str(),
                "--name",
                name.as_str(),
            ]);
            let proc = Proc::spawn(worker, Some(i % cores), &log, &format!("oaj worker {name}"))?;
            proc.wait_line(&format!("oaj worker {name}"), Duration::from_secs(60))?;
            workers.push(proc);
        }
    }
    let runtime = crate::runtime()?;
    let rows = runtime.block_on(async {
        let store = match &url {
            Some(url) => Store::connect(url).await?,
            None => Store::open(&data).await?,
        };
        let attempt = practice(&addr, &options.slug).await?;
        let mut rows = Vec::new();
        for lang in &options.langs {
            rows.push(burst(setup, lang, options.submissions, &addr, attempt, &store).await?);
        }
        store.close().await;
        anyhow::Ok(rows)
    });
    // Workers first, so none is left waiting on a server that went away.
    for worker in workers {
        worker.stop();
    }
    server.stop();
    rows
}

/// Starts a practice attempt on `slug`; returns its id.
async fn practice(addr: &str, slug: &str) -> anyhow::Result<i64> {
    let request = format!("GET /practice/{slug} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let reply = exchange(addr, &request, None).await?;
    reply
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("location: /oa/").map(str::to_string))
        .and_then(|rest| rest.split('/').next().and_then(|id| id.trim().parse().ok()))
        .with_context(|| format!("GET /practice/{slug} started no attempt: {}", tail(&reply)))
}

/// POSTs one submission, retrying while the server answers 503 with
/// Retry-After (its queue is full); counts those refusals in `refused`
/// also when it fails.
async fn submit(addr: &str, attempt: i64, body: &str, refused: &mut usize) -> anyhow::Result<i64> {
    let request = format!(
        "POST /api/oa/{attempt}/1/submit HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    for _ in 0..600 {
        let reply = exchange(addr, &request, None).await?;
        let status = reply.split_whitespace().nth(1).unwrap_or_default();
        if status == "503" {
            let wait = reply
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("retry-after:").map(|v| v.trim().to_string()))
                .and_then(|v| v.parse::<u64>().ok())
                .with_context(|| format!("503 without Retry-After: {}", tail(&reply)))?;
            *refused += 1;
            tokio::time::sleep(Duration::from_secs(wait.clamp(1, 10))).await;
            continue;
        }
        return reply
            .split("\"job\":")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .with_context(|| format!("no job id in the reply: {}", tail(&reply)));
    }
    bail!("the server refused the submission for 10 minutes (503)")
}

/// [`submit`], with its refusals.
async fn submit_counted(addr: &str, attempt: i64, body: &str) -> (anyhow::Result<i64>, usize) {
    let mut refused = 0;
    let job = submit(addr, attempt, body, &mut refused).await;
    (job, refused)
}

/// Follows job `id`'s event stream to its final event; returns its verdict
/// (or the job's error).
async fn follow(addr: &str, id: i64) -> anyhow::Result<String> {
    let request = format!("GET /api/jobs/{id}/events HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let events = exchange(addr, &request, Some("\"state\":\"done\"")).await?;
    if !events.contains("\"state\":\"done\"") {
        bail!("job {id}: the event stream ended without a result: {}", tail(&events));
    }
    Ok(events
        .rsplit("\"verdict\":\"")
        .next()
        .filter(|_| events.contains("\"verdict\":\""))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("none")
        .to_string())
}

/// One burst: a warm-up submission (so the judges have loaded the problem
/// and the toolchain's files are in the page cache), then `count`
/// submissions posted as fast as the server takes them, followed to their
/// verdicts.
async fn burst(
    setup: &Setup,
    lang: &str,
    count: usize,
    addr: &str,
    attempt: i64,
    store: &Store,
) -> anyhow::Result<Row> {
    let json = |n: usize| -> anyhow::Result<String> {
        Ok(serde_json::json!({ "language": lang, "code": source(lang, n)? }).to_string())
    };
    let (warm, mut refused) = submit_counted(addr, attempt, &json(usize::MAX)?).await;
    let warm = warm.with_context(|| format!("{lang}: warm-up"))?;
    let verdict = follow(addr, warm).await?;
    if verdict != "AC" {
        bail!("{lang}: the warm-up submission got {verdict}, not AC; see the logs of the judges");
    }
    // Connections open while judging, sampled twice a second.
    let peak = Arc::new(Mutex::new(None::<i64>));
    let (stop_tx, mut stop_rx) = tokio::sync::oneshot::channel::<()>();
    let sampler = {
        let (store, peak) = (store.clone(), peak.clone());
        tokio::spawn(async move {
            loop {
                if let Ok(Some(n)) = store.probe_connections().await {
                    if let Ok(mut peak) = peak.lock() {
                        *peak = Some(peak.map_or(n, |p| p.max(n)));
                    }
                }
                tokio::select! {
                    _ = &mut stop_rx => break,
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                }
            }
        })
    };
    let mut followers = Vec::new();
    let mut errors = Vec::new();
    for n in 0..count {
        let started = Instant::now();
        let (submitted, refusals) = submit_counted(addr, attempt, &json(n)?).await;
        refused += refusals;
        match submitted {
            Ok(id) => {
                let addr = addr.to_string();
                followers.push(tokio::spawn(async move {
                    let verdict = follow(&addr, id).await;
                    (id, verdict, started.elapsed())
                }));
            }
            Err(e) => errors.push(format!("submission {n}: {e:#}")),
        }
    }
    let mut ids = Vec::new();
    let mut seen = Vec::new();
    for follower in followers {
        let (id, verdict, took) = follower.await.context("a follower task failed")?;
        ids.push(id);
        match verdict {
            Ok(v) if v == "AC" => seen.push(took.as_secs_f64() * 1000.0),
            Ok(v) => errors.push(format!("job {id}: verdict {v}")),
            Err(e) => errors.push(format!("job {id}: {e:#}")),
        }
    }
    let _ = stop_tx.send(());
    let _ = sampler.await;
    let times = store.probe_job_times().await?;
    let lease_ms = LEASE.as_millis() as i64;
    let mine: Vec<_> = times.iter().filter(|t| ids.contains(&t.id)).collect();
    let (mut waits, mut stored, mut judging) = (Vec::new(), Vec::new(), Vec::new());
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for job in &mine {
        let (Some(finished), Some(until)) = (job.finished_ms, job.lease_until_ms) else {
            errors.push(format!("job {}: {} without a stored result", job.id, job.status));
            continue;
        };
        if let Some(error) = &job.error {
            errors.push(format!("job {}: {error}", job.id));
        }
        let claimed = until - lease_ms;
        waits.push((claimed - job.created_ms) as f64);
        stored.push((finished - job.created_ms) as f64);
        judging.push((finished - claimed) as f64);
        first = first.min(job.created_ms);
        last = last.max(finished);
    }
    let judged = stored.len();
    let per_minute =
        if judged > 0 && last > first { judged as f64 * 60_000.0 / (last - first) as f64 } else { f64::NAN };
    let connections = peak.lock().ok().and_then(|p| *p).map(|n| n - 1);
    Ok(Row {
        setup: setup.name.clone(),
        lang: lang.to_string(),
        judged,
        per_minute,
        queue_wait: Series(waits),
        stored: Series(stored),
        seen: Series(seen),
        judging: Series(judging),
        errors: errors.len(),
        first_error: errors.into_iter().next(),
        refused,
        connections,
    })
}

fn print_rows(rows: &[Row], options: &WorkersOptions) {
    println!();
    println!(
        "{:<9} {:<7} {:>6} {:>9} {:>8} {:>15} {:>17} {:>17} {:>11} {:>6} {:>6} {:>6}",
        "config",
        "lang",
        "judged",
        "per min",
        "vs base",
        "queue wait",
        "submit-to-stored",
        "submit-to-seen",
        "judging",
        "conns",
        "503s",
        "errors"
    );
    let p = |s: &Series| format!("{:.0} / {:.0}", s.quantile(0.5), s.quantile(0.95));
    for row in rows {
        // The base: the single-process SQLite server with its default
        // judgings at once, measured in this run.
        let base = rows
            .iter()
            .find(|b| b.lang == row.lang && b.setup == format!("sqlite-{}", default_slots()))
            .or_else(|| rows.iter().find(|b| b.lang == row.lang && b.setup.starts_with("sqlite")));
        let ratio = base.map_or("n/a".to_string(), |b| format!("{:.2}x", row.per_minute / b.per_minute));
        println!(
            "{:<9} {:<7} {:>6} {:>9.1} {:>8} {:>15} {:>17} {:>17} {:>11} {:>6} {:>6} {:>6}",
            row.setup,
            row.lang,
            format!("{}/{}", row.judged, options.submissions),
            row.per_minute,
            ratio,
            p(&row.queue_wait),
            p(&row.stored),
            p(&row.seen),
            format!("{:.0}", row.judging.quantile(0.5)),
            row.connections.map_or("-".to_string(), |n| n.to_string()),
            row.refused,
            row.errors
        );
    }
    for row in rows {
        if let Some(error) = &row.first_error {
            println!("{} {}: {} error(s), the first: {error}", row.setup, row.lang, row.errors);
        }
    }
    println!(
        "per min: submissions judged per minute, first submission stored to last result stored\n\
         vs base: against sqlite-{} (the single-process server's default) in this run\n\
         times in ms, p50 / p95: queue wait = submission stored to claimed by a judge; submit-to-stored = to the\n\
         result stored; submit-to-seen = the client's POST to the final event on the job's stream; judging = claim\n\
         to result stored, p50 (compile included: every submission is a distinct source)\n\
         conns: most connections open to Postgres during the burst (server and workers, the bench's excluded)\n\
         503s: posts the server refused with 503 and Retry-After (queue full; posted again after that time)\n\
         sqlite-N: one `oaj serve --judge-parallel N` process on SQLite, on every core;\n\
         pg-N: `oaj serve --judge-parallel 0` on Postgres and N `oaj worker --slots 1`, worker i pinned to core i;\n\
         the server and Postgres are not pinned and share the cores with the workers",
        default_slots()
    );
}

/// The server's default judgings at once: the number of cores.
fn default_slots() -> usize {
    oaj_oa::EngineConfig::default().judge_slots
}

// ---- the store alone: N fake workers claiming, renewing, finishing ----

/// `--claimers 1,10,100`: for each N, a fresh database with a queue of
/// `claim_jobs` jobs, and N tasks each with its own store connection that
/// claim a job (the workers' query), renew its lease once, and store a
/// result, until the queue is empty. Store-limited jobs per second, claim
/// latency, and what failed.
fn claimers(server: &PgServer, options: &WorkersOptions) -> anyhow::Result<()> {
    println!();
    println!(
        "the store alone: N claimers, each its own connection, empty a queue of {} jobs (claim, renew once, store a \
         result); PostgreSQL max_connections = {}",
        options.claim_jobs,
        server.max_connections(options)
    );
    println!(
        "{:>5} {:>8} {:>11} {:>17} {:>17} {:>12} {:>8}",
        "N", "jobs", "jobs/s", "claim ms p50/p95", "cycle ms p50/p95", "empty claims", "failed"
    );
    let runtime = crate::runtime()?;
    for &n in &options.claimers {
        let url = server.create_database().context("cannot create the claimers' database")?;
        runtime.block_on(async {
            let filler = Store::connect(&url).await?;
            filler.probe_fill_queue(&options.slug, options.claim_jobs, now_ms()).await?;
            filler.close().await;
            // Connect every claimer first, so the measure is of claiming only.
            let mut stores = Vec::new();
            let mut failed = Vec::new();
            for i in 0..n {
                match Store::connect_with(&url, 1).await {
                    Ok(store) => stores.push(store),
                    Err(e) => failed.push(format!("claimer {i}: {e}")),
                }
            }
            let remaining = Arc::new(std::sync::atomic::AtomicUsize::new(options.claim_jobs));
            let started = Instant::now();
            let mut tasks = Vec::new();
            for (i, store) in stores.iter().enumerate() {
                let (store, remaining) = (store.clone(), remaining.clone());
                tasks.push(tokio::spawn(async move { claim_loop(&store, &format!("claimer-{i}"), &remaining).await }));
            }
            let (mut claim, mut cycle, mut empty, mut done) = (Vec::new(), Vec::new(), 0usize, 0usize);
            for task in tasks {
                match task.await {
                    Ok(tally) => {
                        claim.extend(tally.claim);
                        done += tally.cycle.len();
                        cycle.extend(tally.cycle);
                        empty += tally.empty;
                        failed.extend(tally.failed);
                    }
                    Err(e) => failed.push(format!("a claimer panicked: {e}")),
                }
            }
            let elapsed = started.elapsed().as_secs_f64();
            for store in &stores {
                store.close().await;
            }
            let (claim, cycle) = (Series(claim), Series(cycle));
            println!(
                "{n:>5} {done:>8} {:>11.0} {:>17} {:>17} {empty:>12} {:>8}",
                done as f64 / elapsed,
                format!("{:.1} / {:.1}", claim.quantile(0.5), claim.quantile(0.95)),
                format!("{:.1} / {:.1}", cycle.quantile(0.5), cycle.quantile(0.95)),
                failed.len()
            );
            for error in failed.iter().take(3) {
                println!("      {error}");
            }
            anyhow::Ok(())
        })?;
    }
    println!(
        "claim: the claiming statement (UPDATE ... SELECT ... FOR UPDATE SKIP LOCKED); cycle: claim + renew + store\n\
         the result; empty claims: claims that found no free job while jobs were left (all claimed, not yet finished;\n\
         the claimer then looks again after 10 ms)\n\
         failed: claimers that could not connect or whose statements failed"
    );
    Ok(())
}

#[derive(Default)]
struct ClaimTally {
    claim: Vec<f64>,
    cycle: Vec<f64>,
    empty: usize,
    /// Why this claimer stopped early.
    failed: Option<String>,
}

/// One claimer until the queue is empty (or 5 minutes, should a failed
/// claimer have left a claimed job unfinished); what it measured is kept
/// when it fails.
async fn claim_loop(store: &Store, owner: &str, remaining: &std::sync::atomic::AtomicUsize) -> ClaimTally {
    let mut tally = ClaimTally::default();
    if let Err(e) = claim_jobs(store, owner, remaining, &mut tally).await {
        tally.failed = Some(format!("{e:#}"));
    }
    tally
}

async fn claim_jobs(
    store: &Store,
    owner: &str,
    remaining: &std::sync::atomic::AtomicUsize,
    tally: &mut ClaimTally,
) -> anyhow::Result<()> {
    use std::sync::atomic::Ordering;
    let lease_ms = LEASE.as_millis() as i64;
    let until = Instant::now() + Duration::from_secs(300);
    while remaining.load(Ordering::SeqCst) > 0 {
        if Instant::now() > until {
            bail!("{owner}: jobs were still unfinished after 5 minutes");
        }
        let started = Instant::now();
        let claimed = store.probe_claim(owner, now_ms(), lease_ms).await.with_context(|| format!("{owner}: claim"))?;
        let claim_ms = started.elapsed().as_secs_f64() * 1000.0;
        let Some(id) = claimed else {
            // The jobs left are all claimed by others: a worker would wait
            // for a notification; this one looks again soon.
            tally.empty += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        tally.claim.push(claim_ms);
        if !store.probe_renew(id, owner, now_ms(), lease_ms).await.with_context(|| format!("{owner}: renew"))? {
            bail!("{owner}: lost the lease on job {id} at once");
        }
        if !store.probe_finish(id, owner, now_ms()).await.with_context(|| format!("{owner}: finish"))? {
            bail!("{owner}: could not store the result of job {id}");
        }
        tally.cycle.push(started.elapsed().as_secs_f64() * 1000.0);
        remaining.fetch_sub(1, Ordering::SeqCst);
    }
    Ok(())
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

// ---- child processes ----

/// A child `oaj` process whose stdout lines are collected; its stderr goes
/// to a log file, shown when it fails to start.
struct Proc {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    log: PathBuf,
    what: String,
}

impl Proc {
    /// Starts `command`, pinned to core `cpu` when given (the affinity is
    /// set in the child before exec, so every thread and program it starts
    /// inherits it).
    fn spawn(mut command: Command, cpu: Option<usize>, log: &Path, what: &str) -> anyhow::Result<Proc> {
        let stderr = std::fs::File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(stderr);
        if let Some(cpu) = cpu {
            // SAFETY: between fork and exec only sched_setaffinity, a plain
            // system call, runs; the set is built on the stack.
            unsafe {
                command.pre_exec(move || {
                    let mut set: libc::cpu_set_t = std::mem::zeroed();
                    libc::CPU_SET(cpu, &mut set);
                    if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = command.spawn().with_context(|| format!("cannot start {what}"))?;
        let stdout = BufReader::new(child.stdout.take().context("no stdout pipe")?);
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if let Ok(mut lines) = sink.lock() {
                    lines.push(line);
                }
            }
        });
        Ok(Proc { child, lines, log: log.to_path_buf(), what: what.to_string() })
    }

    fn wait_line(&self, prefix: &str, limit: Duration) -> anyhow::Result<String> {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            if let Some(line) = self.lines.lock().ok().and_then(|l| l.iter().find(|l| l.starts_with(prefix)).cloned()) {
                return Ok(line);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        bail!("{} printed no line starting {prefix:?} within {limit:?}; its stderr:\n{}", self.what, tail(&log))
    }

    /// SIGTERM, then SIGKILL if it has not exited within 15 s.
    fn stop(mut self) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let until = Instant::now() + Duration::from_secs(15);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The run's throwaway PostgreSQL, with PostgreSQL's default durability
/// (fsync on: the store is measured as it would run). Stopped and removed
/// when dropped.
fn start_cluster(max_connections: u32) -> anyhow::Result<PgCluster> {
    let options = ClusterOptions { label: "bench", max_connections, durable: true };
    PgCluster::start(&options).context("cannot start a throwaway PostgreSQL")
}
