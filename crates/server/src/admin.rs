//! The admin page and its actions. Every handler takes [`Admin`], so a
//! member gets a 403; the engine checks the role again.

use axum::extract::State;
use axum::response::Redirect;
use maud::Markup;
use oaj_oa::{GroupOaId, GroupProblems, NewGroupOa, UserId};
use oaj_spec::Difficulty;

use crate::auth::Admin;
use crate::error::Failure;
use crate::extract::{FormFields, Params};
use crate::pages;
use crate::AppState;

/// Rows of the attempts and submissions lists.
const RECENT: usize = 50;

/// GET /admin.
pub async fn page(State(state): State<AppState>, Admin(me): Admin) -> Result<Markup, Failure> {
    let engine = state.engine();
    let users = engine.admin_users(&me).await?;
    let groups = engine.group_oas(&me).await?;
    let attempts = engine.admin_attempts(&me, RECENT).await?;
    let submissions = engine.admin_submissions(&me, RECENT).await?;
    let queue = engine.judge_queue(&me).await?;
    let catalog = engine.catalog();
    let mut problems: Vec<_> = catalog.entries().collect();
    problems.sort_by(|a, b| (a.difficulty, &a.title).cmp(&(b.difficulty, &b.title)));
    let page = pages::admin::AdminPage {
        me: me.id,
        users: &users,
        groups: &groups,
        attempts: &attempts,
        submissions: &submissions,
        queue: &queue,
        problems,
        topics: catalog.topics(),
        now_ms: engine.now_ms(),
    };
    Ok(pages::admin::render(&page))
}

/// POST /admin/groups: schedule a group OA from the admin page's form.
pub async fn schedule(State(state): State<AppState>, Admin(me): Admin, form: FormFields) -> Result<Redirect, Failure> {
    let bad = |message: String| Failure::bad_request(message).back("/admin#schedule");
    let title = form.get("title").unwrap_or_default().to_string();
    let time = |field: &str, what: &str| -> Result<i64, Failure> {
        let text = form.get(field).map(str::trim).unwrap_or_default();
        parse_utc(text).ok_or_else(|| {
            bad(format!("the time the window {what} must look like 2026-12-07T14:00 (UTC), not {text:?}"))
        })
    };
    let opens_ms = time("opens", "opens")?;
    let closes_ms = time("closes", "closes")?;
    let minutes_text = form.get("minutes").map(str::trim).unwrap_or_default();
    let minutes: u32 = minutes_text
        .parse()
        .map_err(|_| bad(format!("the time per member must be a whole number of minutes, not {minutes_text:?}")))?;
    let slugs: Vec<String> = form
        .all("problems")
        .flat_map(|p| p.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    let problems = if slugs.is_empty() {
        let difficulties = form
            .get("difficulties")
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|d| !d.trim().is_empty())
            .map(|d| d.parse::<Difficulty>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(bad)?;
        let topics = form.all("topics").map(str::to_string).collect();
        GroupProblems::Drawn { difficulties, topics }
    } else {
        GroupProblems::Fixed { slugs }
    };
    let new = NewGroupOa { title, problems, opens_ms, closes_ms, minutes };
    let id = state.engine().schedule_group_oa(&me, new).await.map_err(|e| Failure::from(e).back("/admin#schedule"))?;
    Ok(Redirect::to(&format!("/groups/{id}")))
}

/// POST /admin/groups/{id}/reveal.
pub async fn reveal(
    State(state): State<AppState>,
    Admin(me): Admin,
    Params(id): Params<GroupOaId>,
) -> Result<Redirect, Failure> {
    state.engine().reveal_group_oa(&me, id).await.map_err(|e| Failure::from(e).back(format!("/groups/{id}")))?;
    Ok(Redirect::to(&format!("/groups/{id}")))
}

/// POST /admin/users/{id}/disabled: field `disabled` is 1 or 0.
pub async fn set_disabled(
    State(state): State<AppState>,
    Admin(me): Admin,
    Params(id): Params<UserId>,
    form: FormFields,
) -> Result<Redirect, Failure> {
    let disabled = match form.get("disabled") {
        Some("1") => true,
        Some("0") => false,
        other => {
            return Err(Failure::bad_request(format!("`disabled` must be 1 or 0, not {other:?}")).back("/admin#users"))
        }
    };
    state.engine().set_user_disabled(&me, id, disabled).await.map_err(|e| Failure::from(e).back("/admin#users"))?;
    Ok(Redirect::to("/admin#users"))
}

/// `2026-12-07T14:00` (or with `:SS`, or a space for the `T`) read as UTC:
/// what a `datetime-local` input sends. None when it is not such a time.
pub fn parse_utc(text: &str) -> Option<i64> {
    let (date, time) = text.split_once(['T', ' '])?;
    let mut date_parts = date.splitn(3, '-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: i64 = date_parts.next()?.parse().ok()?;
    let day: i64 = date_parts.next()?.parse().ok()?;
    let mut time_parts = time.splitn(3, ':');
    let hour: i64 = time_parts.next()?.parse().ok()?;
    let minute: i64 = time_parts.next()?.parse().ok()?;
    let second: i64 = match time_parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if !(1970..=9999).contains(&year) || !(1..=days_in_month).contains(&day) || hour > 23 || minute > 59 || second > 59
    {
        return None;
    }
    // Howard Hinnant's days-from-civil algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}

#[cfg(test)]
mod tests {
    use super::parse_utc;
    use crate::pages::admin::datetime_value;

    #[test]
    fn utc_times_round_trip() {
        let cases: &[(&str, Option<i64>)] = &[
            ("1970-01-01T00:00", Some(0)),
            ("2023-11-14T22:13", Some(1_699_999_980_000)),
            ("2023-11-14T22:13:20", Some(1_700_000_000_000)),
            ("2000-02-29 00:00", Some(951_782_400_000)),
            ("2001-02-29T00:00", None),
            ("2026-13-01T00:00", None),
            ("2026-12-07T24:00", None),
            ("2026-12-07", None),
            ("", None),
            ("tomorrow", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_utc(text), *expected, "{text}");
        }
        for ms in [0, 951_782_400_000, 1_796_632_260_000] {
            assert_eq!(parse_utc(&datetime_value(ms)), Some(ms));
        }
    }
}
