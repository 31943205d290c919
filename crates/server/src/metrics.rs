//! Prometheus metrics (`/metrics`, OpenMetrics text): the judge queue,
//! running judgings, submit-to-verdict latency, verdict counts, active OAs,
//! HTTP responses by status class, and the store's queue (jobs waiting and
//! being judged) and judge workers.
//!
//! What is read from the store (active OAs, the job counts, the workers) is
//! read at scrape time but at most once per [`STORE_CACHE`]: scrapes within
//! it share one read (concurrent ones wait for it), so any number of
//! scrapers cost the database one round of queries a second.
//!
//! On the main address `/metrics` is for admins only; `oaj serve
//! --metrics-addr` serves it without authentication on an address of its
//! own (for a scraper on a private network), next to `/healthz`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oaj_oa::Engine;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};

use crate::auth::Admin;
use crate::error::Failure;
use crate::AppState;

/// The content type of the OpenMetrics text format, which Prometheus reads.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

type StatusClass = Vec<(&'static str, &'static str)>;
/// The label of a worker's series: its name.
type WorkerLabel = Vec<(&'static str, String)>;

/// How long what was read from the store serves scrapes.
pub const STORE_CACHE: Duration = Duration::from_secs(1);

/// Workers not heard from for longer than this leave `/metrics` (they stay
/// on the admin page): with default names (`host:pid`) every restart is a
/// new worker, and their series must not pile up.
pub const WORKER_FORGOTTEN: Duration = Duration::from_secs(3600);

/// What a scrape reads from the store.
struct StoreSnapshot {
    read_at: Instant,
    active_oas: i64,
    waiting: usize,
    judging: usize,
    workers: Vec<oaj_oa::WorkerInfo>,
}

/// One registry per app: the engine's counters, the HTTP counter, and the
/// gauges read at scrape time.
pub struct Metrics {
    registry: Registry,
    http: Family<StatusClass, Counter>,
    queued: Gauge,
    running: Gauge,
    slots: Gauge,
    active_oas: Gauge,
    jobs_waiting: Gauge,
    jobs_judging: Gauge,
    worker_alive: Family<WorkerLabel, Gauge>,
    worker_slots: Family<WorkerLabel, Gauge>,
    worker_jobs_done: Family<WorkerLabel, Gauge>,
    worker_heartbeat_age: Family<WorkerLabel, Gauge<f64, std::sync::atomic::AtomicU64>>,
    /// The last store read; the lock also makes concurrent scrapes share one.
    snapshot: tokio::sync::Mutex<Option<StoreSnapshot>>,
}

impl Metrics {
    pub fn new(engine: &Engine) -> Metrics {
        let mut registry = Registry::with_prefix("oaj");
        engine.metrics().register(&mut registry);
        let metrics = Metrics {
            http: Family::default(),
            queued: Gauge::default(),
            running: Gauge::default(),
            slots: Gauge::default(),
            active_oas: Gauge::default(),
            jobs_waiting: Gauge::default(),
            jobs_judging: Gauge::default(),
            worker_alive: Family::default(),
            worker_slots: Family::default(),
            worker_jobs_done: Family::default(),
            worker_heartbeat_age: Family::default(),
            snapshot: tokio::sync::Mutex::new(None),
            registry: Registry::default(),
        };
        registry.register(
            "http_responses",
            "HTTP responses by status class (2xx, 3xx, 4xx, 5xx)",
            metrics.http.clone(),
        );
        registry.register(
            "judge_queue_length",
            "Runs and submissions waiting for a judge slot",
            metrics.queued.clone(),
        );
        registry.register("judge_running", "Runs and submissions being judged now", metrics.running.clone());
        registry.register("judge_slots", "Judgings that may run at once", metrics.slots.clone());
        registry.register(
            "active_oas",
            "Timed OAs whose clock is running (coding, deadline ahead)",
            metrics.active_oas.clone(),
        );
        registry.register(
            "store_jobs_waiting",
            "Jobs in the store waiting for any judge (this server or a worker) to claim them",
            metrics.jobs_waiting.clone(),
        );
        registry.register(
            "store_jobs_judging",
            "Jobs in the store claimed by a judge (this server or a worker) and not finished",
            metrics.jobs_judging.clone(),
        );
        registry.register(
            "worker_alive",
            "1 when the judge worker is running and heard from within 15 s (as on the admin page), else 0",
            metrics.worker_alive.clone(),
        );
        registry.register("worker_slots", "Judgings the worker runs at once", metrics.worker_slots.clone());
        registry.register(
            "worker_jobs_done",
            "Results the worker stored since it started (as of its last heartbeat)",
            metrics.worker_jobs_done.clone(),
        );
        registry.register_with_unit(
            "worker_heartbeat_age",
            "Time since the worker's last heartbeat",
            Unit::Seconds,
            metrics.worker_heartbeat_age.clone(),
        );
        Metrics { registry, ..metrics }
    }

    fn count(&self, status: StatusCode) {
        let class = match status.as_u16() {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        self.http.get_or_create(&vec![("class", class)]).inc();
    }

    /// The text exposition, with the gauges read now (the store's at most
    /// [`STORE_CACHE`] ago).
    pub async fn render(&self, engine: &Engine) -> Result<String, oaj_oa::Error> {
        let queue = engine.queue_state();
        self.queued.set(queue.queued as i64);
        self.running.set(queue.running as i64);
        self.slots.set(queue.slots as i64);
        {
            let mut cached = self.snapshot.lock().await;
            let fresh = cached.as_ref().is_some_and(|s| s.read_at.elapsed() < STORE_CACHE);
            if !fresh {
                *cached = Some(read_store(engine).await?);
            }
            if let Some(snapshot) = cached.as_ref() {
                self.show(snapshot, engine.now_ms());
            }
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .map_err(|e| oaj_oa::Error::Store(format!("cannot encode the metrics: {e}")))?;
        Ok(text)
    }

    /// Sets the gauges read from the store; `now_ms` for heartbeat ages.
    fn show(&self, snapshot: &StoreSnapshot, now_ms: i64) {
        self.active_oas.set(snapshot.active_oas);
        self.jobs_waiting.set(snapshot.waiting as i64);
        self.jobs_judging.set(snapshot.judging as i64);
        for family in [&self.worker_alive, &self.worker_slots, &self.worker_jobs_done] {
            family.clear();
        }
        self.worker_heartbeat_age.clear();
        let forgotten = WORKER_FORGOTTEN.as_millis() as i64;
        for worker in snapshot.workers.iter().filter(|w| now_ms - w.heartbeat_ms <= forgotten) {
            let label = vec![("worker", worker.name.clone())];
            self.worker_alive.get_or_create(&label).set(i64::from(worker.alive));
            self.worker_slots.get_or_create(&label).set(worker.slots as i64);
            self.worker_jobs_done.get_or_create(&label).set(i64::try_from(worker.jobs_done).unwrap_or(i64::MAX));
            let age = (now_ms - worker.heartbeat_ms).max(0) as f64 / 1000.0;
            self.worker_heartbeat_age.get_or_create(&label).set(age);
        }
    }
}

/// One round of the store's queries for `/metrics`.
async fn read_store(engine: &Engine) -> Result<StoreSnapshot, oaj_oa::Error> {
    let store = engine.store();
    let active_oas = engine.active_oas().await?;
    let (waiting, judging) = store.job_counts().await?;
    let workers = store.workers(engine.now_ms()).await?;
    Ok(StoreSnapshot { read_at: Instant::now(), active_oas, waiting, judging, workers })
}

/// Counts every response by status class, including those the outer
/// layers make (408 timeouts, 413 bodies too large).
pub async fn count_responses(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    metrics.count(response.status());
    response
}

async fn exposition(state: &AppState) -> Result<Response, Failure> {
    let text = state.metrics.render(state.engine()).await.map_err(Failure::from)?;
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response())
}

/// `GET /metrics` on the main address: admins only.
pub async fn admin_metrics(State(state): State<AppState>, _admin: Admin) -> Result<Response, Failure> {
    exposition(&state).await
}

/// The app of `--metrics-addr`: `/metrics` without authentication, and
/// `/healthz`. Nothing else is reachable there.
pub fn metrics_app(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(|State(state): State<AppState>| async move { exposition(&state).await }))
        .route("/healthz", get(crate::routes::healthz))
        .with_state(state)
}

/// Serves [`metrics_app`] on `listener` until `shutdown` resolves.
pub async fn serve_metrics(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, metrics_app(state)).with_graceful_shutdown(shutdown).await
}

/// `GET /readyz`: 200 when the store answers, else 503 with why (a load
/// balancer stops sending users to a server that cannot save their work).
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.engine().store().ping().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the store does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: the store does not answer: {e}\n")).into_response()
        }
    }
}
