//! `oaj worker`: a judge on another machine. Claims jobs from the shared
//! (Postgres) store under leases, judges them in the sandbox with this
//! machine's toolchains, and writes the results back. Problems come from
//! the local problems directory when its copy has the job's content hash,
//! else from the store by hash into `<cache dir>/problems/` (see
//! `oaj_oa`'s `archives.rs`). Runs until SIGTERM or Ctrl-C; then claims nothing more and waits
//! up to the grace period for the judgings it holds (any left are
//! abandoned: their leases expire and another judge takes them over).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use oaj_judge::Judge;
use oaj_oa::{Engine, EngineConfig, SystemClock};

#[derive(clap::Args)]
#[command(after_help = "Problems: a worker needs no problems directory. It judges with its own copy of a problem \
(--problems-dir, $OAJ_PROBLEMS_DIR, ./problems or the bundled problems; a missing directory is fine) when that \
copy has the content hash the job was stored with, and otherwise fetches the server's copy from the store by \
hash into <cache dir>/problems/<hash>/, where later jobs and restarts reuse it. That cache keeps at most \
--problem-cache-entries problems and --problem-cache-mb in all, evicting the least recently used (never one a \
judging uses, also of another worker sharing the cache dir).")]
pub struct WorkerArgs {
    /// The server's store, e.g. postgres://oaj@db.internal/oaj (the
    /// password from PGPASSWORD or ~/.pgpass rather than the URL).
    #[arg(long, value_name = "URL")]
    database: String,
    /// Judgings at once (default: the number of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    slots: Option<u16>,
    /// On SIGTERM/Ctrl-C, how long to let running judgings finish before
    /// abandoning them to lease expiry.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    grace: u64,
    /// How long a claim holds a job unless renewed (renewed every third of
    /// it): how soon the jobs of a worker that died go to another.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(3..))]
    lease: u64,
    /// The name shown on the admin page (default: host:pid).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Problems fetched from the store kept in <cache dir>/problems.
    #[arg(long, value_name = "N", default_value_t = oaj_oa::DEFAULT_PROBLEM_CACHE.max_entries)]
    problem_cache_entries: usize,
    /// Megabytes (MiB) the fetched problems may take in all.
    #[arg(long, value_name = "MB", default_value_t = oaj_oa::DEFAULT_PROBLEM_CACHE.max_bytes >> 20)]
    problem_cache_mb: u64,
}

pub fn worker(judge: Judge, problems_dir: PathBuf, args: &WorkerArgs) -> anyhow::Result<ExitCode> {
    if oaj_oa::Backend::of_url(&args.database) != Some(oaj_oa::Backend::Postgres) {
        bail!("--database must be the server's postgres:// store; a SQLite store is not shared with workers");
    }
    let slots = args.slots.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), usize::from);
    let catalog = if problems_dir.is_dir() {
        crate::problems::load_catalog(&problems_dir)?
    } else {
        // Every problem then comes from the store.
        oaj_oa::Catalog::from_problems(&problems_dir, Vec::new())
    };
    let fetched = judge.cache_dir().join(oaj_oa::FETCHED_SUBDIR);
    for (slug, error) in catalog.broken() {
        eprintln!("warning: problem {slug} is skipped: {error}");
    }
    crate::runtime()?.block_on(async move {
        let store = crate::database::open(Some(&args.database), &problems_dir).await?;
        // No start-up work: the unfinished jobs of the store belong to
        // other judges until their leases expire.
        let config = EngineConfig { judge_slots: slots, queue_capacity: 0, background: false };
        let engine = Engine::new(store, Arc::new(catalog), Arc::new(judge), Arc::new(SystemClock), config);
        engine.set_lease(Duration::from_secs(args.lease));
        let limits = oaj_oa::ProblemCacheLimits {
            max_bytes: args.problem_cache_mb.saturating_mul(1 << 20),
            max_entries: args.problem_cache_entries,
        };
        // Blocking (a sweep and an eviction of the cache dir), once, before any job.
        tokio::task::block_in_place(|| engine.fetch_problems_into(&fetched, limits))?;
        // The server shows "case k of n" from what the worker writes.
        engine.set_publish_progress(true);
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|_| "host".to_string());
        let name = args.name.clone().unwrap_or_else(|| format!("{host}:{}", std::process::id()));
        let store = engine.store().clone();
        store.register_worker(&name, &host, slots, engine.now_ms()).await.context("cannot register the worker")?;
        let mut listener = store.listen_jobs().await?.context("the store has no notifications")?;
        println!(
            "oaj worker {name}: {slots} slot(s), problems {} ({} loaded), others from the store into {} \
             (at most {} problems, {} MiB)",
            problems_dir.display(),
            engine.catalog().len(),
            fetched.display(),
            args.problem_cache_entries,
            args.problem_cache_mb
        );
        println!("  database: {}", crate::database::describe(Some(&args.database), &problems_dir));

        let wake = Arc::new(tokio::sync::Notify::new());
        let notices = {
            let wake = wake.clone();
            tokio::spawn(async move {
                loop {
                    match listener.recv().await {
                        Ok(Some(oaj_oa::JobNotice::Queued)) => wake.notify_one(),
                        Ok(_) => {}
                        Err(e) => {
                            // sqlx reconnects on the next recv; the poll covers the gap.
                            tracing::warn!("the LISTEN connection failed: {e}");
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        }
                    }
                }
            })
        };
        let heartbeat = {
            let (engine, name) = (engine.clone(), name.clone());
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(oaj_oa::HEARTBEAT);
                loop {
                    tick.tick().await;
                    let now = engine.now_ms();
                    if let Err(e) = engine.store().worker_heartbeat(&name, now, engine.results_stored()).await {
                        tracing::warn!("cannot write the heartbeat: {e}");
                    }
                }
            })
        };

        let stop = oaj_server::shutdown_signal();
        tokio::pin!(stop);
        loop {
            // Fill the free slots; claiming is one statement per job.
            while engine.judging() < slots {
                match engine.judge_next().await {
                    Ok(Some(id)) => println!("claimed job {id}"),
                    Ok(None) => break,
                    Err(e) => {
                        tracing::warn!("cannot claim a job: {e}");
                        break;
                    }
                }
            }
            tokio::select! {
                _ = &mut stop => break,
                _ = wake.notified() => {}
                _ = engine.wait_job_end(oaj_oa::FALLBACK_POLL) => {}
            }
        }
        println!("stopping: waiting up to {} s for {} judging(s)", args.grace, engine.judging());
        let finished = engine.wait_idle(Duration::from_secs(args.grace)).await;
        notices.abort();
        heartbeat.abort();
        if !finished {
            eprintln!("abandoned {} judging(s); they go back to the queue when their leases expire", engine.judging());
        }
        store.worker_stopped(&name, engine.now_ms(), engine.results_stored()).await?;
        println!("stopped after storing {} result(s)", engine.results_stored());
        Ok(ExitCode::SUCCESS)
    })
}
