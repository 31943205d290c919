//! Phone screens and the story bank through the router: pages and forms with
//! `oneshot`, the editor's WebSocket on a real listener with a real
//! WebSocket client. The central check: nothing the interviewer alone may
//! see (notes, STAR notes, the candidate's caret) reaches the candidate,
//! neither over HTTP nor over the socket.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures_util::{SinkExt, StreamExt};
use oaj_oa::{Account, Engine, Role};
use oaj_server::{app, AppState};
use serde_json::{json, Value};
use support::{EngineBuilder, Problem};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

const SECRET_NOTE: &str = "weak on complexity; hire? unsure";

struct Harness {
    _dir: tempfile::TempDir,
    engine: Engine,
}

impl Harness {
    async fn new() -> Harness {
        let t = EngineBuilder::new().problem(Problem::double("double")).build().await;
        // Two accounts: the interviewer (1, the local admin) and someone else.
        support::account(&t.engine, "other", Role::Member).await;
        Harness { _dir: t.dir, engine: t.engine }
    }

    fn state_of(&self, user: i64) -> AppState {
        if user == 1 {
            AppState::for_account(self.engine.clone(), Account::local())
        } else {
            AppState::for_user(self.engine.clone(), user)
        }
    }

    async fn send(&self, user: i64, request: Request<Body>) -> (StatusCode, String) {
        let reply = support::send_as(self.state_of(user), request).await;
        (reply.status, reply.body)
    }

    async fn get(&self, user: i64, path: &str) -> (StatusCode, String) {
        self.send(user, support::get(path)).await
    }

    async fn post_form(&self, user: i64, path: &str, form: &str) -> (StatusCode, String) {
        self.send(user, support::form(path, form)).await
    }

    /// Creates a typed session through the form; returns (id, candidate link, interviewer link).
    async fn create(&self) -> (i64, String, String) {
        let form = "source=typed&title=Sum&statement=Print+a%2Bb&sample_input=1+2&sample_output=3&minutes=45\
                    &language=python&principles=dive-deep&principles=ownership";
        let (status, body) = self.post_form(1, "/phone", form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let link = |prefix: &str| {
            let start = body.find(prefix).unwrap_or_else(|| panic!("{prefix} missing from {body}"));
            body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || "/".contains(*c)).collect::<String>()
        };
        let (candidate, interviewer) = (link("/phone/c/"), link("/phone/i/"));
        let id = self.engine.phone_sessions(1).await.expect("sessions")[0].id;
        (id, candidate, interviewer)
    }
}

/// The links are shown whole (scheme and host of the request), so the
/// candidate's can be pasted into a message as it is.
#[tokio::test]
async fn the_new_links_are_whole_urls() {
    let h = Harness::new().await;
    let request = Request::post("/phone")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "localhost:8080")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("source=typed&title=Sum&statement=s&minutes=45&language=python"))
        .expect("request");
    let (status, body) = h.send(1, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for prefix in ["http://localhost:8080/phone/c/", "http://localhost:8080/phone/i/"] {
        assert!(body.contains(prefix), "{prefix} missing from {body}");
    }
}

