//! Group OAs, leaderboards, history and the admin page through `app(state)`
//! and `oneshot`, with several members (one app per account) on one engine,
//! a fake clock and a tiny bank of Python stdio problems.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use oaj_oa::{Account, Engine, EngineConfig, FakeClock, Role, LOCAL_USER};
use oaj_server::AppState;
use serde_json::{json, Value};
use support::{python_available, EngineBuilder, Problem, Reply, CORRECT, HOUR, MIN, T0, WRONG};

struct Harness {
    _dir: tempfile::TempDir,
    engine: Engine,
    clock: Arc<FakeClock>,
    admin: Account,
}

/// `2023-11-14T23:13` for T0 + 1 h: what a datetime-local input sends.
fn form_time(ms: i64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}", rem / 3600, (rem % 3600) / 60, rem % 60)
}

impl Harness {
    async fn new() -> Harness {
        let mut builder =
            EngineBuilder::new().config(EngineConfig { judge_slots: 2, queue_capacity: 16, background: false });
        for (slug, difficulty) in [("add-m", "medium"), ("add-h", "hard")] {
            builder = builder.problem(
                Problem::add_three(slug).title(&format!("Add ({slug})")).difficulty(difficulty).topics(&["math"]),
            );
        }
        let t = builder.build().await;
        let admin = support::account(&t.engine, "root", Role::Admin).await;
        Harness { _dir: t.dir, engine: t.engine, clock: t.clock, admin }
    }

    async fn member(&self, name: &str) -> Account {
        support::account(&self.engine, name, Role::Member).await
    }

    fn state(&self, who: &Account) -> AppState {
        AppState::for_account(self.engine.clone(), who.clone())
    }

    async fn send(&self, who: &Account, request: Request<Body>) -> Reply {
        support::send_as(self.state(who), request).await
    }

    async fn get(&self, who: &Account, path: &str) -> Reply {
        self.send(who, support::get(path)).await
    }

    async fn post_form(&self, who: &Account, path: &str, form: &str) -> Reply {
        self.send(who, support::form(path, form)).await
    }

    async fn post_json(&self, who: &Account, path: &str, body: &Value) -> Reply {
        self.send(who, support::json(path, body)).await
    }

    /// Schedules through the admin form; returns the group OA's id.
    async fn schedule(&self, problems: &str, opens: i64, closes: i64, minutes: u32) -> i64 {
        let form = format!(
            "title=Week+1&opens={}&closes={}&minutes={minutes}&difficulties=medium&{problems}",
            form_time(opens),
            form_time(closes)
        );
        let reply = self.post_form(&self.admin, "/admin/groups", &form).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        reply.location().strip_prefix("/groups/").expect("/groups/{id}").parse().expect("group id")
    }

    /// Starts a member's attempt through the Start button; returns its id.
    async fn start(&self, who: &Account, group: i64) -> i64 {
        let reply = self.post_form(who, &format!("/groups/{group}/start"), "").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}: {}", who.name, reply.body);
        let id = reply.location().strip_prefix("/oa/").and_then(|r| r.strip_suffix("/1")).expect("/oa/{id}/1");
        id.parse().expect("attempt id")
    }

    async fn submit_and_wait(&self, who: &Account, attempt: i64, code: &str) {
        let body = json!({ "language": "python", "code": code });
        let reply = self.post_json(who, &format!("/api/oa/{attempt}/1/submit"), &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let job = reply.json()["job"].as_i64().expect("job id");
        support::wait_job(&self.state(who), job).await;
    }
}

/// (rank, name) of each row of a rendered leaderboard, in order.
fn board_rows(html: &str) -> Vec<(usize, String)> {
    html.split("class=\"entry\" data-rank=\"")
        .skip(1)
        .map(|row| {
            let rank = row.split('"').next().expect("rank").parse().expect("a number");
            let name = row.split("<td>").nth(1).expect("name cell");
            let name = name.split(['<', ' ']).next().expect("name").to_string();
            (rank, name)
        })
        .collect()
}

/// The "Why here" cell of each row of a rendered leaderboard, in order.
fn board_whys(html: &str) -> Vec<String> {
    html.split("class=\"entry\" data-rank=\"")
        .skip(1)
        .map(|row| {
            let cell = row.split("<td class=\"muted small why\">").nth(1).expect("a why-here cell");
            cell.split("</td>").next().expect("cell end").to_string()
        })
        .collect()
}

