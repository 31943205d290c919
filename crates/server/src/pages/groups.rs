//! Group OAs (upcoming, live, past), a group OA with its leaderboard, the
//! overall leaderboard and a member's history.

use maud::{html, Markup};
use oaj_oa::{
    AttemptStatus, AttemptSummary, GroupEntry, GroupLeaderboard, GroupOaView, GroupPlacement, GroupProblems, Mode,
    MyGroupAttempt, OverallEntry, OverallPlacement, WindowState,
};

use super::{duration_text, layout, percent, score_text, timestamp};

/// How the group leaderboard ranks, for people.
pub const GROUP_RULES: &str = "Only attempts whose coding part has ended are ranked. Higher score first (each \
    problem scores the hidden cases its last submission passed); on an equal score, less time used first (from \
    the start to Finish or the deadline); equal score and time share a rank.";

/// How the overall leaderboard ranks, for people.
pub const OVERALL_RULES: &str = "More problems solved first (a last submission that passed every hidden case, in \
    any attempt, practice included); then more OAs taken (timed attempts that ended, personal and group); then a higher average score \
    over those OAs; all three equal share a rank.";

fn window_text(group: &GroupOaView) -> Markup {
    html! { (timestamp(group.opens_ms)) " – " (timestamp(group.closes_ms)) }
}

fn state_badge(state: WindowState) -> Markup {
    match state {
        WindowState::Upcoming => html! { span.badge { "upcoming" } },
        WindowState::Live => html! { span.badge.warn { "open now" } },
        WindowState::Closed => html! { span.badge.ok { "closed" } },
    }
}

fn problems_text(group: &GroupOaView) -> String {
    let n = group.problem_count;
    let plural = if n == 1 { "" } else { "s" };
    if group.drawn {
        format!("{n} problem{plural}, drawn per member")
    } else {
        format!("{n} problem{plural}, the same for everyone")
    }
}

/// Start, Resume, Explain or Report: what the viewer can do with a group OA.
fn action(group: &GroupOaView) -> Markup {
    match (&group.mine, group.state) {
        (Some(MyGroupAttempt { attempt_id, status, .. }), _) => match status {
            AttemptStatus::Coding => html! { a.btn.small.primary href={ "/oa/" (attempt_id) } { "Resume" } },
            AttemptStatus::Explaining => html! { a.btn.small href={ "/oa/" (attempt_id) "/explain" } { "Explain" } },
            AttemptStatus::Finished => html! { a.btn.small href={ "/oa/" (attempt_id) "/report" } { "Report" } },
        },
        (None, WindowState::Live) => html! {
            form.inline-form method="post" action={ "/groups/" (group.id) "/start" } {
                (layout::csrf_field())
                button.btn.small.primary type="submit" { "Start" }
            }
        },
        (None, WindowState::Upcoming) => html! { span.muted.small { "opens " (timestamp(group.opens_ms)) } },
        (None, WindowState::Closed) => html! { span.muted.small { "not taken" } },
    }
}

fn group_table(groups: &[&GroupOaView]) -> Markup {
    html! {
        table.list {
            thead { tr { th { "Group OA" } th { "Window" } th.num { "Time" } th { "Problems" } th.num { "Started" } th {} th {} } }
            tbody {
                @for group in groups {
                    tr.group-oa data-id=(group.id) {
                        td { a href={ "/groups/" (group.id) } { (group.title) } " " (state_badge(group.state)) }
                        td.small { (window_text(group)) }
                        td.num { (group.minutes) " min" }
                        td.small { (problems_text(group)) }
                        td.num { (group.started) }
                        td { (action(group)) }
                        td { a.small href={ "/groups/" (group.id) } { "Leaderboard" } }
                    }
                }
            }
        }
    }
}

/// GET /groups.
pub fn render_list(groups: &[GroupOaView], is_admin: bool) -> Markup {
    let of = |state: WindowState| groups.iter().filter(|g| g.state == state).collect::<Vec<_>>();
    let (live, upcoming, mut past) = (of(WindowState::Live), of(WindowState::Upcoming), of(WindowState::Closed));
    past.sort_by_key(|g| std::cmp::Reverse(g.closes_ms));
    let body = html! {
        section.card {
            h1 { "Group OAs" }
            p.muted {
                "An OA the whole group takes within a window. Your clock starts when you press Start and ends "
                "after the OA's time or when the window closes, whichever comes first. Each OA can be taken once."
            }
            @if is_admin { p { a.btn href="/admin#schedule" { "Schedule a group OA" } } }
        }
        @for (id, title, list, empty) in [
            ("live", "Open now", &live, "No group OA is open now."),
            ("upcoming", "Upcoming", &upcoming, "Nothing scheduled."),
            ("past", "Past", &past, "No group OA has closed yet."),
        ] {
            section.card id=(id) {
                h2 { (title) }
                @if list.is_empty() { p.empty { (empty) } } @else { (group_table(list)) }
            }
        }
    };
    layout::page("Group OAs", false, body)
}

