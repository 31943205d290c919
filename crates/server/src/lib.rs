//! The OA Judge web app: HTTP in, engine calls out.
//!
//! [`app`] builds the router for an [`AppState`]; `oaj serve` binds it (to a
//! loopback address unless it has accounts), and tests call it with
//! `tower::ServiceExt::oneshot`.
//!
//! Boundary: this crate translates requests into [`oaj_oa::Engine`] calls
//! and renders what comes back. It never starts a process (judging happens
//! in the engine's pool through `oaj-judge`) and holds no rules: deadlines,
//! drawing, scoring and what a user may see of hidden cases are decided by
//! the engine, so the web and the terminal OA cannot disagree.

pub mod accounts;
mod admin;
mod api;
mod assets;
pub mod auth;
mod error;
mod extract;
mod groups;
pub mod limits;
mod markdown;
pub mod metrics;
mod pages;
mod phone;
mod problems_admin;
mod routes;
mod security;
mod stories;
mod workstyle;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, Request, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use oaj_oa::{Account, Engine, Role, UserId};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use accounts::AccountsConfig;
pub use error::Failure;
pub use limits::{Limits, Rate};
pub use pages::utc_text;
pub use security::CONTENT_SECURITY_POLICY;

/// The largest request body accepted: room for the engine's largest custom
/// input (1 MiB) plus a 64 KiB source, both JSON-escaped. Anything larger is
/// refused with 413 before a handler reads it. The one exception is a
/// problem upload (`problems_admin::UPLOAD_BODY_LIMIT_BYTES`).
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024 + 512 * 1024;

fn too_large_message() -> String {
    format!("the request is larger than the limit of {} KiB", BODY_LIMIT_BYTES / 1024)
}

/// A request that has not produced its response headers by then is answered
/// with 408. Judging is asynchronous (a job id comes back at once), so only a
/// stuck store could take this long; event streams are not cut by it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    engine: Engine,
    /// How a request's user is found (see [`auth::CurrentUser`]).
    auth: auth::AuthMode,
    /// Per-user buckets for runs and submissions.
    limits: Arc<limits::UserLimits>,
    /// What `/metrics` shows.
    metrics: Arc<metrics::Metrics>,
}

impl AppState {
    /// A server without accounts: every request acts as [`LOCAL_USER`], an
    /// admin. Only for loopback addresses (see [`check_listen_address`]).
    pub fn new(engine: Engine) -> AppState {
        AppState::for_account(engine, Account::local())
    }

    /// A server with accounts: users log in, sessions in cookies, CSRF
    /// tokens on every state-changing request.
    pub fn with_accounts(engine: Engine, config: AccountsConfig) -> AppState {
        let sessions = Arc::new(accounts::Sessions::new(config));
        let metrics = Arc::new(metrics::Metrics::new(&engine));
        AppState {
            engine,
            auth: auth::AuthMode::Sessions(sessions),
            limits: limits::UserLimits::new(Limits::default()),
            metrics,
        }
    }

    /// The same app with other run and submit limits.
    pub fn with_limits(mut self, limits: Limits) -> AppState {
        self.limits = limits::UserLimits::new(limits);
        self
    }

    /// The app as seen by one fixed user (tests use this to check that
    /// another user's attempts are invisible).
    pub fn for_user(engine: Engine, user: UserId) -> AppState {
        let account = Account { id: user, name: format!("user{user}"), role: Role::Member };
        AppState::for_account(engine, account)
    }

    /// The app as seen by one fixed account.
    pub fn for_account(engine: Engine, account: Account) -> AppState {
        let metrics = Arc::new(metrics::Metrics::new(&engine));
        AppState {
            engine,
            auth: auth::AuthMode::Fixed(account),
            limits: limits::UserLimits::new(Limits::default()),
            metrics,
        }
    }

