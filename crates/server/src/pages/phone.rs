//! Phone-screen pages: the interviewer's list and creation form, the page
//! with the two links, the shared editor (candidate and interviewer) and the
//! report with the editor's replay. `static/phone.js` drives the editor.

use maud::{html, Markup, PreEscaped};
use oaj_oa::phone::{
    PhoneReport, PhoneRole, PhoneRun, PhoneSession, PhoneStatus, PhoneSummary, Principle, SessionQuestion,
    BEHAVIOURAL_MINUTES, PHONE_MINUTES,
};
use oaj_oa::{CatalogEntry, LanguageInfo};
use serde::Serialize;

use super::editor::json_block;
use super::{clock_text, duration_text, layout, timestamp};
use crate::markdown;

pub const SCRIPT_URL: &str = "/static/phone.js";
pub const STYLE_URL: &str = "/static/phone.css";

/// The page's own stylesheet and script (the layout loads the common ones).
fn assets() -> Markup {
    html! {
        link rel="stylesheet" href=(STYLE_URL);
        script src=(SCRIPT_URL) defer {}
    }
}

pub struct ListPage<'a> {
    pub sessions: &'a [PhoneSummary],
    pub problems: Vec<&'a CatalogEntry>,
    pub languages: &'a [LanguageInfo],
    pub principles: &'a [Principle],
}

fn status_badge(status: PhoneStatus) -> Markup {
    match status {
        PhoneStatus::Waiting => html! { span.badge.warn { "not started" } },
        PhoneStatus::Live => html! { span.badge.ok { "live" } },
        PhoneStatus::Ended => html! { span.badge { "ended" } },
    }
}

pub fn list(page: &ListPage<'_>) -> Markup {
    let (low, high) = PHONE_MINUTES;
    let body = html! {
        h1 { "Phone screens" }
        p.muted {
            "A live pair editor for a mock phone screen: you interview, a candidate codes. You get two links: one for "
            "the candidate (no account needed) and one for you. " (low) "–" (high) " minutes, then "
            (BEHAVIOURAL_MINUTES) " minutes of behavioural questions with STAR notes."
        }
        @if !page.sessions.is_empty() {
            div.card {
                h2 { "Your sessions" }
                table.list {
                    thead { tr { th { "Problem" } th { "Status" } th { "Length" } th { "Created" } th {} } }
                    tbody {
                        @for s in page.sessions {
                            tr {
                                td { (s.title) }
                                td { (status_badge(s.status)) }
                                td { (s.minutes) " min" }
                                td { (timestamp(s.created_ms)) }
                                td {
                                    form.inline-form method="post" action={ "/phone/" (s.id) "/open" } {
                                        (layout::csrf_field())
                                        button.btn.small type="submit" { "Open" }
                                    }
                                    " "
                                    a.btn.small href={ "/phone/" (s.id) "/report" } { "Report" }
                                }
                            }
                        }
                    }
                }
                p.small.muted {
                    "Links are stored only as hashes, so they are shown once, when a session is created. “Open” makes you "
                    "a new interviewer link (it works only for you); the interviewer page can replace the candidate link."
                }
            }
        }
        form.card method="post" action="/phone" {
            (layout::csrf_field())
            h2 { "New session" }
            div.field {
                label { input type="radio" name="source" value="bank" checked; " A problem from the bank" }
                select name="problem" aria-label="Problem" {
                    @for p in &page.problems {
                        option value=(p.slug) { (p.title) " (" (p.difficulty) ")" }
                    }
                }
            }
            div.field {
                label { input type="radio" name="source" value="typed"; " A problem you type" }
                input type="text" name="title" placeholder="Title" aria-label="Title";
                textarea name="statement" rows="5" placeholder="Statement (Markdown)" aria-label="Statement" {}
                div.grid2 {
                    textarea name="sample_input" rows="3" placeholder="Sample input (optional)" aria-label="Sample input" {}
                    textarea name="sample_output" rows="3" placeholder="Sample output" aria-label="Sample output" {}
                }
            }
            div.grid2 {
                div.field {
                    label for="minutes" { "Length (minutes)" }
                    input #minutes type="number" name="minutes" min=(low) max=(high) value="45";
                }
                div.field {
                    label for="language" { "Language" }
                    select #language name="language" {
                        @for l in page.languages {
                            option value=(l.id) selected[l.id == "python"] disabled[!l.available] { (l.name) }
                        }
                    }
                }
            }
            div.field {
                span { "Behavioural questions: one per principle ticked (none ticked: four at random)" }
                div.checks {
                    @for p in page.principles {
                        label.check title=(p.meaning) { input type="checkbox" name="principles" value=(p.id); " " (p.name) }
                    }
                }
            }
            button.btn.primary type="submit" { "Create session" }
        }
    };
    layout::page("Phone screens", false, body)
}

