//! Accounts through `app(state)` and `oneshot`: login, logout, session
//! expiry (a fake clock), CSRF, another member's things, invitations, rate
//! limits, login throttling, body limits and the headers of the new pages.
//! Each "browser" keeps its own cookies and CSRF token, like a real one.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use oaj_oa::accounts::hash_password;
use oaj_oa::{Engine, EngineConfig, FakeClock, Role, UserId};
use oaj_server::{AccountsConfig, AppState, Limits, Rate};
use serde_json::json;
use std::sync::Arc;
use support::{Browser, EngineBuilder, Problem, Reply, Token, T0};

const MINUTE: i64 = 60_000;
const PASSWORD: &str = "correct horse battery";
const SECRET_CODE: &str = "print('only alice may read this 7c1e')\n";

/// Python for the judging parts (their tests skip loudly without it).
fn python_available() -> bool {
    support::python_available()
}

struct Server {
    _dir: tempfile::TempDir,
    engine: Engine,
    clock: Arc<FakeClock>,
    state: AppState,
}

/// Test settings: a short idle expiry and a lifetime to jump over.
fn config() -> AccountsConfig {
    let mut config = AccountsConfig::new(vec![42; 32]);
    config.idle = Duration::from_secs(3600);
    config.lifetime = Duration::from_secs(5 * 3600);
    // Room for the many logins of one test; the throttling test sets its own.
    config.login_per_account = Rate::new(50, Duration::from_secs(60));
    config.login_per_address = Rate::new(200, Duration::from_secs(60));
    config
}

impl Server {
    async fn new() -> Server {
        Server::with(config(), Limits::default(), EngineConfig { judge_slots: 2, queue_capacity: 8, background: false })
            .await
    }

    async fn with(accounts: AccountsConfig, limits: Limits, engine_config: EngineConfig) -> Server {
        let t = EngineBuilder::new().config(engine_config).problem(Problem::add("add")).build().await;
        let state = AppState::with_accounts(t.engine.clone(), accounts).with_limits(limits);
        Server { _dir: t.dir, engine: t.engine, clock: t.clock, state }
    }

    async fn add_user(&self, name: &str, role: Role) -> UserId {
        let hash = hash_password(PASSWORD).expect("hash");
        self.engine.store().create_user(name, role, Some(&hash), T0).await.expect("create user")
    }

    fn browser(&self) -> Browser {
        Browser::new(self.state.clone())
    }

    fn browser_at(&self, ip: [u8; 4]) -> Browser {
        Browser::at(self.state.clone(), ip)
    }

    /// A browser logged in as `name`.
    async fn logged_in(&self, name: &str) -> Browser {
        let mut browser = self.browser();
        let reply = browser.login(name, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "login of {name}: {}", reply.body);
        browser.get("/").await.expect_status(StatusCode::OK);
        browser
    }
}

/// Starts a 90-minute OA of "add" through the form; returns its id.
async fn start_oa(browser: &mut Browser) -> i64 {
    browser.get("/").await.expect_status(StatusCode::OK);
    let reply = browser.post_form("/oa", &[("minutes", "90"), ("problems", "add")]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    reply.location().trim_start_matches("/oa/").trim_end_matches("/1").parse().expect("attempt id")
}

async fn login_outcomes() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    let carol = s.add_user("carol", Role::Member).await;
    s.engine.store().set_user_disabled(carol, Some(T0)).await.expect("disable");
    // (name typed, password, status, logged in, words on the page)
    let cases: &[(&str, &str, StatusCode, bool, &str)] = &[
        ("alice", PASSWORD, StatusCode::SEE_OTHER, true, ""),
        ("  ALICE ", PASSWORD, StatusCode::SEE_OTHER, true, ""),
        ("alice", "wrong password", StatusCode::UNAUTHORIZED, false, "Wrong user name or password"),
        ("nobody", PASSWORD, StatusCode::UNAUTHORIZED, false, "Wrong user name or password"),
        ("bad name!", PASSWORD, StatusCode::UNAUTHORIZED, false, "Wrong user name or password"),
        // The local user of a server without accounts has no password.
        ("local", "", StatusCode::UNAUTHORIZED, false, "Wrong user name or password"),
        // Disabled: said only to someone who knows the password.
        ("carol", PASSWORD, StatusCode::FORBIDDEN, false, "disabled"),
        ("carol", "wrong password", StatusCode::UNAUTHORIZED, false, "Wrong user name or password"),
    ];
    for &(name, password, status, logged_in, words) in cases {
        let mut browser = s.browser();
        let reply = browser.login(name, password).await;
        assert_eq!(reply.status, status, "{name:?}/{password:?}: {}", reply.body);
        assert_eq!(browser.has_session(), logged_in, "{name:?}/{password:?}");
        assert!(reply.body.contains(words), "{name:?}: {words:?} missing from {}", reply.body);
        let home = browser.get("/").await;
        if logged_in {
            assert_eq!(reply.location(), "/");
            assert_eq!(home.status, StatusCode::OK);
            assert!(home.body.contains("class=\"who\""), "the top bar names the user: {}", home.body);
            let cookie = reply.set_cookies().into_iter().find(|c| c.starts_with("oaj_session=")).expect("cookie");
            for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
                assert!(cookie.contains(attribute), "{cookie}");
            }
            assert!(!cookie.contains("Secure"), "plain HTTP without a trusted proxy: {cookie}");
        } else {
            assert_eq!(home.status, StatusCode::SEE_OTHER);
            assert_eq!(home.location(), "/login");
        }
    }
}