/// Why the `i`-th entry stands where it does: against the entry above it,
/// or for the first, against the one below.
fn placement_text(entries: &[GroupEntry], i: usize) -> String {
    let entry = &entries[i];
    let above = i.checked_sub(1).map(|j| &entries[j]);
    match (entry.placement, above) {
        (GroupPlacement::First, _) | (_, None) => match entries.get(i + 1) {
            Some(below) if below.placement == GroupPlacement::MoreTime => {
                format!("same score as {}, less time used", below.name)
            }
            Some(below) if below.placement == GroupPlacement::Tied => {
                format!("tied with {}: same score and time", below.name)
            }
            _ => "highest score".into(),
        },
        (GroupPlacement::LowerScore, Some(_)) => "lower score".into(),
        (GroupPlacement::MoreTime, Some(a)) => format!("same score as {}, more time used", a.name),
        (GroupPlacement::Tied, Some(a)) => format!("tied with {}: same score and time", a.name),
    }
}

/// Why the `i`-th entry of the overall board stands where it does, as
/// [`placement_text`] does for a group OA.
fn overall_placement_text(entries: &[OverallEntry], i: usize) -> String {
    let above = i.checked_sub(1).map(|j| &entries[j]);
    match (entries[i].placement, above) {
        (OverallPlacement::First, _) | (_, None) => match entries.get(i + 1) {
            Some(below) if below.placement == OverallPlacement::FewerOas => {
                format!("as many solved as {}, more OAs taken", below.name)
            }
            Some(below) if below.placement == OverallPlacement::LowerAverage => {
                format!("as many solved and OAs as {}, higher average score", below.name)
            }
            Some(below) if below.placement == OverallPlacement::Tied => format!("tied with {}", below.name),
            _ => "most problems solved".into(),
        },
        (OverallPlacement::FewerSolved, Some(_)) => "fewer problems solved".into(),
        (OverallPlacement::FewerOas, Some(a)) => format!("as many solved as {}, fewer OAs taken", a.name),
        (OverallPlacement::LowerAverage, Some(a)) => {
            format!("as many solved and OAs as {}, lower average score", a.name)
        }
        (OverallPlacement::Tied, Some(a)) => format!("tied with {}", a.name),
    }
}

