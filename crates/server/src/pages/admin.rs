//! The admin page: users (disable, enable), group OAs (schedule, reveal),
//! recent attempts and submissions, and the judge queue. It shows who did
//! what and how it was judged, never anyone's code.

use maud::{html, Markup};
use oaj_oa::{
    AdminAttempt, AdminJob, AttemptStatus, CatalogEntry, GroupOaView, JobStatus, Mode, QueueView, UserInfo, WorkerInfo,
    LOCAL_USER, MAX_MINUTES,
};

use super::{difficulty_badge, duration_text, layout, percent, timestamp, utc_text};

pub struct AdminPage<'a> {
    pub me: oaj_oa::UserId,
    pub users: &'a [UserInfo],
    pub groups: &'a [GroupOaView],
    pub attempts: &'a [AdminAttempt],
    pub submissions: &'a [AdminJob],
    pub queue: &'a QueueView,
    pub problems: Vec<&'a CatalogEntry>,
    pub topics: Vec<String>,
    pub now_ms: i64,
}

/// `2026-12-07T14:00`: the value of a `datetime-local` input, in UTC.
pub fn datetime_value(ms: i64) -> String {
    let text = utc_text(ms);
    // "YYYY-MM-DD HH:MM UTC" -> "YYYY-MM-DDTHH:MM"
    text.trim_end_matches(" UTC").replacen(' ', "T", 1)
}

pub fn render(page: &AdminPage<'_>) -> Markup {
    let name_of = |id: oaj_oa::GroupOaId| page.groups.iter().find(|g| g.id == id).map(|g| g.title.clone());
    let body = html! {
        section.card {
            h1 { "Admin" }
            p.muted {
                "Who did what and how it was judged. Code (drafts and submissions) and explanations are not shown "
                "here: they are each member's own."
            }
            p.small {
                a href="#users" { "Users" } " · " a href="#schedule" { "Schedule a group OA" } " · "
                a href="#group-oas" { "Group OAs" } " · " a href="#queue" { "Judge queue" } " · "
                a href="#attempts" { "Attempts" } " · " a href="#submissions" { "Submissions" } " · "
                a href="/admin/problems" { "Problems: add, hide from drawing" }
            }
        }
        (users_card(page))
        (schedule_card(page))
        (groups_card(page))
        (queue_card(page.queue))
        section.card #attempts {
            h2 { "Recent attempts" }
            @if page.attempts.is_empty() { p.empty { "No attempts yet." } } @else {
                table.list {
                    thead { tr { th.num { "Id" } th { "User" } th { "What" } th { "Started" } th { "Status" } th.num { "Score" } } }
                    tbody {
                        @for a in page.attempts {
                            tr {
                                td.num { (a.id) }
                                td { (a.user_name) }
                                td {
                                    @match (a.mode, a.group_oa_id) {
                                        (_, Some(g)) => a href={ "/groups/" (g) } { (name_of(g).unwrap_or_else(|| format!("group OA {g}"))) },
                                        (Mode::Timed, None) => "OA",
                                        (Mode::Practice, None) => "practice",
                                    }
                                }
                                td.small { (timestamp(a.started_ms)) }
                                td {
                                    @match a.status {
                                        AttemptStatus::Coding => span.badge.warn { "coding" },
                                        AttemptStatus::Explaining => span.badge { "explaining" },
                                        AttemptStatus::Finished => span.badge.ok { "finished" },
                                    }
                                }
                                td.num { @if a.max_score > 0 { (percent(a.score / a.max_score as f64)) } }
                            }
                        }
                    }
                }
            }
        }
        section.card #submissions {
            h2 { "Recent submissions" }
            (jobs_table(page.submissions, None))
        }
    };
    layout::page("Admin", false, body)
}

