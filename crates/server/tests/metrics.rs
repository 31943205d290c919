#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! `/metrics`, `/readyz` and the separate metrics app, through `oneshot`
//! on one app (so its HTTP counter accumulates as on a real server).

mod support;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use oaj_oa::{Engine, EngineConfig, FakeClock, StartOptions, LOCAL_USER};
use oaj_server::{app, metrics::metrics_app, AppState};
use support::{python_available, CORRECT, T0};

async fn engine(dir: &std::path::Path) -> Engine {
    let config = EngineConfig { judge_slots: 2, queue_capacity: 8, background: false };
    engine_with(dir, config, Arc::new(FakeClock::new(T0))).await
}

/// An engine on the store and bank in `dir` (a second call: another
/// process on the same store).
async fn engine_with(dir: &std::path::Path, config: EngineConfig, clock: Arc<FakeClock>) -> Engine {
    support::EngineBuilder::new()
        .problem(support::Problem::add("add"))
        .config(config)
        .clock(clock)
        .build_in(dir)
        .await
        .0
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String, String) {
    let reply = support::send(app.clone(), request).await;
    (reply.status, reply.content_type().to_string(), reply.body)
}

async fn get(app: &Router, path: &str) -> (StatusCode, String, String) {
    send(app, support::get(path)).await
}

