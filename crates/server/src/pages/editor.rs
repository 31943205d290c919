//! The editor page: the statement on the left, the plain editor, runs and
//! submissions on the right, the server's countdown on top.

use maud::{html, Markup, PreEscaped};
use oaj_oa::{AttemptStatus, AttemptView, LanguageInfo, Mode, ProblemView};
use serde::Serialize;

use super::{clock_text, difficulty_badge, layout, percent};
use crate::markdown;

pub struct EditorPage<'a> {
    pub attempt: &'a AttemptView,
    /// The problem shown (1-based index into `attempt.problems`).
    pub problem: &'a ProblemView,
    pub languages: &'a [LanguageInfo],
    pub language: &'a str,
    pub code: &'a str,
}

/// What the script needs, handed over as an inert JSON block.
#[derive(Serialize)]
struct PageData<'a> {
    attempt: i64,
    problem: usize,
    mode: Mode,
    coding: bool,
    deadline_ms: Option<i64>,
    now_ms: i64,
    language: &'a str,
    has_draft: bool,
    drafts: &'a std::collections::BTreeMap<String, String>,
    samples: &'a [oaj_oa::Sample],
    languages: &'a [LanguageInfo],
}

/// Serializes `value` for a `<script type="application/json">` block: `<`
/// is escaped so no string in it can close the element.
pub fn json_block(id: &str, value: &impl Serialize) -> Markup {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let safe = json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    html! { script #(id) type="application/json" { (PreEscaped(safe)) } }
}

/// Whether code may still be saved, run and submitted.
pub fn coding(attempt: &AttemptView) -> bool {
    attempt.status == AttemptStatus::Coding && attempt.remaining_ms() != Some(0)
}

pub fn render(page: &EditorPage<'_>) -> Markup {
    let attempt = page.attempt;
    let problem = page.problem;
    let coding = coding(attempt);
    let data = PageData {
        attempt: attempt.id,
        problem: problem.index,
        mode: attempt.mode,
        coding,
        deadline_ms: attempt.deadline_ms,
        now_ms: attempt.now_ms,
        language: page.language,
        has_draft: problem.draft.is_some(),
        drafts: &problem.drafts_by_language,
        samples: &problem.samples,
        languages: page.languages,
    };
    let title = format!("{}. {}", problem.index, problem.title);
    layout::workspace(&title, topbar(attempt, problem.index), body(page, coding, &data))
}

fn topbar(attempt: &AttemptView, current: usize) -> Markup {
    let practice = attempt.mode == Mode::Practice;
    html! {
        (layout::brand())
        nav.tabs aria-label="Problems" {
            @for p in &attempt.problems {
                a.tab.current[p.index == current] #{ "problem-" (p.index) } data-save-first
                    href={ "/oa/" (attempt.id) "/" (p.index) } title=(p.title) {
                    @if practice { (p.title) } @else { "Problem " (p.index) }
                    @match p.counted.as_ref() {
                        Some(s) if s.total > 0 && s.passed == s.total => span.dot.full title="all hidden cases passed" {},
                        Some(s) if s.passed > 0 => span.dot.partial title="some hidden cases passed" {},
                        _ => span.dot {},
                    }
                }
            }
        }
        div.spacer {}
        @if attempt.status != AttemptStatus::Coding {
            // Finished early: the time still left before the deadline is no
            // longer anyone's to use, so it is not shown (frozen) as if it were.
            span.mode-label { "Coding ended" }
        } @else if let Some(remaining) = attempt.remaining_ms() {
            span.mode-label { "Time left" }
            span #countdown role="timer" aria-live="off" { (clock_text(remaining)) }
        } @else {
            span.mode-label { "Practice · no timer" }
        }
        @if attempt.status == AttemptStatus::Coding {
            form #finish-form .inline-form method="post" action={ "/oa/" (attempt.id) "/finish" }
                data-confirm=(if practice { "Finish this practice session and go to the explanation?" } else { "Finish the OA now? You cannot return to coding; problems you never submitted are judged from their saved drafts." }) {
                (layout::csrf_field())
                button #finish .btn.danger type="submit" { @if practice { "Finish" } @else { "Finish OA" } }
            }
        } @else {
            a.btn href={ "/oa/" (attempt.id) "/report" } { "Report" }
        }
    }
}

fn body(page: &EditorPage<'_>, coding: bool, data: &PageData<'_>) -> Markup {
    let attempt = page.attempt;
    let problem = page.problem;
    let lines = page.code.split('\n').count().max(1);
    let numbers: String = (1..=lines).map(|n| format!("{n}\n")).collect();
    html! {
        div #time-warning .banner.hidden role="alert" {}
        @if !coding {
            div.banner.warn {
                "The coding part of this attempt is over; the code below is read-only. "
                a href={ "/oa/" (attempt.id) "/explain" } { "Explain your approach" } " or "
                a href={ "/oa/" (attempt.id) "/report" } { "open the report" } "."
            }
        }
        div.split {
            section.statement aria-label="Problem statement" {
                h1 { (problem.title) }
                div.meta {
                    (difficulty_badge(problem.difficulty))
                    span.badge { (problem.kind) }
                }
                div.limits {
                    span { "Time limit " b { (problem.limits.time_limit_ms) " ms" } }
                    span { "Memory limit " b { (problem.limits.memory_limit_mb) " MB" } }
                }
                div.body { (PreEscaped(markdown::to_html(&problem.statement_md))) }
                @if !problem.samples.is_empty() {
                    h2 { "Samples" }
                    @for sample in &problem.samples {
                        div.sample {
                            h3 { "Sample " (sample.name.strip_prefix("sample/").unwrap_or(&sample.name)) }
                            div.io {
                                div { span { "Input" } pre { (sample.input) } }
                                div { span { "Expected output" } pre { (sample.answer) } }
                            }
                        }
                    }
                }
            }
            section.coding aria-label="Your solution" {
                div.toolbar {
                    label.sr-only for="language" { "Language" }
                    select #language name="language" disabled[!coding] {
                        @for language in page.languages {
                            option value=(language.id) selected[language.id == page.language] disabled[!language.available] {
                                (language.name)
                                @if !language.available { " (not installed)" }
                            }
                        }
                    }
                    span #counted .muted.small {
                        @if let Some(s) = &problem.counted {
                            "Counted submission: " (s.passed) " / " (s.total)
                        }
                        @if let Some(best) = &problem.best {
                            @if problem.counted.as_ref().map(|c| c.job) != Some(best.job) {
                                " · best " (percent(best.score))
                            }
                        }
                    }
                    div.spacer {}
                    button #toggle-gutter .btn.small type="button" aria-pressed="true" { "Hide line numbers" }
                    button #reset-starter .btn.small type="button" disabled[!coding] { "Reset to starter code" }
                    span #save-status aria-live="polite" {}
                }
                div #editor-wrap .editor-wrap {
                    pre #line-numbers aria-hidden="true" { (numbers) }
                    label.sr-only for="editor" { "Code" }
                    // The newline after <textarea> is dropped by HTML parsers; it
                    // protects code that itself starts with an empty line.
                    textarea #editor name="code" autocomplete="off" autocorrect="off" autocapitalize="off"
                        spellcheck="false" wrap="off" readonly[!coding] { "\n" (page.code) }
                }
                div.custom {
                    label for="custom-input" { "Custom input" }
                    textarea #custom-input autocomplete="off" autocorrect="off" autocapitalize="off" spellcheck="false"
                        placeholder=(custom_placeholder(problem)) {}
                }
                div.actions {
                    button #run-samples .btn type="button" disabled[!coding] { "Run samples" }
                    button #run-custom .btn type="button" disabled[!coding] { "Run custom" }
                    span.kbd-hint { kbd { "Ctrl" } "+" kbd { "Enter" } " runs the samples" }
                    div.spacer {}
                    button #submit .btn.good type="button" disabled[!coding] { "Submit" }
                }
                div #result aria-live="polite" {}
            }
        }
        (json_block("page-data", data))
    }
}

fn custom_placeholder(problem: &ProblemView) -> &'static str {
    match problem.kind {
        oaj_spec::ProblemKind::Function => "Arguments for “Run custom”, one per line as JSON, like the samples",
        oaj_spec::ProblemKind::Stdio => "Standard input for “Run custom”",
    }
}
