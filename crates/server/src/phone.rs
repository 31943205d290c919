//! Phone-screen mode over HTTP and WebSocket: the interviewer's list and
//! creation form, the two links' pages, their sockets, and the report.
//!
//! The candidate link (`/phone/c/{token}`) needs no account: its token is
//! the capability. The interviewer link (`/phone/i/{token}`) needs its
//! token and the creator's account (see `oaj_oa::phone`). A WebSocket
//! handshake is a GET that carries the browser's cookies, so it is refused
//! when its `Origin` is another site (cross-site WebSocket hijacking); a
//! client without `Origin` is not a browser page and cannot forge one.

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use axum::Json;
use maud::Markup;
use oaj_oa::phone::{
    NewPhoneSession, Operation, PhoneAccess, PhoneEvent, PhoneProblem, PhoneRole, StarNotes, PHONE_MINUTES,
};
use oaj_oa::Engine;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use crate::accounts::{link_origin, RequestInfo};
use crate::auth::CurrentUser;
use crate::error::{ApiResult, Failure};
use crate::extract::{FormFields, Params};
use crate::pages;
use crate::AppState;

/// The largest message a page may send: room for the largest custom input
/// (1 MiB) JSON-escaped.
const MAX_MESSAGE_BYTES: usize = 3 * 1024 * 1024;
/// A socket that says nothing for this long is closed (the page pings).
const IDLE: Duration = Duration::from_secs(90);

/// GET /static/phone.js: the shared editor's script.
pub async fn script() -> Response {
    static_asset(include_str!("../static/phone.js"), "text/javascript; charset=utf-8")
}

/// GET /static/phone.css
pub async fn style() -> Response {
    static_asset(include_str!("../static/phone.css"), "text/css; charset=utf-8")
}

fn static_asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, axum::http::HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, axum::http::HeaderValue::from_static("public, max-age=300")),
        ],
        body,
    )
        .into_response()
}

/// GET /phone: the interviewer's sessions and the form for a new one.
pub async fn list(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let engine = state.engine();
    let sessions = engine.phone_sessions(me.id).await?;
    let principles = oaj_oa::phone::behavioural()?.principles.clone();
    Ok(pages::phone::list(&pages::phone::ListPage {
        sessions: &sessions,
        problems: engine.catalog().entries().collect(),
        languages: &engine.languages(),
        principles: &principles,
    }))
}

/// POST /phone: creates a session and shows its two links (once: only
/// their hashes are stored).
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    info: Option<Extension<RequestInfo>>,
    headers: HeaderMap,
    form: FormFields,
) -> Result<Markup, Failure> {
    let bad = |message: String| Failure::bad_request(message).back("/phone");
    let minutes_text = form.get("minutes").unwrap_or("45").trim();
    let (low, high) = PHONE_MINUTES;
    let minutes: u32 = minutes_text.parse().map_err(|_| {
        bad(format!("the duration must be a whole number of minutes from {low} to {high}, not {minutes_text:?}"))
    })?;
    let problem = match form.get("source").unwrap_or("bank") {
        "bank" => PhoneProblem::Bank(form.get("problem").unwrap_or("").trim().to_string()),
        "typed" => PhoneProblem::Typed {
            title: form.get("title").unwrap_or("").to_string(),
            statement_md: form.get("statement").unwrap_or("").to_string(),
            sample_input: form.get("sample_input").map(normalise_newlines),
            sample_output: form.get("sample_output").map(normalise_newlines),
        },
        other => return Err(bad(format!("the problem comes from the bank or is typed, not {other:?}"))),
    };
    let new = NewPhoneSession {
        problem,
        minutes,
        language: form.get("language").unwrap_or("python").to_string(),
        principles: form.all("principles").map(String::from).collect(),
    };
    let engine = state.engine();
    let created = engine.phone_create(me.id, new).await.map_err(|e| Failure::from(e).back("/phone"))?;
    let origin = link_origin(&headers, info.as_ref().map(|Extension(i)| i));
    Ok(pages::phone::created(&origin, created.id, &created.candidate_token, &created.interviewer_token))
}

/// Browsers send form text with CRLF line ends.
fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

