//! What the router tests share: a temp engine (store, a small bank of
//! stdio problems, a fake clock), requests sent through `app(state)` with
//! `oneshot`, the reply with its checks, and a [`Browser`] that keeps its
//! cookies and CSRF token like a real one. Each test binary has
//! `mod support;` and uses the part it needs.
//!
//! Engines are built on SQLite, or on Postgres inside a test listed in
//! [`on_both_backends!`]: that runs the test once per backend, and the
//! [`EngineBuilder`]s of its Postgres run open fresh databases in the
//! process's throwaway cluster (`oaj_oa::pg_cluster::process_cluster`: a
//! unix socket in /tmp, started on first use, removed at exit). Without
//! PostgreSQL the Postgres runs skip loudly, and fail under `CI=true`.
#![allow(dead_code)] // each test binary uses only part of this module

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use oaj_judge::{Judge, JudgeConfig, Languages};
use oaj_oa::{Account, Catalog, Engine, EngineConfig, FakeClock, Role, Store};
use oaj_server::{app, AppState};
use serde_json::Value;
use tower::ServiceExt;

/// 2023-11-14 22:13:20 UTC: where every fake clock starts.
pub const T0: i64 = 1_700_000_000_000;
pub const MIN: i64 = 60_000;
pub const HOUR: i64 = 60 * MIN;
/// Solves the "Add" problems of [`Problem::add`].
pub const CORRECT: &str = "a, b = map(int, input().split())\nprint(a + b)\n";
/// Right only when b = 1: passes hidden/a, fails hidden/b and hidden/c of
/// [`Problem::add_three`].
pub const WRONG: &str = "a, b = map(int, input().split())\nprint(a + 1)\n";

/// The store a test's engines are built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

tokio::task_local! {
    /// The backend of the running test, when it runs on both.
    static BACKEND: Backend;
}

/// Runs each listed test (a plain `async fn name()`, without
/// `#[tokio::test]`) on SQLite and on Postgres, as the tests `name::sqlite`
/// and `name::postgres`; the test body is the same, its
/// [`EngineBuilder`]s pick the store.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    $crate::support::run_on($crate::support::Backend::Sqlite, super::$name()).await
                }
                #[tokio::test]
                async fn postgres() {
                    $crate::support::run_on($crate::support::Backend::Postgres, super::$name()).await
                }
            }
        )*
    };
}

/// Runs `test` with its engines on `backend`; on Postgres without
/// PostgreSQL installed, a loud skip (a failure under `CI=true`).
pub async fn run_on(backend: Backend, test: impl std::future::Future<Output = ()>) {
    if backend == Backend::Postgres {
        if let Err(missing) = test_cluster() {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("PostgreSQL is missing in CI: {missing}");
            }
            eprintln!("\n!!! SKIPPING the Postgres run: {missing} !!!\n");
            return;
        }
    }
    BACKEND.scope(backend, test).await
}

fn test_cluster() -> Result<&'static oaj_oa::pg_cluster::PgCluster, String> {
    let options = oaj_oa::pg_cluster::ClusterOptions { label: "routertest", max_connections: 200, durable: false };
    oaj_oa::pg_cluster::process_cluster(&options)
}

/// The backend of the running test: SQLite outside [`on_both_backends!`].
pub fn backend() -> Backend {
    BACKEND.try_with(|b| *b).unwrap_or(Backend::Sqlite)
}

/// A store on the running test's backend: `data/oaj.sqlite3` under `dir`,
/// or a fresh database in the cluster.
pub async fn open_store(dir: &Path) -> Store {
    match backend() {
        Backend::Sqlite => Store::open(&dir.join("data")).await.expect("store"),
        Backend::Postgres => {
            let cluster = test_cluster().expect("the cluster was started by run_on");
            let url = cluster.create_database().unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
            Store::connect(&url).await.expect("Postgres store")
        }
    }
}

