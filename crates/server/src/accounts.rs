//! Accounts on the web: the session middleware (who is asking, and the CSRF
//! check of every state-changing request), and the pages to log in, log
//! out, change a password, invite and join.
//!
//! Sessions: the cookie holds a random 256-bit id; the store keeps its
//! SHA-256 with the user, the last use and an absolute expiry. CSRF tokens
//! are an HMAC of the session id under a server secret (`session.key` in
//! the data dir), so they need no storage and die with the session. Forms
//! shown before a session exists (login, join) use a signed double-submit
//! cookie instead: a random `oaj_csrf` cookie, and a token that is its HMAC.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use hmac::{Hmac, Mac};
use maud::Markup;
use oaj_oa::accounts::{self as store_accounts, InvitationState};
use oaj_oa::{Account, Role};
use sha2::Sha256;

use crate::auth::{not_logged_in, Admin, AuthMode, CurrentUser, SignedIn};
use crate::error::Failure;
use crate::extract::{FormFields, Params};
use crate::limits::{too_many, Buckets, FailureThrottle, Rate};
use crate::pages::{self, layout};
use crate::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "oaj_session";
/// The pre-session (double-submit) cookie of the login and join forms.
pub const PRE_SESSION_COOKIE: &str = "oaj_csrf";
/// The file in the data dir holding the server secret.
pub const SECRET_FILE: &str = "session.key";
/// A session's `last_seen` is written at most this often.
const TOUCH_EVERY_MS: i64 = 60_000;
/// The most of a form body read to find its `csrf` field: the limit of
/// the route it goes to (this middleware wraps the routers, outside their
/// own body limits), so nobody makes the server hold more than a handler
/// would accept.
fn form_scan_limit(path: &str) -> usize {
    if path == crate::problems_admin::UPLOAD_PATH {
        crate::problems_admin::UPLOAD_BODY_LIMIT_BYTES
    } else {
        crate::BODY_LIMIT_BYTES
    }
}

/// How the server handles accounts.
#[derive(Clone)]
pub struct AccountsConfig {
    /// The key of the CSRF tokens' HMAC (see [`load_or_create_secret`]).
    pub secret: Vec<u8>,
    /// Believe `X-Forwarded-Proto` and `X-Forwarded-For` (only behind a
    /// reverse proxy that sets them; anyone can send them otherwise).
    pub trust_proxy: bool,
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after login, however much it is used.
    pub lifetime: Duration,
    /// Login attempts per account name.
    pub login_per_account: Rate,
    /// Login attempts per client address.
    pub login_per_address: Rate,
}

impl AccountsConfig {
    pub fn new(secret: Vec<u8>) -> AccountsConfig {
        AccountsConfig {
            secret,
            trust_proxy: false,
            idle: Duration::from_secs(3 * 24 * 3600),
            lifetime: Duration::from_secs(30 * 24 * 3600),
            // Five tries, then one a minute: a person who mistypes is not
            // held up; guessing a password this way takes forever.
            login_per_account: Rate::new(5, Duration::from_secs(60)),
            // A classroom behind one NAT address still has room.
            login_per_address: Rate::new(30, Duration::from_secs(6)),
        }
    }
}

/// The server secret from `data_dir/session.key`, made (32 random bytes,
/// mode 0600) on first use. Kept across restarts so that open pages' CSRF
/// tokens stay valid.
pub fn load_or_create_secret(data_dir: &Path) -> std::io::Result<Vec<u8>> {
    let path = data_dir.join(SECRET_FILE);
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= 32 => return Ok(bytes),
        Ok(_) => {
            return Err(std::io::Error::other(format!(
                "{} is shorter than 32 bytes; delete it to make a new one (open pages will need a reload)",
                path.display()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))),
    }
    std::fs::create_dir_all(data_dir)?;
    let secret = hex::decode(store_accounts::new_token()).map_err(std::io::Error::other)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(&path) {
        Ok(mut file) => {
            std::io::Write::write_all(&mut file, &secret)?;
            file.sync_all()?;
            Ok(secret)
        }
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::read(&path),
        Err(e) => Err(std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))),
    }
}

