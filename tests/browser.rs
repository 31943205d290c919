//! The timed OA in a real browser: headless Chromium, driven through
//! chromedriver, against the real `oaj serve`. A user starts an OA, types a
//! solution with Tab indentation into the plain editor, runs the samples,
//! submits, reloads (the draft and the deadline survive), finishes, explains
//! the approach and reads the report. Screenshots of every page are kept
//! under `target/browser-screenshots/`. The same walk runs again on a server
//! with accounts, after logging in through the form.

mod support;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use support::chromium::{self, eventually, free_port, screenshot, text_of, Driver};
use support::TestDir;

/// WebDriver key codes.
const TAB: &str = "\u{e004}";
const ENTER: &str = "\u{e007}";
/// Shift+Tab: a modifier holds only within one send, so both go together,
/// then NULL releases Shift.
const SHIFT_TAB: &str = "\u{e008}\u{e004}\u{e000}";

/// The solution as the user types it: Tab indents, Enter keeps the
/// indentation, Shift+Tab dedents.
const TYPED: &[&str] = &[
    "import sys",
    ENTER,
    "def main():",
    ENTER,
    TAB,
    "a, b = map(int, sys.stdin.read().split())",
    ENTER,
    "print(a + b)",
    ENTER,
    SHIFT_TAB,
    "main()",
];

/// What the textarea holds after typing `TYPED`.
const EXPECTED_CODE: &str =
    "import sys\ndef main():\n    a, b = map(int, sys.stdin.read().split())\n    print(a + b)\nmain()";

/// A bank of two problems that the same program solves, so whichever the
/// OA draws first, the typed solution is right.
fn write_bank(dir: &TestDir) {
    for (slug, difficulty) in [("pair-total", "medium"), ("pair-total-again", "hard")] {
        let toml = format!(
            "title = \"{slug}\"\ndifficulty = \"{difficulty}\"\nkind = \"stdio\"\ntime_limit_ms = 1000\n\
             memory_limit_mb = 256\ntopics = [\"math\"]\nminutes = 10\n"
        );
        let statement =
            "Read two integers `a` and `b` and print their sum.\n\n## Constraints\n\n- `|a|, |b| <= 10^9`\n";
        let mut files: Vec<(String, Vec<u8>)> = vec![
            (format!("problems/{slug}/problem.toml"), toml.into_bytes()),
            (format!("problems/{slug}/statement.md"), statement.as_bytes().to_vec()),
            (format!("problems/{slug}/tests/sample/1.in"), b"1 2\n".to_vec()),
            (format!("problems/{slug}/tests/sample/1.ans"), b"3\n".to_vec()),
        ];
        for (stem, a, b) in [("1", 2i64, 2i64), ("2", -5, 5), ("3", 1_000_000_000, 1_000_000_000)] {
            files.push((format!("problems/{slug}/tests/hidden/{stem}.in"), format!("{a} {b}\n").into_bytes()));
            files.push((format!("problems/{slug}/tests/hidden/{stem}.ans"), format!("{}\n", a + b).into_bytes()));
        }
        let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (p.as_str(), c.as_slice())).collect();
        dir.write(&borrowed);
    }
}

/// Waits until the element's text contains any of `words`; returns the text.
/// On a timeout it says what the element showed last.
async fn wait_for_text(client: &Client, css: &str, words: &[&str], seconds: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let text = text_of(client, css).await;
        if words.iter().any(|w| text.contains(w)) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {seconds} s waiting for {css} to show one of {words:?}; it shows {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn clock(client: &Client, base: &str, attempt: &str) -> serde_json::Value {
    client.goto(&format!("{base}/api/oa/{attempt}/clock")).await.expect("clock");
    let body = text_of(client, "body").await;
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("clock is not JSON ({e}): {body}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_oa_in_a_real_browser() {
    in_a_real_browser(false).await;
}

/// The same OA on a server with accounts: log in through the form first
/// (the page's script must send the session's CSRF token with every call),
/// and log out at the end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_oa_in_a_real_browser_with_accounts() {
    in_a_real_browser(true).await;
}

const PASSWORD: &str = "browser test password";

async fn in_a_real_browser(accounts: bool) {
    let Some((browser_bin, driver_bin)) = chromium::find() else { return };
    support::require_toolchain!("python");
    let dir = TestDir::new();
    write_bank(&dir);
    let mut args = vec!["--data", "data", "--problems-dir", "problems"];
    if accounts {
        let add =
            dir.oaj().args(["user", "add", "alice", "--data", "data"]).write_stdin(format!("{PASSWORD}\n")).output();
        assert!(add.expect("oaj user add runs").status.success());
        args.push("--accounts");
    }

    let server_port = free_port();
    let _server = chromium::serve(&dir, server_port, &args);
    let mut driver = Driver::start(&browser_bin, &driver_bin);
    let client = driver.session().await;
    let base = format!("http://127.0.0.1:{server_port}");

    if accounts {
        log_in(&client, &base).await;
    }
    walk_through_an_oa(&client, &base).await;
    if accounts {
        log_out(&client, &base).await;
    }
    let _ = client.close().await;
}

async fn log_in(client: &Client, base: &str) {
    client.goto(base).await.expect("home page");
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), "/login", "not logged in: sent to the login page");
    screenshot(client, "00-login").await;
    client.find(Locator::Css("#name")).await.expect("name field").send_keys("alice").await.expect("type");
    client.find(Locator::Css("#password")).await.expect("password field").send_keys(PASSWORD).await.expect("type");
    client.find(Locator::Css("#login-form button")).await.expect("login button").click().await.expect("log in");
    let who = wait_for_text(client, ".topbar .who", &["alice"], 20).await;
    assert_eq!(who, "alice");
}