async fn interviewer(engine: &Engine, token: &str, me: &oaj_oa::Account) -> Result<PhoneAccess, Failure> {
    Ok(engine.phone_access(token, PhoneRole::Interviewer, Some(me.id)).await?)
}

/// GET /phone/c/{token}: the candidate's page.
pub async fn candidate_page(State(state): State<AppState>, Params(token): Params<String>) -> Result<Markup, Failure> {
    let engine = state.engine();
    let access = engine.phone_access(&token, PhoneRole::Candidate, None).await?;
    let session = engine.phone_session(access).await?;
    let languages = session_languages(engine, &session);
    Ok(pages::phone::room(&pages::phone::RoomPage {
        role: PhoneRole::Candidate,
        session: &session,
        languages: &languages,
        socket: &format!("/phone/c/{token}/ws"),
        notes: None,
        questions: &[],
        token: &token,
    }))
}

/// GET /phone/i/{token}: the interviewer's page.
pub async fn interviewer_page(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(token): Params<String>,
) -> Result<Markup, Failure> {
    let engine = state.engine();
    let access = interviewer(engine, &token, &me).await?;
    let session = engine.phone_session(access).await?;
    let notes = engine.phone_notes(access).await?;
    let questions = engine.phone_questions(access).await?;
    let languages = session_languages(engine, &session);
    Ok(pages::phone::room(&pages::phone::RoomPage {
        role: PhoneRole::Interviewer,
        session: &session,
        languages: &languages,
        socket: &format!("/phone/i/{token}/ws"),
        notes: Some(&notes),
        questions: &questions,
        token: &token,
    }))
}

fn session_languages(engine: &Engine, session: &oaj_oa::phone::PhoneSession) -> Vec<oaj_oa::LanguageInfo> {
    match &session.problem_slug {
        Some(slug) => engine.problem_languages(slug).unwrap_or_default(),
        None => engine.languages(),
    }
}

/// POST /phone/i/{token}/start: starts the clock.
pub async fn start(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(token): Params<String>,
) -> Result<Response, Failure> {
    let access = interviewer(state.engine(), &token, &me).await?;
    let back = format!("/phone/i/{token}");
    state.engine().phone_start(access).await.map_err(|e| Failure::from(e).back(back.clone()))?;
    Ok(axum::response::Redirect::to(&back).into_response())
}

/// POST /phone/i/{token}/end: ends the session now; on to the report.
pub async fn end(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(token): Params<String>,
) -> Result<Response, Failure> {
    let access = interviewer(state.engine(), &token, &me).await?;
    state.engine().phone_end(access).await?;
    Ok(axum::response::Redirect::to(&format!("/phone/{}/report", access.id)).into_response())
}

/// POST /phone/i/{token}/candidate-link: replaces the candidate link.
pub async fn new_candidate_link(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    info: Option<Extension<RequestInfo>>,
    headers: HeaderMap,
    Params(token): Params<String>,
) -> Result<Markup, Failure> {
    let access = interviewer(state.engine(), &token, &me).await?;
    let candidate = state.engine().phone_new_candidate_link(access).await?;
    let origin = link_origin(&headers, info.as_ref().map(|Extension(i)| i));
    Ok(pages::phone::created(&origin, access.id, &candidate, &token))
}

/// POST /phone/{id}/open: the creator opens the interviewer page again
/// through a new interviewer link (links are stored hashed, so the old one
/// cannot be shown; it keeps working).
pub async fn open(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<i64>,
) -> Result<Response, Failure> {
    let token = state.engine().phone_new_interviewer_link(me.id, id).await?;
    Ok(axum::response::Redirect::to(&format!("/phone/i/{token}")).into_response())
}

/// GET /phone/{id}/report: the interviewer's report.
pub async fn report(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<i64>,
) -> Result<Markup, Failure> {
    let access = state.engine().phone_owned(me.id, id).await?;
    let report = state.engine().phone_report(access).await?;
    Ok(pages::phone::report(&report))
}

/// GET /api/phone/{id}/log: the editor's op log for the report's replay.
pub async fn log(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<i64>,
) -> Result<Response, Failure> {
    let access = state.engine().phone_owned(me.id, id).await.api()?;
    let report = state.engine().phone_report(access).await.api()?;
    Ok(Json(serde_json::json!({ "initial_text": report.initial_text, "ops": report.ops })).into_response())
}

