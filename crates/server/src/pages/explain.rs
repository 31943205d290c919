//! "Explain your approach": per problem, the approach and its time and space
//! complexity, as the written part of an OA asks.

use maud::{html, Markup};
use oaj_oa::{Mode, Report};

use super::{difficulty_badge, layout, percent};

pub fn render(report: &Report) -> Markup {
    let body = html! {
        h1 { "Explain your approach" }
        p.muted {
            @if report.mode == Mode::Timed { "The coding part is over. " }
            "For each problem, describe your approach and its time and space complexity, "
            "as you would in the written part of an OA. You can come back and edit this later."
        }
        @if report.pending {
            div.notice.info { "Your last submissions are still being judged; the report will show their scores." }
        }
        form #explain-form method="post" action={ "/oa/" (report.attempt_id) "/explain" } {
            (layout::csrf_field())
            @for problem in &report.problems {
                @let n = problem.index;
                @let saved = problem.explanation.clone().unwrap_or_default();
                section.card.explain-problem {
                    h2 { (n) ". " (problem.title) " " (difficulty_badge(problem.difficulty)) }
                    p.muted.small {
                        @if problem.total > 0 {
                            "Counted submission: " (problem.passed) " / " (problem.total) " hidden cases (" (percent(problem.score)) ")"
                            @if problem.auto_submitted { ", judged from your saved draft" }
                            "."
                        } @else if report.pending {
                            "Judging…"
                        } @else {
                            "Not submitted."
                        }
                    }
                    div.field {
                        label for={ "approach-" (n) } { "Approach" }
                        textarea #{ "approach-" (n) } name={ "approach-" (n) } rows="6"
                            placeholder="The idea, the data structures, why it is correct…" { (saved.approach) }
                    }
                    div.row {
                        div.field {
                            label for={ "time-" (n) } { "Time complexity" }
                            textarea #{ "time-" (n) } name={ "time-" (n) } rows="1" placeholder="e.g. O(n log n)" { (saved.time_complexity) }
                        }
                        div.field {
                            label for={ "space-" (n) } { "Space complexity" }
                            textarea #{ "space-" (n) } name={ "space-" (n) } rows="1" placeholder="e.g. O(n)" { (saved.space_complexity) }
                        }
                    }
                }
            }
            p {
                button #save-explanations .btn.primary.big type="submit" { "Save and see the report" }
                " "
                a.btn href={ "/oa/" (report.attempt_id) "/report" } { "Skip to the report" }
            }
        }
    };
    layout::page("Explain your approach", true, body)
}