async fn log_out(client: &Client, base: &str) {
    client.goto(base).await.expect("home page");
    client.find(Locator::Css("form.logout button")).await.expect("logout button").click().await.expect("log out");
    eventually(20, "the login page after logging out", || async {
        let url = client.current_url().await.ok()?;
        (url.path() == "/login").then_some(())
    })
    .await;
    client.goto(&format!("{base}/api/jobs/1")).await.expect("api");
    let body = text_of(client, "body").await;
    assert!(body.contains("log in first"), "{body}");
}

async fn walk_through_an_oa(client: &Client, base: &str) {
    // Home: start an OA with the default settings.
    client.goto(base).await.expect("home page");
    screenshot(client, "01-home").await;
    client.find(Locator::Css("#start-form")).await.expect("the start form");
    client.find(Locator::Css("#start")).await.expect("the start button").click().await.expect("start");

    // The editor page of problem 1.
    let editor =
        eventually(30, "the editor", || async { client.find(Locator::Css("textarea#editor")).await.ok() }).await;
    let url = client.current_url().await.expect("url").to_string();
    let attempt = url.split("/oa/").nth(1).and_then(|rest| rest.split('/').next()).expect("/oa/{id}/1 url").to_string();
    for (attribute, wanted) in
        [("autocomplete", "off"), ("autocorrect", "off"), ("autocapitalize", "off"), ("spellcheck", "false")]
    {
        let got = editor.attr(attribute).await.expect("attribute");
        assert_eq!(got.as_deref(), Some(wanted), "textarea#editor {attribute}");
    }
    let countdown = wait_for_text(client, "#countdown", &[":"], 10).await;
    assert!(countdown == "90:00" || countdown.starts_with("89:"), "countdown: {countdown}");
    client.find(Locator::Css("#line-numbers")).await.expect("a line-number gutter");
    screenshot(client, "02-editor").await;

    // Python, then type the solution with Tab indentation.
    client
        .find(Locator::Css("#language"))
        .await
        .expect("language select")
        .select_by_value("python")
        .await
        .expect("choose Python");
    let editor = client.find(Locator::Css("textarea#editor")).await.expect("editor");
    editor.clear().await.expect("clear the starter code");
    for keys in TYPED {
        editor.send_keys(keys).await.expect("type");
    }
    let typed = editor.prop("value").await.expect("value").unwrap_or_default();
    assert_eq!(typed, EXPECTED_CODE, "what the editor holds after typing with Tab, Enter and Shift+Tab");

    // Run on the samples.
    client.find(Locator::Css("#run-samples")).await.expect("run button").click().await.expect("run");
    let result = wait_for_text(client, "#result", &["AC", "Accepted", "WA", "CE", "RE", "error"], 90).await;
    assert!(result.contains("AC") || result.contains("Accepted"), "sample run: {result}");
    screenshot(client, "03-run-samples").await;

    // Submit on the hidden cases: the count passed, no data.
    client.find(Locator::Css("#submit")).await.expect("submit button").click().await.expect("submit");
    let result = wait_for_text(client, "#result", &["3 / 3", "passed"], 90).await;
    assert!(result.contains("3 / 3"), "submission: {result}");
    assert!(!result.contains("1000000000"), "hidden data must not be shown during the OA: {result}");
    screenshot(client, "04-submitted").await;

    // The draft is saved on the server; a reload keeps it and the deadline.
    wait_for_text(client, "#save-status", &["Saved"], 30).await;
    let before = clock(client, base, &attempt).await;
    client.goto(&url).await.expect("reload the editor");
    let editor = eventually(30, "the editor after a reload", || async {
        client.find(Locator::Css("textarea#editor")).await.ok()
    })
    .await;
    let restored = editor.prop("value").await.expect("value").unwrap_or_default();
    assert_eq!(restored, EXPECTED_CODE, "the draft after a reload");
    let after = clock(client, base, &attempt).await;
    assert_eq!(before["deadline_ms"], after["deadline_ms"], "a reload must not move the deadline");
    assert!(before["deadline_ms"].as_i64().is_some(), "clock: {before}");

    // Finish early, explain the approach, read the report.
    client.goto(&url).await.expect("back to the editor");
    eventually(30, "the finish button", || async { client.find(Locator::Css("#finish")).await.ok() })
        .await
        .click()
        .await
        .expect("finish");
    // The page may ask to confirm finishing early.
    let _ = client.accept_alert().await;
    let form =
        eventually(30, "the explain form", || async { client.find(Locator::Css("#explain-form")).await.ok() }).await;
    screenshot(client, "05-explain").await;
    for n in [1, 2] {
        for (field, text) in [
            ("approach", "Read both numbers and add them; 64-bit integers avoid overflow."),
            ("time", "O(1)"),
            ("space", "O(1)"),
        ] {
            let css = format!("#{field}-{n}");
            form.find(Locator::Css(&css))
                .await
                .unwrap_or_else(|_| panic!("{css}"))
                .send_keys(text)
                .await
                .expect("type");
        }
    }
    client.find(Locator::Css("#save-explanations")).await.expect("save button").click().await.expect("save");

    // The work-style assessment is offered next: take it, watch its clock
    // run, answer the first page and finish early.
    eventually(30, "the work-style offer", || async { client.find(Locator::Css("#ws-take")).await.ok() })
        .await
        .click()
        .await
        .expect("take the assessment");
    let first = wait_for_text(client, "#ws-clock", &["15:00", "14:5"], 30).await;
    eventually(10, "the work-style clock to count down", || async {
        let now = text_of(client, "#ws-clock").await;
        (now != first && now.starts_with("14:")).then_some(now)
    })
    .await;
    screenshot(client, "06-workstyle").await;
    for fieldset in client.find_all(Locator::Css("fieldset.ws-item")).await.expect("items") {
        let options = fieldset.find_all(Locator::Css("input[type=radio]")).await.expect("options");
        options.first().expect("an option").clone().click().await.expect("answer");
    }
    // Each answer is saved as it is given: after a reload all six are still checked.
    wait_for_text(client, "#ws-status", &["Saved (6 of 36 answered)"], 30).await;
    client.refresh().await.expect("reload");
    let checked = eventually(30, "the answers after a reload", || async {
        let checked = client.find_all(Locator::Css("#ws-form input[type=radio]:checked")).await.ok()?;
        (!checked.is_empty()).then_some(checked.len())
    })
    .await;
    assert_eq!(checked, 6, "the six answers survive a reload");
    client.find(Locator::Css("#ws-finish")).await.expect("finish button").click().await.expect("finish");
    // Most items are unanswered, so the page asks first.
    let _ = client.accept_alert().await;
    let profile = wait_for_text(client, "#ws-profile", &["Customer Obsession"], 30).await;
    assert!(profile.contains("pulled this down"), "the first options lean against some principles: {profile}");
    screenshot(client, "07-workstyle-result").await;
    client.find(Locator::LinkText("OA report")).await.expect("link to the report").click().await.expect("report");
    let report = wait_for_text(client, "#report", &["64-bit integers avoid overflow"], 30).await;
    assert!(report.contains("See the work-style profile"), "the report links the profile: {report}");
    let scores: Vec<String> = {
        let mut scores = Vec::new();
        for element in client.find_all(Locator::Css(".problem-report .score")).await.expect("scores") {
            scores.push(element.text().await.unwrap_or_default());
        }
        scores
    };
    assert_eq!(scores.len(), 2, "two problems in the report: {report}");
    // The submitted problem has full marks; the other was never written
    // (its starter draft is judged at the end, and fails).
    assert!(scores.iter().any(|s| s.contains("3 / 3")), "scores {scores:?}\n{report}");
    screenshot(client, "08-report").await;
}