// ---------------------------------------------------------------- sockets

/// GET /phone/c/{token}/ws
pub async fn candidate_socket(
    State(state): State<AppState>,
    Params(token): Params<String>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, Failure> {
    check_origin(&headers)?;
    let access = state.engine().phone_access(&token, PhoneRole::Candidate, None).await?;
    Ok(upgrade_to(state, access, upgrade))
}

/// GET /phone/i/{token}/ws
pub async fn interviewer_socket(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(token): Params<String>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, Failure> {
    check_origin(&headers)?;
    let access = interviewer(state.engine(), &token, &me).await?;
    Ok(upgrade_to(state, access, upgrade))
}

fn upgrade_to(state: AppState, access: PhoneAccess, upgrade: WebSocketUpgrade) -> Response {
    let engine = state.engine().clone();
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move { serve_socket(engine, access, socket).await })
}

/// A WebSocket handshake from a page of another origin is refused.
pub(crate) fn check_origin(headers: &HeaderMap) -> Result<(), Failure> {
    let Some(origin) = headers.get(header::ORIGIN) else { return Ok(()) };
    let origin = origin.to_str().unwrap_or("");
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let origin_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
    match origin_host {
        Some(origin_host) if !host.is_empty() && origin_host.eq_ignore_ascii_case(host) => Ok(()),
        _ => Err(Failure::forbidden(format!(
            "this WebSocket was refused: its origin {origin:?} is not this server ({host})"
        ))),
    }
}

/// What a page sends over its socket.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    /// The first message: the revision the page has (None: a first load)
    /// and the page's id.
    Hello {
        rev: Option<u64>,
        client: String,
    },
    Op {
        seq: u64,
        rev: u64,
        op: Operation,
    },
    Cursor {
        rev: u64,
        anchor: usize,
        head: usize,
    },
    Run {
        input: Option<String>,
    },
    Language {
        language: String,
    },
    /// Interviewer only.
    Notes {
        text: String,
    },
    /// Interviewer only.
    Star {
        index: usize,
        star: StarNotes,
    },
    Ping,
}

fn json_text(value: &impl serde::Serialize) -> Message {
    Message::Text(serde_json::to_string(value).unwrap_or_else(|_| "{}".into()).into())
}

fn error_message(message: &str, resync: bool) -> Message {
    json_text(&serde_json::json!({ "type": "error", "message": message, "resync": resync }))
}

/// An error after which the page must not reconnect.
fn final_error(message: &str) -> Message {
    json_text(&serde_json::json!({ "type": "error", "message": message, "resync": false, "final": true }))
}

async fn close(socket: &mut WebSocket, reason: &str) {
    let frame = CloseFrame { code: 1011, reason: reason.to_string().into() };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

/// One page's socket: the hello, then its messages and the room's events
/// until either side goes away.
async fn serve_socket(engine: Engine, access: PhoneAccess, mut socket: WebSocket) {
    let hello = match tokio::time::timeout(IDLE, socket.recv()).await {
        Ok(Some(Ok(Message::Text(text)))) => serde_json::from_str::<ClientMessage>(&text),
        _ => return,
    };
    let Ok(ClientMessage::Hello { rev, client }) = hello else {
        let _ = socket.send(error_message("the first message must be a hello", false)).await;
        return;
    };
    let connection = match engine.phone_connect(access, rev).await {
        Ok(connection) => connection,
        Err(e) => {
            let _ = socket.send(error_message(&e.to_string(), true)).await;
            return;
        }
    };
    let welcome = serde_json::json!({
        "type": "welcome",
        "role": access.role,
        "rev": connection.rev,
        // The whole text only on a first load; a reconnect gets the operations it missed.
        "text": rev.is_none().then_some(&connection.text),
        "session": connection.session,
        "runs": connection.runs,
    });
    if socket.send(json_text(&welcome)).await.is_err() {
        return;
    }
    for entry in &connection.catch_up {
        if socket.send(json_text(&PhoneEvent::Op(entry.clone()))).await.is_err() {
            return;
        }
    }
    if socket.send(json_text(&serde_json::json!({ "type": "synced", "rev": connection.rev }))).await.is_err() {
        return;
    }
    let mut events = connection.events;
    loop {
        tokio::select! {
            incoming = tokio::time::timeout(IDLE, socket.recv()) => {
                let text = match incoming {
                    Ok(Some(Ok(Message::Text(text)))) => text,
                    Ok(Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Binary(_)))) => continue,
                    _ => return, // closed, broken, or silent for too long
                };
                let reply = handle(&engine, access, &client, &text).await;
                if let Some(reply) = reply {
                    if socket.send(reply).await.is_err() {
                        return;
                    }
                }
            }
            event = events.recv() => {
                match event {
                    Ok(event) if access.role == PhoneRole::Candidate && !event.for_candidate() => {}
                    Ok(PhoneEvent::CandidateLinkReplaced) if access.role == PhoneRole::Candidate => {
                        let message = "the interviewer replaced this link; ask them for the new one";
                        let _ = socket.send(final_error(message)).await;
                        close(&mut socket, "link replaced").await;
                        return;
                    }
                    Ok(PhoneEvent::CandidateLinkReplaced) => {}
                    Ok(event) => {
                        if socket.send(json_text(&event)).await.is_err() {
                            return;
                        }
                    }
                    // Too slow to follow: the page reconnects and catches up from its revision.
                    Err(RecvError::Lagged(_)) => {
                        close(&mut socket, "fell behind; reconnect to catch up").await;
                        return;
                    }
                    Err(RecvError::Closed) => return,
                }
            }
        }
    }
}