/// The two links of a new session, whole (`origin` is `http://host:port`)
/// so the candidate's can be pasted into a message.
pub fn created(origin: &str, id: i64, candidate_token: &str, interviewer_token: &str) -> Markup {
    let candidate = format!("{origin}/phone/c/{candidate_token}");
    let interviewer = format!("{origin}/phone/i/{interviewer_token}");
    let body = html! {
        div.card {
            h1 { "Phone screen ready" }
            p { "Send the candidate this link (no account needed; anyone with it can join as the candidate):" }
            pre.link #candidate-link { (candidate) }
            p { "Your link (it opens only when you are signed in as yourself):" }
            pre.link { (interviewer) }
            p.notice.warn { "Copy the candidate link now: it is stored only as a hash and cannot be shown again (your page can make a new one)." }
            p { a.btn.primary href=(interviewer) { "Open the interviewer page" } " " a.btn href={ "/phone/" (id) "/report" } { "Report" } }
        }
    };
    layout::page("Phone screen ready", true, body)
}

pub struct RoomPage<'a> {
    pub role: PhoneRole,
    pub session: &'a PhoneSession,
    pub languages: &'a [LanguageInfo],
    pub socket: &'a str,
    /// The interviewer's notes (None on the candidate's page).
    pub notes: Option<&'a str>,
    pub questions: &'a [SessionQuestion],
    pub token: &'a str,
}

/// What phone.js needs.
#[derive(Serialize)]
struct RoomData<'a> {
    role: PhoneRole,
    socket: &'a str,
    session: i64,
    status: PhoneStatus,
    deadline_ms: Option<i64>,
    now_ms: i64,
    minutes: u32,
    behavioural_minutes: u32,
    language: &'a str,
}

