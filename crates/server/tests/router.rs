//! Every page and action of the web app through `app(state)` and `oneshot`,
//! on a temp store and a tiny temp bank of Python stdio problems, with a
//! fake clock so deadlines can be jumped over.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use oaj_oa::{Engine, EngineConfig, FakeClock, LOCAL_USER};
use oaj_server::{app, AppState};
use serde_json::{json, Value};
use std::sync::Arc;
use support::{python_available, EngineBuilder, Problem, Reply, CORRECT, T0, WRONG};

const SLOW: &str = "import time\ntime.sleep(2)\na, b = map(int, input().split())\nprint(a + b)\n";

struct Harness {
    _dir: tempfile::TempDir,
    engine: Engine,
    clock: Arc<FakeClock>,
}

/// (slug, difficulty, topics)
const BANK: &[(&str, &str, &str)] =
    &[("add-m", "medium", "math"), ("add-h", "hard", "graphs"), ("add-e", "easy", "math")];

impl Harness {
    async fn new() -> Harness {
        Harness::with_config(EngineConfig { judge_slots: 2, queue_capacity: 8, background: false }).await
    }

    async fn with_config(config: EngineConfig) -> Harness {
        let mut builder = EngineBuilder::new().config(config);
        for (slug, difficulty, topic) in BANK {
            builder = builder.problem(
                Problem::add_three(slug)
                    .title(&format!("Add ({slug})"))
                    .difficulty(difficulty)
                    .topics(&[topic])
                    .statement("# A plus B\n\nPrint `a + b`.\n\n<script>alert(1)</script>\n"),
            );
        }
        let t = builder.build().await;
        Harness { _dir: t.dir, engine: t.engine, clock: t.clock }
    }

    fn app(&self) -> Router {
        app(AppState::new(self.engine.clone()))
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        support::send(self.app(), request).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(support::get(path)).await
    }

    async fn post_form(&self, path: &str, form: &str) -> Reply {
        self.send(support::form(path, form)).await
    }

    async fn post_json(&self, path: &str, body: &Value) -> Reply {
        self.post_raw(path, "application/json", body.to_string()).await
    }

    /// A POST that says where it comes from by `Origin` (as `fetch` does).
    async fn post_raw(&self, path: &str, content_type: &str, body: String) -> Reply {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ORIGIN, "http://127.0.0.1:8080")
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Starts a timed OA through the form; returns its id.
    async fn start(&self, form: &str) -> i64 {
        let reply = self.post_form("/oa", form).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let location = reply.location();
        let id = location.strip_prefix("/oa/").and_then(|rest| rest.strip_suffix("/1")).expect("/oa/{id}/1");
        id.parse().expect("attempt id")
    }

    async fn wait_job(&self, job: i64) -> Value {
        support::wait_job(&AppState::new(self.engine.clone()), job).await
    }
}

#[tokio::test]
async fn home_health_and_assets() {
    let h = Harness::new().await;
    let home = h.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.content_type().starts_with("text/html"));
    home.assert_contains(&[
        "id=\"start-form\"",
        "id=\"minutes\"",
        "value=\"90\"",
        "id=\"preset\"",
        "id=\"start\"",
        "No attempts yet",
        "href=\"/practice/add-m\"",
        "value=\"graphs\"",
    ]);
    // No inline script: only the external file and the inert JSON block.
    assert!(!home.body.contains("<script>"), "inline script on the home page");
    for (name, value) in [
        ("content-security-policy", "script-src 'self'"),
        ("content-security-policy", "frame-ancestors 'none'"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("cache-control", "no-store"),
    ] {
        let got = home.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(got.contains(value), "{name}: {got:?} lacks {value:?}");
    }
    assert!(home.headers.contains_key("x-request-id"));

    let health = h.get("/healthz").await;
    assert_eq!((health.status, health.body.as_str()), (StatusCode::OK, "ok\n"));
    for (path, content_type, needle) in
        [("/static/style.css", "text/css", "#editor"), ("/static/editor.js", "text/javascript", "page-data")]
    {
        let reply = h.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.content_type().starts_with(content_type), "{path}: {}", reply.content_type());
        reply.assert_contains(&[needle]);
        let cache = reply.headers.get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(cache.starts_with("public"), "{path}: {cache}");
    }
}