/// The accounts state of a server: its configuration and login throttles.
pub struct Sessions {
    config: AccountsConfig,
    /// Failed logins only: a correct password never counts against it.
    by_account: FailureThrottle<String>,
    by_address: Buckets<IpAddr>,
    /// The invitation link each admin session just made, until the page
    /// after the redirect shows it (once). Kept in memory only: the store
    /// has only the token's hash, and the token never goes into a URL.
    made_links: std::sync::Mutex<HashMap<String, MadeLink>>,
}

/// A new invitation link waiting to be shown once.
struct MadeLink {
    link: String,
    role: Role,
    expires_ms: i64,
    made: std::time::Instant,
}

/// How long a made link waits for its page (the redirect follows at once;
/// this only bounds what a browser that never follows leaves behind).
const MADE_LINK_KEPT: Duration = Duration::from_secs(600);

impl Sessions {
    pub(crate) fn new(config: AccountsConfig) -> Sessions {
        Sessions {
            by_account: FailureThrottle::new(config.login_per_account),
            by_address: Buckets::new(config.login_per_address),
            made_links: std::sync::Mutex::new(HashMap::new()),
            config,
        }
    }

    /// Keeps `made` for the session's next invitations page.
    fn keep_made_link(&self, session_hash: &str, made: MadeLink) {
        if let Ok(mut links) = self.made_links.lock() {
            links.retain(|_, old| old.made.elapsed() < MADE_LINK_KEPT);
            links.insert(session_hash.to_string(), made);
        }
    }

    /// The link the session made, if not shown yet; it is not shown again.
    fn take_made_link(&self, session_hash: &str) -> Option<MadeLink> {
        let made = self.made_links.lock().ok()?.remove(session_hash)?;
        (made.made.elapsed() < MADE_LINK_KEPT).then_some(made)
    }

    fn mac(&self, purpose: &[u8], value: &str) -> Hmac<Sha256> {
        // HMAC takes keys of any length; this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.config.secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(purpose);
        mac.update(b"\0");
        mac.update(value.as_bytes());
        mac
    }

    fn token(&self, purpose: &[u8], value: &str) -> String {
        hex::encode(self.mac(purpose, value).finalize().into_bytes())
    }

    /// Whether `sent` is the token of (`purpose`, `value`), in constant time.
    fn token_matches(&self, purpose: &[u8], value: &str, sent: &str) -> bool {
        match hex::decode(sent) {
            Ok(bytes) => self.mac(purpose, value).verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }

    fn idle_ms(&self) -> i64 {
        self.config.idle.as_millis() as i64
    }

    fn lifetime_ms(&self) -> i64 {
        self.config.lifetime.as_millis() as i64
    }

    /// Whether the browser reached us over HTTPS (as a trusted proxy says:
    /// `oaj serve` itself speaks plain HTTP).
    fn secure(&self, headers: &HeaderMap) -> bool {
        self.config.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
    }

    /// The client's address: the peer, or behind a trusted proxy the last
    /// address it added to `X-Forwarded-For`.
    fn client(&self, request: &Request) -> IpAddr {
        if self.config.trust_proxy {
            let forwarded = request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if let Some(address) = forwarded {
                return address;
            }
        }
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }
}

/// What the session middleware learned about a request, for the handlers.
#[derive(Clone, Debug)]
pub struct RequestInfo {
    pub client: IpAddr,
    pub secure: bool,
}

fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookies(headers).find(|(n, _)| *n == name).map(|(_, v)| v)
}

fn is_token(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn set_cookie(name: &str, value: &str, max_age_s: Option<i64>, secure: bool) -> Option<HeaderValue> {
    let max_age = max_age_s.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{max_age}{secure}")).ok()
}

/// Paths whose forms are used before logging in: they carry the
/// pre-session token.
fn is_public_form(path: &str) -> bool {
    path == "/login" || path.starts_with("/join/")
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

/// The `csrf` field of a form body (URL-encoded or multipart), if any.
async fn csrf_field_of(content_type: &str, body: &[u8]) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
        return fields.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v);
    }
    if content_type.starts_with("multipart/form-data") {
        let boundary = multer::parse_boundary(content_type).ok()?;
        let bytes = axum::body::Bytes::copy_from_slice(body);
        let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
        let mut multipart = multer::Multipart::new(stream, boundary);
        while let Ok(Some(field)) = multipart.next_field().await {
            if field.name() == Some("csrf") {
                return field.text().await.ok();
            }
        }
    }
    None
}