async fn members_cannot_do_an_admins_work() {
    let h = Harness::new().await;
    let ada = h.member("ada").await;
    let group = h.schedule("problems=add-m", T0, T0 + HOUR, 30).await;
    let posts: &[(&str, &str)] = &[
        ("/admin/groups", "title=Mine&opens=2023-11-14T22:00&closes=2023-11-15T22:00&minutes=30&difficulties=medium"),
        (&format!("/admin/groups/{group}/reveal"), ""),
        (&format!("/admin/users/{}/disabled", h.admin.id), "disabled=1"),
    ];
    for (path, form) in posts {
        let reply = h.post_form(&ada, path, form).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}: {}", reply.body);
        reply.assert_contains(&["only an admin"]);
    }
    let page = h.get(&ada, "/admin").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_lacks(&["ada", "Judge queue"]);
    assert_eq!(h.engine.group_oas(&h.admin).await.expect("list").len(), 1, "nothing was scheduled by a member");
    // The member's view of a fixed OA does not name its problems.
    let list = h.get(&ada, "/groups").await;
    list.assert_contains(&["Week 1", "1 problem, the same for everyone"]);
    list.assert_lacks(&["add-m", "Schedule a group OA", "<a href=\"/admin\">Admin</a>"]);
    h.get(&h.admin, "/").await.assert_contains(&["<a href=\"/admin\">Admin</a>"]);

    // The admin page lists users and disables one, never oneself.
    let admin_page = h.get(&h.admin, "/admin").await;
    assert_eq!(admin_page.status, StatusCode::OK);
    admin_page.assert_contains(&["id=\"users\"", "ada", "id=\"schedule-form\"", "id=\"queue\"", "Nothing is waiting"]);
    // The built-in `local` account is explained and offers no Disable button.
    admin_page.assert_contains(&["local", "nobody can log in as it"]);
    admin_page.assert_lacks(&[&format!("action=\"/admin/users/{LOCAL_USER}/disabled\"")]);
    assert!(admin_page.body.contains(&format!("action=\"/admin/users/{}/disabled\"", ada.id)), "ada can be disabled");
    let reply = h.post_form(&h.admin, &format!("/admin/users/{}/disabled", ada.id), "disabled=1").await;
    assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/admin#users"));
    h.get(&h.admin, "/admin").await.assert_contains(&["disabled", "Enable"]);
    let reply = h.post_form(&h.admin, &format!("/admin/users/{}/disabled", h.admin.id), "disabled=1").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    reply.assert_contains(&["your own account"]);
    let reply = h.post_form(&h.admin, "/admin/users/999/disabled", "disabled=1").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = h.post_form(&h.admin, &format!("/admin/users/{}/disabled", ada.id), "disabled=maybe").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    // Bad scheduling forms are 400s that say what was wrong.
    let bad: &[(&str, &str)] = &[
        ("title=X&opens=soon&closes=2023-11-15T22:00&minutes=30&difficulties=medium", "must look like"),
        ("title=X&opens=2023-11-14T22:00&closes=2023-11-15T22:00&minutes=lots&difficulties=medium", "whole number"),
        ("title=X&opens=2023-11-14T22:00&closes=2023-11-15T22:00&minutes=30&difficulties=tricky", "unknown difficulty"),
        (
            "title=X&opens=2023-11-15T22:00&closes=2023-11-14T22:00&minutes=30&difficulties=medium",
            "close after it opens",
        ),
        ("title=X&opens=2023-11-14T22:00&closes=2023-11-15T22:00&minutes=30&problems=nope", "no problem `nope`"),
        ("title=&opens=2023-11-14T22:00&closes=2023-11-15T22:00&minutes=30&difficulties=medium", "title"),
    ];
    for (form, words) in bad {
        let reply = h.post_form(&h.admin, "/admin/groups", form).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{form}: {}", reply.body);
        reply.assert_contains(&[words]);
    }
}