#[tokio::test]
async fn an_oa_from_start_to_report() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let id = h.start("minutes=90&preset=medium-hard").await;
    assert_eq!(h.get(&format!("/oa/{id}")).await.location(), format!("/oa/{id}/1"));

    let page = h.get(&format!("/oa/{id}/1")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains(&[
        "id=\"editor\"",
        "autocomplete=\"off\"",
        "autocorrect=\"off\"",
        "autocapitalize=\"off\"",
        "spellcheck=\"false\"",
        "id=\"language\"",
        "id=\"run-samples\"",
        "id=\"submit\"",
        "id=\"custom-input\"",
        "id=\"run-custom\"",
        "id=\"countdown\"",
        ">90:00<",
        "id=\"result\"",
        "id=\"save-status\"",
        "id=\"problem-1\"",
        "id=\"problem-2\"",
        "id=\"finish\"",
        "id=\"line-numbers\"",
        "id=\"toggle-gutter\"",
        "id=\"reset-starter\"",
        "<h1>A plus B</h1>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "id=\"page-data\" type=\"application/json\"",
        "import sys",
    ]);
    let second = h.get(&format!("/oa/{id}/2")).await;
    assert_eq!(second.status, StatusCode::OK);

    // Autosave, then the page shows the draft (escaped) after a reload.
    let draft =
        h.post_json(&format!("/api/oa/{id}/1/draft"), &json!({"language": "python", "code": "print('<b>')\n"})).await;
    assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
    h.get(&format!("/oa/{id}/1")).await.assert_contains(&["print('&lt;b&gt;')"]);

    // Code that tries to close the page's JSON block stays inert data.
    let hostile = "s = '</script><script>alert(1)</script>'\n";
    h.post_json(&format!("/api/oa/{id}/1/draft"), &json!({"language": "python", "code": hostile})).await;
    let page = h.get(&format!("/oa/{id}/1")).await;
    assert!(!page.body.contains("<script>alert(1)"), "the draft escaped its element: {}", page.body);
    assert_eq!(page.body.matches("</script>").count(), 2, "only the page's own two script elements close");

    // Starter code for the language switch and "reset".
    let starter = h.get(&format!("/api/oa/{id}/1/starter?language=python")).await;
    assert_eq!(starter.status, StatusCode::OK, "{}", starter.body);
    assert!(starter.json()["code"].as_str().unwrap_or("").contains("sys.stdin"));

    // The clock: the deadline was fixed at the start and a reload does not move it.
    let clock = h.get(&format!("/api/oa/{id}/clock")).await.json();
    assert_eq!(clock["deadline_ms"], json!(T0 + 90 * 60_000));
    h.clock.advance(61_000);
    let clock = h.get(&format!("/api/oa/{id}/clock")).await.json();
    assert_eq!(clock["deadline_ms"], json!(T0 + 90 * 60_000));
    assert_eq!(clock["remaining_ms"], json!(90 * 60_000 - 61_000));
    h.get(&format!("/oa/{id}/1")).await.assert_contains(&[">88:59<"]);

    // Run on the samples: full detail.
    let run = h.post_json(&format!("/api/oa/{id}/1/run"), &json!({"language": "python", "code": CORRECT})).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.body);
    let view = h.wait_job(run.json()["job"].as_i64().expect("job id")).await;
    assert_eq!(view["judged"]["verdict"], "AC", "{view}");
    assert_eq!(view["judged"]["passed"], 1);

    // Run on custom input: the output.
    let custom = h
        .post_json(&format!("/api/oa/{id}/1/run"), &json!({"language": "python", "code": CORRECT, "input": "40 2\n"}))
        .await;
    let view = h.wait_job(custom.json()["job"].as_i64().expect("job id")).await;
    assert_eq!(view["custom"]["stdout"], "42\n", "{view}");

    // Submit a wrong answer: counts and verdicts only during the OA.
    let submit = h.post_json(&format!("/api/oa/{id}/1/submit"), &json!({"language": "python", "code": WRONG})).await;
    assert_eq!(submit.status, StatusCode::OK, "{}", submit.body);
    let job = submit.json()["job"].as_i64().expect("job id");
    let view = h.wait_job(job).await;
    assert_eq!((view["judged"]["passed"].clone(), view["judged"]["total"].clone()), (json!(1), json!(3)), "{view}");
    let text = view.to_string();
    assert!(!text.contains("\"diff\"") && !text.contains("\"output\""), "hidden data leaked: {text}");

    // The finished job as server-sent events.
    let events = h.get(&format!("/api/jobs/{job}/events")).await;
    assert_eq!(events.status, StatusCode::OK);
    assert!(events.content_type().starts_with("text/event-stream"));
    events.assert_contains(&["event: job", "\"state\":\"done\""]);

    // The integrity log.
    let integrity = h
        .post_json(
            &format!("/api/oa/{id}/integrity"),
            &json!([{"kind": "paste", "at_ms": T0 + 1000, "detail": "120 characters"}, {"kind": "hidden", "at_ms": T0 + 2000, "detail": null}]),
        )
        .await;
    assert_eq!(
        (integrity.status, integrity.json()["recorded"].clone()),
        (StatusCode::OK, json!(2)),
        "{}",
        integrity.body
    );

    // The report waits for the end of the OA.
    assert_eq!(h.get(&format!("/oa/{id}/report")).await.status, StatusCode::CONFLICT);

    // Finish early, explain, report.
    let finish = h.post_form(&format!("/oa/{id}/finish"), "").await;
    assert_eq!((finish.status, finish.location()), (StatusCode::SEE_OTHER, format!("/oa/{id}/explain").as_str()));
    let explain = h.get(&format!("/oa/{id}/explain")).await;
    assert_eq!(explain.status, StatusCode::OK, "{}", explain.body);
    explain.assert_contains(&[
        "id=\"explain-form\"",
        "id=\"approach-1\"",
        "id=\"time-1\"",
        "id=\"space-1\"",
        "id=\"approach-2\"",
        "id=\"save-explanations\"",
    ]);
    let saved = h.post_form(&format!("/oa/{id}/explain"), "approach-1=Add+them&time-1=O(1)&space-1=O(1)").await;
    // A timed OA goes on to the offer of the work-style assessment
    // (crates/server/tests/workstyle.rs follows that path).
    assert_eq!((saved.status, saved.location()), (StatusCode::SEE_OTHER, format!("/oa/{id}/workstyle").as_str()));
    // The auto-submitted draft of problem 2 is judged in the background.
    let mut report = h.get(&format!("/oa/{id}/report")).await;
    for _ in 0..200 {
        if !report.body.contains("data-refresh") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        report = h.get(&format!("/oa/{id}/report")).await;
    }
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    report.assert_contains(&[
        "id=\"report\"",
        "class=\"card problem-report\"",
        "1 / 3",
        "Add them",
        "O(1)",
        "120 characters",
        "Failing hidden cases",
    ]);
    assert!(report.body.contains("class=\"score") && report.body.contains("/ 3</div>"));
    // The editor is read-only now, and the attempt goes to the explanation.
    h.get(&format!("/oa/{id}/1")).await.assert_contains(&["readonly"]);
    // The home page lists it.
    h.get("/").await.assert_contains(&[&format!("href=\"/oa/{id}/explain\""), "Add (add-m)"]);
}

