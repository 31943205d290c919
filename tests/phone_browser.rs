//! The phone-screen editor in a real browser: two headless Chromium
//! sessions (an interviewer and a candidate) against the real `oaj serve`.
//! The interviewer creates a session; both type into the shared editor, one
//! after the other and then at the same time, and each sees the other's
//! text; the interviewer sees the candidate's caret; a run is seen by both;
//! the interviewer's notes never appear on the candidate's page; the report
//! replays the editor. Screenshots go to `target/browser-screenshots/`.

mod support;

use fantoccini::{Client, Locator};
use support::chromium::{self, eventually, free_port, screenshot, text_of, Driver, Running};
use support::{toolchain_available, TestDir};

async fn editor_value(client: &Client) -> String {
    match client.find(Locator::Css("#pair-editor")).await {
        Ok(editor) => editor.prop("value").await.ok().flatten().unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits until the shared editor holds `wanted`.
async fn wait_for_code(client: &Client, who: &str, wanted: &str) {
    eventually(20, &format!("the {who}'s editor to hold {wanted:?}"), || async {
        (editor_value(client).await == wanted).then_some(())
    })
    .await;
}

/// Waits until the page says it is connected and synced.
async fn wait_connected(client: &Client) {
    eventually(20, "the socket to connect", || async {
        (text_of(client, "#connection").await == "connected").then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_browsers_share_one_editor() {
    let Some((browser_bin, driver_bin)) = chromium::find() else { return };
    if !toolchain_available("python") {
        return;
    }
    let dir = TestDir::new();
    dir.write(&[
        ("problems/double/problem.toml", b"title = \"Double\"\ndifficulty = \"easy\"\nkind = \"stdio\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\n"),
        ("problems/double/statement.md", b"Print twice the number.\n"),
        ("problems/double/tests/sample/1.in", b"3\n"),
        ("problems/double/tests/sample/1.ans", b"6\n"),
        ("problems/double/tests/hidden/1.in", b"4\n"),
        ("problems/double/tests/hidden/1.ans", b"8\n"),
    ]);
    let server_port = free_port();
    let start_server = || chromium::serve(&dir, server_port, &["--data", "data", "--problems-dir", "problems"]);
    let mut server = Some(start_server());
    let mut driver = Driver::start(&browser_bin, &driver_bin);
    let interviewer = driver.session().await;
    let candidate = driver.session().await;
    let base = format!("http://127.0.0.1:{server_port}");
    walk_through(&interviewer, &candidate, &base, &mut server, &start_server).await;
    let _ = interviewer.close().await;
    let _ = candidate.close().await;
}

async fn walk_through(
    interviewer: &Client,
    candidate: &Client,
    base: &str,
    server: &mut Option<Running>,
    start_server: &dyn Fn() -> Running,
) {
    // The interviewer types a problem and creates the session.
    interviewer.goto(&format!("{base}/phone")).await.expect("the phone page");
    let form = interviewer.find(Locator::Css("form[action='/phone']")).await.expect("the form");
    form.find(Locator::Css("input[value='typed']")).await.expect("typed radio").click().await.expect("click");
    for (css, text) in [
        ("input[name='title']", "Sum"),
        ("textarea[name='statement']", "Print **a + b**."),
        ("textarea[name='sample_input']", "1 2"),
        ("textarea[name='sample_output']", "3"),
    ] {
        form.find(Locator::Css(css)).await.expect(css).send_keys(text).await.expect("type");
    }
    form.find(Locator::Css("button[type='submit']")).await.expect("submit").click().await.expect("create");
    let link = eventually(20, "the candidate link", || async {
        let text = text_of(interviewer, "#candidate-link").await;
        // The whole link, ready to paste into a message to the candidate.
        text.starts_with(&format!("{base}/phone/c/")).then_some(text)
    })
    .await;
    screenshot(interviewer, "phone-01-created").await;
    interviewer.find(Locator::Css("a.btn.primary")).await.expect("open link").click().await.expect("open");
    wait_connected(interviewer).await;
    candidate.goto(&link).await.expect("the candidate page");
    wait_connected(candidate).await;
    assert!(candidate.find(Locator::Css("#notes")).await.is_err(), "the candidate has no notes pane");
    let editor = candidate.find(Locator::Css("#pair-editor")).await.expect("editor");
    for (attribute, wanted) in [("autocomplete", "off"), ("spellcheck", "false"), ("autocapitalize", "off")] {
        assert_eq!(editor.attr(attribute).await.expect("attribute").as_deref(), Some(wanted), "{attribute}");
    }

    // The candidate types (Tab inserts spaces, Enter keeps the indentation); the interviewer sees it.
    let code = "a, b = map(int, input().split())\nif True:\n    print(a + b)";
    for keys in ["a, b = map(int, input().split())", "\u{e007}", "if True:", "\u{e007}", "\u{e004}", "print(a + b)"] {
        editor.send_keys(keys).await.expect("type");
    }
    wait_for_code(interviewer, "interviewer", code).await;
    // The interviewer sees the candidate's caret at the end of the text.
    eventually(20, "the candidate's caret", || async {
        let label = text_of(interviewer, "#peer-cursor").await;
        label.contains("line 3, column 17").then_some(())
    })
    .await;

    // The interviewer adds a comment at the top; the candidate sees it.
    let theirs = interviewer.find(Locator::Css("#pair-editor")).await.expect("editor");
    interviewer
        .execute("const e = document.getElementById('pair-editor'); e.focus(); e.setSelectionRange(0, 0);", vec![])
        .await
        .expect("caret to the start");
    theirs.send_keys("# sum\u{e007}").await.expect("type");
    let code = format!("# sum\n{code}");
    wait_for_code(candidate, "candidate", &code).await;

    // Both type at the same time, at both ends: nothing is lost, both converge.
    candidate
        .execute("const e = document.getElementById('pair-editor'); e.focus(); e.setSelectionRange(e.value.length, e.value.length);", vec![])
        .await
        .expect("caret to the end");
    let (a, b) =
        tokio::join!(editor.send_keys("\u{e007}# candidate was here"), theirs.send_keys("# interviewer too\u{e007}"));
    a.expect("candidate types");
    b.expect("interviewer types");
    let settled = eventually(20, "both editors to converge", || async {
        let (x, y) = (editor_value(candidate).await, editor_value(interviewer).await);
        (x == y && x.contains("# candidate was here") && x.contains("# interviewer too")).then_some(x)
    })
    .await;
    assert!(settled.contains("print(a + b)"), "{settled}");
    screenshot(candidate, "phone-02-candidate").await;
    screenshot(interviewer, "phone-03-interviewer").await;

    // The server goes down; the candidate keeps typing. When it is back, both
    // pages reconnect by themselves and the offline keystrokes arrive.
    drop(server.take());
    eventually(20, "the candidate to notice", || async {
        text_of(candidate, "#connection").await.contains("offline").then_some(())
    })
    .await;
    editor.send_keys(" (offline)").await.expect("type while offline");
    *server = Some(start_server());
    wait_connected(candidate).await;
    wait_connected(interviewer).await;
    let settled = format!("{settled} (offline)");
    wait_for_code(interviewer, "interviewer", &settled).await;
    wait_for_code(candidate, "candidate", &settled).await;

    // The interviewer's private notes never reach the candidate's page.
    interviewer.find(Locator::Css("#notes")).await.expect("notes").send_keys("NOTE-ONLY-FOR-ME").await.expect("type");
    eventually(20, "the notes to save", || async {
        (text_of(interviewer, "#notes-status").await == "saved").then_some(())
    })
    .await;

    // The behavioural questions (shown in the last 15 minutes, or now on
    // request) take STAR notes, saved as they are typed.
    interviewer.find(Locator::Css("#show-behavioural")).await.expect("button").click().await.expect("show");
    let first = interviewer.find(Locator::Css(".star-form")).await.expect("a question");
    first
        .find(Locator::Css("[data-field='action']"))
        .await
        .expect("action")
        .send_keys("STAR-ACTION-NOTE")
        .await
        .expect("type");
    eventually(20, "the STAR note to save", || async {
        (first.find(Locator::Css(".star-status")).await.ok()?.text().await.ok()? == "saved").then_some(())
    })
    .await;
    screenshot(interviewer, "phone-04-behavioural").await;

    // A run of the samples: both see the verdict.
    candidate.find(Locator::Css("#run-samples")).await.expect("run").click().await.expect("run");
    for (who, client) in [("candidate", candidate), ("interviewer", interviewer)] {
        let result = eventually(90, &format!("the {who} to see the run"), || async {
            let text = text_of(client, "#result").await;
            text.contains("samples passed").then_some(text)
        })
        .await;
        assert!(result.contains("1 / 1 samples passed"), "{who}: {result}\n{settled}");
    }
    let page = candidate.source().await.expect("source");
    assert!(
        !page.contains("NOTE-ONLY-FOR-ME") && !page.contains("STAR-ACTION-NOTE"),
        "the candidate's page shows private notes"
    );

    // The interviewer ends the session; the report replays the editor.
    interviewer.find(Locator::Css("#end")).await.expect("end").click().await.expect("end");
    let _ = interviewer.accept_alert().await;
    eventually(20, "the report", || async { interviewer.find(Locator::Css("#replay-slider")).await.ok() }).await;
    let final_code = text_of(interviewer, "#final-code").await;
    assert_eq!(final_code.trim_end(), settled.trim_end());
    interviewer
        .execute(
            "const s = document.getElementById('replay-slider'); s.value = '1'; s.dispatchEvent(new Event('input'));",
            vec![],
        )
        .await
        .expect("slide");
    let first = text_of(interviewer, "#replay-text").await;
    assert_eq!(first, "a", "revision 1 is the candidate's first keystroke");
    let report = text_of(interviewer, "body").await;
    assert!(report.contains("NOTE-ONLY-FOR-ME") && report.contains("STAR-ACTION-NOTE"), "{report}");
    screenshot(interviewer, "phone-05-report").await;
    // The candidate's page now says the session has ended, and is read-only.
    eventually(20, "the candidate to see the end", || async {
        text_of(candidate, "#status-banner").await.contains("ended").then_some(())
    })
    .await;
}
