//! The work-style assessment's pages: standalone practice at `/workstyle`,
//! and the optional section after an OA's coding part at
//! `/oa/{id}/workstyle`. Every rule (the draw, the deadline, scoring) is in
//! `oaj_oa::workstyle`; this module translates forms into its calls.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use oaj_oa::workstyle::{OaSection, ShownAnswer, ShownForm, SittingId, SittingStatus, Workstyle, DEFAULT_MINUTES};
use oaj_oa::{AttemptId, AttemptStatus, Mode};

use crate::auth::CurrentUser;
use crate::error::{ApiResult, Failure};
use crate::extract::{ApiJson, FormFields, Params};
use crate::pages;
use crate::AppState;

/// The countdown script of the sitting page.
pub const SCRIPT: &str = include_str!("../static/workstyle.js");
pub const SCRIPT_URL: &str = "/static/workstyle.js";

/// Items on one page of a sitting.
pub const PER_PAGE: usize = 6;

/// The assessment with the bundled item file (checked at server start by
/// `oaj serve`; a failure here means the binary was built with a bad file).
pub fn service(state: &AppState) -> Result<Workstyle, Failure> {
    Workstyle::bundled(state.engine().clone())
        .map_err(|e| Failure::internal(format!("the work-style item file is invalid: {e}")))
}

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
        ],
        SCRIPT,
    )
        .into_response()
}

/// GET /workstyle: what the assessment is, a start form and past sittings.
pub async fn home(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let ws = service(&state)?;
    let history = ws.history(me.id).await?;
    Ok(pages::workstyle::practice_home(ws.bank(), &history))
}

fn minutes_of(form: &FormFields, back: &str) -> Result<u32, Failure> {
    match form.get("minutes").map(str::trim).filter(|m| !m.is_empty()) {
        None => Ok(DEFAULT_MINUTES),
        Some(text) => text.parse().map_err(|_| {
            Failure::bad_request(format!("the time must be a whole number of minutes from 10 to 20, not {text:?}"))
                .back(back)
        }),
    }
}

/// POST /workstyle: start a practice sitting.
pub async fn start(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    form: FormFields,
) -> Result<Redirect, Failure> {
    let minutes = minutes_of(&form, "/workstyle")?;
    let id = service(&state)?.start_practice(me.id, minutes).await.map_err(|e| Failure::from(e).back("/workstyle"))?;
    Ok(Redirect::to(&format!("/workstyle/{id}")))
}

/// GET /oa/{id}/workstyle: after the explanations, take the assessment or skip it.
pub async fn oa_offer(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(attempt): Params<AttemptId>,
) -> Result<Response, Failure> {
    let ws = service(&state)?;
    let view = state.engine().attempt(me.id, attempt).await.map_err(|e| Failure::from(e).back("/"))?;
    if view.mode != Mode::Timed {
        return Err(
            Failure::not_found("a practice session has no work-style section; take it on its own").back("/workstyle")
        );
    }
    if view.status == AttemptStatus::Coding {
        return Ok(Redirect::to(&format!("/oa/{attempt}")).into_response());
    }
    match ws.oa_section(me.id, attempt).await? {
        OaSection::Taken(sitting) => Ok(Redirect::to(&sitting_url(sitting.id, sitting.status)).into_response()),
        section => Ok(pages::workstyle::oa_offer(attempt, matches!(section, OaSection::Skipped)).into_response()),
    }
}

/// POST /oa/{id}/workstyle: start (or resume) the OA's sitting.
pub async fn oa_start(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(attempt): Params<AttemptId>,
    form: FormFields,
) -> Result<Redirect, Failure> {
    let back = format!("/oa/{attempt}/workstyle");
    let minutes = minutes_of(&form, &back)?;
    let id = service(&state)?
        .start_after_oa(me.id, attempt, minutes)
        .await
        .map_err(|e| Failure::from(e).back(back.clone()))?;
    Ok(Redirect::to(&format!("/workstyle/{id}")))
}

/// POST /oa/{id}/workstyle/skip: go to the report without the assessment.
pub async fn oa_skip(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(attempt): Params<AttemptId>,
) -> Result<Redirect, Failure> {
    service(&state)?.skip_after_oa(me.id, attempt).await.map_err(|e| Failure::from(e).back("/"))?;
    Ok(Redirect::to(&format!("/oa/{attempt}/report")))
}

fn sitting_url(id: SittingId, status: SittingStatus) -> String {
    match status {
        SittingStatus::Open => format!("/workstyle/{id}"),
        SittingStatus::Finished => format!("/workstyle/{id}/result"),
    }
}

fn page_count(items: usize) -> usize {
    items.div_ceil(PER_PAGE).max(1)
}

