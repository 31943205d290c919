//! The page frame shared by every page.

use axum::http::StatusCode;
use maud::{html, Markup, DOCTYPE};

use crate::assets;

tokio::task_local! {
    /// The CSRF token of the request being answered, set around the handler
    /// by the server's CSRF middleware (absent when there is no session).
    pub static CSRF_TOKEN: String;
}

tokio::task_local! {
    /// Whether the account of the request being answered is an admin (set
    /// around page handlers by [`crate::auth::nav_context`]), so the top bar
    /// links the admin page for admins only.
    pub static VIEWER_IS_ADMIN: bool;
}

fn viewer_is_admin() -> bool {
    VIEWER_IS_ADMIN.try_with(|admin| *admin).unwrap_or(false)
}

/// Who is logged in, for the top bar.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub name: String,
    pub admin: bool,
}

tokio::task_local! {
    /// The logged-in user of the request being answered, set by the session
    /// middleware on a server with accounts (None: nobody is logged in).
    /// Absent on a server without accounts.
    pub static VIEWER: Option<Viewer>;
}

/// The logged-in user, on a server with accounts.
pub fn viewer() -> Option<Viewer> {
    VIEWER.try_with(|viewer| viewer.clone()).ok().flatten()
}

/// Whether the server has accounts (the session middleware set a viewer,
/// possibly None).
fn has_accounts() -> bool {
    VIEWER.try_with(|_| ()).is_ok()
}

/// The right end of the top bar: who is logged in and a logout button (a
/// POST form), or a login link.
pub fn account_nav() -> Markup {
    html! {
        @if let Some(viewer) = viewer() {
            @if viewer.admin { a href="/invitations" { "Invitations" } }
            a.who href="/account" title="Your account" { (viewer.name) }
            form.inline-form.logout method="post" action="/logout" {
                (csrf_field())
                button.btn.small type="submit" { "Log out" }
            }
        } @else if has_accounts() {
            a href="/login" { "Log in" }
        }
    }
}

/// The current request's CSRF token, if it has one.
pub fn csrf_token() -> Option<String> {
    CSRF_TOKEN.try_with(|token| token.clone()).ok()
}

/// The hidden field every state-changing form carries: put
/// `(layout::csrf_field())` inside each `form method="post"`.
pub fn csrf_field() -> Markup {
    html! {
        @if let Some(token) = csrf_token() { input type="hidden" name="csrf" value=(token); }
    }
}

fn head(title: &str, refresh_seconds: Option<u32>) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            // Read by editor.js and sent as `x-csrf-token` with every API call.
            @if let Some(token) = csrf_token() { meta name="csrf-token" content=(token); }
            @if let Some(seconds) = refresh_seconds { meta http-equiv="refresh" content=(seconds); }
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · OA Judge" }
            link rel="stylesheet" href=(assets::STYLE_URL);
            link rel="icon" href="data:,";
        }
    }
}

pub fn brand() -> Markup {
    html! { a.brand href="/" { "OA" span { " Judge" } } }
}

/// An ordinary page: top bar, centred content.
pub fn page(title: &str, narrow: bool, body: Markup) -> Markup {
    page_with(title, narrow, None, body)
}

/// An ordinary page that reloads itself every `seconds` (a meta refresh:
/// no script needed), for something still in progress.
pub fn page_refreshing(title: &str, seconds: u32, body: Markup) -> Markup {
    page_with(title, false, Some(seconds), body)
}

fn page_with(title: &str, narrow: bool, refresh_seconds: Option<u32>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title, refresh_seconds))
            body {
                header.topbar {
                    (brand())
                    div.spacer {}
                    nav {
                        a href="/" { "Home" } " "
                        a href="/groups" { "Group OAs" } " "
                        a href="/leaderboard" { "Leaderboard" } " "
                        a href="/history" { "History" } " "
                        a href="/workstyle" { "Work style" } " "
                        a href="/phone" { "Phone screens" } " "
                        a href="/stories" { "Stories" }
                        @if viewer_is_admin() { " " a href="/admin" { "Admin" } }
                        (account_nav())
                    }
                }
                main.page.narrow[narrow] { (body) }
                footer.footer { "OA Judge · rehearse the timed online assessment" }
                script src=(assets::SCRIPT_URL) defer {}
            }
        }
    }
}

/// The full-window editor page: the caller supplies the top bar contents.
pub fn workspace(title: &str, topbar: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title, None))
            body.workspace {
                header.topbar { (topbar) }
                (body)
                script src=(assets::SCRIPT_URL) defer {}
            }
        }
    }
}

pub fn error_page(status: StatusCode, title: &str, message: &str, back: Option<&str>) -> Markup {
    page(
        title,
        true,
        html! {
            div.card.error-page {
                div.code { (status.as_u16()) }
                h1 { (title) }
                p { (message) }
                p {
                    @if let Some(back) = back.filter(|b| *b != "/") {
                        a.btn.primary href=(back) { "Go back" } " "
                    }
                    a.btn href="/" { "Home" }
                }
            }
        },
    )
}

/// A page that reloads itself every second until what it waits for is done
/// (a meta refresh: no script needed).
pub fn waiting(title: &str, message: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title, Some(1)))
            body {
                header.topbar { (brand()) }
                main.page.narrow {
                    div.card.error-page {
                        h1 { (title) }
                        p.muted { (message) }
                    }
                }
            }
        }
    }
}