/// The session middleware (accounts mode only; a fixed-account server
/// passes every request through). It finds the session, refuses a
/// state-changing request without the right CSRF token (403), and runs the
/// handler with the token and the viewer set for the page layout.
pub async fn middleware(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let AuthMode::Sessions(sessions) = &state.auth else {
        return next.run(request).await;
    };
    let sessions = sessions.clone();
    let store = state.engine().store();
    let now = state.engine().now_ms();
    let secure = sessions.secure(request.headers());
    let client = sessions.client(&request);

    let raw_session = cookie(request.headers(), SESSION_COOKIE).filter(|v| is_token(v)).map(str::to_string);
    let mut signed_in = None;
    let mut stale_cookie = false;
    if let Some(raw) = &raw_session {
        let hash = store_accounts::token_hash(raw);
        match store.session(&hash, now, sessions.idle_ms()).await {
            Ok(Some(record)) => {
                if now - record.last_seen_ms >= TOUCH_EVERY_MS {
                    if let Err(e) = store.touch_session(&hash, now).await {
                        tracing::warn!(error = %e, "cannot record a session's last use");
                    }
                }
                signed_in = Some(SignedIn { account: record.account, session_hash: hash });
            }
            Ok(None) => stale_cookie = true,
            Err(e) => {
                let api = request.uri().path().starts_with("/api/");
                return Failure::from(e).api(api).into_response();
            }
        }
    } else if cookie(request.headers(), SESSION_COOKIE).is_some() {
        stale_cookie = true;
    }

    // The pre-session token, for forms used before logging in.
    let pre = cookie(request.headers(), PRE_SESSION_COOKIE).filter(|v| is_token(v)).map(str::to_string);
    let new_pre = if pre.is_none() { Some(store_accounts::new_token()) } else { None };
    let pre_value = pre.clone().or_else(|| new_pre.clone()).unwrap_or_default();
    let pre_token = sessions.token(b"pre-session", &pre_value);
    let token = match &raw_session {
        Some(raw) if signed_in.is_some() => sessions.token(b"session", raw),
        _ => pre_token.clone(),
    };

    if is_unsafe(request.method()) {
        let path = request.uri().path().to_string();
        let api = path.starts_with("/api/");
        if signed_in.is_none() && !is_public_form(&path) {
            return not_logged_in(request.method(), request.uri());
        }
        let mut sent = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_string);
        if sent.is_none() {
            let content_type =
                request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            let (parts, body) = request.into_parts();
            let limit = form_scan_limit(&path);
            let bytes = match axum::body::to_bytes(body, limit).await {
                Ok(bytes) => bytes,
                Err(_) => {
                    let message = format!("the request is larger than the limit of {} KiB", limit / 1024);
                    return Failure::too_large(message).api(api).into_response();
                }
            };
            sent = csrf_field_of(&content_type, &bytes).await;
            request = Request::from_parts(parts, Body::from(bytes));
        }
        let sent = sent.unwrap_or_default();
        let valid = match (&raw_session, &signed_in) {
            (Some(raw), Some(_)) => sessions.token_matches(b"session", raw, &sent),
            _ => false,
        } || (is_public_form(&path)
            && pre.as_deref().is_some_and(|p| sessions.token_matches(b"pre-session", p, &sent)));
        if !valid {
            let logged = loggable_uri(request.uri());
            tracing::info!(uri = %logged, client = %client, "refused a request without a valid CSRF token");
            let why = if sent.is_empty() { "it carries no security token" } else { "its security token is wrong" };
            return Failure::forbidden(format!(
                "this request was refused: {why} (reload the page and try again; if it keeps happening, log in again)"
            ))
            .api(api)
            .into_response();
        }
    }

    let viewer =
        signed_in.as_ref().map(|s| layout::Viewer { name: s.account.name.clone(), admin: s.account.is_admin() });
    if let Some(signed_in) = signed_in {
        request.extensions_mut().insert(signed_in);
    }
    request.extensions_mut().insert(RequestInfo { client, secure });
    let mut response = layout::CSRF_TOKEN.scope(token, layout::VIEWER.scope(viewer, next.run(request))).await;
    if let Some(value) = new_pre.and_then(|v| set_cookie(PRE_SESSION_COOKIE, &v, None, secure)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    // A cookie of a session that ended: drop it, unless the handler just
    // set a new one (a login).
    if stale_cookie && !response.headers().get_all(header::SET_COOKIE).iter().any(is_session_cookie) {
        if let Some(value) = set_cookie(SESSION_COOKIE, "", Some(0), secure) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Adds `Retry-After` to a 429 page.
fn retry_after(mut response: Response, seconds: u32) -> Response {
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

fn is_session_cookie(value: &HeaderValue) -> bool {
    value.to_str().is_ok_and(|v| v.starts_with(&format!("{SESSION_COOKIE}=")))
}

/// The request's URI for the logs, without the secret of an invitation
/// link (whoever reads the logs could otherwise join in the invitee's place).
pub fn loggable_uri(uri: &axum::http::Uri) -> String {
    match uri.path().strip_prefix("/join/") {
        Some(_) => "/join/…".to_string(),
        None => uri.to_string(),
    }
}

fn sessions_of(state: &AppState) -> Result<Arc<Sessions>, Failure> {
    match &state.auth {
        AuthMode::Sessions(sessions) => Ok(sessions.clone()),
        AuthMode::Fixed(_) => Err(Failure::not_found(
            "this server runs without accounts: everyone who reaches it acts as its local user. Start it with \
             `oaj serve --accounts` to use logins",
        )),
    }
}

/// Where to go after logging in: a path on this server, never another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_string(),
        _ => "/".to_string(),
    }
}

/// Starts a session for `account` and redirects to `next` with its cookie.
async fn log_in(state: &AppState, sessions: &Sessions, account: &Account, secure: bool, next: &str) -> Response {
    let store = state.engine().store();
    let now = state.engine().now_ms();
    let raw = store_accounts::new_token();
    let expires = now + sessions.lifetime_ms();
    if let Err(e) = store.create_session(&store_accounts::token_hash(&raw), account.id, now, expires).await {
        return Failure::from(e).into_response();
    }
    if let Err(e) = store.purge_sessions(now, sessions.idle_ms()).await {
        tracing::warn!(error = %e, "cannot delete ended sessions");
    }
    tracing::info!(user = %account.name, "logged in");
    let mut response = Redirect::to(next).into_response();
    if let Some(value) = set_cookie(SESSION_COOKIE, &raw, Some(sessions.lifetime_ms() / 1000), secure) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

async fn hash_off_thread(password: String) -> Result<String, Failure> {
    tokio::task::spawn_blocking(move || store_accounts::hash_password(&password))
        .await
        .map_err(|e| Failure::internal(format!("the password hashing task failed: {e}")))?
        .map_err(Failure::from)
}

async fn verify_off_thread(hash: String, password: String) -> Result<bool, Failure> {
    tokio::task::spawn_blocking(move || store_accounts::verify_password(&hash, &password))
        .await
        .map_err(|e| Failure::internal(format!("the password check failed: {e}")))
}

#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// GET /login.
pub async fn login_page(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    axum::extract::Query(query): axum::extract::Query<NextQuery>,
) -> Result<Response, Failure> {
    sessions_of(&state)?;
    let next = safe_next(query.next.as_deref());
    if signed_in.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(pages::accounts::login(&next, "", None).into_response())
}

/// POST /login: fields name, password, next.
pub async fn login(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    previous: Option<Extension<SignedIn>>,
    form: FormFields,
) -> Result<Response, Failure> {
    let sessions = sessions_of(&state)?;
    let next = safe_next(form.get("next"));
    let typed = form.get("name").unwrap_or("").trim().to_string();
    let password = form.get("password").unwrap_or("").to_string();
    let refuse = |status: StatusCode, message: &str| (status, pages::accounts::login(&next, &typed, Some(message)));

    if let Err(wait) = sessions.by_address.take(&info.client) {
        tracing::warn!(client = %info.client, "login throttled for this address");
        let message = format!("Too many login attempts from your address; try again in {wait} s.");
        return Ok(retry_after(refuse(StatusCode::TOO_MANY_REQUESTS, &message).into_response(), wait));
    }
    let name = match store_accounts::normalize_user_name(&typed) {
        Ok(name) => name,
        Err(_) => return Ok(refuse(StatusCode::UNAUTHORIZED, "Wrong user name or password.").into_response()),
    };
    if let Err(wait) = sessions.by_account.check(&name) {
        tracing::warn!(user = %name, client = %info.client, "login throttled for this account");
        let message = format!("Too many login attempts for this account; try again in {wait} s.");
        return Ok(retry_after(refuse(StatusCode::TOO_MANY_REQUESTS, &message).into_response(), wait));
    }
    let record = state.engine().store().login_record(&name).await?;
    let hash = record
        .as_ref()
        .and_then(|r| r.password_hash.clone())
        .unwrap_or_else(|| store_accounts::dummy_hash().to_string());
    let matches = verify_off_thread(hash, password).await?;
    let record = match record {
        Some(record) if matches && record.password_hash.is_some() => record,
        _ => {
            sessions.by_account.failed(&name);
            tracing::info!(user = %name, client = %info.client, "login refused: wrong user name or password");
            return Ok(refuse(StatusCode::UNAUTHORIZED, "Wrong user name or password.").into_response());
        }
    };
    // Said only to someone who knows the password.
    if record.disabled_ms.is_some() {
        tracing::info!(user = %name, "login refused: the account is disabled");
        return Ok(
            refuse(StatusCode::FORBIDDEN, "This account is disabled; ask an admin of this server.").into_response()
        );
    }
    // Logging in again (as anyone) ends the session this browser had.
    if let Some(Extension(previous)) = previous {
        state.engine().store().end_session(&previous.session_hash).await?;
    }
    Ok(log_in(&state, &sessions, &record.account, info.secure, &next).await)
}

/// POST /logout.
pub async fn logout(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    signed_in: Option<Extension<SignedIn>>,
) -> Result<Response, Failure> {
    sessions_of(&state)?;
    if let Some(Extension(signed_in)) = signed_in {
        state.engine().store().end_session(&signed_in.session_hash).await?;
        tracing::info!(user = %signed_in.account.name, "logged out");
    }
    let mut response = Redirect::to("/login").into_response();
    if let Some(value) = set_cookie(SESSION_COOKIE, "", Some(0), info.secure) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// GET /account.
pub async fn account_page(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    sessions_of(&state)?;
    Ok(pages::accounts::account(&me, None))
}

/// POST /account/password: fields current, password, repeat.
pub async fn change_password(
    State(state): State<AppState>,
    Extension(signed_in): Extension<SignedIn>,
    form: FormFields,
) -> Result<Response, Failure> {
    let sessions = sessions_of(&state)?;
    let me = &signed_in.account;
    let page = |status: StatusCode, message: pages::accounts::Notice| {
        (status, pages::accounts::account(me, Some(message))).into_response()
    };
    use pages::accounts::Notice;
    if let Err(wait) = sessions.by_account.check(&me.name) {
        let notice = Notice::Error(format!("Too many attempts; try again in {wait} s."));
        return Ok(retry_after(page(StatusCode::TOO_MANY_REQUESTS, notice), wait));
    }
    let (current, new, repeat) =
        (form.get("current").unwrap_or(""), form.get("password").unwrap_or(""), form.get("repeat").unwrap_or(""));
    let store = state.engine().store();
    let hash = store.password_hash(me.id).await?.unwrap_or_else(|| store_accounts::dummy_hash().to_string());
    if !verify_off_thread(hash, current.to_string()).await? {
        sessions.by_account.failed(&me.name);
        return Ok(page(StatusCode::FORBIDDEN, Notice::Error("The current password is wrong.".into())));
    }
    if new != repeat {
        return Ok(page(StatusCode::BAD_REQUEST, Notice::Error("The two new passwords differ.".into())));
    }
    if let Err(e) = store_accounts::check_new_password(new) {
        return Ok(page(StatusCode::BAD_REQUEST, Notice::Error(format!("{e}."))));
    }
    let hash = hash_off_thread(new.to_string()).await?;
    store.set_password(me.id, &hash).await?;
    let ended = store.end_sessions_of(me.id, Some(&signed_in.session_hash)).await?;
    tracing::info!(user = %me.name, other_sessions_ended = ended, "password changed");
    Ok(page(StatusCode::OK, Notice::Done(format!("Your password was changed. Other sessions ended: {ended}."))))
}

/// Hours an invitation lasts unless its maker says otherwise.
pub const DEFAULT_INVITATION_HOURS: u32 = 72;
/// The longest an invitation may last: 30 days.
pub const MAX_INVITATION_HOURS: u32 = 30 * 24;

/// `http://host:port` of the request (https when it came over HTTPS), so a
/// link shown to be sent to someone else works when pasted elsewhere; empty
/// (a path-only link) when the request named no host.
pub fn link_origin(headers: &HeaderMap, info: Option<&RequestInfo>) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).filter(|h| !h.is_empty());
    match host {
        Some(host) => format!("{}://{host}", if info.is_some_and(|i| i.secure) { "https" } else { "http" }),
        None => String::new(),
    }
}

/// GET /invitations (admins). Shows, once, the link this session just made.
pub async fn invitations_page(
    State(state): State<AppState>,
    Admin(_): Admin,
    signed_in: Option<Extension<SignedIn>>,
) -> Result<Markup, Failure> {
    let sessions = sessions_of(&state)?;
    let made = signed_in.and_then(|Extension(s)| sessions.take_made_link(&s.session_hash));
    let list = state.engine().store().invitations().await?;
    let made = made.as_ref().map(|m| (m.link.as_str(), m.role, m.expires_ms));
    Ok(pages::accounts::invitations(&list, state.engine().now_ms(), made))
}

/// POST /invitations (admins): fields role, hours. Redirects to the list
/// (Post/Redirect/Get: reloading it makes no second link), which shows the
/// new link once.
pub async fn create_invitation(
    State(state): State<AppState>,
    Admin(me): Admin,
    Extension(info): Extension<RequestInfo>,
    signed_in: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    form: FormFields,
) -> Result<Response, Failure> {
    let sessions = sessions_of(&state)?;
    let Some(Extension(signed_in)) = signed_in else {
        // Admin let the request in, so sessions are on and it has one.
        return Err(Failure::new(StatusCode::UNAUTHORIZED, "log in first: invitations need a session"));
    };
    let back = |message: String| Failure::bad_request(message).back("/invitations");
    let role = match form.get("role").unwrap_or("member") {
        "member" => Role::Member,
        "admin" => Role::Admin,
        other => return Err(back(format!("unknown role {other:?}: choose member or admin"))),
    };
    let hours_text = form.get("hours").map(str::trim).filter(|h| !h.is_empty());
    let hours = match hours_text {
        None => DEFAULT_INVITATION_HOURS,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|h| (1..=MAX_INVITATION_HOURS).contains(h))
            .ok_or_else(|| back(format!("the validity must be 1 to {MAX_INVITATION_HOURS} hours, not {text:?}")))?,
    };
    let now = state.engine().now_ms();
    let token = store_accounts::new_token();
    let expires = now + i64::from(hours) * 3_600_000;
    state
        .engine()
        .store()
        .create_invitation(&store_accounts::token_hash(&token), role, Some(me.id), now, expires)
        .await?;
    tracing::info!(by = %me.name, role = role.as_str(), hours, "invitation made");
    let link = format!("{}/join/{token}", link_origin(&headers, Some(&info)));
    sessions.keep_made_link(
        &signed_in.session_hash,
        MadeLink { link, role, expires_ms: expires, made: std::time::Instant::now() },
    );
    Ok(Redirect::to("/invitations").into_response())
}