/// GET /workstyle/{id}?page=N: one page of items with the clock; the
/// result once the sitting has ended.
pub async fn sitting(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<SittingId>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Failure> {
    let view = service(&state)?.sitting(me.id, id).await.map_err(|e| Failure::from(e).back("/workstyle"))?;
    if view.status == SittingStatus::Finished {
        return Ok(Redirect::to(&format!("/workstyle/{id}/result")).into_response());
    }
    let pages = page_count(view.items.len());
    let page = query.get("page").and_then(|p| p.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, pages);
    Ok(pages::workstyle::sitting_page(&view, page, pages, PER_PAGE).into_response())
}

/// A form value as an answer to an item shown as `form`.
fn parse_answer(form: &ShownForm, value: &str) -> Option<ShownAnswer> {
    match form {
        ShownForm::Likert { .. } => value.parse().ok().map(|value| ShownAnswer::Likert { value }),
        ShownForm::Choice { .. } => match value {
            "first-strong" => Some(ShownAnswer::Choice { first: true, strong: true }),
            "first-somewhat" => Some(ShownAnswer::Choice { first: true, strong: false }),
            "second-somewhat" => Some(ShownAnswer::Choice { first: false, strong: false }),
            "second-strong" => Some(ShownAnswer::Choice { first: false, strong: true }),
            _ => None,
        },
    }
}

/// POST /workstyle/{id}/answers: fields `a-{position}`, `page`, and `go`
/// (`prev`, `next`, `finish`; anything else stays on the page).
pub async fn answers(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<SittingId>,
    form: FormFields,
) -> Result<Redirect, Failure> {
    let ws = service(&state)?;
    let view = ws.sitting(me.id, id).await.map_err(|e| Failure::from(e).back("/workstyle"))?;
    if view.status == SittingStatus::Finished {
        // The time ran out while this page was open: its answers came too late.
        return Ok(Redirect::to(&format!("/workstyle/{id}/result")));
    }
    let pages = page_count(view.items.len());
    let page = form.get("page").and_then(|p| p.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, pages);
    let back = format!("/workstyle/{id}?page={page}");
    for (key, value) in &form.0 {
        let Some(position) = key.strip_prefix("a-") else { continue };
        let item =
            position.parse::<usize>().ok().and_then(|p| view.items.iter().find(|i| i.position == p)).ok_or_else(
                || Failure::bad_request(format!("there is no item {position:?} in this sitting")).back(back.clone()),
            )?;
        let answer = parse_answer(&item.form, value.trim()).ok_or_else(|| {
            Failure::bad_request(format!("{value:?} is not an answer to item {}", item.position)).back(back.clone())
        })?;
        match ws.answer(me.id, id, item.position, answer).await {
            Ok(()) => {}
            Err(oaj_oa::Error::Conflict(_)) => return Ok(Redirect::to(&format!("/workstyle/{id}/result"))),
            Err(e) => return Err(Failure::from(e).back(back)),
        }
    }
    Ok(Redirect::to(&match form.get("go") {
        Some("finish") => {
            ws.finish(me.id, id).await?;
            format!("/workstyle/{id}/result")
        }
        Some("next") => format!("/workstyle/{id}?page={}", (page + 1).min(pages)),
        Some("prev") => format!("/workstyle/{id}?page={}", page.saturating_sub(1).max(1)),
        _ => back,
    }))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// 1-based place of the item in the sitting.
    position: usize,
    /// As in the page's form: "1".."5", or "first-strong", "first-somewhat",
    /// "second-somewhat", "second-strong".
    answer: String,
}

/// POST /api/workstyle/{id}/answer: the page's script saves each answer as
/// it is given (the form saves them too, a page at a time, without script).
/// An ended sitting is a 409 that says so.
pub async fn api_answer(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<SittingId>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<axum::Json<serde_json::Value>, Failure> {
    let ws = service(&state).map_err(|f| f.api(true))?;
    let view = ws.sitting(me.id, id).await.api()?;
    let item = view.items.iter().find(|i| i.position == body.position).ok_or_else(|| {
        Failure::bad_request(format!(
            "sitting {id} has items 1 to {}; there is no item {}",
            view.items.len(),
            body.position
        ))
        .api(true)
    })?;
    let answer = parse_answer(&item.form, body.answer.trim()).ok_or_else(|| {
        Failure::bad_request(format!("{:?} is not an answer to item {}", body.answer, body.position)).api(true)
    })?;
    ws.answer(me.id, id, body.position, answer).await.api()?;
    // Counted after the save, from the store: answers saved meanwhile by
    // concurrent requests (the page saves each click at once) count too.
    let after = ws.sitting(me.id, id).await.api()?;
    let answered = after.items.iter().filter(|i| i.answer.is_some()).count();
    Ok(axum::Json(serde_json::json!({ "saved": true, "answered": answered, "items": after.items.len() })))
}

/// POST /workstyle/{id}/finish: end the sitting now.
pub async fn finish(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<SittingId>,
) -> Result<Redirect, Failure> {
    service(&state)?.finish(me.id, id).await.map_err(|e| Failure::from(e).back("/workstyle"))?;
    Ok(Redirect::to(&format!("/workstyle/{id}/result")))
}

/// GET /workstyle/{id}/result.
pub async fn result(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<SittingId>,
) -> Result<Response, Failure> {
    let view = service(&state)?.sitting(me.id, id).await.map_err(|e| Failure::from(e).back("/workstyle"))?;
    if view.status == SittingStatus::Open {
        return Ok(Redirect::to(&format!("/workstyle/{id}")).into_response());
    }
    let result = view
        .result
        .as_ref()
        .ok_or_else(|| Failure::internal(format!("work-style sitting {id} ended without a result")))?;
    Ok(pages::workstyle::result_page(&view, result).into_response())
}

/// The work-style part of an OA report (None for practice attempts).
pub async fn report_section(
    state: &AppState,
    user: oaj_oa::UserId,
    attempt: AttemptId,
    mode: Mode,
) -> Result<Option<Markup>, Failure> {
    if mode != Mode::Timed {
        return Ok(None);
    }
    let section = service(state)?.oa_section(user, attempt).await?;
    Ok(Some(pages::workstyle::report_section(attempt, &section)))
}

/// Where saving the explanations leads: the work-style offer while a timed
/// OA's assessment was neither taken nor skipped, else the report.
pub async fn after_explanations(state: &AppState, user: oaj_oa::UserId, attempt: AttemptId, mode: Mode) -> String {
    if mode == Mode::Timed {
        if let Ok(ws) = service(state) {
            if let Ok(OaSection::Offered) = ws.oa_section(user, attempt).await {
                return format!("/oa/{attempt}/workstyle");
            }
        }
    }
    format!("/oa/{attempt}/report")
}
