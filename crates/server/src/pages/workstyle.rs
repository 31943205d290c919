//! The work-style assessment's pages: the practice start page, the offer
//! after an OA, a page of items with the clock, and the result (a bar per
//! principle as a `<meter>`, so no inline style is needed under the CSP).

use maud::{html, Markup};
use oaj_oa::workstyle::{
    likert_label, Bank, OaSection, ShownAnswer, ShownForm, ShownItem, SittingStatus, SittingSummary, SittingView,
    WorkstyleResult, DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES,
};
use oaj_oa::AttemptId;

use super::{clock_text, duration_text, layout, timestamp};
use crate::workstyle::SCRIPT_URL;

/// The four answers of a forced choice: (form value, label).
const CHOICES: [(&str, &str); 4] = [
    ("first-strong", "Strongly the first"),
    ("first-somewhat", "Somewhat the first"),
    ("second-somewhat", "Somewhat the second"),
    ("second-strong", "Strongly the second"),
];

fn explanation() -> Markup {
    html! {
        p.muted {
            "Statements about how you work, tied to sixteen leadership principles, as in the work-style part "
            "of a real online assessment. Some ask which of two statements describes you better (and how strongly), "
            "others how well one statement describes you, from 1 to 5. There are no right answers; "
            "a few traits are asked twice in different words, and the result shows how consistently you answered."
        }
    }
}

/// GET /workstyle.
pub fn practice_home(bank: &Bank, history: &[SittingSummary]) -> Markup {
    let body = html! {
        section.card {
            h1 { "Work-style assessment" }
            (explanation())
            form #workstyle-start method="post" action="/workstyle" {
                (layout::csrf_field())
                div.field {
                    label for="ws-minutes" { "Time limit (minutes)" }
                    input #ws-minutes type="number" name="minutes" min=(MIN_MINUTES) max=(MAX_MINUTES) step="1" value=(DEFAULT_MINUTES) required;
                    div.hint { (MIN_MINUTES) " to " (MAX_MINUTES) " minutes; the clock starts when you press Start and does not stop." }
                }
                button #ws-start .btn.primary.big type="submit" { "Start the assessment" }
            }
        }
        (history_card(history))
        section.card {
            h2 { "The sixteen principles" }
            dl.kv.ws-principles {
                @for p in bank.principles() {
                    dt { (p.number) ". " (p.name) }
                    dd { (p.description) }
                }
            }
        }
    };
    layout::page("Work-style assessment", true, body)
}

