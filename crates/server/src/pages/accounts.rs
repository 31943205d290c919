//! Pages of accounts: log in, the account (change password), invitations
//! and joining with one. No inline script or style (the CSP forbids both).

use maud::{html, Markup};
use oaj_oa::accounts::{Invitation, InvitationStatus, MIN_PASSWORD_CHARS};
use oaj_oa::{Account, Role};

use super::layout::{self, csrf_field};
use super::{timestamp, utc_text};

/// A message above a form.
pub enum Notice {
    Error(String),
    Done(String),
}

fn notice(notice: Option<&Notice>) -> Markup {
    html! {
        @match notice {
            Some(Notice::Error(text)) => div.notice.error role="alert" { (text) },
            Some(Notice::Done(text)) => div.notice.info role="status" { (text) },
            None => {},
        }
    }
}

/// The login form; `error` after a refused attempt.
pub fn login(next: &str, name: &str, error: Option<&str>) -> Markup {
    let error = error.map(|e| Notice::Error(e.to_string()));
    layout::page(
        "Log in",
        true,
        html! {
            div.card {
                h1 { "Log in" }
                (notice(error.as_ref()))
                form #login-form method="post" action="/login" {
                    (csrf_field())
                    input type="hidden" name="next" value=(next);
                    div.field {
                        label for="name" { "User name" }
                        input #name type="text" name="name" value=(name) autocomplete="username" required autofocus;
                    }
                    div.field {
                        label for="password" { "Password" }
                        input #password type="password" name="password" autocomplete="current-password" required;
                    }
                    button.btn.primary type="submit" { "Log in" }
                }
                p.muted.small {
                    "No account? Ask an admin of this server for an invitation link."
                }
            }
        },
    )
}

fn password_fields(new_label: &str) -> Markup {
    html! {
        div.field {
            label for="password" { (new_label) }
            input #password type="password" name="password" autocomplete="new-password" minlength=(MIN_PASSWORD_CHARS) required;
            div.hint { "At least " (MIN_PASSWORD_CHARS) " characters." }
        }
        div.field {
            label for="repeat" { "Repeat it" }
            input #repeat type="password" name="repeat" autocomplete="new-password" minlength=(MIN_PASSWORD_CHARS) required;
        }
    }
}

/// The account page: who you are, and the password form.
pub fn account(me: &Account, message: Option<Notice>) -> Markup {
    layout::page(
        "Your account",
        true,
        html! {
            div.card {
                h1 { "Your account" }
                p { "You are logged in as " b { (me.name) } " (" (me.role.as_str()) ")." }
                (notice(message.as_ref()))
                h2 { "Change your password" }
                p.muted.small { "Your other sessions (other browsers and devices) are logged out when you change it." }
                form #password-form method="post" action="/account/password" {
                    (csrf_field())
                    // The user name helps password managers file the new password.
                    input type="hidden" name="username" value=(me.name) autocomplete="username";
                    div.field {
                        label for="current" { "Current password" }
                        input #current type="password" name="current" autocomplete="current-password" required;
                    }
                    (password_fields("New password"))
                    button.btn.primary type="submit" { "Change password" }
                }
            }
        },
    )
}

fn role_text(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Member => "member",
    }
}

/// Invitations: the form to make one, the link just made, and the list.
pub fn invitations(list: &[Invitation], now_ms: i64, made: Option<(&str, Role, i64)>) -> Markup {
    layout::page(
        "Invitations",
        false,
        html! {
            div.card {
                h1 { "Invitations" }
                p.muted {
                    "An invitation is a link that makes one account. Send it to one person; it works once, until it expires."
                }
                @if let Some((link, role, expires_ms)) = made {
                    div.notice.info role="status" {
                        p { "New " (role_text(role)) " invitation, valid until " (utc_text(expires_ms)) ". Copy it now: it is not shown again." }
                        p { code #invitation-link { (link) } }
                    }
                }
                form.inline-form #invite-form method="post" action="/invitations" {
                    (csrf_field())
                    div.field {
                        label for="role" { "Role" }
                        select #role name="role" {
                            option value="member" selected { "member" }
                            option value="admin" { "admin" }
                        }
                    }
                    div.field {
                        label for="hours" { "Valid for (hours)" }
                        input #hours type="number" name="hours" min="1" max=(crate::accounts::MAX_INVITATION_HOURS)
                            value=(crate::accounts::DEFAULT_INVITATION_HOURS) required;
                    }
                    button.btn.primary type="submit" { "Make an invitation link" }
                }
            }
            div.card {
                h2 { "Made so far" }
                @if list.is_empty() {
                    p.empty { "No invitations yet." }
                } @else {
                    table.list {
                        thead { tr { th { "Made" } th { "Role" } th { "Expires" } th { "State" } th {} } }
                        tbody {
                            @for invitation in list {
                                tr {
                                    td { (timestamp(invitation.created_ms)) }
                                    td { (role_text(invitation.role)) }
                                    td { (timestamp(invitation.expires_ms)) }
                                    @let status = invitation.state_at(now_ms);
                                    td {
                                        @match status {
                                            InvitationStatus::Used => {
                                                span.badge.ok { "used" @if let Some(name) = &invitation.used_by { " by " (name) } }
                                            }
                                            InvitationStatus::Revoked => span.badge.bad { "revoked" },
                                            InvitationStatus::Expired => span.badge.bad { "expired" },
                                            InvitationStatus::Open => span.badge.warn { "open" },
                                        }
                                    }
                                    td {
                                        @if status == InvitationStatus::Open {
                                            form.inline-form method="post" action=(format!("/invitations/{}/revoke", invitation.id)) {
                                                (csrf_field())
                                                button.btn.small.danger type="submit" { "Revoke" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The join form of an invitation link.
pub fn join(token: &str, invitation: &Invitation, name: &str, error: Option<&str>) -> Markup {
    let error = error.map(|e| Notice::Error(e.to_string()));
    layout::page(
        "Join",
        true,
        html! {
            div.card {
                h1 { "Join this OA Judge" }
                p {
                    "You are invited as a " b { (role_text(invitation.role)) } ". Choose a user name and a password; "
                    "this link then stops working. It expires " (timestamp(invitation.expires_ms)) "."
                }
                (notice(error.as_ref()))
                form #join-form method="post" action=(format!("/join/{token}")) {
                    (csrf_field())
                    div.field {
                        label for="name" { "User name" }
                        input #name type="text" name="name" value=(name) autocomplete="username" maxlength="32" required autofocus;
                        div.hint { "Letters a-z, digits, '.', '_' and '-'." }
                    }
                    (password_fields("Password"))
                    button.btn.primary type="submit" { "Create my account" }
                }
            }
        },
    )
}
