//! `oaj serve`: the web app. Without accounts on a loopback address only;
//! with accounts on any. Reads the settings (flags over `--config` over
//! defaults), builds the engine, and hands over to `oaj_server::serve`.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use oaj_oa::{Engine, EngineConfig};

use crate::config::FileConfig;
use crate::Cli;

/// The address used when neither a flag nor the file gives one.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Settings file (see oaj.example.toml); flags override it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Address to listen on (default 127.0.0.1:8080). Only loopback
    /// addresses are accepted until OA Judge has accounts; port 0 picks a
    /// free port.
    #[arg(long, value_name = "HOST:PORT")]
    addr: Option<String>,
    /// Users log in (accounts made with `oaj user add` and invitations).
    /// Required on a non-loopback address. (`accounts = true` in --config.)
    #[arg(long)]
    accounts: bool,
    /// Behind a reverse proxy: believe its X-Forwarded-Proto (cookies get
    /// `Secure` over HTTPS) and X-Forwarded-For (the client address for the
    /// login throttle). Only when every request comes through that proxy.
    /// Needs accounts. (`trust_proxy = true` in --config.)
    #[arg(long)]
    trust_proxy: bool,
    /// Where attempts, drafts and submissions are stored (default:
    /// $XDG_DATA_HOME/oaj, else ~/.local/share/oaj).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Also serve /metrics (Prometheus, no authentication) and /healthz on
    /// this address; off by default. On the main address /metrics is for
    /// admins only.
    #[arg(long, value_name = "HOST:PORT")]
    metrics_addr: Option<String>,
    /// Runs and submissions judged at the same time (default: the number
    /// of cores). 0 with a Postgres --database: judge nothing here and
    /// leave every job to `oaj worker` processes.
    #[arg(long, value_name = "N")]
    judge_parallel: Option<u32>,
    /// Test cases of one judging run at the same time (default: the number
    /// of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    judge_workers: Option<u32>,
    /// Runs and submissions that may wait for a judge (default 64); beyond,
    /// new ones are refused with 503 and Retry-After.
    #[arg(long, value_name = "N")]
    queue: Option<usize>,
    /// A directory on this machine whose problem directories an admin may
    /// import from the web page (repeatable). Without it, problems are added
    /// by uploading a zip only.
    #[arg(long = "problem-import-root", value_name = "DIR")]
    problem_import_roots: Vec<PathBuf>,
    /// Keep the store in PostgreSQL instead of the SQLite file in the data
    /// directory, e.g. postgres://oaj@db.internal/oaj (the password from
    /// PGPASSWORD or ~/.pgpass rather than the URL).
    #[arg(long, value_name = "URL")]
    database: Option<String>,
    /// How long a claim holds a job unless renewed: how soon a dead judge's
    /// jobs go to another.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(3..))]
    lease: u64,
    /// Turn off the per-user run and submission limits: for load tests on a
    /// server nobody else reaches, never for real use.
    #[arg(long)]
    no_rate_limits: bool,
}

/// The settings in force, after flags, the file and defaults.
#[derive(Debug)]
pub struct Settings {
    pub addr: String,
    pub data: PathBuf,
    pub problems_dir: PathBuf,
    pub cache_dir: Option<PathBuf>,
    pub metrics_addr: Option<String>,
    pub accounts: bool,
    pub trust_proxy: bool,
    pub engine: EngineConfig,
    pub workers: Option<usize>,
}