    /// Whether users log in (`oaj serve --accounts`).
    pub fn has_accounts(&self) -> bool {
        matches!(self.auth, auth::AuthMode::Sessions(_))
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// The whole web app.
pub fn app(state: AppState) -> Router {
    let counted = state.metrics.clone();
    let request_id = HeaderName::from_static("x-request-id");
    let routes = Router::new()
        .route("/", get(routes::home))
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(metrics::readyz))
        .route("/metrics", get(metrics::admin_metrics))
        .route("/static/style.css", get(assets::style))
        .route("/static/editor.js", get(assets::script))
        .route("/oa", post(routes::start))
        .route("/oa/{id}", get(routes::attempt))
        .route("/oa/{id}/finish", post(routes::finish))
        .route("/oa/{id}/explain", get(routes::explain_page).post(routes::save_explanations))
        .route("/oa/{id}/report", get(routes::report))
        .route("/oa/{id}/{n}", get(routes::editor))
        .route("/practice/{slug}", get(routes::practice))
        .route("/groups", get(groups::list))
        .route("/groups/{id}", get(groups::show))
        .route("/groups/{id}/start", post(groups::start))
        .route("/leaderboard", get(groups::leaderboard))
        .route("/history", get(groups::history))
        .route("/admin", get(admin::page))
        .route("/admin/groups", post(admin::schedule))
        .route("/admin/groups/{id}/reveal", post(admin::reveal))
        .route("/admin/users/{id}/disabled", post(admin::set_disabled))
        .route("/oa/{id}/workstyle", get(workstyle::oa_offer).post(workstyle::oa_start))
        .route("/oa/{id}/workstyle/skip", post(workstyle::oa_skip))
        .route("/workstyle", get(workstyle::home).post(workstyle::start))
        .route("/workstyle/{id}", get(workstyle::sitting))
        .route("/workstyle/{id}/answers", post(workstyle::answers))
        .route("/workstyle/{id}/finish", post(workstyle::finish))
        .route("/workstyle/{id}/result", get(workstyle::result))
        .route("/static/workstyle.js", get(workstyle::script))
        .route("/api/workstyle/{id}/answer", post(workstyle::api_answer))
        .route("/api/oa/{id}/clock", get(api::clock))
        .route("/api/oa/{id}/integrity", post(api::integrity))
        .route("/api/oa/{id}/{n}/draft", post(api::save_draft))
        .route(
            "/api/oa/{id}/{n}/run",
            post(api::run).route_layer(axum::middleware::from_fn_with_state(state.clone(), limits::runs)),
        )
        .route(
            "/api/oa/{id}/{n}/submit",
            post(api::submit).route_layer(axum::middleware::from_fn_with_state(state.clone(), limits::submits)),
        )
        .route("/api/oa/{id}/{n}/starter", get(api::starter))
        .route("/api/jobs/{job}", get(api::job))
        .route("/api/jobs/{job}/events", get(api::job_events))
        .route("/login", get(accounts::login_page).post(accounts::login))
        .route("/logout", post(accounts::logout))
        .route("/account", get(accounts::account_page))
        .route("/account/password", post(accounts::change_password))
        .route("/invitations", get(accounts::invitations_page).post(accounts::create_invitation))
        .route("/invitations/{id}/revoke", post(accounts::revoke_invitation))
        .route("/join/{token}", get(accounts::join_page).post(accounts::join))
        // Phone screens (live pair editor) and the STAR story bank.
        .route("/static/phone.js", get(phone::script))
        .route("/static/phone.css", get(phone::style))
        .route("/phone", get(phone::list).post(phone::create))
        .route("/phone/c/{token}", get(phone::candidate_page))
        .route("/phone/c/{token}/ws", get(phone::candidate_socket))
        .route("/phone/i/{token}", get(phone::interviewer_page))
        .route("/phone/i/{token}/ws", get(phone::interviewer_socket))
        .route("/phone/i/{token}/start", post(phone::start))
        .route("/phone/i/{token}/end", post(phone::end))
        .route("/phone/i/{token}/candidate-link", post(phone::new_candidate_link))
        .route("/phone/{id}/open", post(phone::open))
        .route("/phone/{id}/report", get(phone::report))
        .route("/api/phone/{id}/log", get(phone::log))
        .route("/stories", get(stories::list).post(stories::create))
        .route("/stories/{id}", get(stories::edit).post(stories::update))
        .route("/stories/{id}/delete", post(stories::delete))
        .route("/admin/problems", get(problems_admin::page))
        .route("/admin/problems/import-dir", post(problems_admin::import_dir))
        .route("/admin/problems/imports/{id}", get(problems_admin::import_page))
        .route("/admin/problems/{slug}/draw", post(problems_admin::set_draw))
        .route("/api/admin/problems/imports/{id}", get(problems_admin::import_json))
        .layer(
            ServiceBuilder::new()
                .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
                .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT)),
        );
    // The one route with a larger body limit and more time: a problem's
    // zip. Its own router, so the limits above do not wrap it.
    let uploads = Router::new().route(problems_admin::UPLOAD_PATH, post(problems_admin::upload)).layer(
        ServiceBuilder::new()
            .layer(RequestBodyLimitLayer::new(problems_admin::UPLOAD_BODY_LIMIT_BYTES))
            .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, problems_admin::UPLOAD_TIMEOUT))
            .layer(axum::extract::DefaultBodyLimit::max(problems_admin::UPLOAD_BODY_LIMIT_BYTES)),
    );
    let routes = routes
        .merge(uploads)
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        // Inside the session middleware below: it reads the request's user.
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::nav_context))
        .with_state(state.clone())
        // Sessions and the CSRF token check: innermost of the layers below,
        // so inside the body limit (it may read a form body to find its
        // `csrf` field).
        .layer(axum::middleware::from_fn_with_state(state.clone(), accounts::middleware));

    // One line per response at INFO (`OAJ_LOG=info oaj serve`), with the request id.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            let uri = accounts::loggable_uri(request.uri());
            // `user` is filled in by the `CurrentUser` extractor.
            tracing::info_span!("request", id = %id, method = %request.method(), uri = %uri, user = tracing::field::Empty)
        })
        .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO))
        // Not tower-http's ERROR line for every 5xx: a full queue's 503 is
        // deliberate back-pressure (an INFO response line shows it), and a
        // real 500 is logged with its cause by `Failure`.
        .on_failure(());
    // Outermost first. Errors made by the timeout and the body limit (set
    // per router above) pass through `plain_errors_as_pages` like every
    // other error.
    let layers = ServiceBuilder::new()
        .layer(axum::middleware::from_fn_with_state(counted, metrics::count_responses))
        .layer(SetRequestIdLayer::new(request_id.clone(), Counter::default()))
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(request_id))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(routes::plain_errors_as_pages))
        .layer(axum::middleware::from_fn(security::same_origin))
        .layer(axum::middleware::from_fn_with_state(state, security::loopback_host))
        .into_inner();
    let mut router = routes.layer(layers);
    for (name, value) in security::security_headers() {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router
}