#[tokio::test]
async fn login_comes_back_to_the_page_asked_for() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    let mut browser = s.browser();
    let reply = browser.get("/practice/add").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/login?next=%2Fpractice%2Fadd");
    browser.get(reply.location()).await.expect_status(StatusCode::OK);
    let reply =
        browser.post_form("/login", &[("name", "alice"), ("password", PASSWORD), ("next", "/practice/add")]).await;
    assert_eq!(reply.location(), "/practice/add");
    // Never to another site.
    browser.get("/login").await;
    let mut other = s.browser();
    other.get("/login").await;
    let reply =
        other.post_form("/login", &[("name", "alice"), ("password", PASSWORD), ("next", "//evil.example/")]).await;
    assert_eq!(reply.location(), "/");
}

async fn without_a_session_pages_go_to_login_and_the_api_answers_401() {
    let s = Server::new().await;
    let mut browser = s.browser();
    // (method, path, status, location)
    let cases: &[(&str, &str, StatusCode, &str)] = &[
        ("GET", "/", StatusCode::SEE_OTHER, "/login"),
        ("GET", "/oa/1/1", StatusCode::SEE_OTHER, "/login?next=%2Foa%2F1%2F1"),
        ("GET", "/account", StatusCode::SEE_OTHER, "/login?next=%2Faccount"),
        ("GET", "/invitations", StatusCode::SEE_OTHER, "/login?next=%2Finvitations"),
        ("POST", "/oa", StatusCode::SEE_OTHER, "/login"),
        ("GET", "/api/oa/1/clock", StatusCode::UNAUTHORIZED, ""),
        ("GET", "/api/jobs/1", StatusCode::UNAUTHORIZED, ""),
        ("POST", "/api/oa/1/1/run", StatusCode::UNAUTHORIZED, ""),
        ("GET", "/login", StatusCode::OK, ""),
        ("GET", "/healthz", StatusCode::OK, ""),
        ("GET", "/static/style.css", StatusCode::OK, ""),
    ];
    for &(method, path, status, location) in cases {
        let reply = if method == "GET" {
            browser.get(path).await
        } else if path.starts_with("/api/") {
            browser.post_json_with(path, &json!({"language": "python", "code": ""}), Token::None).await
        } else {
            browser.post_form_with(path, &[("minutes", "90")], Token::None).await
        };
        assert_eq!(reply.status, status, "{method} {path}: {}", reply.body);
        assert_eq!(reply.location(), location, "{method} {path}");
        if status == StatusCode::UNAUTHORIZED {
            assert!(reply.json()["error"].as_str().unwrap_or("").contains("log in"), "{}", reply.body);
        }
    }
}

async fn logout_ends_the_session() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    let mut browser = s.logged_in("alice").await;
    let stolen = browser.cookies.clone();
    // Logging out is a POST with the token: a link or another site cannot.
    browser.post_form_with("/logout", &[], Token::None).await.expect_status(StatusCode::FORBIDDEN);
    assert!(browser.has_session());
    let reply = browser.post_form("/logout", &[]).await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/login"));
    assert!(reply.set_cookies().iter().any(|c| c.starts_with("oaj_session=;") && c.contains("Max-Age=0")));
    assert!(!browser.has_session());
    // The old cookie is dead on the server too.
    let mut replay = s.browser();
    replay.cookies = stolen;
    let reply = replay.get("/").await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/login"));
}

async fn sessions_expire_when_idle_and_at_their_lifetime() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    // Idle: one hour without a request ends it.
    let mut idle = s.logged_in("alice").await;
    s.clock.advance(59 * MINUTE);
    idle.get("/").await.expect_status(StatusCode::OK);
    s.clock.advance(59 * MINUTE);
    idle.get("/").await.expect_status(StatusCode::OK);
    s.clock.advance(61 * MINUTE);
    let reply = idle.get("/").await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/login"));
    assert!(!idle.has_session(), "the dead cookie is cleared");

    // Lifetime: five hours after login it ends however busy it is.
    let mut busy = s.logged_in("alice").await;
    for _ in 0..9 {
        s.clock.advance(30 * MINUTE);
        busy.get("/").await.expect_status(StatusCode::OK);
    }
    s.clock.advance(31 * MINUTE);
    let reply = busy.get("/api/oa/1/clock").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
}

