//! Page handlers: each turns a request into engine calls and a page or a
//! redirect.

use axum::extract::{Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use oaj_oa::{AttemptId, AttemptStatus, AttemptView, Explanation, Mode, StartOptions, MAX_MINUTES};
use oaj_spec::Difficulty;

use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::extract::{FormFields, Params};
use crate::pages;
use crate::AppState;

pub async fn healthz() -> &'static str {
    "ok\n"
}

pub async fn home(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let engine = state.engine();
    let history = engine.history(me.id).await?;
    let stats = engine.stats(me.id).await?;
    let workstyle = crate::workstyle::service(&state)?.history(me.id).await?;
    let catalog = engine.catalog();
    // Problems hidden from drawing are an admin's to practise.
    let mut problems: Vec<_> =
        catalog.entries().filter(|e| me.is_admin() || !catalog.is_hidden_from_draw(&e.slug)).collect();
    problems.sort_by(|a, b| (a.difficulty, &a.title).cmp(&(b.difficulty, &b.title)));
    let open_groups = engine
        .group_oas(&me)
        .await?
        .into_iter()
        .filter(|g| g.state == oaj_oa::WindowState::Live && g.mine.is_none())
        .map(|g| (g.id, g.title, g.closes_ms))
        .collect();
    let home = pages::home::Home {
        history: &history,
        stats: &stats,
        problems,
        topics: catalog.topics(),
        workstyle: &workstyle,
        open_groups,
    };
    Ok(pages::home::render(&home))
}

fn preset(value: &str) -> Option<Vec<Difficulty>> {
    Some(match value {
        "medium-hard" => vec![Difficulty::Medium, Difficulty::Hard],
        "medium-medium" => vec![Difficulty::Medium, Difficulty::Medium],
        "easy-medium" => vec![Difficulty::Easy, Difficulty::Medium],
        _ => return None,
    })
}