#[tokio::test]
async fn the_window_rules_through_http() {
    let h = Harness::new().await;
    let (opens, closes) = (T0 + HOUR, T0 + 3 * HOUR);
    let group = h.schedule("problems=add-m&problems=add-h", opens, closes, 90).await;
    let (ada, bob, cy) = (h.member("ada").await, h.member("bob").await, h.member("cy").await);

    // The home page points a member to a group OA only while it is open and not yet started by them.
    let notice = format!("A group OA is open: <a href=\"/groups/{group}\">Week 1</a>");
    h.get(&ada, "/").await.assert_lacks(&[&notice]);
    h.clock.set(opens);
    h.get(&ada, "/").await.assert_contains(&[&notice]);
    h.clock.set(T0);

    // (who, when, expected status, words in the page)
    let cases: &[(&Account, i64, StatusCode, &str)] = &[
        (&ada, T0, StatusCode::CONFLICT, "opens in 1 h 0 min"),
        (&ada, opens, StatusCode::SEE_OTHER, ""),
        (&ada, opens + MIN, StatusCode::CONFLICT, "already started"),
        (&bob, closes - 30 * MIN, StatusCode::SEE_OTHER, ""),
    ];
    for (who, when, status, words) in cases {
        h.clock.set(*when);
        let reply = h.post_form(who, &format!("/groups/{group}/start"), "").await;
        assert_eq!(reply.status, *status, "{} at {when}: {}", who.name, reply.body);
        reply.assert_contains(&[words]);
    }
    assert_eq!(h.post_form(&ada, "/groups/999/start", "").await.status, StatusCode::NOT_FOUND);

    // Bob started 30 minutes before the close: his clock shows 30 minutes, not 90.
    let bob_attempt = h.engine.group_oa(&bob, group).await.expect("group").mine.expect("started").attempt_id;
    h.clock.set(closes - 30 * MIN);
    let clock = h.get(&bob, &format!("/api/oa/{bob_attempt}/clock")).await;
    let clock: Value = serde_json::from_str(&clock.body).expect("json");
    assert_eq!(clock["deadline_ms"], json!(closes), "{clock}");

    // The list offers what each member can do: Bob resumes, Ada (whose 90
    // minutes are over) explains, Cy may still start a minute before the close.
    let ada_attempt = h.engine.group_oa(&ada, group).await.expect("group").mine.expect("started").attempt_id;
    h.clock.set(closes - MIN);
    let page = h.get(&bob, "/groups").await;
    page.assert_contains(&["id=\"live\"", &format!("href=\"/oa/{bob_attempt}\""), "Resume"]);
    h.get(&ada, "/groups").await.assert_contains(&[&format!("href=\"/oa/{ada_attempt}/explain\"")]);
    let page = h.get(&cy, "/groups").await;
    page.assert_contains(&[&format!("action=\"/groups/{group}/start\""), "Start"]);
    h.get(&ada, "/").await.assert_lacks(&[&notice]);
    h.get(&cy, "/").await.assert_contains(&[&notice]);
    // At the close nobody may start any more.
    h.clock.set(closes);
    let late = h.post_form(&cy, &format!("/groups/{group}/start"), "").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    late.assert_contains(&["can no longer be started"]);
    h.get(&cy, "/groups").await.assert_contains(&["id=\"past\"", "not taken"]);
}

async fn another_members_group_attempt_is_not_found() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let group = h.schedule("problems=add-m", T0, T0 + HOUR, 30).await;
    let (ada, bob) = (h.member("ada").await, h.member("bob").await);
    let a = h.start(&ada, group).await;
    h.submit_and_wait(&ada, a, "# ada's secret approach\na, b = map(int, input().split())\nprint(a + b)\n").await;
    h.post_form(&ada, &format!("/oa/{a}/finish"), "").await;
    for path in [format!("/oa/{a}/report"), format!("/oa/{a}/1"), format!("/oa/{a}/explain"), format!("/oa/{a}")] {
        let reply = h.get(&bob, &path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        reply.assert_lacks(&["secret approach", "Add (add-m)"]);
    }
    let reply = h.post_form(&bob, &format!("/oa/{a}/finish"), "").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // The leaderboard shows Ada's score to Bob, without a link to her attempt.
    let board = h.get(&bob, &format!("/groups/{group}")).await;
    assert_eq!(board_rows(&board.body), [(1, "ada".to_string())]);
    board.assert_lacks(&[&format!("/oa/{a}/report"), "secret approach"]);
    h.get(&ada, &format!("/groups/{group}")).await.assert_contains(&[&format!("/oa/{a}/report")]);
    // The admin page shows her submission's verdict, never her code.
    let admin = h.get(&h.admin, "/admin").await;
    admin.assert_contains(&["ada", "add-m", "AC"]);
    admin.assert_lacks(&["secret approach"]);
}