/// POST /invitations/{id}/revoke (admins): the link stops working now.
pub async fn revoke_invitation(
    State(state): State<AppState>,
    Admin(me): Admin,
    Params(id): Params<i64>,
) -> Result<Response, Failure> {
    sessions_of(&state)?;
    let now = state.engine().now_ms();
    if !state.engine().store().revoke_invitation(id, now).await? {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            format!("invitation {id} is not open: used, revoked, expired or unknown"),
        )
        .back("/invitations"));
    }
    tracing::info!(by = %me.name, invitation = id, "invitation revoked");
    Ok(Redirect::to("/invitations").into_response())
}

async fn usable_invitation(state: &AppState, token: &str) -> Result<oaj_oa::accounts::Invitation, Failure> {
    let now = state.engine().now_ms();
    let hash = store_accounts::token_hash(token);
    match state.engine().store().invitation(&hash, now).await? {
        InvitationState::Usable(invitation) => Ok(invitation),
        InvitationState::Used(_) => Err(Failure::new(
            StatusCode::GONE,
            "This invitation has already been used: each link makes one account. If it was yours, log in; \
             otherwise ask an admin for a new link.",
        )
        .back("/login")),
        InvitationState::Revoked(invitation) => Err(Failure::new(
            StatusCode::GONE,
            format!(
                "This invitation was revoked by an admin on {}. Ask an admin for a new link.",
                pages::utc_text(invitation.revoked_ms.unwrap_or(invitation.expires_ms))
            ),
        )
        .back("/login")),
        InvitationState::Expired(invitation) => Err(Failure::new(
            StatusCode::GONE,
            format!(
                "This invitation expired on {}. Ask an admin for a new link.",
                pages::utc_text(invitation.expires_ms)
            ),
        )
        .back("/login")),
        InvitationState::Unknown => Err(Failure::not_found(
            "No invitation has this link. Check that it was copied whole, or ask an admin for a new one.",
        )),
    }
}

