//! Prometheus metrics (`/metrics`, OpenMetrics text): the judge queue,
//! running judgings, submit-to-verdict latency, verdict counts, active OAs
//! and HTTP responses by status class.
//!
//! On the main address `/metrics` is for admins only; `oaj serve
//! --metrics-addr` serves it without authentication on an address of its
//! own (for a scraper on a private network), next to `/healthz`.

use std::sync::Arc;

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
use prometheus_client::registry::Registry;

use crate::auth::Admin;
use crate::error::Failure;
use crate::AppState;

/// The content type of the OpenMetrics text format, which Prometheus reads.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

type StatusClass = Vec<(&'static str, &'static str)>;

/// One registry per app: the engine's counters, the HTTP counter, and the
/// gauges read at scrape time.
pub struct Metrics {
    registry: Registry,
    http: Family<StatusClass, Counter>,
    queued: Gauge,
    running: Gauge,
    slots: Gauge,
    active_oas: Gauge,
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

    /// The text exposition, with the gauges read now.
    pub async fn render(&self, engine: &Engine) -> Result<String, oaj_oa::Error> {
        let queue = engine.queue_state();
        self.queued.set(queue.queued as i64);
        self.running.set(queue.running as i64);
        self.slots.set(queue.slots as i64);
        self.active_oas.set(engine.active_oas().await?);
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .map_err(|e| oaj_oa::Error::Store(format!("cannot encode the metrics: {e}")))?;
        Ok(text)
    }
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
