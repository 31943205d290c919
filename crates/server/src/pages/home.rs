//! The home page: start an OA, history, practice statistics, practice list.

use maud::{html, Markup};
use oaj_oa::{AttemptStatus, AttemptSummary, CatalogEntry, Mode, Stats, DEFAULT_MINUTES, MAX_MINUTES};

use super::{difficulty_badge, layout, percent, timestamp, topic_badges};

/// The difficulty presets of the start form: (value, label).
pub const PRESETS: &[(&str, &str)] = &[
    ("medium-hard", "One medium + one hard (typical OA)"),
    ("medium-medium", "Two medium"),
    ("easy-medium", "One easy + one medium (warm-up)"),
];

pub struct Home<'a> {
    pub history: &'a [AttemptSummary],
    pub stats: &'a Stats,
    pub problems: Vec<&'a CatalogEntry>,
    pub topics: Vec<String>,
    /// Work-style sittings, newest first.
    pub workstyle: &'a [oaj_oa::workstyle::SittingSummary],
    /// Group OAs open now that the viewer has not started: (id, title, closes at).
    pub open_groups: Vec<(i64, String, i64)>,
}

pub fn render(home: &Home<'_>) -> Markup {
    let body = html! {
        // A member sent here to take the group's OA should not have to find it under "Group OAs".
        @for (id, title, closes_ms) in &home.open_groups {
            p.notice.info.open-group {
                "A group OA is open: " a href={ "/groups/" (id) } { (title) } " (until " (timestamp(*closes_ms)) "). "
                "Start it from its page; this form starts a personal OA."
            }
        }
        div.grid2 {
            section.card {
                h1 { "Rehearse a timed OA" }
                p.muted {
                    "Two problems, one clock, a plain editor with no highlighting or autocomplete. "
                    "Hidden test cases decide a partial score; you explain your approach at the end."
                }
                (start_form(home))
            }
            div {
                (stats_card(home.stats))
                section.card {
                    h2 { "How it works" }
                    ol.small {
                        li { "The deadline is fixed on the server when you start: reloading or closing the tab does not stop the clock." }
                        li { "Run your code on the samples or on your own input as often as you like." }
                        li { "Submit against the hidden cases: during the OA you only see how many passed." }
                        li { "At the deadline your last submission counts; a problem you never submitted is judged from its saved draft." }
                        li { "The report reveals failing hidden cases so you can learn from them." }
                    }
                }
            }
        }
        (history_card(home.history))
        (super::workstyle::history_card(home.workstyle))
        (practice_card(&home.problems))
    };
    layout::page("Home", false, body)
}

fn start_form(home: &Home<'_>) -> Markup {
    html! {
        form #start-form method="post" action="/oa" {
            (layout::csrf_field())
            div.field {
                label for="minutes" { "Time limit (minutes)" }
                input #minutes type="number" name="minutes" min="1" max=(MAX_MINUTES) step="1" value=(DEFAULT_MINUTES) required;
                div.hint { "1 to " (MAX_MINUTES) " minutes; 90 is typical. Short limits make good drills." }
            }
            div.field {
                label for="preset" { "Problems" }
                select #preset name="preset" {
                    @for (value, label) in PRESETS {
                        option value=(value) { (label) }
                    }
                }
            }
            @if !home.topics.is_empty() {
                details.field {
                    summary { "Only these topics (optional)" }
                    div.checks {
                        @for topic in &home.topics {
                            label.check { input type="checkbox" name="topics" value=(topic); " " (topic) }
                        }
                    }
                }
            }
            @if !home.problems.is_empty() {
                details.field {
                    summary { "Choose the problems yourself (optional)" }
                    div.hint { "When you tick problems, the preset and topics are ignored." }
                    div.checks {
                        @for entry in &home.problems {
                            label.check {
                                input type="checkbox" name="problems" value=(entry.slug);
                                " " (entry.title) " " (difficulty_badge(entry.difficulty))
                            }
                        }
                    }
                }
            }
            button #start .btn.primary.big type="submit" { "Start the OA" }
        }
    }
}

fn stats_card(stats: &Stats) -> Markup {
    html! {
        section.card {
            h2 { "Your practice" }
            div.stats {
                div.stat { div.value { (stats.attempts) } div.label { "timed OAs" } }
                div.stat {
                    div.value { @if let Some(avg) = stats.average_score { (percent(avg)) } @else { "–" } }
                    div.label { "average OA score" }
                }
                div.stat { div.value { (stats.problems_solved) } div.label { "problems solved" } }
                div.stat { div.value { (stats.practice_attempts) } div.label { "practice sessions" } }
            }
            p.muted.small { (stats.problems_attempted) " different problems attempted." }
        }
    }
}

fn status_text(attempt: &AttemptSummary) -> Markup {
    match attempt.status {
        AttemptStatus::Coding => html! { span.badge.warn { "in progress" } },
        AttemptStatus::Explaining => html! { span.badge { "explain" } },
        AttemptStatus::Finished => html! { span.badge.ok { "finished" } },
    }
}

fn history_card(history: &[AttemptSummary]) -> Markup {
    html! {
        section.card #history {
            h2 { "History" }
            @if history.is_empty() {
                p.empty { "No attempts yet. Start an OA above, or practise a single problem below." }
            } @else {
                table.list {
                    thead { tr { th { "Started" } th { "Mode" } th { "Problems" } th.num { "Score" } th { "Status" } th {} } }
                    tbody {
                        @for attempt in history {
                            tr {
                                td { (timestamp(attempt.started_ms)) }
                                td { @match attempt.mode { Mode::Timed => "OA", Mode::Practice => "practice" } }
                                td {
                                    @for (i, problem) in attempt.problems.iter().enumerate() {
                                        @if i > 0 { br; }
                                        (problem.title)
                                        @if let Some(score) = problem.score { " " span.muted.small { "(" (percent(score)) ")" } }
                                    }
                                }
                                td.num {
                                    @if attempt.max_score > 0 {
                                        (percent(attempt.score / attempt.max_score as f64))
                                    }
                                }
                                td { (status_text(attempt)) }
                                td {
                                    @match attempt.status {
                                        AttemptStatus::Coding => a href={ "/oa/" (attempt.id) } { "Continue" },
                                        AttemptStatus::Explaining => a href={ "/oa/" (attempt.id) "/explain" } { "Explain" },
                                        AttemptStatus::Finished => a href={ "/oa/" (attempt.id) "/report" } { "Report" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn practice_card(problems: &[&CatalogEntry]) -> Markup {
    html! {
        section.card #practice {
            h2 { "Practice one problem" }
            p.muted { "No timer, the same editor; submissions show the full results." }
            @if problems.is_empty() {
                p.empty { "The problem bank is empty. Add problems with " code { "oaj new" } " or " code { "oaj import" } "." }
            } @else {
                table.list {
                    thead { tr { th { "Problem" } th { "Difficulty" } th { "Type" } th { "Topics" } th.num { "Est. time" } } }
                    tbody {
                        @for entry in problems {
                            tr {
                                td { a href={ "/practice/" (entry.slug) } { (entry.title) } }
                                td { (difficulty_badge(entry.difficulty)) }
                                td.muted { (entry.kind) }
                                td { (topic_badges(&entry.topics)) }
                                td.num.muted { @if let Some(m) = entry.minutes { (m) " min" } }
                            }
                        }
                    }
                }
            }
        }
    }
}