async fn a_disabled_users_sessions_stop_at_once() {
    let s = Server::new().await;
    let bob = s.add_user("bob", Role::Member).await;
    let mut browser = s.logged_in("bob").await;
    s.engine.store().set_user_disabled(bob, Some(T0)).await.expect("disable");
    let reply = browser.get("/").await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/login"));
    s.engine.store().set_user_disabled(bob, None).await.expect("enable");
    // Enabling does not bring old sessions back; logging in works again.
    assert_eq!(browser.login("bob", PASSWORD).await.status, StatusCode::SEE_OTHER);
}

async fn state_changing_requests_need_the_sessions_csrf_token() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    s.add_user("bob", Role::Member).await;
    let mut alice = s.logged_in("alice").await;
    let bob = s.logged_in("bob").await;
    let id = start_oa(&mut alice).await;
    let draft = format!("/api/oa/{id}/1/draft");
    let code = json!({"language": "python", "code": "print(1)\n"});
    let bobs_token = bob.token.clone().expect("bob's token");
    // A pre-session token (the login form's) is not a session's token.
    let mut anonymous = s.browser();
    anonymous.get("/login").await;
    let pre_token = anonymous.token.clone().expect("pre-session token");
    let forged = "0".repeat(64);
    // (what, token, accepted)
    let cases: Vec<(&str, Token, bool)> = vec![
        ("no token", Token::None, false),
        ("a forged token", Token::Given(forged.clone()), false),
        ("not hex", Token::Given("<script>".into()), false),
        ("another user's token", Token::Given(bobs_token.clone()), false),
        ("a pre-session token", Token::Given(pre_token.clone()), false),
        ("the session's token", Token::Page, true),
    ];
    for (what, token, accepted) in cases {
        let copy = match &token {
            Token::Page => Token::Page,
            Token::None => Token::None,
            Token::Given(t) => Token::Given(t.clone()),
        };
        let json_reply = alice.post_json_with(&draft, &code, token).await;
        let form_reply = alice.post_form_with(&format!("/oa/{id}/explain"), &[("approach-1", "sum")], copy).await;
        if accepted {
            assert_eq!(json_reply.status, StatusCode::OK, "{what}: {}", json_reply.body);
            assert_ne!(form_reply.status, StatusCode::FORBIDDEN, "{what}: {}", form_reply.body);
        } else {
            for reply in [&json_reply, &form_reply] {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{what}: {}", reply.body);
                assert!(reply.body.contains("security token"), "{what}: {}", reply.body);
            }
            assert!(json_reply.json()["error"].is_string(), "the API gets JSON");
        }
    }
    // The login form needs its own pre-session token.
    let mut stranger = s.browser();
    stranger.get("/login").await;
    let reply = stranger
        .post_form_with("/login", &[("name", "alice"), ("password", PASSWORD)], Token::Given(forged.clone()))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    let reply = stranger.post_form_with("/login", &[("name", "alice"), ("password", PASSWORD)], Token::None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    // ... which is bound to its cookie: another browser's does not work.
    let reply =
        stranger.post_form_with("/login", &[("name", "alice"), ("password", PASSWORD)], Token::Given(pre_token)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    // The same-origin check still stands in front: a cross-site POST with
    // the right token is refused too.
    let request = Request::post(&draft)
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-csrf-token", alice.token.clone().expect("token"))
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(code.to_string()))
        .expect("request");
    assert_eq!(alice.send(request).await.status, StatusCode::FORBIDDEN);
}

async fn a_multipart_form_carries_its_token_as_a_field() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    let mut alice = s.logged_in("alice").await;
    let token = alice.token.clone().expect("token");
    for (field, status) in [("wrong", StatusCode::FORBIDDEN), (token.as_str(), StatusCode::SEE_OTHER)] {
        let body = format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{field}\r\n--XyZ\r\n\
             Content-Disposition: form-data; name=\"minutes\"\r\n\r\n90\r\n--XyZ--\r\n"
        );
        let request = Request::post("/logout")
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
            .body(Body::from(body))
            .expect("request");
        assert_eq!(alice.send(request).await.status, status, "{field}");
        if status == StatusCode::SEE_OTHER {
            assert!(!alice.has_session());
        }
    }
}