fn users_card(page: &AdminPage<'_>) -> Markup {
    html! {
        section.card #users {
            h2 { "Users" }
            table.list {
                thead { tr { th.num { "Id" } th { "Name" } th { "Role" } th { "Created" } th { "Disabled" } th {} } }
                tbody {
                    @for user in page.users {
                        tr.user data-id=(user.account.id) {
                            td.num { (user.account.id) }
                            td {
                                (user.account.name)
                                // The built-in account is nobody's login: say so, or it looks like a stranger with admin rights.
                                @if user.account.id == LOCAL_USER {
                                    br; span.muted.small { "built in: acts for whoever uses a server started without --accounts; nobody can log in as it" }
                                }
                            }
                            td { (user.account.role.as_str()) }
                            td.small { @if user.created_ms > 0 { (timestamp(user.created_ms)) } @else { "–" } }
                            td.small { @if let Some(at) = user.disabled_ms { span.badge.bad { "disabled" } " " (timestamp(at)) } }
                            td {
                                @if user.account.id != page.me && user.account.id != LOCAL_USER {
                                    form.inline-form method="post" action={ "/admin/users/" (user.account.id) "/disabled" } {
                                        (layout::csrf_field())
                                        @if user.disabled_ms.is_some() {
                                            input type="hidden" name="disabled" value="0";
                                            button.btn.small type="submit" { "Enable" }
                                        } @else {
                                            input type="hidden" name="disabled" value="1";
                                            button.btn.small.danger type="submit" { "Disable" }
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
}

fn schedule_card(page: &AdminPage<'_>) -> Markup {
    // A sensible default window: opening now, closing in a day.
    let opens = datetime_value(page.now_ms);
    let closes = datetime_value(page.now_ms + 24 * 3_600_000);
    html! {
        section.card #schedule {
            h2 { "Schedule a group OA" }
            form #schedule-form method="post" action="/admin/groups" {
                (layout::csrf_field())
                div.field {
                    label for="title" { "Title" }
                    input #title type="text" name="title" maxlength="120" required placeholder="Week 3: graphs";
                }
                div.grid2 {
                    div.field {
                        label for="opens" { "Window opens (UTC)" }
                        input #opens type="datetime-local" name="opens" value=(opens) required;
                    }
                    div.field {
                        label for="closes" { "Window closes (UTC)" }
                        input #closes type="datetime-local" name="closes" value=(closes) required;
                    }
                }
                div.hint { "Members may start between these times; nobody's clock runs past the close. The server's clock reads " (utc_text(page.now_ms)) "." }
                div.field {
                    label for="minutes" { "Time per member (minutes)" }
                    input #minutes type="number" name="minutes" min="1" max=(MAX_MINUTES) value="90" required;
                }
                div.field {
                    label for="difficulties" { "Problems drawn per member (difficulties, in order)" }
                    input #difficulties type="text" name="difficulties" value="medium, hard";
                    div.hint { "Each member draws their own problems of these difficulties, as a personal OA does." }
                }
                @if !page.topics.is_empty() {
                    details.field {
                        summary { "Only these topics (optional, drawn problems)" }
                        div.checks {
                            @for topic in &page.topics {
                                label.check { input type="checkbox" name="topics" value=(topic); " " (topic) }
                            }
                        }
                    }
                }
                @if !page.problems.is_empty() {
                    details.field {
                        summary { "Or the same problems for everyone" }
                        div.hint { "When you tick problems, the difficulties and topics are ignored." }
                        div.checks {
                            @for entry in &page.problems {
                                label.check {
                                    input type="checkbox" name="problems" value=(entry.slug);
                                    " " (entry.title) " " (difficulty_badge(entry.difficulty))
                                }
                            }
                        }
                    }
                }
                button.btn.primary type="submit" { "Schedule" }
            }
        }
    }
}

fn groups_card(page: &AdminPage<'_>) -> Markup {
    html! {
        section.card #group-oas {
            h2 { "Group OAs" }
            @if page.groups.is_empty() { p.empty { "None scheduled yet." } } @else {
                table.list {
                    thead { tr { th { "Title" } th { "Window" } th.num { "Started" } th { "Hidden cases" } } }
                    tbody {
                        @for group in page.groups {
                            tr {
                                td { a href={ "/groups/" (group.id) } { (group.title) } }
                                td.small { (timestamp(group.opens_ms)) " – " (timestamp(group.closes_ms)) }
                                td.num { (group.started) }
                                td {
                                    @if let Some(at) = group.revealed_ms {
                                        "revealed " (timestamp(at))
                                    } @else if group.can_reveal() {
                                        form.inline-form method="post" action={ "/admin/groups/" (group.id) "/reveal" } {
                                            (layout::csrf_field())
                                            button.btn.small.danger type="submit" { "Reveal" }
                                        }
                                    } @else {
                                        span.muted.small { "hidden until the window closes" }
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

fn queue_card(queue: &QueueView) -> Markup {
    html! {
        section.card #queue {
            h2 { "Judge queue" }
            p.small {
                (queue.waiting) " job(s) waiting for a judge · "
                @if queue.local_judging {
                    "this server: " (queue.pending) " judging(s) held by the pool · " (queue.slots) " at once · room for "
                    (queue.queue_capacity) " more waiting before new runs and submissions are refused"
                } @else {
                    "this server judges nothing itself: its jobs are judged by the workers below"
                }
            }
            (workers_table(&queue.workers, queue.now_ms))
            (jobs_table(&queue.jobs, Some(queue.now_ms)))
        }
    }
}

/// The `oaj worker` processes of the store (none for a server judging alone).
fn workers_table(workers: &[WorkerInfo], now: i64) -> Markup {
    html! {
        @if !workers.is_empty() {
            h3 { "Workers" }
            table.list.workers {
                thead { tr {
                    th { "Worker" } th { "Host" } th { "State" } th.num { "Slots" } th.num { "Jobs done" }
                    th.num { "Last heartbeat" } th { "Started" }
                } }
                tbody {
                    @for w in workers {
                        tr.worker {
                            td { (w.name) }
                            td.small { (w.host) }
                            td {
                                @if w.alive { span.badge.ok { "alive" } }
                                @else if w.stopped_ms.is_some() { span.badge { "stopped" } }
                                @else { span.badge.warn { "silent" } }
                            }
                            td.num { (w.slots) }
                            td.num { (w.jobs_done) }
                            td.num { (duration_text(now - w.heartbeat_ms)) " ago" }
                            td.small { (timestamp(w.started_ms)) }
                        }
                    }
                }
            }
        }
    }
}

fn progress_text(job: &AdminJob) -> String {
    match job.progress {
        // Followed by a server that judges nothing itself: a worker has it.
        Some(JobStatus::Queued) if job.stored_status == "running" => "judging on a worker".into(),
        Some(JobStatus::Queued) => "waiting for a slot".into(),
        Some(JobStatus::Compiling) => "compiling".into(),
        Some(JobStatus::Running { done, total, .. }) => format!("case {done} of {total}"),
        Some(JobStatus::Done) => "done".into(),
        // Not done in the store and not in this engine: a stopped server
        // left it; the next start re-queues it.
        None if job.stored_status != "done" => format!("{} (not held by this server)", job.stored_status),
        None => job.stored_status.clone(),
    }
}

/// Jobs; with `now` (the queue), their age instead of their result.
fn jobs_table(jobs: &[AdminJob], now: Option<i64>) -> Markup {
    html! {
        @if jobs.is_empty() {
            p.empty { @if now.is_some() { "Nothing is waiting." } @else { "No submissions yet." } }
        } @else {
            table.list {
                thead { tr {
                    th.num { "Job" } th { "User" } th { "Problem" } th { "Kind" } th { "Language" }
                    @if now.is_some() { th { "State" } th.num { "Age" } } @else { th { "Submitted" } th { "Verdict" } }
                } }
                tbody {
                    @for job in jobs {
                        tr.job data-id=(job.id) {
                            td.num { (job.id) }
                            td { (job.user_name) }
                            td { (job.slug) }
                            td.small { (job.kind.as_str().replace('_', " ")) }
                            td.small { (job.language) }
                            @if let Some(now) = now {
                                td.small { (progress_text(job)) }
                                td.num { (duration_text(now - job.created_ms)) }
                            } @else {
                                td.small { (timestamp(job.created_ms)) }
                                td {
                                    @if let Some(error) = &job.error { span.badge.bad { "judge error" } " " span.small { (error) } }
                                    @else if let Some(verdict) = job.verdict {
                                        b { (verdict) }
                                        @if let (Some(p), Some(t)) = (job.passed, job.total) { " " span.muted.small { (p) " / " (t) } }
                                    } @else { span.muted.small { (progress_text(job)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use oaj_oa::{Account, GroupLeaderboard, GroupOaView, JobKind, QueueView, Role, UserInfo, WindowState};

    use super::*;
    use crate::pages::groups;

    fn group(state: WindowState) -> GroupOaView {
        GroupOaView {
            id: 7,
            title: "Week 1".into(),
            opens_ms: 0,
            closes_ms: 1,
            minutes: 90,
            state,
            problem_count: 2,
            drawn: true,
            problems: None,
            revealed_ms: None,
            started: 0,
            mine: None,
            now_ms: 0,
        }
    }

    /// Every `form method="post"` of these pages carries the CSRF field.
    #[test]
    fn every_post_form_has_the_csrf_field() {
        let users = [
            UserInfo { account: Account::local(), created_ms: 0, disabled_ms: None },
            UserInfo {
                account: Account { id: 2, name: "ada".into(), role: Role::Member },
                created_ms: 5,
                disabled_ms: None,
            },
            UserInfo {
                account: Account { id: 3, name: "bob".into(), role: Role::Member },
                created_ms: 5,
                disabled_ms: Some(9),
            },
        ];
        let groups = [group(WindowState::Live), group(WindowState::Closed)];
        let job = AdminJob {
            id: 1,
            attempt_id: 1,
            user_name: "ada".into(),
            slug: "two-sum".into(),
            kind: JobKind::Submit,
            language: "python".into(),
            stored_status: "queued".into(),
            progress: None,
            created_ms: 0,
            finished_ms: None,
            verdict: None,
            passed: None,
            total: None,
            error: None,
        };
        let queue = QueueView {
            slots: 2,
            queue_capacity: 8,
            pending: 1,
            jobs: vec![job.clone()],
            now_ms: 5,
            local_judging: true,
            waiting: 1,
            workers: vec![],
        };
        let page = AdminPage {
            me: 1,
            users: &users,
            groups: &groups,
            attempts: &[],
            submissions: &[job],
            queue: &queue,
            problems: vec![],
            topics: vec!["graphs".into()],
            now_ms: 0,
        };
        let board = GroupLeaderboard {
            group: GroupOaView { problems: None, ..group(WindowState::Closed) },
            entries: vec![],
            in_progress: 0,
        };
        let pages = layout::CSRF_TOKEN.sync_scope("token-123".to_string(), || {
            [
                render(&page).into_string(),
                groups::render_list(&groups, true).into_string(),
                groups::render_group(&board, true).into_string(),
            ]
        });
        for (i, html) in pages.iter().enumerate() {
            let forms = html.matches("method=\"post\"").count();
            let fields = html.matches("name=\"csrf\" value=\"token-123\"").count();
            assert!(forms > 0, "page {i} has no form to check");
            assert_eq!(forms, fields, "page {i}: {html}");
        }
        // The admin page: schedule, two user buttons (not one's own), reveal.
        assert_eq!(pages[0].matches("method=\"post\"").count(), 4);
    }

    #[test]
    fn the_queue_card_shows_workers_and_the_waiting_jobs() {
        let worker = |name: &str, alive: bool, stopped_ms: Option<i64>| WorkerInfo {
            name: name.into(),
            host: "judge-1".into(),
            slots: 4,
            started_ms: 0,
            heartbeat_ms: 60_000,
            stopped_ms,
            jobs_done: 17,
            alive,
        };
        let queue = QueueView {
            slots: 1,
            queue_capacity: 64,
            pending: 0,
            jobs: vec![],
            now_ms: 63_000,
            local_judging: false,
            waiting: 9,
            workers: vec![
                worker("w-alive", true, None),
                worker("w-gone", false, None),
                worker("w-done", false, Some(1)),
            ],
        };
        let html = queue_card(&queue).into_string();
        assert!(html.contains("9 job(s) waiting for a judge"), "{html}");
        assert!(html.contains("judges nothing itself"), "{html}");
        assert_eq!(html.matches("<tr class=\"worker\">").count(), 3, "{html}");
        for expected in ["w-alive", "w-gone", "w-done", "alive", "silent", "stopped", ">4<", ">17<", "3 s ago"] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }
}