pub fn room(page: &RoomPage<'_>) -> Markup {
    let s = page.session;
    let interviewer = page.role == PhoneRole::Interviewer;
    let data = RoomData {
        role: page.role,
        socket: page.socket,
        session: s.id,
        status: s.status,
        deadline_ms: s.deadline_ms,
        now_ms: s.now_ms,
        minutes: s.minutes,
        behavioural_minutes: BEHAVIOURAL_MINUTES,
        language: &s.language,
    };
    let topbar = html! {
        (layout::brand())
        span.mode-label { @if interviewer { "Phone screen · interviewer" } @else { "Phone screen" } }
        div.spacer {}
        span #connection .badge.warn { "connecting…" }
        span.mode-label #timer-label { "Time left" }
        span #countdown role="timer" aria-live="off" {
            @match (s.status, s.deadline_ms) {
                (PhoneStatus::Live, Some(deadline)) => { (clock_text(deadline - s.now_ms)) },
                (PhoneStatus::Ended, _) => { "ended" },
                _ => { (s.minutes) ":00" },
            }
        }
        @if interviewer {
            @if s.status == PhoneStatus::Waiting {
                form.inline-form method="post" action={ "/phone/i/" (page.token) "/start" } {
                    (layout::csrf_field())
                    button #start .btn.good type="submit" { "Start the clock" }
                }
            }
            @if s.status != PhoneStatus::Ended {
                form.inline-form method="post" action={ "/phone/i/" (page.token) "/end" } data-confirm="End the session now? The editor becomes read-only." {
                    (layout::csrf_field())
                    button #end .btn.danger type="submit" { "End" }
                }
            } @else {
                a.btn href={ "/phone/" (s.id) "/report" } { "Report" }
            }
        }
    };
    let body = html! {
        (assets())
        div #status-banner .banner.hidden role="status" {}
        div.split {
            section.statement aria-label="Problem" {
                h1 { (s.title) }
                div.body { (PreEscaped(markdown::to_html(&s.statement_md))) }
                @if !s.samples.is_empty() {
                    h2 { "Samples" }
                    @for sample in &s.samples {
                        div.sample {
                            div.io {
                                div { span { "Input" } pre { (sample.input) } }
                                div { span { "Expected output" } pre { (sample.answer) } }
                            }
                        }
                    }
                }
                @if let Some(notes) = page.notes {
                    section.phone-private aria-label="Interviewer only" {
                        h2 { "Notes " span.muted.small { "(only you see these; saved as you type)" } }
                        textarea #notes autocomplete="off" spellcheck="true" rows="8" { (notes) }
                        span #notes-status .small.muted aria-live="polite" {}
                        div #behavioural .behavioural.hidden {
                            h2 { "Behavioural questions" }
                            p.small.muted { "For the last " (BEHAVIOURAL_MINUTES) " minutes: ask, then note the answer in STAR form." }
                            @for q in page.questions { (star_form(q)) }
                        }
                        button #show-behavioural .btn.small type="button" { "Show the behavioural questions now" }
                        form.inline-form method="post" action={ "/phone/i/" (page.token) "/candidate-link" }
                            data-confirm="Make a new candidate link? The old one stops working." {
                            (layout::csrf_field())
                            button.btn.small type="submit" { "New candidate link" }
                        }
                    }
                }
            }
            section.coding aria-label="Shared editor" {
                div.toolbar {
                    label.sr-only for="language" { "Language" }
                    select #language name="language" {
                        @for l in page.languages {
                            option value=(l.id) selected[l.id == s.language] disabled[!l.available] { (l.name) }
                        }
                    }
                    @if interviewer { span #peer-cursor .small.muted { "candidate's cursor: —" } }
                    div.spacer {}
                    span #sync-status .small.muted aria-live="polite" {}
                }
                div.editor-wrap.pair-wrap {
                    @if interviewer { pre #pair-mirror aria-hidden="true" {} }
                    label.sr-only for="pair-editor" { "Shared code" }
                    textarea #pair-editor autocomplete="off" autocorrect="off" autocapitalize="off" spellcheck="false"
                        wrap="off" readonly { "\n" }
                }
                div.custom {
                    label for="custom-input" { "Custom input" }
                    textarea #custom-input autocomplete="off" autocorrect="off" autocapitalize="off" spellcheck="false"
                        placeholder="Standard input for “Run custom”" {}
                }
                div.actions {
                    button #run-samples .btn type="button" disabled[s.samples.is_empty()] { "Run samples" }
                    button #run-custom .btn type="button" { "Run custom" }
                    span.kbd-hint { "Runs are shared: both sides see them." }
                }
                div #result aria-live="polite" {}
            }
        }
        (json_block("phone-data", &data))
    };
    let title = if interviewer { "Phone screen (interviewer)" } else { "Phone screen" };
    layout::workspace(title, topbar, body)
}

fn star_form(q: &SessionQuestion) -> Markup {
    html! {
        div.star-form data-index=(q.index) {
            p { span.badge.topic { (q.principle_name) } " " b { (q.text) } }
            @for (field, label, value) in [
                ("situation", "Situation", &q.star.situation),
                ("task", "Task", &q.star.task),
                ("action", "Action", &q.star.action),
                ("result", "Result", &q.star.result),
            ] {
                label.small { (label) textarea data-field=(field) rows="2" { (value) } }
            }
            label.small {
                "Rating "
                select data-field="rating" {
                    option value="" selected[q.star.rating.is_none()] { "—" }
                    @for (value, text) in [(1u8, "1 · weak"), (2, "2 · mixed"), (3, "3 · good"), (4, "4 · strong")] {
                        option value=(value) selected[q.star.rating == Some(value)] { (text) }
                    }
                }
            }
            span.small.muted.star-status aria-live="polite" {}
        }
    }
}