async fn another_members_attempt_job_and_draft_are_not_found() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    s.add_user("bob", Role::Member).await;
    let mut alice = s.logged_in("alice").await;
    let id = start_oa(&mut alice).await;
    let draft = json!({"language": "python", "code": SECRET_CODE});
    alice.post_json(&format!("/api/oa/{id}/1/draft"), &draft).await.expect_status(StatusCode::OK);
    let job = if python_available() {
        let reply = alice.post_json(&format!("/api/oa/{id}/1/run"), &draft).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["job"].as_i64()
    } else {
        None
    };

    let mut bob = s.logged_in("bob").await;
    let mut paths = vec![
        format!("/oa/{id}"),
        format!("/oa/{id}/1"),
        format!("/oa/{id}/explain"),
        format!("/oa/{id}/report"),
        format!("/api/oa/{id}/clock"),
        format!("/api/oa/{id}/1/starter?language=python"),
    ];
    if let Some(job) = job {
        paths.push(format!("/api/jobs/{job}"));
        paths.push(format!("/api/jobs/{job}/events"));
    }
    for path in &paths {
        let reply = bob.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}: {}", reply.body);
        assert!(!reply.body.contains("7c1e"), "{path} shows alice's code: {}", reply.body);
    }
    let overwrite = json!({"language": "python", "code": "print('bob was here')\n"});
    for action in ["draft", "run", "submit"] {
        let reply = bob.post_json(&format!("/api/oa/{id}/1/{action}"), &overwrite).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{action}: {}", reply.body);
        assert!(!reply.body.contains("7c1e"), "{action}: {}", reply.body);
    }
    let reply = bob.post_form(&format!("/oa/{id}/finish"), &[]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
    // Alice's attempt is untouched.
    let alice_id = s.engine.store().account_by_name("alice").await.expect("store").expect("alice").id;
    let view = s.engine.attempt(alice_id, id).await.expect("attempt");
    assert_eq!(view.problems[0].draft.as_ref().map(|d| d.code.as_str()), Some(SECRET_CODE));
    if let Some(job) = job {
        wait_job(&mut alice, job).await;
    }
}