/// GET /join/{token}.
pub async fn join_page(State(state): State<AppState>, Params(token): Params<String>) -> Result<Markup, Failure> {
    sessions_of(&state)?;
    let invitation = usable_invitation(&state, &token).await?;
    Ok(pages::accounts::join(&token, &invitation, "", None))
}

/// POST /join/{token}: fields name, password, repeat. Makes the account and
/// logs it in.
pub async fn join(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Params(token): Params<String>,
    form: FormFields,
) -> Result<Response, Failure> {
    let sessions = sessions_of(&state)?;
    if let Err(wait) = sessions.by_address.take(&info.client) {
        return Err(too_many("too many attempts from your address", wait, false));
    }
    let invitation = usable_invitation(&state, &token).await?;
    let typed = form.get("name").unwrap_or("").trim().to_string();
    let (password, repeat) = (form.get("password").unwrap_or(""), form.get("repeat").unwrap_or(""));
    let again = |message: String| {
        (StatusCode::BAD_REQUEST, pages::accounts::join(&token, &invitation, &typed, Some(&message))).into_response()
    };
    let name = match store_accounts::normalize_user_name(&typed) {
        Ok(name) => name,
        Err(e) => return Ok(again(format!("{e}."))),
    };
    if password != repeat {
        return Ok(again("The two passwords differ.".to_string()));
    }
    if let Err(e) = store_accounts::check_new_password(password) {
        return Ok(again(format!("{e}.")));
    }
    let hash = hash_off_thread(password.to_string()).await?;
    let now = state.engine().now_ms();
    let account = match state.engine().store().join(&store_accounts::token_hash(&token), &name, &hash, now).await {
        Ok(account) => account,
        Err(oaj_oa::Error::Conflict(message)) if message.contains("name") => return Ok(again(format!("{message}."))),
        Err(e @ oaj_oa::Error::Conflict(_)) => return Err(Failure::new(StatusCode::GONE, e.to_string()).back("/login")),
        Err(e) => return Err(e.into()),
    };
    tracing::info!(user = %account.name, role = account.role.as_str(), "joined with an invitation");
    Ok(log_in(&state, &sessions, &account, info.secure, "/").await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_tokens_stay_out_of_the_logs() {
        let uri: axum::http::Uri = "/join/abcdef0123".parse().expect("uri");
        assert_eq!(loggable_uri(&uri), "/join/…");
        let uri: axum::http::Uri = "/oa/3/1?x=1".parse().expect("uri");
        assert_eq!(loggable_uri(&uri), "/oa/3/1?x=1");
    }

    #[test]
    fn next_stays_on_this_server() {
        let cases: &[(Option<&str>, &str)] = &[
            (None, "/"),
            (Some("/oa/3/1"), "/oa/3/1"),
            (Some("/practice/x?y=1"), "/practice/x?y=1"),
            (Some("//evil.example/"), "/"),
            (Some("https://evil.example/"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some(""), "/"),
        ];
        for (next, expected) in cases {
            assert_eq!(safe_next(*next), *expected, "{next:?}");
        }
    }

    #[test]
    fn tokens_are_bound_to_their_value_and_purpose() {
        let sessions = Sessions::new(AccountsConfig::new(vec![7; 32]));
        let token = sessions.token(b"session", "abc");
        assert!(sessions.token_matches(b"session", "abc", &token));
        assert!(!sessions.token_matches(b"session", "abd", &token));
        assert!(!sessions.token_matches(b"pre-session", "abc", &token));
        assert!(!sessions.token_matches(b"session", "abc", ""));
        assert!(!sessions.token_matches(b"session", "abc", "zz"));
        let other = Sessions::new(AccountsConfig::new(vec![8; 32]));
        assert!(!other.token_matches(b"session", "abc", &token));
    }
}
