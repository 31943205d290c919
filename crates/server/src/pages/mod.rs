//! Server-rendered pages (maud). Every page works without JavaScript for
//! reading; `static/editor.js` adds the editor's behaviour.

pub mod accounts;
pub mod admin;
pub mod editor;
pub mod explain;
pub mod groups;
pub mod home;
pub mod layout;
pub mod phone;
pub mod problems_admin;
pub mod report;
pub mod stories;
pub mod workstyle;

use maud::{html, Markup};
use oaj_spec::Difficulty;

pub fn difficulty_badge(difficulty: Difficulty) -> Markup {
    let class = match difficulty {
        Difficulty::Easy => "badge easy",
        Difficulty::Medium => "badge medium",
        Difficulty::Hard => "badge hard",
    };
    html! { span class=(class) { (difficulty) } }
}

pub fn topic_badges(topics: &[String]) -> Markup {
    html! { @for topic in topics { span.badge.topic { (topic) } " " } }
}

/// `90:00`-style minutes and seconds (minutes may exceed 59).
pub fn clock_text(ms: i64) -> String {
    let total = (ms.max(0) + 999) / 1000;
    format!("{}:{:02}", total / 60, total % 60)
}

/// A human duration: `42 s`, `12 min 5 s`, `1 h 30 min`.
pub fn duration_text(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 if s % 60 == 0 => format!("{} min", s / 60),
        60..=3599 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

/// A UTC timestamp in a `<time>` element; the script shows it in the
/// reader's local time.
pub fn timestamp(ms: i64) -> Markup {
    html! { time datetime=(ms) data-ms=(ms) { (utc_text(ms)) } }
}

/// `2026-12-07 08:31 UTC`, without a date library.
pub fn utc_text(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", rem / 3600, (rem % 3600) / 60)
}

/// `0.734` → `73%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.0}%", (fraction * 100.0).clamp(0.0, 100.0))
}

/// A score of `max` as the leaderboards and the history show it: the
/// percentage alone (every entry of one board has the same maximum, so the
/// order is the same as by points); empty when there was nothing to score.
pub fn score_text(score: f64, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    percent(score / max as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(clock_text(90 * 60 * 1000), "90:00");
        assert_eq!(clock_text(89 * 60 * 1000 + 59_001), "90:00");
        assert_eq!(clock_text(59_000), "0:59");
        assert_eq!(clock_text(-5), "0:00");
        assert_eq!(duration_text(42_000), "42 s");
        assert_eq!(duration_text(725_000), "12 min 5 s");
        assert_eq!(duration_text(5_400_000), "1 h 30 min");
        assert_eq!(duration_text(1_800_000), "30 min");
        assert_eq!(utc_text(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_text(1_796_632_306_000), "2026-12-07 08:31 UTC");
        assert_eq!(utc_text(951_782_400_000), "2000-02-29 00:00 UTC");
        assert_eq!(percent(0.734), "73%");
    }
}