impl Settings {
    pub fn resolve(cli: &Cli, args: &ServeArgs) -> anyhow::Result<Settings> {
        let file = match &args.config {
            Some(path) => FileConfig::load(path)?,
            None => FileConfig::default(),
        };
        let defaults = EngineConfig::default();
        let engine = EngineConfig {
            judge_slots: args
                .judge_parallel
                .map(|n| n as usize)
                .or(file.judge.parallel)
                .unwrap_or(defaults.judge_slots),
            queue_capacity: args.queue.or(file.judge.queue).unwrap_or(defaults.queue_capacity),
            // The server runs start-up and expiry itself, so that they stop with it.
            background: false,
        };
        let problems_dir = match (&cli.problems_dir, file.problems_dir) {
            (Some(flag), _) => flag.clone(),
            (None, Some(from_file)) => from_file,
            (None, None) => crate::problems::Bank::new(None).dir(),
        };
        Ok(Settings {
            addr: args.addr.clone().or(file.addr).unwrap_or_else(|| DEFAULT_ADDR.to_string()),
            data: args.data.clone().or(file.data).unwrap_or_else(oaj_oa::default_data_dir),
            problems_dir,
            cache_dir: cli.cache_dir.clone().or(file.cache_dir),
            metrics_addr: args.metrics_addr.clone().or(file.metrics_addr),
            accounts: args.accounts || file.accounts.unwrap_or(false),
            trust_proxy: args.trust_proxy || file.trust_proxy.unwrap_or(false),
            engine,
            workers: args.judge_workers.map(|n| n as usize).or(file.judge.workers),
        })
    }
}

fn resolve(flag: &str, addr: &str) -> anyhow::Result<SocketAddr> {
    let mut candidates =
        addr.to_socket_addrs().with_context(|| format!("{flag} {addr:?} is not an address like 127.0.0.1:8080"))?;
    let first = candidates.next().with_context(|| format!("{flag} {addr:?} resolves to no address"))?;
    Ok(first)
}