/// Whether Python (the language of these tests' programs) is installed:
/// required under `CI=true`, else a loud skip.
pub fn python_available() -> bool {
    let present = Languages::bundled()
        .get("python")
        .is_ok_and(|language| matches!(language.toolchain(), oaj_judge::Toolchain::Present { .. }));
    if !present {
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("the python toolchain is missing in CI");
        }
        eprintln!("\n!!! SKIPPING: python is not installed (see `oaj langs`) !!!\n");
    }
    present
}

/// Writes files given as (relative path, text) under `dir`.
pub fn write_files(dir: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// A stdio problem of the temp bank.
#[derive(Debug, Clone)]
pub struct Problem {
    pub slug: String,
    pub title: String,
    pub difficulty: String,
    pub topics: Vec<String>,
    pub time_limit_ms: u32,
    pub statement: String,
    /// (visibility, stem, input, answer)
    pub cases: Vec<(String, String, String, String)>,
    /// More files, as (relative path, text).
    pub extra: Vec<(String, String)>,
}

impl Problem {
    /// A medium problem with no cases yet.
    pub fn new(slug: &str, title: &str) -> Problem {
        Problem {
            slug: slug.into(),
            title: title.into(),
            difficulty: "medium".into(),
            topics: Vec::new(),
            time_limit_ms: 2000,
            statement: format!("# {title}\n"),
            cases: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// "Add": print `a + b`; sample `1 2`, hidden/a `5 1`.
    pub fn add(slug: &str) -> Problem {
        Problem::new(slug, "Add")
            .statement("Print `a + b`.\n")
            .case("sample", "1", "1 2\n", "3\n")
            .case("hidden", "a", "5 1\n", "6\n")
    }

    /// [`Problem::add`] with hidden/b and hidden/c, which [`WRONG`] fails.
    pub fn add_three(slug: &str) -> Problem {
        Problem::add(slug).case("hidden", "b", "10 20\n", "30\n").case("hidden", "c", "7 8\n", "15\n")
    }

    /// "Double": print twice the number; sample `3`, hidden/a `1`.
    pub fn double(slug: &str) -> Problem {
        Problem::new(slug, "Double")
            .difficulty("easy")
            .statement("Print twice the number.\n")
            .case("sample", "1", "3\n", "6\n")
            .case("hidden", "a", "1\n", "2\n")
    }

    pub fn title(mut self, title: &str) -> Problem {
        self.title = title.into();
        self
    }

    pub fn difficulty(mut self, difficulty: &str) -> Problem {
        self.difficulty = difficulty.into();
        self
    }

    pub fn topics(mut self, topics: &[&str]) -> Problem {
        self.topics = topics.iter().map(|t| t.to_string()).collect();
        self
    }

    pub fn time_limit_ms(mut self, ms: u32) -> Problem {
        self.time_limit_ms = ms;
        self
    }

    pub fn statement(mut self, text: &str) -> Problem {
        self.statement = text.into();
        self
    }

    pub fn case(mut self, visibility: &str, stem: &str, input: &str, answer: &str) -> Problem {
        self.cases.push((visibility.into(), stem.into(), input.into(), answer.into()));
        self
    }

    pub fn file(mut self, path: &str, text: &str) -> Problem {
        self.extra.push((path.into(), text.into()));
        self
    }

    /// Its files as (path inside the problem directory, text).
    pub fn files(&self) -> Vec<(String, String)> {
        let topics = if self.topics.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = self.topics.iter().map(|t| format!("\"{t}\"")).collect();
            format!("topics = [{}]\n", quoted.join(", "))
        };
        let toml = format!(
            "title = \"{}\"\ndifficulty = \"{}\"\nkind = \"stdio\"\ntime_limit_ms = {}\nmemory_limit_mb = 256\n{topics}",
            self.title, self.difficulty, self.time_limit_ms
        );
        let mut files = vec![("problem.toml".to_string(), toml), ("statement.md".to_string(), self.statement.clone())];
        for (visibility, stem, input, answer) in &self.cases {
            files.push((format!("tests/{visibility}/{stem}.in"), input.clone()));
            files.push((format!("tests/{visibility}/{stem}.ans"), answer.clone()));
        }
        files.extend(self.extra.iter().cloned());
        files
    }

    /// Writes it as `bank/<slug>`.
    pub fn write(&self, bank: &Path) {
        write_files(&bank.join(&self.slug), &self.files());
    }
}

/// An engine on a temp directory (kept as long as this lives).
pub struct TestEngine {
    pub dir: tempfile::TempDir,
    pub engine: Engine,
    pub clock: Arc<FakeClock>,
}

/// Builds a [`TestEngine`]: a bank of problems, a store, the bundled
/// languages without a sandbox (the tests' programs are their own), and a
/// fake clock at [`T0`].
pub struct EngineBuilder {
    problems: Vec<Problem>,
    config: EngineConfig,
    clock: Option<Arc<FakeClock>>,
}

impl Default for EngineBuilder {
    fn default() -> Self {
        EngineBuilder::new()
    }
}

impl EngineBuilder {
    pub fn new() -> EngineBuilder {
        EngineBuilder {
            problems: Vec::new(),
            config: EngineConfig { judge_slots: 2, queue_capacity: 8, background: false },
            clock: None,
        }
    }

    /// Shares `clock` (e.g. with a second engine on the same store, standing
    /// for another process).
    pub fn clock(mut self, clock: Arc<FakeClock>) -> EngineBuilder {
        self.clock = Some(clock);
        self
    }

    pub fn problem(mut self, problem: Problem) -> EngineBuilder {
        self.problems.push(problem);
        self
    }

    pub fn config(mut self, config: EngineConfig) -> EngineBuilder {
        self.config = config;
        self
    }

    /// Builds in a new temp directory.
    pub async fn build(self) -> TestEngine {
        let dir = tempfile::tempdir().expect("temp dir");
        let (engine, clock) = self.build_in(dir.path()).await;
        TestEngine { dir, engine, clock }
    }

    /// Builds in `dir` (`bank/`, `data/`, `cache/` below it).
    pub async fn build_in(self, dir: &Path) -> (Engine, Arc<FakeClock>) {
        let bank = dir.join("bank");
        std::fs::create_dir_all(&bank).expect("bank dir");
        for problem in &self.problems {
            problem.write(&bank);
        }
        let sandbox = oaj_sandbox::Sandbox::with_config(oaj_sandbox::SandboxConfig {
            mode: oaj_sandbox::IsolationMode::Disabled,
            ..oaj_sandbox::SandboxConfig::default()
        });
        let mut judge = JudgeConfig::new(Languages::bundled(), sandbox, dir.join("cache"));
        judge.parallelism = 2;
        let store = open_store(dir).await;
        let catalog = Catalog::load(&bank).expect("catalog");
        assert!(catalog.broken().is_empty(), "a test problem is broken: {:?}", catalog.broken());
        let clock = self.clock.unwrap_or_else(|| Arc::new(FakeClock::new(T0)));
        let engine = Engine::new(store, Arc::new(catalog), Arc::new(Judge::new(judge)), clock.clone(), self.config);
        (engine, clock)
    }
}

/// Makes an account (no password: it is used through `AppState::for_account`).
pub async fn account(engine: &Engine, name: &str, role: Role) -> Account {
    let id = engine.store().create_user(name, role, None, T0).await.expect("create user");
    Account { id, name: name.into(), role }
}

/// What the router answered.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    pub fn content_type(&self) -> &str {
        self.header(header::CONTENT_TYPE)
    }

    pub fn retry_after(&self) -> Option<u32> {
        self.headers.get(header::RETRY_AFTER)?.to_str().ok()?.parse().ok()
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).map(String::from).collect()
    }

    pub fn expect_status(&self, status: StatusCode) -> &Reply {
        assert_eq!(self.status, status, "{}", self.body);
        self
    }

    /// A 303 to `expected`.
    pub fn redirect_to(&self, expected: &str) {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "{}", self.body);
        assert_eq!(self.location(), expected);
    }

    pub fn assert_contains(&self, needles: &[&str]) {
        for needle in needles {
            assert!(self.body.contains(needle), "{needle:?} missing from {} {}", self.status, self.body);
        }
    }

    pub fn assert_lacks(&self, needles: &[&str]) {
        for needle in needles {
            assert!(!self.body.contains(needle), "{needle:?} must not be in {} {}", self.status, self.body);
        }
    }
}

