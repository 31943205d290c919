//! The STAR story bank pages.

use maud::{html, Markup};
use oaj_oa::phone::{BankAdvice, Coverage, Principle, Story, STORIES_ADVISED, STORY_PRINCIPLES};

use super::layout;

fn principle_name<'a>(principles: &'a [Principle], id: &'a str) -> &'a str {
    principles.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

fn form(action: &str, story: Option<&Story>, principles: &[Principle], button: &str) -> Markup {
    let (low, high) = STORY_PRINCIPLES;
    let value = |f: fn(&Story) -> &str| story.map_or("", f);
    html! {
        form.card.story-form method="post" action=(action) {
            (layout::csrf_field())
            div.field {
                label for="title" { "Title" }
                input #title type="text" name="title" required value=(value(|s| &s.title));
            }
            @for (name, label, hint, get) in [
                ("situation", "Situation", "Where and when; what was at stake.", (|s: &Story| s.situation.as_str()) as fn(&Story) -> &str),
                ("task", "Task", "What you had to achieve.", |s: &Story| s.task.as_str()),
                ("action", "Action", "What you did yourself (say “I”, not “we”).", |s: &Story| s.action.as_str()),
                ("result", "Result", "What changed, with numbers where you can.", |s: &Story| s.result.as_str()),
            ] {
                div.field {
                    label for=(name) { (label) " " span.hint { (hint) } }
                    textarea id=(name) name=(name) rows="3" { (value(get)) }
                }
            }
            div.field {
                span { "Principles it answers (" (low) " or " (high) ")" }
                div.checks {
                    @for p in principles {
                        label.check title=(p.meaning) {
                            input type="checkbox" name="principles" value=(p.id)
                                checked[story.is_some_and(|s| s.principles.contains(&p.id))];
                            " " (p.name)
                        }
                    }
                }
            }
            button.btn.primary type="submit" { (button) }
        }
    }
}

pub fn list(stories: &[Story], table: &[Coverage], advice: &BankAdvice, principles: &[Principle]) -> Markup {
    let (low, high) = STORIES_ADVISED;
    let body = html! {
        // The story bank's styles (coverage table, story list) live with the phone screen's.
        link rel="stylesheet" href=(super::phone::STYLE_URL);
        h1 { "STAR story bank" }
        p.muted {
            "Behavioural questions are answered with stories: Situation, Task, Action, Result. Prepare "
            (low) " to " (high) " distinct stories, map each to two or three principles, and never tell one story in "
            "a loop: an interviewer who hears the same story for every question learns little and notices."
        }
        @for note in &advice.notes { p.notice.warn { (note) } }
        div.card {
            h2 { "Coverage: " (advice.covered) " of " (table.len()) " principles" }
            table.list #coverage {
                thead { tr { th { "Principle" } th { "What it means" } th { "Stories" } } }
                tbody {
                    @for row in table {
                        tr.uncovered[row.stories.is_empty()] {
                            td { (row.principle.name) }
                            td.small.muted { (row.principle.meaning) }
                            td {
                                @if row.stories.is_empty() { span.badge.bad { "not covered" } }
                                @else { @for title in &row.stories { span.badge.topic { (title) } " " } }
                            }
                        }
                    }
                }
            }
        }
        @if !stories.is_empty() {
            div.card {
                h2 { "Your stories" }
                @for s in stories {
                    details.story {
                        summary {
                            b { (s.title) } " · "
                            @for p in &s.principles { span.badge.topic { (principle_name(principles, p)) } " " }
                        }
                        dl.kv {
                            dt { "Situation" } dd { (s.situation) }
                            dt { "Task" } dd { (s.task) }
                            dt { "Action" } dd { (s.action) }
                            dt { "Result" } dd { (s.result) }
                        }
                        p {
                            a.btn.small href={ "/stories/" (s.id) } { "Edit" } " "
                            form.inline-form method="post" action={ "/stories/" (s.id) "/delete" } data-confirm="Delete this story?" {
                                (layout::csrf_field())
                                button.btn.small.danger type="submit" { "Delete" }
                            }
                        }
                    }
                }
            }
        }
        h2 { "New story" }
        (form("/stories", None, principles, "Save story"))
    };
    layout::page("STAR stories", false, body)
}

pub fn edit(story: &Story, principles: &[Principle]) -> Markup {
    let body = html! {
        link rel="stylesheet" href=(super::phone::STYLE_URL);
        h1 { "Edit story" }
        (form(&format!("/stories/{}", story.id), Some(story), principles, "Save changes"))
        p { a href="/stories" { "Back to the story bank" } }
    };
    layout::page("Edit story", true, body)
}