pub fn serve(cli: &Cli, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::resolve(cli, args)?;
    if settings.trust_proxy && !settings.accounts {
        // Only accounts read the client address and the scheme a proxy reports.
        bail!("trust_proxy (--trust-proxy) needs accounts (--accounts, or accounts = true in the config file)");
    }
    let addr = resolve("--addr", &settings.addr)?;
    if let Err(why) = oaj_server::check_listen_address(addr, settings.accounts) {
        bail!(why);
    }
    let metrics_addr = settings.metrics_addr.as_deref().map(|a| resolve("--metrics-addr", a)).transpose()?;
    let judge = crate::make_judge_in(cli, settings.cache_dir.clone(), settings.workers, true)?;
    let problems_dir = settings.problems_dir.clone();
    let data = settings.data.clone();
    let accounts = settings.accounts;
    let trust_proxy = settings.trust_proxy;
    if settings.engine.judge_slots == 0 && args.database.is_none() {
        bail!(
            "--judge-parallel 0 leaves judging to `oaj worker` processes, which need a shared --database postgres://..."
        );
    }
    // The work-style item file is compiled in; a bad one stops the start
    // here, naming the item, rather than on the first assessment page.
    oaj_oa::workstyle::Bank::bundled().context("the work-style assessment's item file is invalid")?;
    let catalog = crate::problems::load_catalog(&problems_dir)?;
    for (slug, error) in catalog.broken() {
        eprintln!("warning: problem {slug} is skipped: {error}");
    }
    let runtime = crate::runtime()?;
    let served = runtime.block_on(async move {
        let store = crate::database::open(args.database.as_deref(), &data).await?;
        let clock = crate::oa::clock_from_env()?;
        let slots = settings.engine.judge_slots;
        let queue = settings.engine.queue_capacity;
        let engine = Engine::new(store, Arc::new(catalog), Arc::new(judge), clock, settings.engine);
        engine.set_lease(std::time::Duration::from_secs(args.lease));
        if !engine.judges_locally() {
            follow_workers(&engine).await?;
        }
        engine.set_import_roots(&args.problem_import_roots)?;
        if args.database.is_some() {
            // Problems added from the web page stay in the data dir; workers get them from the store.
            engine.set_data_dir(&data);
        }
        // Problems added from the web page earlier, and the hidden-from-draw
        // marks, before anything can refer to them.
        engine.fail_interrupted_imports().await.context("cannot recover the problem imports")?;
        let added = engine.load_library().await.context("cannot load the added problems")?;
        // Every problem into a Postgres store (missing hashes only), for judge workers.
        engine.publish_problems_in_background();
        let (requeued, expired) = engine.startup().await.context("cannot start the OA engine")?;
        if requeued + expired > 0 {
            eprintln!("resumed {requeued} unfinished judging(s); finished {expired} attempt(s) past their deadline");
        }
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!(
                "cannot listen on {addr} (is another `oaj serve` running? choose a port with --addr 127.0.0.1:PORT)"
            )
        })?;
        let local = listener.local_addr().context("cannot read the listening address")?;
        let metrics_listener = match metrics_addr {
            Some(addr) => Some(
                tokio::net::TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on the metrics address {addr}"))?,
            ),
            None => None,
        };
        let state = if accounts {
            let secret = oaj_server::accounts::load_or_create_secret(&data)
                .with_context(|| format!("cannot set up the session secret in {}", data.display()))?;
            let admins = engine.store().active_admin_count().await.context("cannot count the admins")?;
            if admins == 0 {
                eprintln!(
                    "warning: there is no admin account yet, so nobody can invite members or manage this server. Create \
                     one with:\n  \
                     oaj user add --admin NAME --data {}",
                    shell_quote(&data.display().to_string())
                );
            }
            let mut config = oaj_server::AccountsConfig::new(secret);
            config.trust_proxy = trust_proxy;
            oaj_server::AppState::with_accounts(engine.clone(), config)
        } else {
            oaj_server::AppState::new(engine.clone())
        };
        let state = if args.no_rate_limits { state.with_limits(oaj_server::Limits::unlimited()) } else { state };
        println!("OA Judge is running at http://{local}/");
        println!(
            "  problems: {} ({} loaded, {added} added from the web page)",
            problems_dir.display(),
            engine.catalog().len()
        );
        println!("  data:     {}", crate::database::describe(args.database.as_deref(), &data));
        println!("  judge:    {slots} at once, {queue} may wait");
        if accounts {
            println!("  accounts: on (log in at http://{local}/login)");
        }
        // One stop signal for both listeners.
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            let _ = rx.wait_for(|stop| *stop).await;
        };
        let metrics_server = match metrics_listener {
            Some(listener) => {
                let at = listener.local_addr().context("cannot read the metrics address")?;
                println!("  metrics:  http://{at}/metrics");
                let server = oaj_server::metrics::serve_metrics(listener, state.clone(), stopped(stop_rx.clone()));
                Some(tokio::spawn(async move {
                    if let Err(e) = server.await {
                        tracing::error!(error = %e, "the metrics server failed");
                    }
                }))
            }
            None => None,
        };
        println!("Press Ctrl-C to stop.");
        tokio::spawn(async move {
            oaj_server::shutdown_signal().await;
            let _ = stop_tx.send(true);
        });
        let store = state.engine().store().clone();
        oaj_server::serve(listener, state, stopped(stop_rx)).await.context("the web server failed")?;
        if let Some(server) = metrics_server {
            // It stopped with the same signal; its requests are short.
            let _ = tokio::time::timeout(std::time::Duration::from_secs(2), server).await;
        }
        // Checkpoints the WAL into the database file.
        store.close().await;
        println!("stopped");
        Ok(ExitCode::SUCCESS)
    });
    // Judgings still running past the grace period are dropped here (they
    // are re-queued at the next start); do not wait for their blocking work.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served
}

/// Wakes the engine's views of jobs judged by workers when a worker's
/// result (`NOTIFY oaj_jobs`) or progress (`NOTIFY oaj_progress`) is stored;
/// they poll the store as well.
async fn follow_workers(engine: &Engine) -> anyhow::Result<()> {
    let Some(mut listener) = engine.store().listen_job_events().await? else {
        bail!("--judge-parallel 0 needs a Postgres store (--database postgres://...)");
    };
    let engine = engine.clone();
    tokio::spawn(async move {
        loop {
            match listener.recv().await {
                Ok(Some(notice)) => engine.job_changed_elsewhere(notice),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!("the LISTEN connection failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(())
}

/// `text` as one shell word, for a command printed to copy.
fn shell_quote(text: &str) -> String {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-+=:,@".contains(&b)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
