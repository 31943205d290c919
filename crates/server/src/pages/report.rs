//! The report: per problem the score, time used, submissions, final code,
//! explanation and the failing hidden cases revealed; the integrity log on
//! the timeline of runs and submissions.

use maud::{html, Markup};
use oaj_oa::{Mode, ProblemReport, Report, TimelineEntry};

use super::{difficulty_badge, duration_text, layout, percent, timestamp};

/// The report; `extra` is a section of another part of the OA (the
/// work-style assessment), shown before the timeline.
pub fn render_with(report: &Report, extra: Option<Markup>) -> Markup {
    let total_percent = if report.max_score > 0 { report.score / report.max_score as f64 } else { 0.0 };
    let body = html! {
        div #report data-refresh=[report.pending.then_some("3")] {
            div.report-head {
                div {
                    h1 { @if report.mode == Mode::Timed { "OA report" } @else { "Practice report" } }
                    p.muted {
                        "Started " (timestamp(report.started_ms))
                        @if let (Some(deadline), Mode::Timed) = (report.deadline_ms, report.mode) {
                            " · time limit " (duration_text(deadline - report.started_ms))
                        }
                        @if let Some(ended) = report.ended_ms {
                            " · coding took " (duration_text(ended - report.started_ms))
                        }
                        @if let Some(reason) = &report.end_reason { " · " (reason) }
                    }
                }
                div {
                    div.score.full[total_percent >= 1.0].zero[total_percent <= 0.0 && !report.pending] { (percent(total_percent)) }
                    div.muted.small { "overall score" }
                }
            }
            @if report.pending {
                div.notice.info { "Some submissions are still being judged; this page refreshes by itself." }
            }
            p.muted.small { (capitalized(&report.scoring)) }
            @if let Some(group) = report.group_oa_id {
                p.small { "Part of a " a href={ "/groups/" (group) } { "group OA" } "." }
            }
            @if report.failing_cases_withheld {
                div.notice.info #cases-withheld {
                    "The failing hidden cases of a group OA stay hidden until its window has closed and an admin "
                    "reveals them: other members may still be taking it."
                }
            }
            @for problem in &report.problems {
                (problem_card(report, problem))
            }
            @if let Some(extra) = extra { (extra) }
            (timeline_card(report))
            p {
                a.btn href={ "/oa/" (report.attempt_id) "/explain" } { "Edit explanations" }
                " "
                a.btn.primary href="/" { "Back home" }
            }
        }
    };
    layout::page("Report", false, body)
}

fn problem_card(report: &Report, problem: &ProblemReport) -> Markup {
    let n = problem.index;
    html! {
        section.card.problem-report #{ "problem-report-" (n) } {
            div.report-head {
                div {
                    h2 { (n) ". " (problem.title) " " (difficulty_badge(problem.difficulty)) }
                    p.muted.small {
                        @if let Some(verdict) = problem.verdict { "Verdict " b { (verdict) } " · " }
                        @if problem.auto_submitted { "judged from the saved draft at the deadline · " }
                        (problem.submissions) " submission" @if problem.submissions != 1 { "s" }
                        " · " (problem.runs) " run" @if problem.runs != 1 { "s" }
                        @if let Some(used) = problem.time_used_ms { " · time used " (duration_text(used)) }
                        @if let Some(language) = &problem.final_language { " · " (language) }
                    }
                }
                div {
                    div.score.full[problem.total > 0 && problem.passed == problem.total].zero[problem.passed == 0] {
                        (problem.passed) " / " (problem.total)
                    }
                    div.muted.small {
                        "hidden cases · " (percent(problem.score))
                        @if let Some(best) = problem.best_score {
                            @if (best - problem.score).abs() > f64::EPSILON { " · best " (percent(best)) }
                        }
                    }
                }
            }
            h3 { "Your explanation" }
            @if let Some(explanation) = problem.explanation.as_ref().filter(|e| !is_blank(e)) {
                dl.kv {
                    dt { "Approach" } dd.prose { (explanation.approach) }
                    dt { "Time" } dd { (explanation.time_complexity) }
                    dt { "Space" } dd { (explanation.space_complexity) }
                }
            } @else {
                p.empty { "Not written. " a href={ "/oa/" (report.attempt_id) "/explain" } { "Explain your approach" } }
            }
            @if let Some(code) = &problem.final_code {
                details {
                    summary { "Final code" }
                    pre { code { (code) } }
                }
            }
            @if !problem.failing_cases.is_empty() {
                h3 { "Failing hidden cases" }
                p.muted.small { "Revealed so you can learn from them; a real OA would not show these." }
                @for (i, case) in problem.failing_cases.iter().enumerate() {
                    details.case open[i == 0] {
                        summary.case-head { b { (case.name) } " " span.verdict.bad { (case.verdict) } " " span.muted { (case.message) } }
                        div.case-body {
                            span { "Input" @if case.input_truncated { " (cut)" } }
                            pre { (case.input) }
                            div.cols {
                                div { span { "Expected" @if case.expected_truncated { " (cut)" } } pre { (case.expected) } }
                                div {
                                    span { "Your output" @if case.got_truncated { " (cut)" } }
                                    @if let Some(got) = &case.got { pre { (got) } } @else { pre.muted { "(not kept)" } }
                                }
                            }
                        }
                    }
                }
                @if problem.more_failing_cases > 0 {
                    p.muted.small { "… and " (problem.more_failing_cases) " more failing cases." }
                }
            }
        }
    }
}

fn timeline_kind_class(entry: &TimelineEntry) -> &'static str {
    match entry.kind.as_str() {
        "integrity" | "paste" | "blur" | "hidden" | "visible" | "focus" | "reload" => "k integrity",
        "submit" | "auto_submit" => "k submit",
        _ => "k",
    }
}

fn timeline_card(report: &Report) -> Markup {
    let count = |kinds: &[&str]| report.integrity.iter().filter(|e| kinds.contains(&e.kind.as_str())).count();
    html! {
        section.card #timeline {
            h2 { "Timeline" }
            @if report.mode == Mode::Timed {
                p.muted.small {
                    "Integrity log, as proctored OA platforms report it: "
                    (count(&["paste"])) " paste(s), "
                    (count(&["hidden"])) " time(s) the tab was hidden, "
                    (count(&["blur"])) " time(s) the window lost focus, "
                    (count(&["reload"])) " reload(s)."
                }
            }
            @if report.timeline.is_empty() {
                p.empty { "Nothing happened in this attempt." }
            } @else {
                ol.timeline {
                    @for entry in &report.timeline {
                        li {
                            span.t { "+" (super::clock_text(entry.offset_ms)) }
                            span class=(timeline_kind_class(entry)) {
                                (entry.kind.replace('_', " "))
                                @if let Some(n) = entry.problem_index { " · P" (n) }
                            }
                            span { (entry.text) }
                        }
                    }
                }
            }
        }
    }
}

fn is_blank(explanation: &oaj_oa::Explanation) -> bool {
    explanation.approach.trim().is_empty()
        && explanation.time_complexity.trim().is_empty()
        && explanation.space_complexity.trim().is_empty()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
