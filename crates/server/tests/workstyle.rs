//! The work-style assessment through `app(state)` and `oneshot`: practice
//! sittings, answers, the deadline, the result page, the section after an
//! OA (take or skip) and another user's sitting. No program is run, so no
//! toolchain is needed.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use oaj_oa::workstyle::{ShownForm, SittingStatus, Workstyle, DEFAULT_ITEMS};
use oaj_oa::{Engine, EngineConfig, FakeClock, Role, LOCAL_USER};
use oaj_server::AppState;
use support::{EngineBuilder, Problem, Reply};

struct Harness {
    _dir: tempfile::TempDir,
    engine: Engine,
    clock: Arc<FakeClock>,
    /// A second member, for "another user's sitting".
    stranger: i64,
}

impl Harness {
    async fn new() -> Harness {
        let t = EngineBuilder::new()
            .config(EngineConfig { judge_slots: 1, queue_capacity: 4, background: false })
            .problem(Problem::add("add"))
            .build()
            .await;
        let stranger = support::account(&t.engine, "stranger", Role::Member).await.id;
        Harness { _dir: t.dir, engine: t.engine, clock: t.clock, stranger }
    }

    async fn send_as(&self, state: AppState, request: Request<Body>) -> Reply {
        support::send_as(state, request).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.get_as(AppState::new(self.engine.clone()), path).await
    }

    async fn get_as(&self, state: AppState, path: &str) -> Reply {
        self.send_as(state, support::get(path)).await
    }

    async fn post(&self, path: &str, form: &str) -> Reply {
        self.post_as(AppState::new(self.engine.clone()), path, form).await
    }

    async fn post_as(&self, state: AppState, path: &str, form: &str) -> Reply {
        self.send_as(state, support::form(path, form)).await
    }

    fn ws(&self) -> Workstyle {
        Workstyle::bundled(self.engine.clone()).expect("bundled item file")
    }

    /// Starts a practice sitting through the form; returns its id.
    async fn start_practice(&self, minutes: &str) -> i64 {
        let reply = self.post("/workstyle", &format!("minutes={minutes}")).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        reply.location().strip_prefix("/workstyle/").expect("/workstyle/{id}").parse().expect("sitting id")
    }

    /// A timed OA whose coding part is over; returns its id.
    async fn ended_oa(&self) -> i64 {
        let reply = self.post("/oa", "minutes=90&problems=add").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let id: i64 = reply.location().trim_start_matches("/oa/").trim_end_matches("/1").parse().expect("attempt id");
        self.post(&format!("/oa/{id}/finish"), "").await.redirect_to(&format!("/oa/{id}/explain"));
        id
    }