fn run_view(run: &PhoneRun) -> Markup {
    html! {
        div.case {
            div.case-head {
                b { @if run.input.is_some() { "Custom run" } @else { "Samples" } }
                " · " (run.language) " · by the " (run.author) " · revision " (run.rev) " · " (timestamp(run.created_ms))
                @if let Some(v) = run.outcome.as_ref().and_then(|o| o.verdict.as_deref()) {
                    " · " span.verdict.ok[v == "AC"].bad[v != "AC"] { (v) }
                }
            }
            div.case-body {
                @if let Some(error) = &run.error { p.notice.error { "The judge failed: " (error) } }
                @if let Some(o) = &run.outcome {
                    p { (o.summary) }
                    @if let Some(c) = &o.compile_error { pre.compile-error { (c) } }
                    @if let Some(input) = &run.input { span { "Input" } pre { (input) } }
                    @if let Some(out) = &o.stdout { span { "Output" } pre { (out) } }
                    @for c in &o.cases {
                        p.small { (c.name) ": " (c.verdict) " · " (c.time_ms) " ms " (c.message) }
                        @if let Some(out) = &c.output { div.cols { div { span { "Expected" } pre { (c.expected) } } div { span { "Got" } pre { (out) } } } }
                    }
                }
                @if !run.done { p.muted { "not finished" } }
            }
        }
    }
}

/// The report: final code, runs, notes, STAR notes and the replay.
pub fn report(report: &PhoneReport) -> Markup {
    let s = &report.session;
    let length = match (s.started_ms, s.ended_ms) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    let body = html! {
        (assets())
        div.card {
            h1 { "Phone screen: " (s.title) }
            dl.kv {
                dt { "Status" } dd { (status_badge(s.status)) }
                @if let Some(started) = s.started_ms { dt { "Started" } dd { (timestamp(started)) } }
                @if let Some(ms) = length { dt { "Length" } dd { (duration_text(ms)) " of " (s.minutes) " min" } }
                dt { "Language" } dd { (s.language) }
                dt { "Edits" } dd { (report.ops.len()) }
                dt { "Runs" } dd { (report.runs.len()) }
            }
        }
        div.card {
            h2 { "Final code" }
            pre #final-code { (report.final_code) }
        }
        div.card #replay data-log={ "/api/phone/" (s.id) "/log" } {
            h2 { "Replay" }
            p.small.muted { "Drag the slider to see the editor at each revision." }
            input #replay-slider type="range" min="0" max=(report.ops.len()) value=(report.ops.len()) aria-label="Revision";
            p.small #replay-label { "revision " (report.ops.len()) " of " (report.ops.len()) }
            pre #replay-text { (report.final_code) }
        }
        div.card {
            h2 { "Runs" }
            @if report.runs.is_empty() { p.muted { "No runs." } }
            @for run in &report.runs { (run_view(run)) }
        }
        div.card {
            h2 { "Notes" }
            @if report.notes.trim().is_empty() { p.muted { "No notes." } } @else { pre.prose { (report.notes) } }
        }
        div.card {
            h2 { "Behavioural answers (STAR)" }
            @for q in &report.questions {
                div.star-answer {
                    p { span.badge.topic { (q.principle_name) } " " b { (q.text) } }
                    dl.kv {
                        dt { "Situation" } dd { (q.star.situation) }
                        dt { "Task" } dd { (q.star.task) }
                        dt { "Action" } dd { (q.star.action) }
                        dt { "Result" } dd { (q.star.result) }
                        dt { "Rating" } dd { @match q.star.rating { Some(r) => { (r) " / 4" }, None => "—" } }
                    }
                }
            }
        }
    };
    layout::page("Phone screen report", false, body)
}