#[tokio::test]
async fn after_finishing_early_run_and_submit_say_the_coding_part_has_ended() {
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    assert_eq!(h.post_form(&format!("/oa/{id}/finish"), "").await.location(), format!("/oa/{id}/explain"));
    for action in ["run", "submit"] {
        let body = json!({"language": "python", "code": CORRECT});
        let reply = h.post_json(&format!("/api/oa/{id}/1/{action}"), &body).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{action}: {}", reply.body);
        let error = reply.json()["error"].as_str().unwrap_or("").to_string();
        // Neither "submitted" (a run is not a submission) nor only "the time
        // is up" (90 minutes are left): the attempt was finished.
        assert!(error.contains("finished early") && error.contains("not judged"), "{action}: {error}");
    }
    // The read-only editor shows no frozen "Time left" clock.
    let page = h.get(&format!("/oa/{id}/1")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&["Coding ended"]);
    assert!(!page.body.contains("id=\"countdown\"") && !page.body.contains("Time left"), "{}", page.body);
}

#[tokio::test]
async fn after_the_deadline_submit_is_refused_and_the_draft_is_kept() {
    let h = Harness::new().await;
    let id = h.start("minutes=1&problems=add-m").await;
    h.clock.advance(60_001);
    let late = "print('late')\n";
    let reply = h.post_json(&format!("/api/oa/{id}/1/submit"), &json!({"language": "python", "code": late})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(reply.json()["error"].as_str().unwrap_or("").contains("time is up"), "{}", reply.body);
    let view = h.engine.attempt(LOCAL_USER, id).await.expect("attempt");
    assert_eq!(view.problems[0].draft.as_ref().map(|d| d.code.as_str()), Some(late));
    // The editor page and /oa/{id} now lead to the explanation.
    assert_eq!(h.get(&format!("/oa/{id}")).await.location(), format!("/oa/{id}/explain"));
    h.get(&format!("/oa/{id}/explain")).await.assert_contains(&["id=\"explain-form\""]);
}

#[tokio::test]
async fn the_start_form_draws_by_preset_and_topic() {
    let h = Harness::new().await;
    // (form, expected slugs in order)
    let cases: &[(&str, &[&str])] = &[
        ("minutes=30&preset=medium-hard", &["add-m", "add-h"]),
        ("minutes=30&preset=easy-medium", &["add-e", "add-m"]),
        ("minutes=30&preset=medium-hard&topics=math", &["add-m", "add-e"]),
        ("minutes=30&problems=add-h&problems=add-e", &["add-h", "add-e"]),
        ("minutes=30&problems=add-e%2Cadd-m", &["add-e", "add-m"]),
    ];
    for (form, expected) in cases {
        let id = h.start(form).await;
        let view = h.engine.attempt(LOCAL_USER, id).await.expect("attempt");
        let slugs: Vec<&str> = view.problems.iter().map(|p| p.slug.as_str()).collect();
        if form.contains("topics") {
            assert!(slugs.iter().all(|s| expected.contains(s)), "{form}: {slugs:?}");
        } else {
            assert_eq!(&slugs, expected, "{form}");
        }
        assert_eq!(view.deadline_ms, Some(T0 + 30 * 60_000), "{form}");
    }
}

#[tokio::test]
async fn practice_has_no_timer() {
    let h = Harness::new().await;
    let reply = h.get("/practice/add-e").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = h.get(&reply.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&["Practice · no timer", "id=\"editor\"", "Add (add-e)"]);
    assert!(!page.body.contains("id=\"countdown\""));
    let id = reply.location().split('/').nth(2).unwrap_or("").to_string();
    let report = h.get(&format!("/oa/{id}/report")).await;
    assert_eq!(report.status, StatusCode::CONFLICT, "{}", report.body);
    report.assert_contains(&["when you finish this practice session"]);
    let finish = h.post_form(&format!("/oa/{id}/finish"), "").await;
    assert_eq!(finish.location(), format!("/oa/{id}/explain"));
    assert_eq!(h.get(&format!("/oa/{id}/report")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_page_input_is_a_clear_4xx_page() {
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    // (method, path, form body, status, text in the page)
    let cases: &[(&str, &str, &str, StatusCode, &str)] = &[
        ("POST", "/oa", "minutes=abc", StatusCode::BAD_REQUEST, "whole number of minutes"),
        ("POST", "/oa", "minutes=0", StatusCode::BAD_REQUEST, "1 to 180 minutes"),
        ("POST", "/oa", "minutes=181", StatusCode::BAD_REQUEST, "1 to 180 minutes"),
        ("POST", "/oa", "minutes=30&preset=impossible", StatusCode::BAD_REQUEST, "unknown preset"),
        ("POST", "/oa", "minutes=30&problems=no-such-problem", StatusCode::BAD_REQUEST, "no-such-problem"),
        ("GET", "/oa/999999", "", StatusCode::NOT_FOUND, "no attempt 999999"),
        ("GET", "/oa/999999/1", "", StatusCode::NOT_FOUND, "no attempt 999999"),
        ("GET", "/oa/abc/1", "", StatusCode::NOT_FOUND, "nothing at /oa/abc/1"),
        ("GET", &format!("/oa/{id}/7"), "", StatusCode::NOT_FOUND, "there is no problem 7"),
        ("GET", &format!("/oa/{id}/0"), "", StatusCode::NOT_FOUND, "there is no problem 0"),
        ("GET", "/oa/999999/report", "", StatusCode::NOT_FOUND, "no attempt 999999"),
        ("GET", "/oa/999999/explain", "", StatusCode::NOT_FOUND, "no attempt 999999"),
        ("POST", "/oa/999999/finish", "", StatusCode::NOT_FOUND, "no attempt 999999"),
        ("GET", "/practice/no-such-problem", "", StatusCode::NOT_FOUND, "no-such-problem"),
        ("GET", "/no/such/page", "", StatusCode::NOT_FOUND, "no page at /no/such/page"),
        ("GET", "/oa", "", StatusCode::METHOD_NOT_ALLOWED, "GET is not accepted at /oa"),
    ];
    for (method, path, form, status, text) in cases {
        let reply = if *method == "GET" { h.get(path).await } else { h.post_form(path, form).await };
        assert_eq!(reply.status, *status, "{method} {path} {form}: {}", reply.body);
        assert!(reply.content_type().starts_with("text/html"), "{method} {path}: {}", reply.content_type());
        assert!(reply.body.contains(text), "{method} {path} {form}: {text:?} missing from {}", reply.body);
    }
    // An oversized form: refused before it is read.
    let big = format!("minutes=30&problems={}", "x".repeat(oaj_server::BODY_LIMIT_BYTES + 1));
    let reply = h.post_form("/oa", &big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.content_type().starts_with("text/html"));
    reply.assert_contains(&["larger than the limit"]);
    // Nothing above disturbed the attempt.
    assert_eq!(h.get(&format!("/oa/{id}/1")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_api_input_is_a_clear_4xx_json_message_and_loses_nothing() {
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    let empty = h.post_json(&format!("/api/oa/{id}/1/submit"), &json!({"language": "python", "code": " \n"})).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
    assert!(empty.json()["error"].as_str().unwrap_or("").contains("empty"), "{}", empty.body);
    let saved = json!({"language": "python", "code": "print(1)\n"});
    assert_eq!(h.post_json(&format!("/api/oa/{id}/1/draft"), &saved).await.status, StatusCode::OK);

    let big = "#".repeat(oaj_oa::MAX_SOURCE_BYTES + 1);
    let draft = format!("/api/oa/{id}/1/draft");
    let submit = format!("/api/oa/{id}/1/submit");
    let run = format!("/api/oa/{id}/1/run");
    // (path, content type, body, status, text in the error)
    let cases: Vec<(String, &str, String, StatusCode, &str)> = vec![
        (
            draft.clone(),
            "application/json",
            json!({"language": "cobol", "code": "x"}).to_string(),
            StatusCode::BAD_REQUEST,
            "cobol",
        ),
        (
            submit.clone(),
            "application/json",
            json!({"language": "python", "code": big}).to_string(),
            StatusCode::BAD_REQUEST,
            "64 KiB",
        ),
        (
            submit.clone(),
            "application/json",
            json!({"language": "python", "code": CORRECT, "input": "1"}).to_string(),
            StatusCode::BAD_REQUEST,
            "no input",
        ),
        (
            run.clone(),
            "application/json",
            "{\"language\": \"python\", \"code\": ".to_string(),
            StatusCode::BAD_REQUEST,
            "JSON",
        ),
        (
            run.clone(),
            "application/json",
            json!({"language": "python"}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "code",
        ),
        (run.clone(), "text/plain", "print(1)".to_string(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "application/json"),
        (
            "/api/oa/999999/1/draft".to_string(),
            "application/json",
            saved.to_string(),
            StatusCode::NOT_FOUND,
            "no attempt 999999",
        ),
        (
            format!("/api/oa/{id}/5/submit"),
            "application/json",
            json!({"language": "python", "code": CORRECT}).to_string(),
            StatusCode::BAD_REQUEST,
            "no problem 5",
        ),
        ("/api/oa/x/1/run".to_string(), "application/json", saved.to_string(), StatusCode::NOT_FOUND, "nothing at"),
        (
            format!("/api/oa/{id}/integrity"),
            "application/json",
            json!([{"kind": "teleport", "at_ms": 1}]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "JSON",
        ),
        (
            draft.clone(),
            "application/json",
            "x".repeat(oaj_server::BODY_LIMIT_BYTES + 10),
            StatusCode::PAYLOAD_TOO_LARGE,
            "larger than",
        ),
        (
            format!("/api/oa/{id}/integrity"),
            "application/json",
            Value::Array(vec![json!({"kind": "blur", "at_ms": 1, "detail": null}); 501]).to_string(),
            StatusCode::BAD_REQUEST,
            "at most 500",
        ),
    ];
    for (path, content_type, body, status, text) in cases {
        let reply = h.post_raw(&path, content_type, body).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        assert!(reply.content_type().starts_with("application/json"), "{path}: {}", reply.content_type());
        let message = reply.json()["error"].as_str().unwrap_or("").to_string();
        assert!(message.contains(text), "{path}: {text:?} missing from {message:?}");
    }
    for (path, status) in [
        ("/api/jobs/424242", StatusCode::NOT_FOUND),
        ("/api/jobs/424242/events", StatusCode::NOT_FOUND),
        ("/api/oa/999999/clock", StatusCode::NOT_FOUND),
        (&format!("/api/oa/{id}/1/starter?language=cobol") as &str, StatusCode::BAD_REQUEST),
        ("/api/nothing", StatusCode::NOT_FOUND),
    ] {
        let reply = h.get(path).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        assert!(reply.json()["error"].is_string(), "{path}: {}", reply.body);
    }
    let wrong_method = h.get(&format!("/api/oa/{id}/1/submit")).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        wrong_method.json()["error"].as_str().unwrap_or("").contains("GET is not accepted"),
        "{}",
        wrong_method.body
    );
    // The draft saved first is still there.
    let view = h.engine.attempt(LOCAL_USER, id).await.expect("attempt");
    assert_eq!(view.problems[0].draft.as_ref().map(|d| d.code.as_str()), Some("print(1)\n"));
}

#[tokio::test]
async fn a_practice_link_starts_an_attempt_only_when_followed() {
    let h = Harness::new().await;
    // (extra headers, starts an attempt)
    let cases: &[(&[(&str, &str)], bool)] = &[
        (&[], true),
        (&[("sec-fetch-site", "none"), ("sec-fetch-mode", "navigate")], true),
        (&[("sec-fetch-site", "same-origin"), ("sec-fetch-mode", "navigate")], true),
        // A link on another site, clicked.
        (&[("sec-fetch-site", "cross-site"), ("sec-fetch-mode", "navigate")], true),
        // Another site's <img src> or fetch.
        (&[("sec-fetch-site", "cross-site"), ("sec-fetch-mode", "no-cors")], false),
        (&[("sec-fetch-site", "same-site"), ("sec-fetch-mode", "cors")], false),
        // The browser prefetching a link of the home page.
        (&[("sec-fetch-site", "same-origin"), ("sec-fetch-mode", "navigate"), ("sec-purpose", "prefetch")], false),
        (&[("purpose", "prefetch")], false),
    ];
    for (headers, starts) in cases {
        let before = h.engine.history(LOCAL_USER).await.expect("history").len();
        let mut request = Request::get("/practice/add-e");
        for (name, value) in headers.iter() {
            request = request.header(*name, *value);
        }
        let reply = h.send(request.body(Body::empty()).expect("request")).await;
        let after = h.engine.history(LOCAL_USER).await.expect("history").len();
        if *starts {
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{headers:?}: {}", reply.body);
            assert_eq!(after, before + 1, "{headers:?}");
        } else {
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?}: {}", reply.body);
            assert_eq!(after, before, "{headers:?}: no attempt");
            reply.assert_contains(&["refused"]);
        }
    }
}

/// A page of another site that reaches the loopback server by DNS
/// rebinding is same-origin for the browser, but its requests name the
/// page's host: without accounts they are refused, pages and API alike,
/// reads included; loopback names are answered.
#[tokio::test]
async fn requests_naming_another_host_are_refused_without_accounts() {
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    let drafts_before = h.get(&format!("/oa/{id}/1")).await.body;
    // (Host, answered)
    let cases = [
        ("attacker.example:8080", false),
        ("127.0.0.1.attacker.example", false),
        ("127.0.0.1:8080", true),
        ("localhost:8080", true),
        ("[::1]:8080", true),
    ];
    for (host, answered) in cases {
        let page = Request::get(format!("/oa/{id}/1")).header(header::HOST, host);
        let api = Request::post(format!("/api/oa/{id}/1/draft"))
            .header(header::HOST, host)
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin");
        let body = json!({"language": "python", "code": format!("# from {host}")}).to_string();
        for request in [page.body(Body::empty()), api.body(Body::from(body))] {
            let reply = h.send(request.expect("request")).await;
            if answered {
                assert!(reply.status.is_success(), "{host}: {} {}", reply.status, reply.body);
            } else {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{host}: {}", reply.body);
                reply.assert_contains(&["refused", host, "--accounts"]);
            }
        }
    }
    let drafts_after = h.get(&format!("/oa/{id}/1")).await.body;
    assert!(!drafts_after.contains("attacker"), "a refused draft was saved: {drafts_after}");
    assert_ne!(drafts_before, drafts_after, "the loopback drafts were saved");
}

async fn cross_site_posts_are_refused() {
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    // (extra headers, allowed)
    let cases: &[(&[(&str, &str)], bool)] = &[
        (&[("sec-fetch-site", "cross-site")], false),
        (&[("sec-fetch-site", "same-site")], false),
        (&[("origin", "http://evil.example"), ("host", "127.0.0.1:8080")], false),
        (&[("origin", "null"), ("host", "127.0.0.1:8080")], false),
        (&[("sec-fetch-site", "same-origin")], true),
        (&[("origin", "http://127.0.0.1:8080"), ("host", "127.0.0.1:8080")], true),
    ];
    for (headers, allowed) in cases {
        for (path, content_type, body) in [
            ("/oa".to_string(), "application/x-www-form-urlencoded", "minutes=5&problems=add-e".to_string()),
            (
                format!("/api/oa/{id}/1/draft"),
                "application/json",
                json!({"language": "python", "code": "x"}).to_string(),
            ),
        ] {
            let mut request = Request::post(&path).header(header::CONTENT_TYPE, content_type);
            for (name, value) in headers.iter() {
                request = request.header(*name, *value);
            }
            let reply = h.send(request.body(Body::from(body)).expect("request")).await;
            if *allowed {
                assert!(
                    reply.status.is_success() || reply.status.is_redirection(),
                    "{headers:?} {path}: {}",
                    reply.status
                );
            } else {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?} {path}: {}", reply.body);
                assert!(reply.body.contains("refused"), "{}", reply.body);
            }
        }
    }
}

#[tokio::test]
async fn a_full_queue_is_a_503_with_retry_after() {
    if !python_available() {
        return;
    }
    let h = Harness::with_config(EngineConfig { judge_slots: 1, queue_capacity: 0, background: false }).await;
    let id = h.start("minutes=90&problems=add-m").await;
    let first = h.post_json(&format!("/api/oa/{id}/1/run"), &json!({"language": "python", "code": SLOW})).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = h.post_json(&format!("/api/oa/{id}/1/submit"), &json!({"language": "python", "code": CORRECT})).await;
    assert_eq!(second.status, StatusCode::SERVICE_UNAVAILABLE, "{}", second.body);
    let retry: u32 =
        second.headers.get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()?.parse().ok()).expect("Retry-After");
    assert!(retry >= 1);
    assert!(second.json()["error"].as_str().unwrap_or("").contains("busy"), "{}", second.body);
    // The code of the refused submission was kept as the draft.
    let view = h.engine.attempt(LOCAL_USER, id).await.expect("attempt");
    assert_eq!(view.problems[0].draft.as_ref().map(|d| d.code.as_str()), Some(CORRECT));
    h.wait_job(first.json()["job"].as_i64().expect("job")).await;
}

async fn another_users_attempt_is_not_found() {
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    let stranger = AppState::for_user(h.engine.clone(), LOCAL_USER + 1);
    for path in [format!("/oa/{id}/1"), format!("/oa/{id}/report"), format!("/api/oa/{id}/clock")] {
        let reply = support::send_as(stranger.clone(), support::get(&path)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn a_running_job_streams_its_progress_until_the_verdict() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let id = h.start("minutes=90&problems=add-m").await;
    let submit = h.post_json(&format!("/api/oa/{id}/1/submit"), &json!({"language": "python", "code": SLOW})).await;
    let job = submit.json()["job"].as_i64().expect("job id");
    let events = h.get(&format!("/api/jobs/{job}/events")).await;
    assert_eq!(events.status, StatusCode::OK);
    let states: Vec<String> = events
        .body
        .lines()
        .filter_map(|line| line.strip_prefix("data: "))
        .map(|data| serde_json::from_str::<Value>(data).expect("event JSON")["status"]["state"].to_string())
        .collect();
    assert!(states.len() >= 2, "no progress before the verdict: {states:?}");
    assert_eq!(states.last().map(String::as_str), Some("\"done\""), "{states:?}");
    assert!(states[..states.len() - 1].iter().all(|s| s != "\"done\""), "{states:?}");
    assert!(events.body.contains("\"passed\":3"), "{}", events.body);
}

// Authentication, ownership and CSRF: the same on either store.
on_both_backends!(cross_site_posts_are_refused, another_users_attempt_is_not_found,);