/// The user's sittings, for the home page and /workstyle.
pub fn history_card(history: &[SittingSummary]) -> Markup {
    html! {
        section.card #workstyle-history {
            h2 { "Work-style assessments" }
            @if history.is_empty() {
                p.empty { "None yet. " a href="/workstyle" { "Take one on its own" } ", or after an OA." }
            } @else {
                table.list {
                    thead { tr { th { "Started" } th { "For" } th { "Answered" } th.num { "Consistency" } th { "Strongest" } th {} } }
                    tbody {
                        @for s in history {
                            tr {
                                td { (timestamp(s.started_ms)) }
                                td {
                                    @match s.attempt_id {
                                        Some(attempt) => a href={ "/oa/" (attempt) "/report" } { "OA #" (attempt) },
                                        None => "practice",
                                    }
                                }
                                @if let Some(result) = &s.result {
                                    td { (result.answered) " / " (result.items) }
                                    td.num { @if let Some(c) = result.consistency.score { (c) "%" } @else { "–" } }
                                    td.small { (strongest(result)) }
                                    td { a href={ "/workstyle/" (s.id) "/result" } { "Result" } }
                                } @else {
                                    td { span.badge.warn { "in progress" } }
                                    td {} td {}
                                    td { a href={ "/workstyle/" (s.id) } { "Continue" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The names of the (up to) two highest-scoring principles.
fn strongest(result: &WorkstyleResult) -> String {
    let mut scored: Vec<_> = result.principles.iter().filter_map(|p| p.score.map(|s| (s, p))).collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.number.cmp(&b.1.number)));
    scored.iter().take(2).map(|(_, p)| p.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// GET /oa/{id}/workstyle.
pub fn oa_offer(attempt: AttemptId, skipped: bool) -> Markup {
    let body = html! {
        section.card {
            h1 { "One more part: the work-style assessment" }
            p { "A real OA often ends with a work-style assessment. You can rehearse it now; it has its own clock." }
            (explanation())
            @if skipped { div.notice.info { "You skipped it earlier; you can still take it." } }
            div.ws-offer {
                form #ws-oa-start method="post" action={ "/oa/" (attempt) "/workstyle" } {
                    (layout::csrf_field())
                    input type="hidden" name="minutes" value=(DEFAULT_MINUTES);
                    button #ws-take .btn.primary.big type="submit" { "Work-style assessment (" (DEFAULT_MINUTES) " min)" }
                }
                @if skipped {
                    a.btn.big href={ "/oa/" (attempt) "/report" } { "Back to the report" }
                } @else {
                    form #ws-oa-skip method="post" action={ "/oa/" (attempt) "/workstyle/skip" } {
                        (layout::csrf_field())
                        button #ws-skip .btn.big type="submit" { "Skip" }
                    }
                }
            }
        }
    };
    layout::page("Work-style assessment", true, body)
}

fn item_card(item: &ShownItem) -> Markup {
    let name = format!("a-{}", item.position);
    html! {
        fieldset.card.ws-item #{ "ws-item-" (item.position) } {
            @match &item.form {
                ShownForm::Likert { text } => {
                    legend { span.ws-n { (item.position) } " How well does this describe you?" }
                    p.ws-statement { (text) }
                    div.ws-scale {
                        span.muted.small { "Not like me" }
                        @for value in 1..=5u8 {
                            @let checked = item.answer == Some(ShownAnswer::Likert { value });
                            label.ws-option title=(likert_label(value)) {
                                input type="radio" name=(name) value=(value) checked[checked];
                                " " (value)
                            }
                        }
                        span.muted.small { "Exactly like me" }
                    }
                }
                ShownForm::Choice { first, second } => {
                    legend { span.ws-n { (item.position) } " Which describes you better?" }
                    div.ws-pair {
                        p.ws-statement { b { "First: " } (first) }
                        p.ws-statement { b { "Second: " } (second) }
                    }
                    div.ws-scale.choice {
                        @for (value, label) in CHOICES {
                            @let answer = match value {
                                "first-strong" => ShownAnswer::Choice { first: true, strong: true },
                                "first-somewhat" => ShownAnswer::Choice { first: true, strong: false },
                                "second-somewhat" => ShownAnswer::Choice { first: false, strong: false },
                                _ => ShownAnswer::Choice { first: false, strong: true },
                            };
                            label.ws-option {
                                input type="radio" name=(name) value=(value) checked[item.answer == Some(answer)];
                                " " (label)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// GET /workstyle/{id}?page=N.
pub fn sitting_page(view: &SittingView, page: usize, pages: usize, per_page: usize) -> Markup {
    let items: Vec<&ShownItem> = view.items.iter().skip((page - 1) * per_page).take(per_page).collect();
    let result_url = format!("/workstyle/{}/result", view.id);
    let body = html! {
        div.ws-head {
            div {
                h1 { "Work-style assessment" }
                p.muted.small {
                    "Page " (page) " of " (pages) " · " (view.answered()) " of " (view.items.len()) " answered"
                    @if let Some(attempt) = view.attempt_id { " · after OA #" (attempt) }
                }
            }
            div.ws-clock-box {
                div.muted.small { "Time left" }
                // The script counts down from the server's figure; without
                // it this shows the time left when the page was made.
                div.ws-clock #ws-clock data-remaining-ms=(view.remaining_ms()) data-result-url=(result_url) {
                    (clock_text(view.remaining_ms()))
                }
            }
        }
        p.muted.small {
            "Each answer is saved as you give it (without JavaScript: when you change page or finish). "
            "Unanswered items are left out of the profile; at the deadline the assessment ends with the answers "
            "saved by then. "
            span #ws-status role="status" {}
        }
        form #ws-form method="post" action={ "/workstyle/" (view.id) "/answers" } data-sitting=(view.id) {
            (layout::csrf_field())
            input type="hidden" name="page" value=(page);
            @for item in &items { (item_card(item)) }
            div.ws-nav {
                @if page > 1 { button #ws-prev .btn type="submit" name="go" value="prev" { "← Previous" } }
                button #ws-save .btn type="submit" name="go" value="save" { "Save" }
                @if page < pages { button #ws-next .btn.primary type="submit" name="go" value="next" { "Save and next →" } }
                button #ws-finish .btn.primary[page == pages] type="submit" name="go" value="finish"
                    data-confirm=[(view.answered() + items.len() < view.items.len()).then_some("Finish now? Unanswered items stay unanswered.")] {
                    "Finish"
                }
            }
        }
        script src=(SCRIPT_URL) defer {}
    };
    layout::page("Work-style assessment", true, body)
}

/// GET /workstyle/{id}/result.
pub fn result_page(view: &SittingView, result: &WorkstyleResult) -> Markup {
    let body = html! {
        div.report-head {
            div {
                h1 { "Work-style profile" }
                p.muted {
                    "Started " (timestamp(view.started_ms))
                    " · time taken " (duration_text(result.time_taken_ms)) " of " (view.minutes) " min"
                    @if view.end_reason.as_deref() == Some("deadline") { " · ended at the deadline" }
                    @if let Some(attempt) = view.attempt_id { " · after " a href={ "/oa/" (attempt) "/report" } { "OA #" (attempt) } }
                }
            }
            div {
                div.score #ws-consistency {
                    @if let Some(c) = result.consistency.score { (c) "%" } @else { "–" }
                }
                div.muted.small { "consistency" }
            }
        }
        section.card #ws-summary {
            p {
                (result.answered) " of " (result.items) " items answered"
                @if result.unanswered > 0 { " (" (result.unanswered) " unanswered: left out of every score)" }
                ". "
                @if result.consistency.pairs_answered > 0 {
                    (result.consistency.pairs_answered) " pair(s) of items asked the same trait twice; "
                    (result.consistency.contradictions) " were answered in contradiction."
                } @else {
                    "No paired items were answered in full, so there is no consistency score."
                }
            }
            p.muted.small {
                "A score is how far your answers lean towards a principle: 50 is neutral, 100 is every answer "
                "fully for it, 0 every answer fully against it. Real assessments also look for consistency, "
                "so contradicting answers are worth a second look. See docs/workstyle.md for the formula."
            }
            @if !result.consistency.contradicting.is_empty() {
                h3 { "Contradicting answers" }
                ul.ws-contradictions {
                    @for c in &result.consistency.contradicting {
                        li { b { (c.principle) ": " } (c.first) "; but " (c.second) "." }
                    }
                }
            }
        }
        section.card #ws-profile {
            h2 { "Profile" }
            @for p in &result.principles {
                div.ws-bar #{ "ws-p-" (p.id) } {
                    div.ws-bar-head {
                        b { (p.number) ". " (p.name) }
                        span.ws-score { @if let Some(s) = p.score { (s) } @else { "not measured" } }
                    }
                    @if let Some(s) = p.score {
                        meter min="0" max="100" low="40" high="70" optimum="100" value=(s) { (s) " / 100" }
                    } @else {
                        meter min="0" max="100" value="0" { "not measured" }
                    }
                    p.muted.small { (p.meaning) " " span.faint { "(" (p.answered) " answer" @if p.answered != 1 { "s" } ")" } }
                    @if !p.pulled_down.is_empty() {
                        details.ws-down {
                            summary { (p.pulled_down.len()) " answer" @if p.pulled_down.len() != 1 { "s" } " pulled this down" }
                            ul { @for d in &p.pulled_down { li { (d.answer) @if d.weight > 1 { " " span.badge.warn { "strongly" } } } } }
                        }
                    }
                }
            }
        }
        p {
            a.btn href="/workstyle" { "Work-style home" }
            " "
            @if let Some(attempt) = view.attempt_id { a.btn href={ "/oa/" (attempt) "/report" } { "OA report" } " " }
            a.btn.primary href="/" { "Back home" }
        }
    };
    layout::page("Work-style profile", true, body)
}

/// The work-style section of an OA report.
pub fn report_section(attempt: AttemptId, section: &OaSection) -> Markup {
    html! {
        section.card #workstyle-section {
            h2 { "Work-style assessment" }
            @match section {
                OaSection::Offered | OaSection::Skipped => {
                    p.muted {
                        @if matches!(section, OaSection::Skipped) { "Skipped. " } @else { "Not taken. " }
                        "A real OA often ends with one; it has its own " (DEFAULT_MINUTES) "-minute clock."
                    }
                    a.btn href={ "/oa/" (attempt) "/workstyle" } { "Take the work-style assessment" }
                }
                OaSection::Taken(s) => {
                    @match (&s.result, s.status) {
                        (Some(result), _) => {
                            p {
                                (result.answered) " of " (result.items) " answered in " (duration_text(result.time_taken_ms))
                                @if let Some(c) = result.consistency.score { " · consistency " (c) "%" }
                                " · strongest: " (strongest(result))
                            }
                            a.btn href={ "/workstyle/" (s.id) "/result" } { "See the work-style profile" }
                        }
                        (None, SittingStatus::Open) | (None, SittingStatus::Finished) => {
                            p.muted { "In progress." }
                            a.btn href={ "/workstyle/" (s.id) } { "Continue the assessment" }
                        }
                    }
                }
            }
        }
    }
}
