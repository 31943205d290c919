//! `oaj serve`: the web app. Without accounts on a loopback address only;
//! with `--accounts` on any. Parses, builds the engine, and hands over to
//! `oaj_server::serve`.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use oaj_judge::Judge;
use oaj_oa::{Engine, EngineConfig, SystemClock};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port. Without --accounts
    /// only loopback addresses are accepted.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: String,
    /// Users log in (accounts made with `oaj user add` and invitations).
    /// Required on a non-loopback address.
    #[arg(long)]
    accounts: bool,
    /// Behind a reverse proxy: believe its X-Forwarded-Proto (cookies get
    /// `Secure` over HTTPS) and X-Forwarded-For (the client address for the
    /// login throttle). Only when every request comes through that proxy.
    #[arg(long, requires = "accounts")]
    trust_proxy: bool,
    /// Where attempts, drafts and submissions are stored (default:
    /// $XDG_DATA_HOME/oaj, else ~/.local/share/oaj).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
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
    /// Judgings this server runs at once (default: the number of cores).
    /// 0 with a Postgres --database: judge nothing here and leave every job
    /// to `oaj worker` processes.
    #[arg(long, value_name = "N")]
    judge_slots: Option<usize>,
    /// How long a claim holds a job unless renewed: how soon a dead judge's
    /// jobs go to another.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(3..))]
    lease: u64,
    /// Turn off the per-user run and submission limits: for load tests on a
    /// server nobody else reaches, never for real use.
    #[arg(long)]
    no_rate_limits: bool,
}

fn resolve(addr: &str) -> anyhow::Result<SocketAddr> {
    let mut candidates =
        addr.to_socket_addrs().with_context(|| format!("--addr {addr:?} is not an address like 127.0.0.1:8080"))?;
    let first = candidates.next().with_context(|| format!("--addr {addr:?} resolves to no address"))?;
    Ok(first)
}

pub fn serve(judge: Judge, problems_dir: PathBuf, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let addr = resolve(&args.addr)?;
    if let Err(why) = oaj_server::check_listen_address(addr, args.accounts) {
        bail!(why);
    }
    let data = args.data.clone().unwrap_or_else(oaj_oa::default_data_dir);
    if args.judge_slots == Some(0) && args.database.is_none() {
        bail!(
            "--judge-slots 0 leaves judging to `oaj worker` processes, which need a shared --database postgres://..."
        );
    }
    let accounts = args.accounts;
    let trust_proxy = args.trust_proxy;
    // The work-style item file is compiled in; a bad one stops the start
    // here, naming the item, rather than on the first assessment page.
    oaj_oa::workstyle::Bank::bundled().context("the work-style assessment's item file is invalid")?;
    let catalog = crate::problems::load_catalog(&problems_dir)?;
    for (slug, error) in catalog.broken() {
        eprintln!("warning: problem {slug} is skipped: {error}");
    }
    crate::runtime()?.block_on(async move {
        let store = crate::database::open(args.database.as_deref(), &data).await?;
        // The server runs start-up and expiry itself, so that they stop with it.
        let mut config = EngineConfig { background: false, ..EngineConfig::default() };
        if let Some(slots) = args.judge_slots {
            config.judge_slots = slots;
        }
        let engine = Engine::new(store, Arc::new(catalog), Arc::new(judge), Arc::new(SystemClock), config);
        engine.set_lease(std::time::Duration::from_secs(args.lease));
        if !engine.judges_locally() {
            follow_workers(&engine).await?;
        }
        engine.set_import_roots(&args.problem_import_roots)?;
        // Problems added from the web page earlier, and the hidden-from-draw
        // marks, before anything can refer to them.
        engine.fail_interrupted_imports().await.context("cannot recover the problem imports")?;
        let added = engine.load_library().await.context("cannot load the added problems")?;
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
        if accounts {
            println!("  accounts: on (log in at http://{local}/login)");
        }
        println!("Press Ctrl-C to stop.");
        oaj_server::serve(listener, state, oaj_server::shutdown_signal()).await.context("the web server failed")?;
        println!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Wakes the engine's views of jobs judged by workers when a worker's
/// result is stored (`NOTIFY oaj_jobs`); they poll the store as well.
async fn follow_workers(engine: &Engine) -> anyhow::Result<()> {
    let Some(mut listener) = engine.store().listen_jobs().await? else {
        bail!("--judge-slots 0 needs a Postgres store (--database postgres://...)");
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
