//! The admin's problem pages: the bank with its hidden-from-draw marks, the
//! forms that add a problem, and one import's validation.

use maud::{html, Markup};
use oaj_oa::{Catalog, ImportStatus, ProblemImport};

use super::{difficulty_badge, layout, timestamp};

pub struct ProblemsPage<'a> {
    pub catalog: &'a Catalog,
    pub imports: &'a [ProblemImport],
    /// Directories on the server problems may be imported from.
    pub import_roots: Vec<String>,
    /// The largest upload, in MiB.
    pub upload_limit_mib: usize,
}

fn status_badge(status: ImportStatus) -> Markup {
    let class = match status {
        ImportStatus::Validating => "badge warn",
        ImportStatus::Ready => "badge ok",
        ImportStatus::Failed => "badge bad",
    };
    html! { span class=(class) { (status.as_str()) } }
}

pub fn render(page: &ProblemsPage<'_>) -> Markup {
    let body = html! {
        h1 { "Problems" }
        section.card {
            h2 { "Add a problem" }
            p.muted {
                "A native OA Judge problem (problem.toml, statement.md, tests/, solutions/) or a Kattis/DOMjudge "
                "package (problem.yaml). It is validated first, as " code { "oaj validate" } " does: input "
                "validators, and every solution under solutions/ (or submissions/) judged against its expected "
                "verdict with the time-limit margins. At least one accepted solution is required. Only a problem "
                "that passes is added. A slug already in the bank is refused: a problem never changes once added."
            }
            div.grid2 {
                form #upload-form method="post" action="/admin/problems/upload" enctype="multipart/form-data" {
                    (layout::csrf_field())
                    h3 { "Upload a zip" }
                    div.field {
                        label for="zip" { "Zip file (at most " (page.upload_limit_mib) " MiB)" }
                        input #zip type="file" name="zip" accept=".zip,application/zip" required;
                    }
                    div.field {
                        label for="upload-slug" { "Slug (optional)" }
                        input #upload-slug type="text" name="slug" placeholder="from the folder or file name";
                    }
                    button.btn.primary type="submit" { "Upload and validate" }
                }
                form #import-dir-form method="post" action="/admin/problems/import-dir" {
                    (layout::csrf_field())
                    h3 { "Import a directory on the server" }
                    @if page.import_roots.is_empty() {
                        p.muted {
                            "Not enabled: start the server with " code { "--problem-import-root DIR" }
                            " to allow importing from under DIR."
                        }
                    } @else {
                        p.small.muted {
                            "Allowed under: "
                            @for (i, root) in page.import_roots.iter().enumerate() {
                                @if i > 0 { ", " } code { (root) }
                            }
                        }
                        div.field {
                            label for="path" { "Directory" }
                            input #path type="text" name="path" required placeholder=(page.import_roots[0]);
                        }
                        div.field {
                            label for="dir-slug" { "Slug (optional)" }
                            input #dir-slug type="text" name="slug" placeholder="from the directory name";
                        }
                        button.btn.primary type="submit" { "Import and validate" }
                    }
                }
            }
        }
        @if !page.imports.is_empty() {
            section.card {
                h2 { "Added problems" }
                table.list #imports {
                    thead { tr { th { "#" } th { "Slug" } th { "Source" } th { "Status" } th { "Added by" } th { "When" } } }
                    tbody {
                        @for import in page.imports {
                            tr {
                                td { a href=(format!("/admin/problems/imports/{}", import.id)) { (import.id) } }
                                td { code { (import.slug) } }
                                td.small { (import.source) " (" (import.format) ")" }
                                td { (status_badge(import.status)) }
                                td { (import.added_by_name) }
                                td.small { (timestamp(import.added_ms)) }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { "The bank" }
            p.muted {
                "A problem hidden from drawing is never drawn at random for an OA and is not listed for members; "
                "admins can still practise it and choose it for a fixed OA."
            }
            table.list #bank {
                thead { tr { th { "Slug" } th { "Title" } th { "Difficulty" } th { "Source" } th { "Drawing" } } }
                tbody {
                    @for entry in page.catalog.entries() {
                        @let hidden = page.catalog.is_hidden_from_draw(&entry.slug);
                        tr data-slug=(entry.slug) {
                            td { a href=(format!("/practice/{}", entry.slug)) { code { (entry.slug) } } }
                            td { (entry.title) }
                            td { (difficulty_badge(entry.difficulty)) }
                            td { @if page.catalog.is_uploaded(&entry.slug) { "added" } @else { "bundled" } }
                            td {
                                form.inline-form method="post" action=(format!("/admin/problems/{}/draw", entry.slug)) {
                                    (layout::csrf_field())
                                    @if hidden {
                                        span.badge.warn { "hidden" } " "
                                        input type="hidden" name="hidden" value="false";
                                        button.btn.small type="submit" { "Show in drawing" }
                                    } @else {
                                        span.badge.ok { "drawn" } " "
                                        input type="hidden" name="hidden" value="true";
                                        button.btn.small type="submit" { "Hide from drawing" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !page.catalog.broken().is_empty() {
                h3 { "Problems that did not load" }
                ul.small {
                    @for (slug, error) in page.catalog.broken() { li { code { (slug) } ": " (error) } }
                }
            }
        }
    };
    layout::page("Problems", false, body)
}

/// One import: while validating the page reloads itself every two seconds.
pub fn import(import: &ProblemImport) -> Markup {
    let body = html! {
        p { a href="/admin/problems" { "← Problems" } }
        section.card #import {
            h1 { "Adding " code { (import.slug) } " " (status_badge(import.status)) }
            p.muted {
                (import.source) " (" (import.format) "), by " (import.added_by_name) ", " (timestamp(import.added_ms))
                @if let Some(done) = import.finished_ms { "; finished " (timestamp(done)) }
            }
            @match import.status {
                ImportStatus::Validating => {
                    p #progress { "Validating: " (import.progress.as_deref().unwrap_or("waiting for a judge slot")) " …" }
                    p.small.muted { "This page reloads itself until validation ends." }
                }
                ImportStatus::Ready => {
                    p { "It passed validation and is in the bank. "
                        a.btn.small href=(format!("/practice/{}", import.slug)) { "Practise it" } }
                }
                ImportStatus::Failed => {
                    p { "It was not added. The log says why; fix the problem and upload it again." }
                }
            }
            @if !import.log.is_empty() {
                h2 { "Validation log" }
                pre #log { (import.log) }
            }
        }
    };
    if import.status == ImportStatus::Validating {
        layout::page_refreshing("Adding a problem", 2, body)
    } else {
        layout::page("Adding a problem", false, body)
    }
}