    /// The form fields answering items `from..=to` of a sitting: Likert 4,
    /// forced choice "strongly the first".
    async fn answers(&self, sitting: i64, from: usize, to: usize) -> String {
        let view = self.ws().sitting(LOCAL_USER, sitting).await.expect("sitting");
        view.items[from - 1..to]
            .iter()
            .map(|item| match item.form {
                ShownForm::Likert { .. } => format!("a-{}=4", item.position),
                ShownForm::Choice { .. } => format!("a-{}=first-strong", item.position),
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// No page may carry inline style or script: the CSP forbids both.
fn assert_csp_clean(reply: &Reply) {
    assert!(!reply.body.contains(" style="), "inline style in {}", reply.body);
    assert!(!reply.body.contains("<script>"), "inline script in {}", reply.body);
}

#[tokio::test]
async fn a_practice_sitting_from_start_to_result() {
    let h = Harness::new().await;
    let home = h.get("/workstyle").await;
    assert_eq!(home.status, StatusCode::OK);
    home.assert_contains(&[
        "action=\"/workstyle\"",
        "name=\"minutes\"",
        "value=\"15\"",
        "Have Backbone; Disagree and Commit",
    ]);
    assert_csp_clean(&home);

    let id = h.start_practice("15").await;
    let page = h.get(&format!("/workstyle/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains(&[
        "id=\"ws-clock\"",
        "data-remaining-ms=\"900000\"",
        "15:00",
        "Page 1 of 6",
        "name=\"a-1\"",
        "name=\"a-6\"",
        "src=\"/static/workstyle.js\"",
        &format!("action=\"/workstyle/{id}/answers\""),
    ]);
    assert!(!page.body.contains("name=\"a-7\""), "six items per page");
    assert_csp_clean(&page);

    // Page 1, then "next": saved, and shown as checked when coming back.
    let form = format!("page=1&go=next&{}", h.answers(id, 1, 6).await);
    h.post(&format!("/workstyle/{id}/answers"), &form).await.redirect_to(&format!("/workstyle/{id}?page=2"));
    let view = h.ws().sitting(LOCAL_USER, id).await.expect("sitting");
    assert_eq!(view.answered(), 6);
    let again = h.get(&format!("/workstyle/{id}?page=1")).await;
    assert_eq!(again.body.matches("checked").count(), 6, "{}", again.body);
    let page2 = h.get(&format!("/workstyle/{id}?page=2")).await;
    page2.assert_contains(&["Page 2 of 6", "name=\"a-7\"", "6 of 36 answered"]);

    // A bad answer is a 400 that names it, and loses nothing.
    let bad = h.post(&format!("/workstyle/{id}/answers"), "page=2&a-7=maybe&go=next").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    bad.assert_contains(&["&quot;maybe&quot; is not an answer to item 7"]);
    let bad = h.post(&format!("/workstyle/{id}/answers"), "page=2&a-99=3").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    bad.assert_contains(&["there is no item"]);

    // The rest, then "finish" from the last page.
    let form = format!("page=6&go=finish&{}", h.answers(id, 7, DEFAULT_ITEMS).await);
    h.clock.advance(8 * 60_000 + 5_000);
    h.post(&format!("/workstyle/{id}/answers"), &form).await.redirect_to(&format!("/workstyle/{id}/result"));
    // An ended sitting's page leads to its result.
    h.get(&format!("/workstyle/{id}")).await.redirect_to(&format!("/workstyle/{id}/result"));

    let result = h.get(&format!("/workstyle/{id}/result")).await;
    assert_eq!(result.status, StatusCode::OK, "{}", result.body);
    result.assert_contains(&[
        "Work-style profile",
        "time taken 8 min 5 s of 15 min",
        "36 of 36 items answered",
        "consistency",
        "<meter",
        "pulled this down",
        "Customer Obsession",
        "Success and Scale Bring Broad Responsibility",
    ]);
    assert_eq!(result.body.matches("<meter").count(), 16, "a bar per principle");
    assert_csp_clean(&result);
    let stored = h.ws().sitting(LOCAL_USER, id).await.expect("sitting").result.expect("result");
    let consistency = stored.consistency.score.expect("pairs answered");
    result.assert_contains(&[&format!("{consistency}%")]);

    // Listed on the home page and on /workstyle.
    for path in ["/", "/workstyle"] {
        let page = h.get(path).await;
        page.assert_contains(&["Work-style assessments", &format!("/workstyle/{id}/result")]);
    }
}

#[tokio::test]
async fn the_time_limit_is_checked() {
    let h = Harness::new().await;
    for (minutes, expected) in
        [("25", "10 to 20 minutes; 25 was asked"), ("9", "10 to 20 minutes"), ("ten", "not \"ten\"")]
    {
        let reply = h.post("/workstyle", &format!("minutes={minutes}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{minutes}");
        reply.assert_contains(&[&expected.replace('"', "&quot;")]);
    }
    let id = h.start_practice("20").await;
    h.get(&format!("/workstyle/{id}")).await.assert_contains(&["20:00"]);
    // The result of an open sitting is not there yet: back to its items.
    h.get(&format!("/workstyle/{id}/result")).await.redirect_to(&format!("/workstyle/{id}"));
}

#[tokio::test]
async fn at_the_deadline_the_sitting_ends_and_late_answers_are_not_kept() {
    let h = Harness::new().await;
    let id = h.start_practice("10").await;
    let first = h.answers(id, 1, 2).await;
    h.post(&format!("/workstyle/{id}/answers"), &format!("page=1&{first}"))
        .await
        .redirect_to(&format!("/workstyle/{id}?page=1"));
    h.clock.advance(10 * 60_000);
    let late = h.answers(id, 3, 6).await;
    h.post(&format!("/workstyle/{id}/answers"), &format!("page=1&go=next&{late}"))
        .await
        .redirect_to(&format!("/workstyle/{id}/result"));
    h.get(&format!("/workstyle/{id}")).await.redirect_to(&format!("/workstyle/{id}/result"));
    let result = h.get(&format!("/workstyle/{id}/result")).await;
    result.assert_contains(&[
        "ended at the deadline",
        "2 of 36 items answered",
        "34 unanswered",
        "time taken 10 min of 10 min",
    ]);
    let view = h.ws().sitting(LOCAL_USER, id).await.expect("sitting");
    assert_eq!((view.status, view.answered()), (SittingStatus::Finished, 2));
}

#[tokio::test]
async fn after_an_oa_the_assessment_is_offered_and_shown_in_the_report() {
    let h = Harness::new().await;
    let oa = h.ended_oa().await;
    // Saving the explanations leads to the offer.
    h.post(&format!("/oa/{oa}/explain"), "approach-1=sum&time-1=O(1)&space-1=O(1)")
        .await
        .redirect_to(&format!("/oa/{oa}/workstyle"));
    let offer = h.get(&format!("/oa/{oa}/workstyle")).await;
    assert_eq!(offer.status, StatusCode::OK, "{}", offer.body);
    offer.assert_contains(&[
        "Work-style assessment (15 min)",
        &format!("action=\"/oa/{oa}/workstyle\""),
        &format!("action=\"/oa/{oa}/workstyle/skip\""),
        "Skip",
    ]);
    assert_csp_clean(&offer);
    // Not taken yet: the report says so and links to it.
    h.get(&format!("/oa/{oa}/report")).await.assert_contains(&["Not taken.", &format!("href=\"/oa/{oa}/workstyle\"")]);

    let start = h.post(&format!("/oa/{oa}/workstyle"), "minutes=15").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let sitting: i64 = start.location().trim_start_matches("/workstyle/").parse().expect("sitting id");
    h.get(&format!("/workstyle/{sitting}")).await.assert_contains(&[&format!("after OA #{oa}")]);
    // A second start (a reload, a second click) resumes the same sitting.
    h.post(&format!("/oa/{oa}/workstyle"), "minutes=15").await.redirect_to(&format!("/workstyle/{sitting}"));
    h.get(&format!("/oa/{oa}/workstyle")).await.redirect_to(&format!("/workstyle/{sitting}"));
    h.get(&format!("/oa/{oa}/report"))
        .await
        .assert_contains(&["In progress.", &format!("href=\"/workstyle/{sitting}\"")]);

    let form = format!("page=1&{}", h.answers(sitting, 1, 6).await);
    h.post(&format!("/workstyle/{sitting}/answers"), &form).await;
    h.post(&format!("/workstyle/{sitting}/finish"), "").await.redirect_to(&format!("/workstyle/{sitting}/result"));
    h.get(&format!("/oa/{oa}/workstyle")).await.redirect_to(&format!("/workstyle/{sitting}/result"));
    let report = h.get(&format!("/oa/{oa}/report")).await;
    report.assert_contains(&["6 of 36 answered", &format!("href=\"/workstyle/{sitting}/result\"")]);
    h.get(&format!("/workstyle/{sitting}/result")).await.assert_contains(&[&format!("href=\"/oa/{oa}/report\"")]);
    // The history on the home page links the sitting to its OA.
    h.get("/").await.assert_contains(&[&format!("OA #{oa}"), &format!("/workstyle/{sitting}/result")]);
    // Editing the explanations later goes straight to the report.
    h.post(&format!("/oa/{oa}/explain"), "approach-1=better").await.redirect_to(&format!("/oa/{oa}/report"));
}

#[tokio::test]
async fn the_assessment_can_be_skipped_and_taken_later() {
    let h = Harness::new().await;
    let oa = h.ended_oa().await;
    h.post(&format!("/oa/{oa}/explain"), "approach-1=x").await.redirect_to(&format!("/oa/{oa}/workstyle"));
    h.post(&format!("/oa/{oa}/workstyle/skip"), "").await.redirect_to(&format!("/oa/{oa}/report"));
    h.get(&format!("/oa/{oa}/report")).await.assert_contains(&["Skipped.", "Take the work-style assessment"]);
    h.post(&format!("/oa/{oa}/explain"), "approach-1=y").await.redirect_to(&format!("/oa/{oa}/report"));
    h.get(&format!("/oa/{oa}/workstyle")).await.assert_contains(&["You skipped it earlier", "Back to the report"]);
    let start = h.post(&format!("/oa/{oa}/workstyle"), "").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    assert!(start.location().starts_with("/workstyle/"), "{}", start.location());
}

#[tokio::test]
async fn no_assessment_during_coding_or_after_practice() {
    let h = Harness::new().await;
    let reply = h.post("/oa", "minutes=90&problems=add").await;
    let oa: i64 = reply.location().trim_start_matches("/oa/").trim_end_matches("/1").parse().expect("attempt id");
    // While coding, the offer page sends the user back to the OA, and a start is refused.
    h.get(&format!("/oa/{oa}/workstyle")).await.redirect_to(&format!("/oa/{oa}"));
    let refused = h.post(&format!("/oa/{oa}/workstyle"), "").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains(&["finish the OA first"]);
    // A practice attempt has no work-style section.
    let practice = h.get("/practice/add").await;
    let id: i64 = practice.location().trim_start_matches("/oa/").trim_end_matches("/1").parse().expect("attempt id");
    h.post(&format!("/oa/{id}/finish"), "").await;
    assert_eq!(h.get(&format!("/oa/{id}/workstyle")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(h.post(&format!("/oa/{id}/workstyle"), "").await.status, StatusCode::BAD_REQUEST);
    let report = h.get(&format!("/oa/{id}/report")).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(!report.body.contains("workstyle-section"), "no section in a practice report");
}

#[tokio::test]
async fn another_users_sitting_is_not_found() {
    let h = Harness::new().await;
    let id = h.start_practice("15").await;
    let oa = h.ended_oa().await;
    let stranger = || AppState::for_user(h.engine.clone(), h.stranger);
    for path in [format!("/workstyle/{id}"), format!("/workstyle/{id}/result"), format!("/oa/{oa}/workstyle")] {
        let reply = h.get_as(stranger(), &path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}: {}", reply.body);
    }
    for (path, form) in [
        (format!("/workstyle/{id}/answers"), "page=1&a-1=3".to_string()),
        (format!("/workstyle/{id}/finish"), String::new()),
        (format!("/oa/{oa}/workstyle"), String::new()),
        (format!("/oa/{oa}/workstyle/skip"), String::new()),
    ] {
        let reply = h.post_as(stranger(), &path, &form).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}: {}", reply.body);
    }
    // Nothing of the owner's leaked or changed.
    let view = h.ws().sitting(LOCAL_USER, id).await.expect("sitting");
    assert_eq!((view.status, view.answered()), (SittingStatus::Open, 0));
    let list = h.get_as(stranger(), "/workstyle").await;
    assert!(!list.body.contains(&format!("/workstyle/{id}")), "{}", list.body);
}

#[tokio::test]
async fn the_script_saves_each_answer_through_the_api() {
    let h = Harness::new().await;
    let id = h.start_practice("15").await;
    let view = h.ws().sitting(LOCAL_USER, id).await.expect("sitting");
    let likert = view.items.iter().find(|i| matches!(i.form, ShownForm::Likert { .. })).expect("a Likert item");
    let choice = view.items.iter().find(|i| matches!(i.form, ShownForm::Choice { .. })).expect("a forced choice");
    let post = |state: AppState, origin: &'static str, body: serde_json::Value| {
        let request = Request::post(format!("/api/workstyle/{id}/answer"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", origin)
            .body(Body::from(body.to_string()))
            .expect("request");
        h.send_as(state, request)
    };
    let me = || AppState::new(h.engine.clone());
    // (body, status, what the reply says)
    let cases = [
        (serde_json::json!({ "position": likert.position, "answer": "2" }), StatusCode::OK, "\"answered\":1"),
        (
            serde_json::json!({ "position": choice.position, "answer": "second-somewhat" }),
            StatusCode::OK,
            "\"answered\":2",
        ),
        // Changing an answer does not count it twice.
        (serde_json::json!({ "position": likert.position, "answer": "5" }), StatusCode::OK, "\"answered\":2"),
        (
            serde_json::json!({ "position": likert.position, "answer": "first-strong" }),
            StatusCode::BAD_REQUEST,
            "is not an answer",
        ),
        (
            serde_json::json!({ "position": choice.position, "answer": "3" }),
            StatusCode::BAD_REQUEST,
            "is not an answer",
        ),
        (serde_json::json!({ "position": 99, "answer": "3" }), StatusCode::BAD_REQUEST, "there is no item 99"),
        (serde_json::json!({ "position": 1 }), StatusCode::UNPROCESSABLE_ENTITY, "missing field"),
    ];
    for (body, status, says) in cases {
        let reply = post(me(), "same-origin", body.clone()).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        reply.assert_contains(&[says]);
    }
    let view = h.ws().sitting(LOCAL_USER, id).await.expect("sitting");
    let saved: Vec<_> = view.items.iter().filter_map(|i| i.answer.map(|a| (i.position, a))).collect();
    assert_eq!(saved.len(), 2, "{saved:?}");
    assert!(saved.contains(&(likert.position, oaj_oa::workstyle::ShownAnswer::Likert { value: 5 })), "{saved:?}");
    // Another site, another user, an ended sitting.
    let body = serde_json::json!({ "position": likert.position, "answer": "1" });
    assert_eq!(post(me(), "cross-site", body.clone()).await.status, StatusCode::FORBIDDEN);
    let stranger = AppState::for_user(h.engine.clone(), h.stranger);
    let reply = post(stranger, "same-origin", body.clone()).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
    reply.assert_contains(&["\"error\""]);
    h.clock.advance(15 * 60_000);
    let reply = post(me(), "same-origin", body).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    reply.assert_contains(&["has ended"]);
}

#[tokio::test]
async fn the_clock_script_is_served() {
    let h = Harness::new().await;
    let reply = h.get("/static/workstyle.js").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/javascript")));
    reply.assert_contains(&["data-remaining-ms", "ws-clock", "/api/workstyle/", "X-CSRF-Token"]);
}
