//! The JSON API the editor page's script calls. Every failure is a JSON
//! `{"error": "...", "status": N}` with the right status; a full judge
//! queue is a 503 with `Retry-After`.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::Json;
use futures_util::stream::{self, Stream};
use oaj_oa::{AttemptId, IntegrityEvent, JobId, JobStatus, JobView, RunInput};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::CurrentUser;
use crate::error::{ApiResult, Failure};
use crate::extract::{ApiJson, Params};
use crate::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeBody {
    language: String,
    code: String,
    /// Only for runs: custom input instead of the samples.
    #[serde(default)]
    input: Option<String>,
}

pub async fn save_draft(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params((id, n)): Params<(AttemptId, usize)>,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Value>, Failure> {
    state.engine().save_draft(me.id, id, n, &body.language, &body.code).await.api()?;
    Ok(Json(json!({ "saved": true })))
}

pub async fn run(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params((id, n)): Params<(AttemptId, usize)>,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Value>, Failure> {
    let input = match body.input {
        Some(text) => RunInput::Custom(text),
        None => RunInput::Samples,
    };
    let job = state.engine().run(me.id, id, n, &body.language, &body.code, input).await.api()?;
    Ok(Json(json!({ "job": job })))
}

pub async fn submit(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params((id, n)): Params<(AttemptId, usize)>,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Value>, Failure> {
    if body.input.is_some() {
        return Err(Failure::bad_request("a submission is judged on the hidden cases; it takes no input").api(true));
    }
    let job = state.engine().submit(me.id, id, n, &body.language, &body.code).await.api()?;
    Ok(Json(json!({ "job": job })))
}

#[derive(Deserialize)]
pub struct StarterQuery {
    language: String,
}

pub async fn starter(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params((id, n)): Params<(AttemptId, usize)>,
    Query(query): Query<StarterQuery>,
) -> Result<Json<Value>, Failure> {
    let view = state.engine().attempt(me.id, id).await.api()?;
    let problem = view
        .problems
        .iter()
        .find(|p| p.index == n)
        .ok_or_else(|| Failure::not_found(format!("attempt {id} has no problem {n}")).api(true))?;
    let code = state.engine().starter(&problem.slug, &query.language).api()?;
    Ok(Json(json!({ "language": query.language, "code": code })))
}

pub async fn clock(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
) -> Result<Json<Value>, Failure> {
    let view = state.engine().attempt(me.id, id).await.api()?;
    Ok(Json(json!({
        "deadline_ms": view.deadline_ms,
        "now_ms": view.now_ms,
        "remaining_ms": view.remaining_ms(),
        "status": view.status,
    })))
}

/// One event or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum IntegrityBody {
    Many(Vec<IntegrityEvent>),
    One(IntegrityEvent),
}

/// More events than this in one request are refused: the page sends a few
/// every five seconds.
pub const MAX_INTEGRITY_EVENTS: usize = 500;

pub async fn integrity(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
    ApiJson(body): ApiJson<IntegrityBody>,
) -> Result<Json<Value>, Failure> {
    let events = match body {
        IntegrityBody::Many(events) => events,
        IntegrityBody::One(event) => vec![event],
    };
    if events.len() > MAX_INTEGRITY_EVENTS {
        return Err(Failure::bad_request(format!(
            "{} integrity events in one request; send at most {MAX_INTEGRITY_EVENTS}",
            events.len()
        ))
        .api(true));
    }
    let recorded = events.len();
    for event in events {
        state.engine().record_integrity(me.id, id, event).await.api()?;
    }
    Ok(Json(json!({ "recorded": recorded })))
}

pub async fn job(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(job): Params<JobId>,
) -> Result<Json<JobView>, Failure> {
    Ok(Json(state.engine().job(me.id, job).await.api()?))
}

/// Server-sent events: a `job` event with the job's view at every change,
/// the last one when it is done (then the stream ends).
pub async fn job_events(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(job): Params<JobId>,
) -> Result<impl IntoResponse, Failure> {
    // Ownership first: a job of another user is a 404 like a missing one.
    let first = state.engine().job(me.id, job).await.api()?;
    let live = if first.status == JobStatus::Done { None } else { state.engine().subscribe(job) };
    Ok(Sse::new(job_stream(state, me.id, job, first, live))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(10))))
}

enum Phase {
    First(Box<JobView>, Option<tokio::sync::watch::Receiver<JobView>>),
    Live(tokio::sync::watch::Receiver<JobView>),
    Over,
}

fn job_stream(
    state: AppState,
    user: oaj_oa::UserId,
    job: JobId,
    first: JobView,
    live: Option<tokio::sync::watch::Receiver<JobView>>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(Phase::First(Box::new(first), live), move |phase| {
        let state = state.clone();
        async move {
            match phase {
                Phase::Over => None,
                Phase::First(view, live) => {
                    let next = match live {
                        Some(rx) if view.status != JobStatus::Done => Phase::Live(rx),
                        _ => Phase::Over,
                    };
                    Some((event(&view), next))
                }
                Phase::Live(mut rx) => {
                    let already_done = rx.borrow().status == JobStatus::Done;
                    let changed = !already_done && rx.changed().await.is_ok();
                    let progress = rx.borrow_and_update().clone();
                    if changed && progress.status != JobStatus::Done {
                        return Some((event(&progress), Phase::Live(rx)));
                    }
                    // Done (or the judging task went away): the final view
                    // comes from the engine, filtered like `GET /api/jobs/{job}`.
                    let last = match state.engine().job(user, job).await {
                        Ok(view) => view,
                        Err(_) => progress,
                    };
                    Some((event(&last), Phase::Over))
                }
            }
        }
    })
}

fn event(view: &JobView) -> Result<Event, Infallible> {
    Ok(Event::default().event("job").json_data(view).unwrap_or_else(|_| Event::default().event("job").data("{}")))
}
