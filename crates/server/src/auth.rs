//! Who is asking: every handler that acts for a user takes a [`CurrentUser`]
//! (or an [`Admin`]) and passes its id to the engine, which checks ownership.
//!
//! With accounts ([`AuthMode::Sessions`]) the session middleware in
//! `accounts.rs` finds the request's session and leaves a [`SignedIn`] in
//! the request's extensions; these extractors read it. A request without
//! one is sent to `/login` (pages) or answered 401 (`/api/*`).

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use oaj_oa::Account;

use crate::error::Failure;
use crate::AppState;

/// How the server finds the user of a request.
#[derive(Clone)]
pub enum AuthMode {
    /// No accounts: every request acts as this one account (the local user
    /// of a loopback server, or a fixed user in tests). There is no session,
    /// so no CSRF token either: only the same-origin check guards POSTs.
    Fixed(Account),
    /// Accounts: users log in; a session cookie says who is asking, and
    /// every state-changing request carries the session's CSRF token.
    Sessions(Arc<crate::accounts::Sessions>),
}

impl std::fmt::Debug for AuthMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthMode::Fixed(account) => f.debug_tuple("Fixed").field(account).finish(),
            AuthMode::Sessions(_) => f.write_str("Sessions"),
        }
    }
}

/// The logged-in user of a request, put in its extensions by the session
/// middleware.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub account: Account,
    /// The SHA-256 of the session id (what the store knows it by).
    pub session_hash: String,
}

/// The account a request acts for.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub Account);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let account = match &state.auth {
            AuthMode::Fixed(account) => account.clone(),
            AuthMode::Sessions(_) => match parts.extensions.get::<SignedIn>() {
                Some(signed_in) => signed_in.account.clone(),
                None => return Err(not_logged_in(&parts.method, &parts.uri)),
            },
        };
        // The request's log span (see `app`) names who made it.
        tracing::Span::current().record("user", account.id);
        Ok(CurrentUser(account))
    }
}

/// The answer to a request that needs a login and has none: `/api/*` gets
/// a 401 JSON message; a page is redirected to `/login`, which comes back
/// to the page afterwards (a GET only: a form cannot be re-sent that way).
pub fn not_logged_in(method: &Method, uri: &Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") {
        return Failure::new(StatusCode::UNAUTHORIZED, "log in first: this needs an account on this server")
            .api(true)
            .into_response();
    }
    if method == Method::GET && path != "/" {
        let target = uri.path_and_query().map(|pq| pq.as_str()).unwrap_or(path);
        let query = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
        return Redirect::to(&format!("/login?{query}")).into_response();
    }
    Redirect::to("/login").into_response()
}

/// The account of a request that only an admin may make; anyone else gets a
/// 403 that says so.
#[derive(Clone, Debug)]
pub struct Admin(pub Account);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let CurrentUser(account) = CurrentUser::from_request_parts(parts, state).await?;
        if !account.is_admin() {
            let api = parts.uri.path().starts_with("/api/");
            return Err(Failure::new(StatusCode::FORBIDDEN, "only an admin may do this").api(api).into_response());
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