/// One message of a page; the reply goes to that page only.
async fn handle(engine: &Engine, access: PhoneAccess, client: &str, text: &str) -> Option<Message> {
    let message = match serde_json::from_str::<ClientMessage>(text) {
        Ok(message) => message,
        Err(e) => return Some(error_message(&format!("the message could not be read: {e}"), false)),
    };
    let result = match message {
        ClientMessage::Hello { .. } => Err(oaj_oa::Error::Invalid("hello was already said".into())),
        ClientMessage::Op { seq, rev, op } => match engine.phone_edit(access, client, seq, rev, op).await {
            Ok(_) => Ok(None),
            // The page's state can no longer be trusted: it reloads the document.
            Err(e) => return Some(error_message(&e.to_string(), true)),
        },
        ClientMessage::Cursor { rev, anchor, head } => {
            engine.phone_cursor(access, rev, anchor, head).await.map(|_| None)
        }
        ClientMessage::Run { input } => engine.phone_run(access, input).await.map(|_| None),
        ClientMessage::Language { language } => engine.phone_set_language(access, &language).await.map(|_| None),
        ClientMessage::Notes { text } => engine
            .phone_save_notes(access, &text)
            .await
            .map(|_| Some(json_text(&serde_json::json!({ "type": "saved", "what": "notes" })))),
        ClientMessage::Star { index, star } => engine
            .phone_save_star(access, index, &star)
            .await
            .map(|_| Some(json_text(&serde_json::json!({ "type": "saved", "what": "star", "index": index })))),
        ClientMessage::Ping => Ok(Some(json_text(&serde_json::json!({ "type": "pong", "now_ms": engine.now_ms() })))),
    };
    match result {
        Ok(reply) => reply,
        Err(e) => Some(error_message(&e.to_string(), false)),
    }
}

#[cfg(test)]
mod tests {
    use super::check_origin;
    use axum::http::HeaderMap;

    #[test]
    fn websocket_origins() {
        // (Origin, Host, allowed)
        let cases: &[(Option<&str>, &str, bool)] = &[
            (Some("http://127.0.0.1:8080"), "127.0.0.1:8080", true),
            (Some("https://oa.example"), "oa.example", true),
            (Some("http://evil.example"), "127.0.0.1:8080", false),
            (Some("null"), "127.0.0.1:8080", false),
            (Some("http://127.0.0.1:9999"), "127.0.0.1:8080", false),
            (None, "127.0.0.1:8080", true),
        ];
        for &(origin, host, allowed) in cases {
            let mut headers = HeaderMap::new();
            if let Some(origin) = origin {
                headers.insert("origin", origin.parse().expect("header"));
            }
            headers.insert("host", host.parse().expect("header"));
            assert_eq!(check_origin(&headers).is_ok(), allowed, "{origin:?} {host}");
        }
    }
}