/// Sends one request through the router.
pub async fn send(app: Router, request: Request<Body>) -> Reply {
    let response = app.oneshot(request).await.expect("the router never fails");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// Sends one request to a new `app(state)`.
pub async fn send_as(state: AppState, request: Request<Body>) -> Reply {
    send(app(state), request).await
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

/// A same-origin form POST (a url-encoded body).
pub fn form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_string()))
        .expect("request")
}

/// A same-origin JSON POST.
pub fn json(path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_string()))
        .expect("request")
}

/// Polls `GET /api/jobs/{job}` through `state` until the job is done;
/// returns its view.
pub async fn wait_job(state: &AppState, job: i64) -> Value {
    for _ in 0..400 {
        let reply = send_as(state.clone(), get(&format!("/api/jobs/{job}"))).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let view = reply.json();
        if view["status"]["state"] == "done" {
            return view;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("job {job} did not finish within 20 s");
}

/// Which CSRF token a [`Browser`] sends.
pub enum Token {
    /// The one the last page gave.
    Page,
    None,
    Given(String),
}

/// What a browser keeps between requests: its cookies, the CSRF token of
/// the last page that had one, and the address it comes from.
pub struct Browser {
    pub state: AppState,
    pub cookies: HashMap<String, String>,
    pub token: Option<String>,
    pub ip: IpAddr,
}

impl Browser {
    pub fn new(state: AppState) -> Browser {
        Browser::at(state, [10, 0, 0, 1])
    }

    pub fn at(state: AppState, ip: [u8; 4]) -> Browser {
        Browser { state, cookies: HashMap::new(), token: None, ip: IpAddr::V4(Ipv4Addr::from(ip)) }
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> Reply {
        let cookie: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if !cookie.is_empty() {
            request.headers_mut().insert(header::COOKIE, cookie.join("; ").parse().expect("cookie header"));
        }
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(self.ip, 40000)));
        if !request.headers().contains_key(header::HOST) {
            request.headers_mut().insert(header::HOST, "oaj.example:8080".parse().expect("host header"));
        }
        let reply = send_as(self.state.clone(), request).await;
        for set in reply.set_cookies() {
            let pair = set.split(';').next().unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                if set.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), value.to_string());
                }
            }
        }
        if let Some(token) = reply.body.split("name=\"csrf-token\" content=\"").nth(1) {
            self.token = token.split('"').next().map(String::from);
        }
        reply
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(get(path)).await
    }

    fn token(&self, which: &Token) -> Option<String> {
        match which {
            Token::Page => self.token.clone(),
            Token::None => None,
            Token::Given(token) => Some(token.clone()),
        }
    }

    /// A form POST with the `csrf` field as `which` says.
    pub async fn post_form_with(&mut self, path: &str, fields: &[(&str, &str)], which: Token) -> Reply {
        let mut fields: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
        if let Some(token) = self.token(&which) {
            fields.push(("csrf", token));
        }
        let body = serde_urlencoded::to_string(&fields).expect("form");
        self.send(form(path, &body)).await
    }

    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        self.post_form_with(path, fields, Token::Page).await
    }

    /// A JSON POST with `X-CSRF-Token` as `which` says.
    pub async fn post_json_with(&mut self, path: &str, body: &Value, which: Token) -> Reply {
        let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = self.token(&which) {
            request = request.header("x-csrf-token", token);
        }
        self.send(request.body(Body::from(body.to_string())).expect("request")).await
    }

    pub async fn post_json(&mut self, path: &str, body: &Value) -> Reply {
        self.post_json_with(path, body, Token::Page).await
    }

    /// Opens the login page (for its pre-session token) and logs in.
    pub async fn login(&mut self, name: &str, password: &str) -> Reply {
        self.get("/login").await.expect_status(StatusCode::OK);
        self.post_form("/login", &[("name", name), ("password", password)]).await
    }

    pub fn has_session(&self) -> bool {
        self.cookies.contains_key("oaj_session")
    }
}
