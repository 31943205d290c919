//! `/metrics`, `/readyz` and the separate metrics app, through `oneshot`
//! on one app (so its HTTP counter accumulates as on a real server).

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use oaj_oa::{Engine, StartOptions, LOCAL_USER};
use oaj_server::{app, metrics::metrics_app, AppState};
use support::{python_available, CORRECT};

async fn engine(dir: &std::path::Path) -> Engine {
    support::EngineBuilder::new().problem(support::Problem::add("add")).build_in(dir).await.0
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