/// Request ids: a process-wide counter, short and readable in logs.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        Some(RequestId::new(n.to_string().parse().ok()?))
    }
}

/// Runs [`Engine::expire_due`] now and then every second until `shutdown`
/// resolves, so an attempt whose deadline passed is finished (its drafts
/// judged) even with no browser open — and, at start, one that expired while
/// the server was down. Each tick also judges the jobs whose lease expired
/// ([`Engine::requeue_expired`]) and drops unused phone-screen editors from
/// memory ([`Engine::evict_phone_rooms`]).
pub async fn expire_in_background(engine: Engine, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    let mut every_second = tokio::time::interval(Duration::from_secs(1));
    every_second.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            _ = every_second.tick() => {
                match engine.expire_due().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(attempts = n, "finished attempts past their deadline"),
                    Err(e) => tracing::warn!(error = %e, "cannot finish expired attempts"),
                }
                // Judgings whose process died (another server on a shared store).
                if let Err(e) = engine.requeue_expired().await {
                    tracing::warn!(error = %e, "cannot take over judgings whose lease expired");
                }
                // Phone-screen editors nobody uses any more (all stored).
                let evicted = engine.evict_phone_rooms();
                if evicted > 0 {
                    tracing::debug!(rooms = evicted, "phone-screen editors dropped from memory");
                }
            }
        }
    }
}

/// Why `addr` may not be listened on, if it may not. Without accounts
/// every request acts as the one local user, so only this machine may reach
/// the server; with accounts any address is allowed.
pub fn check_listen_address(addr: std::net::SocketAddr, accounts: bool) -> Result<(), String> {
    if accounts || addr.ip().is_loopback() {
        return Ok(());
    }
    Err(format!(
        "refusing to listen on {addr} without accounts: anyone who could reach this address would act as you. \
         To host a group, add --accounts (users then log in; create the first admin with `oaj user add --admin NAME`), \
         or listen on a loopback address such as 127.0.0.1:8080"
    ))
}

/// Resolves when the process is asked to stop: Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

/// How long a stopping server waits for open requests (an event stream
/// following a judging) and running judgings before it exits anyway.
/// Judgings cut short are stored as unfinished and re-queued by the engine
/// at the next start.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves `app(state)` on `listener` until `shutdown` resolves, expiring
/// attempts every second meanwhile; then stops accepting, lets open requests
/// and running judgings finish within [`SHUTDOWN_GRACE`], and returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let engine = state.engine.clone();
    let expiry = tokio::spawn(expire_in_background(engine.clone(), stopped(stop_rx.clone())));
    // The peer address feeds the login throttle per client address.
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(stopped(stop_rx.clone()));
    let server = tokio::spawn(async move { server.await });
    shutdown.await;
    tracing::info!("shutting down: no new connections; waiting for open requests");
    let _ = stop_tx.send(true);
    let _ = expiry.await;
    let started = tokio::time::Instant::now();
    let served = match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => Err(std::io::Error::other(join)),
        Err(_) => {
            tracing::warn!("open requests did not finish within {SHUTDOWN_GRACE:?}; stopping anyway");
            Ok(())
        }
    };
    // Let running judgings finish in what is left of the grace period;
    // whatever is still running stays unfinished in the store and is
    // re-queued at the next start.
    let left = SHUTDOWN_GRACE.saturating_sub(started.elapsed());
    if !engine.wait_idle(left).await {
        tracing::warn!("judgings still running at shutdown; they are re-queued at the next start");
    }
    served
}
