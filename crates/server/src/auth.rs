//! Who is asking: every handler that acts for a user takes a [`CurrentUser`]
//! (or an [`Admin`]) and passes its id to the engine, which checks ownership.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use oaj_oa::Account;

use crate::error::Failure;
use crate::AppState;

/// How the server finds the user of a request.
#[derive(Clone, Debug)]
pub enum AuthMode {
    /// No accounts: every request acts as this one account (the local user
    /// of a loopback server, or a fixed user in tests).
    Fixed(Account),
}

/// The account a request acts for.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub Account);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Failure;

    async fn from_request_parts(_parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        let account = match &state.auth {
            AuthMode::Fixed(account) => account.clone(),
        };
        // The request's log span (see `app`) names who made it.
        tracing::Span::current().record("user", account.id);
        Ok(CurrentUser(account))
    }
}

/// The account of a request that only an admin may make; anyone else gets a
/// 403 that says so.
#[derive(Clone, Debug)]
pub struct Admin(pub Account);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        let CurrentUser(account) = CurrentUser::from_request_parts(parts, state).await?;
        if !account.is_admin() {
            let api = parts.uri.path().starts_with("/api/");
            return Err(Failure::new(StatusCode::FORBIDDEN, "only an admin may do this").api(api));
        }
        Ok(Admin(account))
    }
}

/// Middleware: answers page requests inside [`layout::VIEWER_IS_ADMIN`], so
/// the page frame can link the admin page for admins. JSON and static
/// files have no frame and skip the lookup.
pub async fn nav_context(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    if path.starts_with("/api/") || path.starts_with("/static/") {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let admin = CurrentUser::from_request_parts(&mut parts, &state).await.is_ok_and(|CurrentUser(a)| a.is_admin());
    let request = axum::extract::Request::from_parts(parts, body);
    crate::pages::layout::VIEWER_IS_ADMIN.scope(admin, next.run(request)).await
}