#[tokio::test]
async fn creating_a_session_gives_two_working_links() {
    let h = Harness::new().await;
    let (id, candidate, interviewer) = h.create().await;
    assert_eq!(candidate.len(), "/phone/c/".len() + 64);
    // The candidate link opens for anyone (no account is involved).
    let (status, body) = h.get(2, &candidate).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("pair-editor") && body.contains("/static/phone.js"), "{body}");
    assert!(!body.contains("id=\"notes\""), "the candidate page has no notes pane");
    // The interviewer link opens only for its creator.
    let (status, body) = h.get(1, &interviewer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("id=\"notes\"") && body.contains("Dive Deep"), "{body}");
    assert_eq!(h.get(2, &interviewer).await.0, StatusCode::NOT_FOUND);
    assert_eq!(h.get(2, &format!("/phone/{id}/report")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(h.get(2, &format!("/api/phone/{id}/log")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(h.get(1, "/phone/c/0000").await.0, StatusCode::NOT_FOUND);
    // Bad forms are 4xx pages that say why.
    for (form, expected, why) in [
        ("source=typed&title=T&minutes=30&language=python", StatusCode::BAD_REQUEST, "45 to 60 minutes"),
        ("source=typed&title=T&minutes=abc&language=python", StatusCode::BAD_REQUEST, "whole number of minutes"),
        ("source=bank&problem=nope&minutes=45&language=python", StatusCode::NOT_FOUND, "nope"),
        ("source=elsewhere&minutes=45", StatusCode::BAD_REQUEST, "bank or is typed"),
    ] {
        let (status, body) = h.post_form(1, "/phone", form).await;
        assert_eq!(status, expected, "{form}");
        assert!(body.contains(why), "{form}: {body}");
    }
    // The list shows the session; its start form starts the clock.
    let (_, list) = h.get(1, "/phone").await;
    assert!(list.contains("Sum") && list.contains("not started"), "{list}");
    let (status, _) = h.post_form(1, &format!("{interviewer}/start"), "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(h.get(1, "/phone").await.1.contains("live"));
    assert_eq!(h.post_form(2, &format!("{interviewer}/start"), "").await.0, StatusCode::NOT_FOUND);
    let (status, body) = h.post_form(1, &format!("{interviewer}/start"), "").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // "Open" from the list gives the creator a fresh interviewer link; nobody else.
    let open_request = || {
        Request::post(format!("/phone/{id}/open"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::empty())
            .expect("request")
    };
    let reply = support::send_as(h.state_of(1), open_request()).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.location().to_string();
    assert!(location.starts_with("/phone/i/") && location != interviewer, "{location}");
    assert_eq!(h.get(1, &location).await.0, StatusCode::OK);
    assert_eq!(h.get(1, &interviewer).await.0, StatusCode::OK, "the first link still works");
    assert_eq!(h.send(2, open_request()).await.0, StatusCode::NOT_FOUND);
    // Static assets.
    for path in ["/static/phone.js", "/static/phone.css"] {
        assert_eq!(h.get(1, path).await.0, StatusCode::OK, "{path}");
    }
}

// ---------------------------------------------------------------- sockets

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Serves the app of `user` on a loopback port.
async fn serve(h: &Harness, user: i64) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = app(h.state_of(user));
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

async fn open(addr: std::net::SocketAddr, path: &str, origin: Option<&str>) -> Result<Socket, String> {
    let mut request = format!("ws://{addr}{path}/ws").into_client_request().map_err(|e| e.to_string())?;
    if let Some(origin) = origin {
        request.headers_mut().insert("origin", origin.parse().map_err(|_| "origin")?);
    }
    tokio_tungstenite::connect_async(request).await.map(|(socket, _)| socket).map_err(|e| e.to_string())
}

async fn say(socket: &mut Socket, message: Value) {
    socket.send(Message::Text(message.to_string().into())).await.expect("send");
}

/// The next JSON message, or None after `wait` of silence.
async fn next(socket: &mut Socket, wait: Duration) -> Option<Value> {
    loop {
        match tokio::time::timeout(wait, socket.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => return Some(serde_json::from_str(&text).expect("JSON")),
            Ok(Some(Ok(_))) => continue,
            _ => return None,
        }
    }
}

/// Messages until one of `kind` arrives (returned with everything before it).
async fn until(socket: &mut Socket, kind: &str) -> (Value, Vec<Value>) {
    let mut seen = Vec::new();
    while let Some(message) = next(socket, Duration::from_secs(10)).await {
        if message["type"] == kind {
            return (message, seen);
        }
        seen.push(message);
    }
    panic!("no {kind} message; saw {seen:?}");
}

/// Connects and says hello; returns the socket and the welcome.
async fn join(addr: std::net::SocketAddr, path: &str, client: &str, rev: Option<u64>) -> (Socket, Value, Vec<Value>) {
    let mut socket = open(addr, path, None).await.expect("connect");
    say(&mut socket, json!({ "type": "hello", "rev": rev, "client": client })).await;
    let (welcome, _) = until(&mut socket, "welcome").await;
    let (_, catch_up) = until(&mut socket, "synced").await;
    (socket, welcome, catch_up)
}

#[tokio::test]
async fn the_candidate_never_receives_what_is_only_the_interviewers() {
    let h = Harness::new().await;
    let (id, candidate, interviewer) = h.create().await;
    let as_interviewer = serve(&h, 1).await;
    // The candidate's server acts as another account: the link alone is the capability.
    let as_candidate = serve(&h, 2).await;

    let (mut int, welcome, _) = join(as_interviewer, &interviewer, "int-page", None).await;
    assert_eq!(
        (welcome["role"].as_str(), welcome["rev"].as_u64(), welcome["text"].as_str()),
        (Some("interviewer"), Some(0), Some(""))
    );
    let (mut cand, welcome, _) = join(as_candidate, &candidate, "cand-page", None).await;
    assert_eq!(welcome["role"], "candidate");
    // The interviewer socket of another account is refused at the handshake.
    assert!(open(as_candidate, &interviewer, None).await.is_err());

    // The interviewer writes notes and a STAR note: saved, acknowledged to the interviewer only.
    say(&mut int, json!({ "type": "notes", "text": SECRET_NOTE })).await;
    let (saved, _) = until(&mut int, "saved").await;
    assert_eq!(saved["what"], "notes");
    let star = json!({ "situation": "outage", "task": "fix", "action": "STAR-SECRET", "result": "ok", "rating": 3 });
    say(&mut int, json!({ "type": "star", "index": 1, "star": star })).await;
    until(&mut int, "saved").await;

    // The candidate types and moves the caret: the interviewer sees both.
    say(&mut cand, json!({ "type": "op", "seq": 1, "rev": 0, "op": ["print(42)"] })).await;
    let (op, _) = until(&mut cand, "op").await;
    assert_eq!((op["rev"].as_u64(), op["client"].as_str()), (Some(1), Some("cand-page")));
    say(&mut cand, json!({ "type": "cursor", "rev": 1, "anchor": 6, "head": 8 })).await;
    let (seen, _) = until(&mut int, "op").await;
    assert_eq!(seen["op"], json!(["print(42)"]));
    let (cursor, _) = until(&mut int, "cursor").await;
    assert_eq!((cursor["anchor"].as_u64(), cursor["head"].as_u64()), (Some(6), Some(8)));

    // The candidate asks for the notes over the socket: refused, nothing leaks, nothing changes.
    say(&mut cand, json!({ "type": "notes", "text": "overwritten by the candidate" })).await;
    say(&mut cand, json!({ "type": "star", "index": 1, "star": star })).await;
    // And the interviewer writes more while the candidate listens.
    say(&mut int, json!({ "type": "notes", "text": format!("{SECRET_NOTE} (2)") })).await;
    until(&mut int, "saved").await;
    let mut heard = Vec::new();
    while let Some(message) = next(&mut cand, Duration::from_millis(400)).await {
        heard.push(message);
    }
    let all = serde_json::to_string(&heard).expect("json");
    assert!(!all.contains("weak on complexity") && !all.contains("STAR-SECRET"), "{all}");
    assert!(heard.iter().all(|m| m["type"] != "cursor" && m["type"] != "saved"), "{all}");
    assert_eq!(heard.iter().filter(|m| m["type"] == "error").count(), 2, "{all}");
    assert_eq!(h.engine.phone_sessions(1).await.expect("list").len(), 1);
    let access = h.engine.phone_owned(1, id).await.expect("owned");
    assert_eq!(h.engine.phone_notes(access).await.expect("notes"), format!("{SECRET_NOTE} (2)"));

    // Nor over HTTP: the candidate's page, and the report and log (another account).
    let (_, page) = h.get(2, &candidate).await;
    assert!(!page.contains("weak on complexity") && !page.contains("STAR-SECRET"));
    assert_eq!(h.get(2, &format!("/phone/{id}/report")).await.0, StatusCode::NOT_FOUND);
    // The interviewer's report has them, with the final code and the log for the replay.
    let (status, report) = h.get(1, &format!("/phone/{id}/report")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(report.contains("weak on complexity") && report.contains("STAR-SECRET") && report.contains("print(42)"));
    let (status, log) = h.get(1, &format!("/api/phone/{id}/log")).await;
    assert_eq!(status, StatusCode::OK);
    let log: Value = serde_json::from_str(&log).expect("json");
    assert_eq!(log["ops"][0]["op"], json!(["print(42)"]));
}

#[tokio::test]
async fn a_dropped_page_reconnects_and_catches_up() {
    let h = Harness::new().await;
    let (_, candidate, interviewer) = h.create().await;
    let addr = serve(&h, 1).await;
    let (mut int, _, _) = join(addr, &interviewer, "int-page", None).await;
    let (mut cand, _, _) = join(addr, &candidate, "cand-page", None).await;
    say(&mut cand, json!({ "type": "op", "seq": 1, "rev": 0, "op": ["ab"] })).await;
    until(&mut cand, "op").await;
    // The candidate's connection drops; meanwhile the interviewer edits twice.
    drop(cand);
    say(&mut int, json!({ "type": "op", "seq": 1, "rev": 1, "op": [2, "c"] })).await;
    say(&mut int, json!({ "type": "op", "seq": 2, "rev": 1, "op": ["X", 2] })).await;
    until(&mut int, "op").await;
    until(&mut int, "op").await;
    until(&mut int, "op").await;
    // Back from revision 1: the two operations it missed, in order, then synced.
    let (mut cand, welcome, catch_up) = join(addr, &candidate, "cand-page", Some(1)).await;
    assert_eq!(welcome["rev"], 3);
    assert!(welcome["text"].is_null(), "a reconnect gets operations, not the text");
    let revs: Vec<u64> = catch_up.iter().filter(|m| m["type"] == "op").filter_map(|m| m["rev"].as_u64()).collect();
    assert_eq!(revs, [2, 3]);
    // A resend of the candidate's first edit (its ack was lost) is not applied twice.
    say(&mut cand, json!({ "type": "op", "seq": 1, "rev": 3, "op": [4, "ab"] })).await;
    assert!(next(&mut cand, Duration::from_millis(400)).await.is_none());
    // A page ahead of the server is told to reload.
    let mut ahead = open(addr, &candidate, None).await.expect("connect");
    say(&mut ahead, json!({ "type": "hello", "rev": 99, "client": "x" })).await;
    let reply = next(&mut ahead, Duration::from_secs(5)).await.expect("an answer");
    assert_eq!((reply["type"].as_str(), reply["resync"].as_bool()), (Some("error"), Some(true)));
    // A fresh load gets the text.
    let (mut fresh, welcome, _) = join(addr, &candidate, "new-page", None).await;
    assert_eq!(welcome["text"], "Xabc");
    // The interviewer replaces the candidate link: sockets opened through the
    // old one are closed with a final error, and the old link opens nothing.
    let (status, body) = h.post_form(1, &format!("{interviewer}/candidate-link"), "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (error, _) = until(&mut fresh, "error").await;
    assert_eq!(error["final"], true, "{error}");
    assert!(open(addr, &candidate, None).await.is_err());
    assert!(body.contains("/phone/c/"), "the new link is shown");
}

#[tokio::test]
async fn a_cross_site_websocket_handshake_is_refused() {
    let h = Harness::new().await;
    let (_, candidate, _) = h.create().await;
    let addr = serve(&h, 1).await;
    let error = open(addr, &candidate, Some("http://evil.example")).await.expect_err("refused");
    assert!(error.contains("403"), "{error}");
    let same = format!("http://{addr}");
    assert!(open(addr, &candidate, Some(&same)).await.is_ok());
}

// ---------------------------------------------------------------- story bank

#[tokio::test]
async fn the_story_bank_pages() {
    let h = Harness::new().await;
    let (status, page) = h.get(1, "/stories").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("0 of 16 principles") && page.contains("You have 0 stories"), "{page}");
    // Its styles (the coverage table's) are in phone.css: the page must link it.
    assert!(page.contains("href=\"/static/phone.css\""), "{page}");
    let form = "title=The+outage&situation=S&task=T&action=A&result=R&principles=dive-deep&principles=ownership";
    assert_eq!(h.post_form(1, "/stories", form).await.0, StatusCode::SEE_OTHER);
    let (status, body) = h.post_form(1, "/stories", "title=Thin&principles=dive-deep").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("2 or 3 principles"), "{body}");
    let (_, page) = h.get(1, "/stories").await;
    assert!(page.contains("Coverage: 2 of 16 principles") && page.contains("The outage"), "{page}");
    let id = h.engine.stories(1).await.expect("stories")[0].id;
    // Another account sees none of it.
    assert!(!h.get(2, "/stories").await.1.contains("The outage"));
    assert_eq!(h.get(2, &format!("/stories/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(h.post_form(2, &format!("/stories/{id}/delete"), "").await.0, StatusCode::NOT_FOUND);
    let (status, edit) = h.get(1, &format!("/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(edit.contains("The outage") && edit.contains("href=\"/static/phone.css\""), "{edit}");
    let form = "title=The+outage&principles=dive-deep&principles=earn-trust&principles=frugality";
    assert_eq!(h.post_form(1, &format!("/stories/{id}"), form).await.0, StatusCode::SEE_OTHER);
    assert!(h.get(1, "/stories").await.1.contains("Coverage: 3 of 16"));
    assert_eq!(h.post_form(1, &format!("/stories/{id}/delete"), "").await.0, StatusCode::SEE_OTHER);
    assert!(h.engine.stories(1).await.expect("stories").is_empty());
}