async fn wait_job(browser: &mut Browser, job: i64) {
    for _ in 0..400 {
        let reply = browser.get(&format!("/api/jobs/{job}")).await;
        if reply.json()["status"]["state"] == "done" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {job} did not finish within 20 s");
}

/// Makes an invitation through the form as a browser does: the POST is
/// answered with a redirect to the list (never with the link, nor with
/// the token in a URL), whose page shows the new link.
async fn make_invitation(admin: &mut Browser, role: &str, hours: &str) -> Reply {
    let reply = admin.post_form("/invitations", &[("role", role), ("hours", hours)]).await;
    reply.redirect_to("/invitations");
    assert!(!reply.body.contains("/join/"), "the link is not in the POST's answer: {}", reply.body);
    let page = admin.get("/invitations").await;
    page.expect_status(StatusCode::OK);
    page
}

/// The token of the link on the invitations page after making one.
fn invitation_token(page: &str) -> String {
    let link = page.split("id=\"invitation-link\">").nth(1).expect("the new link is shown");
    let link = link.split('<').next().expect("link text");
    link.rsplit("/join/").next().expect("/join/ in the link").to_string()
}

#[tokio::test]
async fn invitations_make_one_account_each_and_expire() {
    let s = Server::new().await;
    s.add_user("admin", Role::Admin).await;
    s.add_user("alice", Role::Member).await;
    let mut admin = s.logged_in("admin").await;
    admin.get("/invitations").await.expect_status(StatusCode::OK);
    let reply = make_invitation(&mut admin, "member", "2").await;
    let token = invitation_token(&reply.body);
    assert_eq!(token.len(), 64);
    assert!(reply.body.contains("http://oaj.example:8080/join/"), "a whole link: {}", reply.body);
    // Reloading the page makes no second invitation and shows the link no more.
    let reload = admin.get("/invitations").await;
    reload.expect_status(StatusCode::OK);
    assert!(!reload.body.contains(&token) && !reload.body.contains("invitation-link"), "{}", reload.body);
    assert_eq!(s.engine.store().invitations().await.expect("list").len(), 1);
    // Bad input on the form.
    for (role, hours) in [("owner", "2"), ("member", "0"), ("member", "721"), ("member", "x")] {
        let reply = admin.post_form("/invitations", &[("role", role), ("hours", hours)]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{role} {hours}: {}", reply.body);
    }
    // A member may not make invitations.
    let mut alice = s.logged_in("alice").await;
    alice.get("/invitations").await.expect_status(StatusCode::FORBIDDEN);
    let reply = alice.post_form("/invitations", &[("role", "admin")]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);

    let join = format!("/join/{token}");
    let mut newcomer = s.browser_at([10, 0, 0, 9]);
    let page = newcomer.get(&join).await;
    page.expect_status(StatusCode::OK);
    assert!(page.body.contains("member"), "{}", page.body);
    // (name, password, repeat, words)
    let refused: &[(&str, &str, &str, &str)] = &[
        ("dave", PASSWORD, "something else", "differ"),
        ("dave", "short", "short", "at least"),
        ("bad name", PASSWORD, PASSWORD, "may only hold"),
        ("Alice", PASSWORD, PASSWORD, "taken"),
    ];
    for &(name, password, repeat, words) in refused {
        let reply = newcomer.post_form(&join, &[("name", name), ("password", password), ("repeat", repeat)]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{name}: {}", reply.body);
        assert!(reply.body.contains(words), "{words:?} missing: {}", reply.body);
        assert!(!newcomer.has_session());
    }
    let reply = newcomer.post_form(&join, &[("name", "Dave"), ("password", PASSWORD), ("repeat", PASSWORD)]).await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/"), "{}", reply.body);
    assert!(newcomer.has_session());
    let home = newcomer.get("/").await;
    home.expect_status(StatusCode::OK);
    assert!(home.body.contains(">dave<"), "logged in as dave: {}", home.body);
    let dave = s.engine.store().account_by_name("dave").await.expect("store").expect("dave exists");
    assert_eq!(dave.role, Role::Member);

    // Used: a clear page, and no second account.
    let mut latecomer = s.browser_at([10, 0, 0, 10]);
    let reply = latecomer.get(&join).await;
    assert_eq!(reply.status, StatusCode::GONE, "{}", reply.body);
    assert!(reply.body.contains("already been used") && !reply.body.contains("expired"), "{}", reply.body);
    latecomer.get("/login").await;
    let reply = latecomer.post_form(&join, &[("name", "eve"), ("password", PASSWORD), ("repeat", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::GONE, "{}", reply.body);
    assert!(s.engine.store().account_by_name("eve").await.expect("store").is_none());
    // The admin's list shows who used it.
    let list = admin.get("/invitations").await;
    assert!(list.body.contains("used by dave"), "{}", list.body);

    // Expired: made for one hour, opened after 61 minutes.
    let reply = make_invitation(&mut admin, "admin", "1").await;
    let late = format!("/join/{}", invitation_token(&reply.body));
    s.clock.advance(61 * MINUTE);
    let reply = latecomer.get(&late).await;
    assert_eq!(reply.status, StatusCode::GONE, "{}", reply.body);
    assert!(reply.body.contains("expired"), "{}", reply.body);
    let reply = latecomer.post_form(&late, &[("name", "eve"), ("password", PASSWORD), ("repeat", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::GONE, "{}", reply.body);
    // Unknown.
    let reply = latecomer.get(&format!("/join/{}", "ab".repeat(32))).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);

    // Revoked: the link stops working at once; revoking twice is a 409.
    // (The admin's session went idle over the hour jumped above.)
    let mut admin = s.logged_in("admin").await;
    let mut alice = s.logged_in("alice").await;
    let reply = make_invitation(&mut admin, "member", "5").await;
    let revoked = format!("/join/{}", invitation_token(&reply.body));
    let id = s.engine.store().invitations().await.expect("list")[0].id;
    let reply = admin.post_form(&format!("/invitations/{id}/revoke"), &[]).await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/invitations"), "{}", reply.body);
    let reply = latecomer.get(&revoked).await;
    assert_eq!(reply.status, StatusCode::GONE);
    assert!(reply.body.contains("revoked") && !reply.body.contains("expired"), "{}", reply.body);
    let reply = latecomer.post_form(&revoked, &[("name", "fay"), ("password", PASSWORD), ("repeat", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::GONE, "{}", reply.body);
    assert!(reply.body.contains("revoked"), "{}", reply.body);
    // The list says which ended how.
    let list = admin.get("/invitations").await;
    list.assert_contains(&["used by dave", ">revoked<", ">expired<"]);
    let reply = admin.post_form(&format!("/invitations/{id}/revoke"), &[]).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert_eq!(alice.post_form(&format!("/invitations/{id}/revoke"), &[]).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn run_and_submit_are_rate_limited_per_user() {
    let limits =
        Limits { runs: Rate::new(2, Duration::from_secs(600)), submits: Rate::new(1, Duration::from_secs(600)) };
    let s = Server::with(config(), limits, EngineConfig { judge_slots: 2, queue_capacity: 8, background: false }).await;
    s.add_user("alice", Role::Member).await;
    s.add_user("bob", Role::Member).await;
    let mut alice = s.logged_in("alice").await;
    let mut bob = s.logged_in("bob").await;
    let alice_oa = start_oa(&mut alice).await;
    let bob_oa = start_oa(&mut bob).await;
    let code = json!({"language": "python", "code": "print(3)\n"});
    // (who, action, allowed before the 429)
    for (action, allowed) in [("run", 2), ("submit", 1)] {
        for i in 0..=allowed {
            let reply = alice.post_json(&format!("/api/oa/{alice_oa}/1/{action}"), &code).await;
            if i < allowed {
                assert_ne!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{action} {i}: {}", reply.body);
            } else {
                assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{action} {i}: {}", reply.body);
                let retry = reply.retry_after().expect("Retry-After");
                assert!((1..=600).contains(&retry), "{retry}");
                assert!(reply.json()["error"].as_str().unwrap_or("").contains("too often"), "{}", reply.body);
                assert_eq!(reply.json()["retry_after"], json!(retry));
            }
        }
        // Another user has a bucket of their own.
        let reply = bob.post_json(&format!("/api/oa/{bob_oa}/1/{action}"), &code).await;
        assert_ne!(reply.status, StatusCode::TOO_MANY_REQUESTS, "bob's {action}: {}", reply.body);
    }
    // Drafts are not limited.
    for _ in 0..5 {
        alice.post_json(&format!("/api/oa/{alice_oa}/1/draft"), &code).await.expect_status(StatusCode::OK);
    }
    s.engine.wait_idle(Duration::from_secs(20)).await;
}

#[tokio::test]
async fn logins_are_throttled_per_account_and_per_address() {
    let mut accounts = config();
    accounts.login_per_account = Rate::new(3, Duration::from_secs(600));
    accounts.login_per_address = Rate::new(6, Duration::from_secs(600));
    let s = Server::with(
        accounts,
        Limits::default(),
        EngineConfig { judge_slots: 1, queue_capacity: 1, background: false },
    )
    .await;
    s.add_user("alice", Role::Member).await;
    s.add_user("bob", Role::Member).await;

    // Per account: three tries, then even the right password waits.
    let mut guesser = s.browser_at([10, 0, 0, 1]);
    for _ in 0..3 {
        assert_eq!(guesser.login("alice", "guess guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let mut owner = s.browser_at([10, 0, 0, 2]);
    let reply = owner.login("alice", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{}", reply.body);
    assert!(reply.retry_after().is_some_and(|s| s >= 1));
    assert!(reply.body.contains("Too many login attempts for this account"), "{}", reply.body);
    assert!(!owner.has_session());
    // Another account from the same address is not held up by alice's.
    assert_eq!(guesser.login("bob", PASSWORD).await.status, StatusCode::SEE_OTHER);

    // Per address: 6 tries from one address over any names.
    let mut sprayer = s.browser_at([10, 0, 0, 3]);
    for name in ["u1", "u2", "u3", "u4", "u5", "u6"] {
        assert_eq!(sprayer.login(name, "guess guess").await.status, StatusCode::UNAUTHORIZED, "{name}");
    }
    let reply = sprayer.login("bob", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{}", reply.body);
    assert!(reply.body.contains("from your address"), "{}", reply.body);
    assert!(reply.retry_after().is_some());
    // Another address logs bob in.
    assert_eq!(s.browser_at([10, 0, 0, 4]).login("bob", PASSWORD).await.status, StatusCode::SEE_OTHER);
    // Only failures count against an account: correct logins, however
    // many (well past its 3), never lock its owner out.
    for i in 0..10u8 {
        assert_eq!(s.browser_at([10, 0, 1, i]).login("bob", PASSWORD).await.status, StatusCode::SEE_OTHER, "login {i}");
    }
}

#[tokio::test]
async fn a_full_queue_is_a_503_with_retry_after_for_a_logged_in_user() {
    if !python_available() {
        return;
    }
    let s = Server::with(
        config(),
        Limits::default(),
        EngineConfig { judge_slots: 1, queue_capacity: 0, background: false },
    )
    .await;
    s.add_user("alice", Role::Member).await;
    let mut alice = s.logged_in("alice").await;
    let id = start_oa(&mut alice).await;
    let slow = json!({"language": "python", "code": "import time\ntime.sleep(2)\nprint(3)\n"});
    let first = alice.post_json(&format!("/api/oa/{id}/1/run"), &slow).await;
    first.expect_status(StatusCode::OK);
    let second = alice.post_json(&format!("/api/oa/{id}/1/submit"), &slow).await;
    assert_eq!(second.status, StatusCode::SERVICE_UNAVAILABLE, "{}", second.body);
    assert!(second.retry_after().is_some_and(|s| s >= 1));
    assert!(second.json()["error"].as_str().unwrap_or("").contains("busy"), "{}", second.body);
    wait_job(&mut alice, first.json()["job"].as_i64().expect("job")).await;
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    let mut alice = s.logged_in("alice").await;
    let id = start_oa(&mut alice).await;
    let huge = "x".repeat(oaj_server::BODY_LIMIT_BYTES + 1);
    let reply = alice.post_json(&format!("/api/oa/{id}/1/draft"), &json!({"language": "python", "code": huge})).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", &reply.body[..reply.body.len().min(300)]);
    assert!(reply.json()["error"].as_str().unwrap_or("").contains("larger than"), "{}", reply.body);
    // A form whose token must be read from the body: the middleware reads
    // no more than the limit either.
    let mut anonymous = s.browser();
    anonymous.get("/login").await;
    let reply = anonymous.post_form("/login", &[("name", "alice"), ("password", &huge)]).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", &reply.body[..reply.body.len().min(300)]);
}

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    let mut here = s.logged_in("alice").await;
    let mut elsewhere = s.logged_in("alice").await;
    here.get("/account").await.expect_status(StatusCode::OK);
    let new = "a brand new password";
    // (current, new, repeat, status, words)
    let cases: &[(&str, &str, &str, StatusCode, &str)] = &[
        ("wrong password", new, new, StatusCode::FORBIDDEN, "current password is wrong"),
        (PASSWORD, new, "not the same", StatusCode::BAD_REQUEST, "differ"),
        (PASSWORD, "short", "short", StatusCode::BAD_REQUEST, "at least"),
        (PASSWORD, new, new, StatusCode::OK, "Other sessions ended: 1"),
    ];
    for &(current, password, repeat, status, words) in cases {
        let reply = here
            .post_form("/account/password", &[("current", current), ("password", password), ("repeat", repeat)])
            .await;
        assert_eq!(reply.status, status, "{}", reply.body);
        assert!(reply.body.contains(words), "{words:?} missing: {}", reply.body);
    }
    here.get("/").await.expect_status(StatusCode::OK);
    assert_eq!(elsewhere.get("/").await.status, StatusCode::SEE_OTHER, "the other session ended");
    assert_eq!(s.browser_at([10, 1, 0, 1]).login("alice", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(s.browser_at([10, 1, 0, 2]).login("alice", new).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn cookies_are_secure_behind_a_trusted_https_proxy_only() {
    // (trust the proxy, X-Forwarded-Proto, Secure)
    let cases =
        [(true, Some("https"), true), (true, Some("http"), false), (true, None, false), (false, Some("https"), false)];
    for (trust, proto, secure) in cases {
        let mut accounts = config();
        accounts.trust_proxy = trust;
        let s = Server::with(
            accounts,
            Limits::default(),
            EngineConfig { judge_slots: 1, queue_capacity: 1, background: false },
        )
        .await;
        s.add_user("alice", Role::Member).await;
        let mut browser = s.browser();
        let mut request = Request::get("/login");
        if let Some(proto) = proto {
            request = request.header("x-forwarded-proto", proto);
        }
        let reply = browser.send(request.body(Body::empty()).expect("request")).await;
        let mut fields = vec![("name", "alice".to_string()), ("password", PASSWORD.to_string())];
        fields.push(("csrf", browser.token.clone().expect("token")));
        let mut request = Request::post("/login").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(proto) = proto {
            request = request.header("x-forwarded-proto", proto);
        }
        let login = browser
            .send(request.body(Body::from(serde_urlencoded::to_string(&fields).expect("form"))).expect("request"))
            .await;
        assert_eq!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
        for cookie in reply.set_cookies().iter().chain(login.set_cookies().iter()) {
            assert_eq!(cookie.contains("; Secure"), secure, "{trust} {proto:?}: {cookie}");
        }
    }
}

#[tokio::test]
async fn the_new_pages_have_the_security_headers_and_no_inline_code() {
    let s = Server::new().await;
    s.add_user("admin", Role::Admin).await;
    let mut admin = s.logged_in("admin").await;
    let made = make_invitation(&mut admin, "member", "2").await;
    let join = format!("/join/{}", invitation_token(&made.body));
    // (A logged-in user asking for /login is sent on to the home page.)
    assert_eq!(admin.get("/login").await.location(), "/");
    // Every page reachable from the top bar, as an admin sees it.
    for path in [
        "/account",
        "/invitations",
        "/",
        "/groups",
        "/leaderboard",
        "/history",
        "/workstyle",
        "/admin",
        "/admin/problems",
        "/phone",
        "/stories",
    ] {
        check_page(&admin.get(path).await, path);
    }
    check_page(&made, "POST /invitations");
    let mut anonymous = s.browser();
    for path in ["/login", join.as_str()] {
        check_page(&anonymous.get(path).await, path);
    }
}

fn check_page(reply: &Reply, what: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.body);
    let csp = reply.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert_eq!(csp, oaj_server::CONTENT_SECURITY_POLICY, "{what}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    for (name, value) in
        [("x-content-type-options", "nosniff"), ("x-frame-options", "DENY"), ("cache-control", "no-store")]
    {
        assert_eq!(reply.headers.get(name).and_then(|v| v.to_str().ok()), Some(value), "{what}: {name}");
    }
    // Scripts only from /static, no inline handlers or styles.
    for needle in ["<script>", "style=", "onclick", "onsubmit", "javascript:"] {
        assert!(!reply.body.contains(needle), "{what} has {needle:?}: {}", reply.body);
    }
    let forms = reply.body.matches("method=\"post\"").count();
    let tokens = reply.body.matches("name=\"csrf\"").count();
    assert_eq!(forms, tokens, "{what}: every POST form carries the token: {}", reply.body);
}

#[tokio::test]
async fn without_accounts_the_account_pages_say_how_to_turn_them_on() {
    let s = Server::new().await;
    let local = AppState::new(s.engine.clone());
    for path in ["/login", "/invitations", "/account", &format!("/join/{}", "ab".repeat(32))] {
        let reply = support::send_as(local.clone(), support::get(path)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(reply.body.contains("--accounts"), "{path}");
    }
}

async fn logging_in_again_ends_the_browsers_previous_session() {
    let s = Server::new().await;
    s.add_user("alice", Role::Member).await;
    s.add_user("bob", Role::Member).await;
    let mut browser = s.logged_in("alice").await;
    let alices = browser.cookies.clone();
    // A login form left open in another tab, sent with the session's token.
    let reply = browser.post_form("/login", &[("name", "bob"), ("password", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert!(browser.get("/").await.body.contains(">bob<"));
    let mut replay = s.browser();
    replay.cookies = alices;
    assert_eq!(replay.get("/").await.location(), "/login", "alice's session ended");
}

/// A multipart upload with `fields` (name, value) then a file `zip`.
fn upload_request(token: Option<&str>, zip_bytes: usize) -> Request<Body> {
    let mut body = Vec::new();
    if let Some(token) = token {
        body.extend_from_slice(
            format!("--B0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        b"--B0undary\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"p.zip\"\r\n\
          Content-Type: application/zip\r\n\r\n",
    );
    body.extend(std::iter::repeat_n(b'z', zip_bytes));
    body.extend_from_slice(b"\r\n--B0undary--\r\n");
    Request::post("/admin/problems/upload")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=B0undary")
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn a_problem_upload_carries_its_token_in_the_form_and_has_its_own_size_limit() {
    let s = Server::new().await;
    s.add_user("admin", Role::Admin).await;
    s.add_user("alice", Role::Member).await;
    let mut admin = s.logged_in("admin").await;
    admin.get("/admin/problems").await.expect_status(StatusCode::OK);
    let token = admin.token.clone().expect("token");
    // Larger than the ordinary limit, within the upload's: the token is
    // found and the upload reaches its handler (which refuses the bytes as
    // a zip, with a 4xx of its own).
    let big = oaj_server::BODY_LIMIT_BYTES + 1024;
    // (token, size, refused as)
    let cases: &[(Option<&str>, usize, Option<StatusCode>)] = &[
        (None, 10, Some(StatusCode::FORBIDDEN)),
        (Some("0000"), 10, Some(StatusCode::FORBIDDEN)),
        (Some(token.as_str()), big, None),
        (Some(token.as_str()), 33 * 1024 * 1024, Some(StatusCode::PAYLOAD_TOO_LARGE)),
    ];
    for &(token, size, refused) in cases {
        let reply = admin.send(upload_request(token, size)).await;
        match refused {
            Some(status) => assert_eq!(reply.status, status, "{token:?} {size}: {}", reply.body),
            None => {
                assert!(reply.status.is_client_error(), "{size}: {}", reply.body);
                assert!(
                    ![StatusCode::FORBIDDEN, StatusCode::PAYLOAD_TOO_LARGE].contains(&reply.status),
                    "{size}: {} {}",
                    reply.status,
                    reply.body
                );
            }
        }
    }
    // A member with a valid token of their own is refused by the role.
    let mut alice = s.logged_in("alice").await;
    let token = alice.token.clone().expect("token");
    assert_eq!(alice.send(upload_request(Some(&token), 10)).await.status, StatusCode::FORBIDDEN);
}

// Authentication, ownership and CSRF: the same on either store.
on_both_backends!(
    login_outcomes,
    without_a_session_pages_go_to_login_and_the_api_answers_401,
    logout_ends_the_session,
    sessions_expire_when_idle_and_at_their_lifetime,
    a_disabled_users_sessions_stop_at_once,
    state_changing_requests_need_the_sessions_csrf_token,
    a_multipart_form_carries_its_token_as_a_field,
    another_members_attempt_job_and_draft_are_not_found,
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    logging_in_again_ends_the_browsers_previous_session,
);
