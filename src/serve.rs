//! `oaj serve`: the web app on a loopback address. Parses, builds the
//! engine, and hands over to `oaj_server::serve`.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use oaj_judge::Judge;
use oaj_oa::{Engine, EngineConfig, Store};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Only loopback addresses are accepted until
    /// OA Judge has accounts; port 0 picks a free port.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: String,
    /// Where attempts, drafts and submissions are stored (default:
    /// $XDG_DATA_HOME/oaj, else ~/.local/share/oaj).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

fn resolve(addr: &str) -> anyhow::Result<SocketAddr> {
    let mut candidates =
        addr.to_socket_addrs().with_context(|| format!("--addr {addr:?} is not an address like 127.0.0.1:8080"))?;
    let first = candidates.next().with_context(|| format!("--addr {addr:?} resolves to no address"))?;
    Ok(first)
}

pub fn serve(judge: Judge, problems_dir: PathBuf, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let addr = resolve(&args.addr)?;
    if let Err(why) = oaj_server::refuse_non_loopback(addr) {
        bail!(why);
    }
    let data = args.data.clone().unwrap_or_else(oaj_oa::default_data_dir);
    let catalog = crate::problems::load_catalog(&problems_dir)?;
    for (slug, error) in catalog.broken() {
        eprintln!("warning: problem {slug} is skipped: {error}");
    }
    crate::runtime()?.block_on(async move {
        let store = Store::open(&data).await.with_context(|| format!("cannot open the store in {}", data.display()))?;
        // The server runs start-up and expiry itself, so that they stop with it.
        let config = EngineConfig { background: false, ..EngineConfig::default() };
        let engine = Engine::new(store, Arc::new(catalog), Arc::new(judge), crate::oa::clock_from_env()?, config);
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
        println!("OA Judge is running at http://{local}/");
        println!("  problems: {} ({} loaded)", problems_dir.display(), engine.catalog().len());
        println!("  data:     {}", data.display());
        println!("Press Ctrl-C to stop.");
        oaj_server::serve(listener, oaj_server::AppState::new(engine), oaj_server::shutdown_signal())
            .await
            .context("the web server failed")?;
        println!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}