/// GET /groups/{id}: the group OA, its leaderboard, and for admins its
/// problems and the reveal button.
pub fn render_group(board: &GroupLeaderboard, is_admin: bool) -> Markup {
    let group = &board.group;
    let body = html! {
        section.card #group-oa {
            h1 { (group.title) " " (state_badge(group.state)) }
            p.muted {
                "Window " (window_text(group)) " · " (group.minutes) " min each · " (problems_text(group))
                " · " (group.started) " started"
            }
            p { (action(group)) " " a.btn.small href="/groups" { "All group OAs" } }
            @match (group.state, group.revealed_ms) {
                (_, Some(at)) => p.notice.info { "Hidden cases were revealed " (timestamp(at)) ": reports show the failing ones." },
                (WindowState::Closed, None) => p.notice.info { "Hidden cases stay hidden in reports until an admin reveals them." },
                _ => p.notice.info { "Hidden cases stay hidden in reports until the window closes and an admin reveals them: others may still be taking this OA." },
            }
            @if is_admin {
                @if let Some(problems) = &group.problems {
                    p.small {
                        "Problems: "
                        @match problems {
                            GroupProblems::Fixed { slugs } => (slugs.join(", ")),
                            GroupProblems::Drawn { difficulties, topics } => {
                                "drawn per member: "
                                (difficulties.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "))
                                @if !topics.is_empty() { " on " (topics.join(", ")) }
                            }
                        }
                    }
                }
                @if group.can_reveal() {
                    form.inline-form #reveal-form method="post" action={ "/admin/groups/" (group.id) "/reveal" } {
                        (layout::csrf_field())
                        button.btn.small.danger type="submit" { "Reveal the hidden cases" }
                    }
                }
            }
        }
        section.card #leaderboard {
            h2 { "Leaderboard" }
            p.muted.small { (GROUP_RULES) }
            @if board.in_progress > 0 {
                p.small { (board.in_progress) " member(s) still taking it: ranked when their coding part ends." }
            }
            @if board.entries.is_empty() {
                p.empty { "No finished attempt yet." }
            } @else {
                table.list {
                    thead { tr { th.num { "#" } th { "Member" } th.num { "Score" } th.num { "Time used" } th { "Why here" } } }
                    tbody {
                        @for (i, entry) in board.entries.iter().enumerate() {
                            tr.entry data-rank=(entry.rank) {
                                td.num { (entry.rank) }
                                td {
                                    (entry.name)
                                    @if let Some(attempt) = entry.attempt_id {
                                        " " span.badge { "you" } " " a.small href={ "/oa/" (attempt) "/report" } { "report" }
                                    }
                                }
                                td.num {
                                    (score_text(entry.score, entry.max_score))
                                    @if entry.pending { " " span.badge.warn { "judging" } }
                                }
                                td.num { (duration_text(entry.time_used_ms)) }
                                td.muted.small.why { (placement_text(&board.entries, i)) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout::page(&group.title, false, body)
}

/// GET /leaderboard.
pub fn render_overall(entries: &[OverallEntry], me: oaj_oa::UserId) -> Markup {
    let body = html! {
        section.card #overall {
            h1 { "Leaderboard" }
            p.muted.small { (OVERALL_RULES) }
            @if entries.is_empty() {
                p.empty { "Nobody has taken an OA yet." }
            } @else {
                table.list {
                    thead { tr { th.num { "#" } th { "Member" } th.num { "Solved" } th.num { "OAs taken" } th.num { "Group OAs" } th.num { "Average score" } th { "Why here" } } }
                    tbody {
                        @for (i, entry) in entries.iter().enumerate() {
                            tr.entry data-rank=(entry.rank) {
                                td.num { (entry.rank) }
                                td { (entry.name) @if entry.user_id == me { " " span.badge { "you" } } }
                                td.num { (entry.problems_solved) }
                                td.num { (entry.oas_taken) }
                                td.num { (entry.group_oas_taken) }
                                td.num { @if let Some(a) = entry.average_score { (percent(a)) } @else { "–" } }
                                td.muted.small.why { (overall_placement_text(entries, i)) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout::page("Leaderboard", false, body)
}

/// GET /history: every attempt of the viewer, with links to the reports.
pub fn render_history(history: &[AttemptSummary], groups: &[GroupOaView]) -> Markup {
    let group_title = |id: oaj_oa::GroupOaId| {
        groups.iter().find(|g| g.id == id).map_or_else(|| format!("group OA {id}"), |g| g.title.clone())
    };
    let body = html! {
        section.card #history {
            h1 { "History" }
            @if history.is_empty() {
                p.empty { "No attempts yet. " a href="/" { "Start an OA" } " or " a href="/groups" { "take a group OA" } "." }
            } @else {
                table.list {
                    thead { tr { th { "Started" } th { "What" } th { "Problems" } th.num { "Score" } th { "Status" } th {} } }
                    tbody {
                        @for attempt in history {
                            tr.attempt data-id=(attempt.id) {
                                td { (timestamp(attempt.started_ms)) }
                                td {
                                    @match (attempt.mode, attempt.group_oa_id) {
                                        (_, Some(g)) => a href={ "/groups/" (g) } { (group_title(g)) },
                                        (Mode::Timed, None) => "OA",
                                        (Mode::Practice, None) => "practice",
                                    }
                                    @if let (Some(deadline), Mode::Timed) = (attempt.deadline_ms, attempt.mode) {
                                        " " span.muted.small { "(" (duration_text(deadline - attempt.started_ms)) ")" }
                                    }
                                }
                                td {
                                    @for (i, problem) in attempt.problems.iter().enumerate() {
                                        @if i > 0 { br; }
                                        (problem.title)
                                        @if let Some(score) = problem.score { " " span.muted.small { "(" (percent(score)) ")" } }
                                    }
                                }
                                td.num { (score_text(attempt.score, attempt.max_score)) }
                                td {
                                    @match attempt.status {
                                        AttemptStatus::Coding => span.badge.warn { "in progress" },
                                        AttemptStatus::Explaining => span.badge { "explain" },
                                        AttemptStatus::Finished => span.badge.ok { "finished" },
                                    }
                                }
                                td {
                                    @match attempt.status {
                                        AttemptStatus::Coding => a href={ "/oa/" (attempt.id) } { "Continue" },
                                        _ => a href={ "/oa/" (attempt.id) "/report" } { "Report" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout::page("History", false, body)
}