#[tokio::test]
async fn the_leaderboard_ranks_by_score_then_time_used() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let group = h.schedule("problems=add-m", T0, T0 + 2 * HOUR, 60).await;
    // (name, code, minutes until Finish; None: still coding)
    let plan: &[(&str, &str, Option<i64>)] = &[
        ("ada", CORRECT, Some(30)),
        ("bob", CORRECT, Some(20)),
        ("cy", WRONG, Some(10)),
        ("dee", WRONG, Some(10)),
        ("eve", CORRECT, None),
    ];
    let mut started = Vec::new();
    for (name, code, _) in plan {
        let member = h.member(name).await;
        let attempt = h.start(&member, group).await;
        h.submit_and_wait(&member, attempt, code).await;
        started.push((member, attempt));
    }
    let mut finishes: Vec<(i64, usize)> =
        plan.iter().enumerate().filter_map(|(i, (_, _, m))| m.map(|m| (m, i))).collect();
    finishes.sort();
    for (minutes, i) in finishes {
        h.clock.set(T0 + minutes * MIN);
        let (member, attempt) = &started[i];
        let reply = h.post_form(member, &format!("/oa/{attempt}/finish"), "").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    }
    let board = h.get(&started[4].0, &format!("/groups/{group}")).await;
    assert_eq!(board.status, StatusCode::OK);
    let expected: Vec<(usize, String)> =
        [(1, "bob"), (2, "ada"), (3, "cy"), (3, "dee")].iter().map(|(r, n)| (*r, n.to_string())).collect();
    assert_eq!(board_rows(&board.body), expected);
    // Every row says why it is there, the first too.
    assert_eq!(
        board_whys(&board.body),
        [
            "same score as ada, less time used",
            "same score as bob, more time used",
            "lower score",
            "tied with cy: same score and time",
        ]
    );
    board.assert_contains(&["1 member(s) still taking it", "20 min"]);
    // One score format on every board: the percentage, not points beside it.
    let scores: Vec<&str> = board
        .body
        .split("class=\"entry\" data-rank=\"")
        .skip(1)
        .map(|row| row.split("<td class=\"num\">").nth(2).and_then(|c| c.split('<').next()).expect("score cell").trim())
        .collect();
    assert_eq!(scores, ["100%", "100%", "33%", "33%"]);
    board.assert_lacks(&[" / 1", "1.00", "0.33"]);

    // The overall board (ada and bob tie on solved, OAs and average; eve,
    // still coding, has solved as many but taken no OA) and each member's history.
    let overall = h.get(&h.admin, "/leaderboard").await;
    let rows = board_rows(&overall.body);
    assert_eq!(rows[0..2].iter().map(|(r, _)| *r).collect::<Vec<_>>(), [1, 1], "{rows:?}");
    assert_eq!(rows.len(), 5, "{rows:?}");
    let whys = board_whys(&overall.body);
    assert_eq!(whys[0..3], ["tied with bob", "tied with ada", "as many solved as bob, fewer OAs taken"], "{rows:?}");
    overall.assert_contains(&["Average score", "100%"]);
    let (ada, ada_attempt) = &started[0];
    let history = h.get(ada, "/history").await;
    history.assert_contains(&[&format!("href=\"/oa/{ada_attempt}/report\""), "Week 1", "100%"]);
}

#[tokio::test]
async fn hidden_cases_are_revealed_only_after_the_window_ends() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let closes = T0 + HOUR;
    let group = h.schedule("problems=add-m", T0, closes, 30).await;
    let ada = h.member("ada").await;
    let a = h.start(&ada, group).await;
    h.submit_and_wait(&ada, a, WRONG).await;
    h.post_form(&ada, &format!("/oa/{a}/finish"), "").await;

    // Ada has finished, but the window is open: no failing case is shown.
    let report = h.get(&ada, &format!("/oa/{a}/report")).await;
    assert_eq!(report.status, StatusCode::OK);
    report.assert_contains(&["id=\"cases-withheld\"", "1 / 3"]);
    report.assert_lacks(&["Failing hidden cases", "hidden/b", "10 20"]);
    h.get(&h.admin, &format!("/groups/{group}")).await.assert_lacks(&["id=\"reveal-form\""]);
    let early = h.post_form(&h.admin, &format!("/admin/groups/{group}/reveal"), "").await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    early.assert_contains(&["members may still be taking it"]);

    h.clock.set(closes);
    // Closed but not revealed yet: still hidden.
    h.get(&ada, &format!("/oa/{a}/report")).await.assert_lacks(&["hidden/b"]);
    assert_eq!(h.post_form(&ada, &format!("/admin/groups/{group}/reveal"), "").await.status, StatusCode::FORBIDDEN);
    h.get(&h.admin, &format!("/groups/{group}")).await.assert_contains(&["id=\"reveal-form\""]);
    let reveal = h.post_form(&h.admin, &format!("/admin/groups/{group}/reveal"), "").await;
    assert_eq!((reveal.status, reveal.location()), (StatusCode::SEE_OTHER, &*format!("/groups/{group}")));
    let report = h.get(&ada, &format!("/oa/{a}/report")).await;
    report.assert_contains(&["Failing hidden cases", "hidden/b", "10 20", "hidden/c"]);
    report.assert_lacks(&["id=\"cases-withheld\""]);
    h.get(&ada, &format!("/groups/{group}")).await.assert_contains(&["Hidden cases were revealed"]);
}

// Authentication, ownership and CSRF: the same on either store.
on_both_backends!(members_cannot_do_an_admins_work, another_members_group_attempt_is_not_found,);