/// The value of one sample line (`name{labels} value`) of the exposition.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_judgings_latency_active_oas_and_responses() {
    if !python_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path()).await;
    let app = app(AppState::new(engine.clone()));

    let (status, kind, text) = get(&app, "/metrics").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    assert_eq!(sample(&text, "oaj_active_oas"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "oaj_judge_queue_length"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "oaj_judge_slots"), Some(2.0), "{text}");
    assert!(text.trim_end().ends_with("# EOF"), "{text}");

    let options = StartOptions { problems: Some(vec!["add".into()]), ..StartOptions::default() };
    let attempt = engine.start(LOCAL_USER, options).await.expect("start");
    let body = serde_json::json!({ "language": "python", "code": CORRECT }).to_string();
    let request = Request::post(format!("/api/oa/{attempt}/1/submit"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .expect("request");
    let (status, _, reply) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let job: serde_json::Value = serde_json::from_str(&reply).expect("json");
    let job = job["job"].as_i64().expect("job id");
    for _ in 0..400 {
        let (_, _, view) = get(&app, &format!("/api/jobs/{job}")).await;
        if view.contains("\"state\":\"done\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (status, _, _) = get(&app, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // What comes from the store is read at most once per STORE_CACHE.
    tokio::time::sleep(oaj_server::metrics::STORE_CACHE).await;

    let (_, _, text) = get(&app, "/metrics").await;
    assert_eq!(sample(&text, "oaj_judgings_total{kind=\"submit\",verdict=\"AC\"}"), Some(1.0), "{text}");
    assert_eq!(sample(&text, "oaj_judge_latency_seconds_count{kind=\"submit\"}"), Some(1.0), "{text}");
    // The fake clock stands still: stored and judged at the same instant.
    assert_eq!(sample(&text, "oaj_judge_latency_seconds_sum{kind=\"submit\"}"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "oaj_active_oas"), Some(1.0), "{text}");
    assert_eq!(sample(&text, "oaj_judge_running"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "oaj_http_responses_total{class=\"4xx\"}"), Some(1.0), "{text}");
    let ok = sample(&text, "oaj_http_responses_total{class=\"2xx\"}").expect("2xx counted");
    assert!(ok >= 3.0, "metrics, submit and job polls: {text}");
}

/// Judge workers and the store's queue: read from the store's `workers`
/// rows and job statuses, at most once per STORE_CACHE.
#[tokio::test]
async fn metrics_show_workers_and_the_stores_queue() {
    if !python_available() {
        return;
    }
    const SLOW: &str = "import time\ntime.sleep(4)\na, b = map(int, input().split())\nprint(a + b)\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FakeClock::new(T0));
    // A server that judges nothing itself: its jobs wait in the store.
    let remote = EngineConfig { judge_slots: 0, queue_capacity: 8, background: false };
    let server = engine_with(dir.path(), remote, clock.clone()).await;
    let app = app(AppState::new(server.clone()));
    let store = server.store();
    store.register_worker("w-live", "judge-1", 4, T0 - 60_000).await.unwrap();
    store.worker_heartbeat("w-live", T0 - 2_000, 7).await.unwrap();
    // Silent for 20 s, more than the admin page's 15 s: not alive.
    store.register_worker("w-quiet", "judge-2", 2, T0 - 20_000).await.unwrap();
    store.register_worker("w-stopped", "judge-3", 1, T0 - 10_000).await.unwrap();
    store.worker_stopped("w-stopped", T0 - 5_000, 3).await.unwrap();
    // Gone for two hours: left out of /metrics.
    store.register_worker("w-gone", "judge-4", 8, T0 - 7_200_000).await.unwrap();

    let options = StartOptions { problems: Some(vec!["add".into()]), ..StartOptions::default() };
    let attempt = server.start(LOCAL_USER, options).await.expect("start");
    let slow = server.submit(LOCAL_USER, attempt, 1, "python", SLOW).await.expect("submit");
    server.submit(LOCAL_USER, attempt, 1, "python", CORRECT).await.expect("submit");

    let (status, _, text) = get(&app, "/metrics").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let worker = |metric: &str, name: &str| sample(&text, &format!("{metric}{{worker=\"{name}\"}}"));
    assert_eq!(sample(&text, "oaj_store_jobs_waiting"), Some(2.0), "{text}");
    assert_eq!(sample(&text, "oaj_store_jobs_judging"), Some(0.0), "{text}");
    assert_eq!(worker("oaj_worker_alive", "w-live"), Some(1.0), "{text}");
    assert_eq!(worker("oaj_worker_alive", "w-quiet"), Some(0.0), "{text}");
    assert_eq!(worker("oaj_worker_alive", "w-stopped"), Some(0.0), "{text}");
    assert_eq!(worker("oaj_worker_slots", "w-live"), Some(4.0), "{text}");
    assert_eq!(worker("oaj_worker_jobs_done", "w-live"), Some(7.0), "{text}");
    assert_eq!(worker("oaj_worker_jobs_done", "w-stopped"), Some(3.0), "{text}");
    assert_eq!(worker("oaj_worker_heartbeat_age_seconds", "w-live"), Some(2.0), "{text}");
    assert_eq!(worker("oaj_worker_heartbeat_age_seconds", "w-quiet"), Some(20.0), "{text}");
    assert!(!text.contains("w-gone"), "{text}");
    assert!(text.contains("# TYPE oaj_worker_alive gauge"), "{text}");

    // The quiet worker comes back and a judge claims the slow job; within
    // STORE_CACHE scrapes still show what was read.
    store.worker_heartbeat("w-quiet", T0, 5).await.unwrap();
    let judge = EngineConfig { judge_slots: 1, queue_capacity: 0, background: false };
    let local = engine_with(dir.path(), judge, clock.clone()).await;
    assert_eq!(local.judge_next().await.unwrap(), Some(slow));
    let (_, _, text) = get(&app, "/metrics").await;
    assert_eq!(sample(&text, "oaj_worker_alive{worker=\"w-quiet\"}"), Some(0.0), "cached: {text}");
    assert_eq!(sample(&text, "oaj_store_jobs_waiting"), Some(2.0), "cached: {text}");

    tokio::time::sleep(oaj_server::metrics::STORE_CACHE).await;
    let (_, _, text) = get(&app, "/metrics").await;
    assert_eq!(sample(&text, "oaj_worker_alive{worker=\"w-quiet\"}"), Some(1.0), "{text}");
    assert_eq!(sample(&text, "oaj_worker_jobs_done{worker=\"w-quiet\"}"), Some(5.0), "{text}");
    assert_eq!(sample(&text, "oaj_store_jobs_waiting"), Some(1.0), "{text}");
    assert_eq!(sample(&text, "oaj_store_jobs_judging"), Some(1.0), "the slow job is claimed: {text}");
    assert!(local.wait_idle(Duration::from_secs(30)).await);
}

#[tokio::test]
async fn metrics_on_the_main_address_are_for_admins_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path()).await;
    let member = app(AppState::for_user(engine.clone(), 7));
    let (status, _, text) = get(&member, "/metrics").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{text}");
    assert!(!text.contains("oaj_judge"), "{text}");
    // The separate address needs no account: it is bound where only the
    // scraper reaches it. It serves nothing but /metrics and /healthz.
    let separate = metrics_app(AppState::for_user(engine, 7));
    let (status, _, text) = get(&separate, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("oaj_judge_queue_length"), "{text}");
    assert_eq!(get(&separate, "/healthz").await.0, StatusCode::OK);
    assert_eq!(get(&separate, "/").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn readyz_says_whether_the_store_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path()).await;
    let app = app(AppState::new(engine.clone()));
    let (status, _, text) = get(&app, "/readyz").await;
    assert_eq!((status, text.as_str()), (StatusCode::OK, "ready\n"));
    engine.store().close().await;
    let (status, _, text) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{text}");
    assert!(text.contains("store does not answer"), "{text}");
}
