//! An admin adds problems to the running server and hides problems from
//! drawing. The rules (unpacking safely, validating, the catalog) are the
//! engine's (`oaj_oa::Engine::import_problem`); this module reads the
//! requests and renders the pages.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use maud::Markup;
use oaj_oa::{ImportSource, ProblemImport};

use crate::auth::Admin;
use crate::error::{ApiResult, Failure};
use crate::extract::{FormFields, Params};
use crate::pages;
use crate::AppState;

/// The largest problem upload: the zip plus the form around it. Larger
/// bodies are refused with 413 before the handler reads them.
pub const UPLOAD_BODY_LIMIT_BYTES: usize = 32 * 1024 * 1024;

/// How long an upload may take to arrive (32 MiB over a slow link); other
/// requests have `REQUEST_TIMEOUT`.
pub const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// Where a zip is uploaded; the only route with the larger body limit.
pub const UPLOAD_PATH: &str = "/admin/problems/upload";

pub fn too_large_message() -> String {
    format!("the upload is larger than the limit of {} MiB", UPLOAD_BODY_LIMIT_BYTES / (1024 * 1024))
}

const BACK: &str = "/admin/problems";

fn refused(error: oaj_oa::Error, what: &str) -> Failure {
    tracing::warn!(error = %error, "{what} refused");
    Failure::from(error).back(BACK)
}

/// GET /admin/problems
pub async fn page(State(state): State<AppState>, Admin(me): Admin) -> Result<Markup, Failure> {
    let engine = state.engine();
    let imports = engine.problem_imports(&me).await?;
    let catalog = engine.catalog();
    let page = pages::problems_admin::ProblemsPage {
        catalog: &catalog,
        imports: &imports,
        import_roots: engine.import_roots().iter().map(|r| r.display().to_string()).collect(),
        upload_limit_mib: UPLOAD_BODY_LIMIT_BYTES / (1024 * 1024),
    };
    Ok(pages::problems_admin::render(&page))
}

/// POST /admin/problems/upload: a multipart form with the zip in `zip` and
/// an optional `slug`.
pub async fn upload(
    State(state): State<AppState>,
    Admin(me): Admin,
    mut multipart: Multipart,
) -> Result<Response, Failure> {
    let bad = |message: String| {
        tracing::warn!("a problem upload refused: {message}");
        Failure::bad_request(message).back(BACK)
    };
    let mut zip: Option<(String, Vec<u8>)> = None;
    let mut slug: Option<String> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE || cut_by_the_limit(&e) {
                    return Err(Failure::too_large(too_large_message()).back(BACK));
                }
                return Err(bad(format!("the upload could not be read: {}", e.body_text())));
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "zip" => {
                let file_name = field.file_name().unwrap_or("upload.zip").to_string();
                let bytes =
                    field.bytes().await.map_err(|e| bad(format!("the zip could not be read: {}", e.body_text())))?;
                zip = Some((file_name, bytes.to_vec()));
            }
            "slug" => {
                let text =
                    field.text().await.map_err(|e| bad(format!("the slug could not be read: {}", e.body_text())))?;
                slug = Some(text);
            }
            // The CSRF token is checked by the server's middleware.
            _ => {}
        }
    }
    let Some((file_name, bytes)) = zip.filter(|(_, bytes)| !bytes.is_empty()) else {
        return Err(bad("choose a zip file to upload (the form field `zip` is missing or empty)".into()));
    };
    let source = ImportSource::Zip { file_name: &file_name, bytes };
    let id = state
        .engine()
        .import_problem(&me, source, slug.as_deref())
        .await
        .map_err(|e| refused(e, "a problem upload"))?;
    Ok(Redirect::to(&format!("/admin/problems/imports/{id}")).into_response())
}

/// Whether reading the body failed because it passed the size limit (a
/// body without Content-Length is cut while it streams).
fn cut_by_the_limit(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// POST /admin/problems/import-dir: `path` (a directory under an import
/// root) and an optional `slug`.
pub async fn import_dir(
    State(state): State<AppState>,
    Admin(me): Admin,
    form: FormFields,
) -> Result<Response, Failure> {
    let path = form
        .get("path")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| Failure::bad_request("give the directory to import (the form field `path`)").back(BACK))?;
    let id = state
        .engine()
        .import_problem(&me, ImportSource::Directory(path), form.get("slug"))
        .await
        .map_err(|e| refused(e, "a directory import"))?;
    Ok(Redirect::to(&format!("/admin/problems/imports/{id}")).into_response())
}

/// GET /admin/problems/imports/{id}: validation progress and result.
pub async fn import_page(
    State(state): State<AppState>,
    Admin(me): Admin,
    Params(id): Params<i64>,
) -> Result<Markup, Failure> {
    let import = state.engine().problem_import(&me, id).await.map_err(|e| Failure::from(e).back(BACK))?;
    Ok(pages::problems_admin::import(&import))
}

/// GET /api/admin/problems/imports/{id}: the same as JSON (scripts, tests).
pub async fn import_json(
    State(state): State<AppState>,
    Admin(me): Admin,
    Params(id): Params<i64>,
) -> Result<Json<ProblemImport>, Failure> {
    Ok(Json(state.engine().problem_import(&me, id).await.api()?))
}

/// POST /admin/problems/{slug}/draw: `hidden=true` hides the problem from
/// drawing, `hidden=false` shows it again.
pub async fn set_draw(
    State(state): State<AppState>,
    Admin(me): Admin,
    Params(slug): Params<String>,
    form: FormFields,
) -> Result<Response, Failure> {
    let hidden = match form.get("hidden") {
        Some("true") => true,
        Some("false") => false,
        other => {
            return Err(Failure::bad_request(format!("`hidden` must be true or false, not {other:?}")).back(BACK));
        }
    };
    state.engine().set_hidden_from_draw(&me, &slug, hidden).await.map_err(|e| Failure::from(e).back(BACK))?;
    tracing::info!(slug = %slug, hidden, by = %me.name, "problem drawing changed");
    Ok(Redirect::to(BACK).into_response())
}