/// POST /oa: start a timed OA from the home page's form.
pub async fn start(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    form: FormFields,
) -> Result<Response, Failure> {
    let bad = |message: String| Failure::bad_request(message).back("/");
    let mut options = StartOptions::default();
    if let Some(minutes) = form.get("minutes").map(str::trim).filter(|m| !m.is_empty()) {
        options.minutes = minutes.parse().map_err(|_| {
            bad(format!("the time limit must be a whole number of minutes from 1 to {MAX_MINUTES}, not {minutes:?}"))
        })?;
    }
    if let Some(value) = form.get("preset").filter(|p| !p.is_empty()) {
        let names: Vec<_> = pages::home::PRESETS.iter().map(|(v, _)| *v).collect();
        options.difficulties = preset(value)
            .ok_or_else(|| bad(format!("unknown preset {value:?}; choose one of {}", names.join(", "))))?;
    }
    options.topics = form.all("topics").map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
    let problems: Vec<String> = form
        .all("problems")
        .flat_map(|p| p.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    if !problems.is_empty() {
        options.problems = Some(problems);
    }
    let id = state.engine().start(me.id, options).await.map_err(|e| Failure::from(e).back("/"))?;
    Ok(Redirect::to(&format!("/oa/{id}/1")).into_response())
}

/// GET /practice/{slug}: an untimed attempt with one problem.
pub async fn practice(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(slug): Params<String>,
) -> Result<Response, Failure> {
    let id = state.engine().practice(me.id, &slug).await.map_err(|e| Failure::from(e).back("/"))?;
    Ok(Redirect::to(&format!("/oa/{id}/1")).into_response())
}

async fn load(state: &AppState, user: oaj_oa::UserId, id: AttemptId) -> Result<AttemptView, Failure> {
    state.engine().attempt(user, id).await.map_err(|e| Failure::from(e).back("/"))
}

/// GET /oa/{id}: wherever the attempt is now.
pub async fn attempt(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
) -> Result<Redirect, Failure> {
    let view = load(&state, me.id, id).await?;
    Ok(Redirect::to(&match view.status {
        AttemptStatus::Coding if pages::editor::coding(&view) => format!("/oa/{id}/1"),
        AttemptStatus::Coding | AttemptStatus::Explaining => format!("/oa/{id}/explain"),
        AttemptStatus::Finished => format!("/oa/{id}/report"),
    }))
}

/// GET /oa/{id}/{n}: the editor for problem n (1-based).
pub async fn editor(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params((id, n)): Params<(AttemptId, usize)>,
) -> Result<Markup, Failure> {
    let view = load(&state, me.id, id).await?;
    let problem = view.problems.iter().find(|p| p.index == n).ok_or_else(|| {
        Failure::not_found(format!("attempt {id} has {} problem(s); there is no problem {n}", view.problems.len()))
            .back(format!("/oa/{id}/1"))
    })?;
    let engine = state.engine();
    // Only the languages this problem can be solved in (a function problem
    // has harnesses for some languages only).
    let languages = engine.problem_languages(&problem.slug).unwrap_or_else(|_| engine.languages());
    let (language, code) = match &problem.draft {
        Some(draft) => (draft.language.clone(), draft.code.clone()),
        None => {
            let language = default_language(&languages);
            let code = engine.starter(&problem.slug, &language).unwrap_or_default();
            (language, code)
        }
    };
    let page =
        pages::editor::EditorPage { attempt: &view, problem, languages: &languages, language: &language, code: &code };
    Ok(pages::editor::render(&page))
}

/// Python when it is installed (the most common OA language), else the
/// first language that is.
fn default_language(languages: &[oaj_oa::LanguageInfo]) -> String {
    for preferred in ["python", "cpp", "java"] {
        if languages.iter().any(|l| l.id == preferred && l.available) {
            return preferred.to_string();
        }
    }
    languages
        .iter()
        .find(|l| l.available)
        .or(languages.first())
        .map(|l| l.id.clone())
        .unwrap_or_else(|| "python".to_string())
}

/// POST /oa/{id}/finish: end the coding part now.
pub async fn finish(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
) -> Result<Redirect, Failure> {
    let view = load(&state, me.id, id).await?;
    if view.status == AttemptStatus::Coding {
        state.engine().finish(me.id, id).await.map_err(|e| Failure::from(e).back(format!("/oa/{id}")))?;
    }
    Ok(Redirect::to(&format!("/oa/{id}/explain")))
}

/// GET /oa/{id}/explain.
pub async fn explain_page(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
) -> Result<Response, Failure> {
    let view = load(&state, me.id, id).await?;
    if view.status == AttemptStatus::Coding {
        if pages::editor::coding(&view) {
            // Still coding: the explanation comes after "Finish".
            return Ok(Redirect::to(&format!("/oa/{id}/1")).into_response());
        }
        // The deadline has passed and the engine has not finished the attempt
        // yet (it does so within a second): ask the browser to look again.
        return Ok(pages::layout::waiting("Time is up", "Your drafts are being submitted…").into_response());
    }
    let report = state.engine().report(me.id, id).await?;
    Ok(pages::explain::render(&report).into_response())
}

/// POST /oa/{id}/explain: fields approach-N, time-N, space-N.
pub async fn save_explanations(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
    form: FormFields,
) -> Result<Redirect, Failure> {
    let view = load(&state, me.id, id).await?;
    let back = format!("/oa/{id}/explain");
    for problem in &view.problems {
        let n = problem.index;
        let field = |name: &str| form.get(&format!("{name}-{n}")).map(|v| v.trim().to_string());
        let (approach, time, space) = (field("approach"), field("time"), field("space"));
        if approach.is_none() && time.is_none() && space.is_none() {
            continue;
        }
        let explanation = Explanation {
            approach: approach.unwrap_or_default(),
            time_complexity: time.unwrap_or_default(),
            space_complexity: space.unwrap_or_default(),
        };
        state
            .engine()
            .save_explanation(me.id, id, n, explanation)
            .await
            .map_err(|e| Failure::from(e).back(back.clone()))?;
    }
    Ok(Redirect::to(&crate::workstyle::after_explanations(&state, me.id, id, view.mode).await))
}

/// GET /oa/{id}/report.
pub async fn report(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<AttemptId>,
) -> Result<Response, Failure> {
    let view = load(&state, me.id, id).await?;
    if view.status == AttemptStatus::Coding && pages::editor::coding(&view) {
        let message = match view.mode {
            Mode::Timed => "the report is ready when the OA ends: finish it or wait for the deadline",
            Mode::Practice => "the report is ready when you finish this practice session",
        };
        return Err(Failure::new(StatusCode::CONFLICT, message).back(format!("/oa/{id}/1")));
    }
    let report = state.engine().report(me.id, id).await?;
    let workstyle = crate::workstyle::report_section(&state, me.id, id, report.mode).await?;
    Ok(pages::report::render_with(&report, workstyle).into_response())
}

pub async fn not_found(uri: Uri) -> Failure {
    Failure::not_found(format!("there is no page at {}", uri.path())).api(uri.path().starts_with("/api/"))
}

pub async fn method_not_allowed(request: Request) -> Failure {
    let path = request.uri().path();
    Failure::new(StatusCode::METHOD_NOT_ALLOWED, format!("{} is not accepted at {path}", request.method()))
        .api(path.starts_with("/api/"))
}

/// Errors produced by layers (the body limit, the timeout) come as plain
/// text; this turns them into the same pages and JSON as every other error.
pub async fn plain_errors_as_pages(request: Request, next: axum::middleware::Next) -> Response {
    let uri = request.uri().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.starts_with("text/html") || content_type.starts_with("application/json") {
        return response;
    }
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&body).trim().to_string();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE if uri.path() == crate::problems_admin::UPLOAD_PATH => {
            crate::problems_admin::too_large_message()
        }
        StatusCode::PAYLOAD_TOO_LARGE => crate::too_large_message(),
        // The timeout covers reading the request as well as answering it:
        // the message cannot blame either side.
        StatusCode::REQUEST_TIMEOUT => {
            let limit = if uri.path() == crate::problems_admin::UPLOAD_PATH {
                crate::problems_admin::UPLOAD_TIMEOUT
            } else {
                crate::REQUEST_TIMEOUT
            };
            format!(
                "the request was not done within {} seconds (a slow upload, or a busy server); try again",
                limit.as_secs()
            )
        }
        _ if text.is_empty() => status.canonical_reason().unwrap_or("error").to_string(),
        _ => text,
    };
    let mut page = Failure::new(status, message).api(uri.path().starts_with("/api/")).into_response();
    if let Some(value) = retry_after {
        page.headers_mut().insert(header::RETRY_AFTER, value);
    }
    page
}
