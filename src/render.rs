//! Human-readable terminal output.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::IsTerminal;

use oaj_judge::{CaseResult, JudgeEvent, JudgeResult, Language, Languages, Toolchain, Verdict};
use oaj_spec::Problem;
use tokio::sync::mpsc::UnboundedReceiver;

fn color_enabled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn paint(text: &str, code: &str) -> String {
    if color_enabled() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Text that comes from a submission (its output and stderr, a compiler's
/// or the judge's message quoting them) made inert for the terminal: control
/// characters other than newline and tab, and the Unicode controls that
/// reorder a line, are shown as escapes (`\x1b`, `\r`, `\u{202e}`).
/// Printed as they are, a program's escape sequences could move the cursor,
/// erase the lines above and print a verdict line the judge never gave.
/// `--json` keeps the exact text.
pub fn inert(text: &str) -> Cow<'_, str> {
    let reorders = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let shown_as_is = |c: char| c == '\n' || c == '\t' || !(c.is_control() || reorders(c));
    if text.chars().all(shown_as_is) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if shown_as_is(c) => out.push(c),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

pub fn verdict(v: Verdict) -> String {
    let code = match v {
        Verdict::AC => "1;32",
        Verdict::WA => "1;31",
        Verdict::TLE | Verdict::MLE | Verdict::OLE => "1;33",
        Verdict::RE => "1;35",
        Verdict::CE | Verdict::IE => "1;36",
    };
    paint(&format!("{:<3}", v.as_str()), code)
}

/// Prints rows under a header, columns padded to their widest cell.
pub fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == N {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  "));
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        line(row.to_vec());
    }
}

pub fn languages(languages: &Languages) {
    let rows: Vec<[String; 5]> = languages
        .iter()
        .map(|l| {
            let status = match l.toolchain() {
                Toolchain::Present { version, .. } => version.clone(),
                Toolchain::Missing { reason } => format!("MISSING: {reason} (apt-get install {})", l.package),
            };
            [
                l.id.clone(),
                l.name.clone(),
                l.extensions.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" "),
                format!("{}x", l.time_multiplier),
                status,
            ]
        })
        .collect();
    table(&["ID", "NAME", "EXTENSIONS", "TIME", "TOOLCHAIN"], &rows);
}

/// Live output of `oaj run`: case lines printed in problem order as their
/// results arrive.
pub struct LiveRun {
    header: String,
    /// Width of the case-name column: the longest name of the problem, so
    /// that the verdicts line up.
    name_width: usize,
    next: usize,
    pending: std::collections::BTreeMap<usize, CaseResult>,
}

impl LiveRun {
    pub fn new(problem: &Problem, language: &Language) -> Self {
        LiveRun {
            header: format!("{} · {} · {}", problem.slug, problem.title, language.name),
            name_width: problem
                .samples
                .iter()
                .chain(&problem.hidden)
                .map(|c| c.name.chars().count())
                .max()
                .unwrap_or(0),
            next: 0,
            pending: Default::default(),
        }
    }
}

pub async fn print_events(mut rx: UnboundedReceiver<JudgeEvent>, mut live: Option<LiveRun>) {
    while let Some(event) = rx.recv().await {
        let Some(live) = live.as_mut() else { continue };
        match event {
            JudgeEvent::Compiling => println!("{}", live.header),
            JudgeEvent::Compiled { report } => {
                let how = if report.cached {
                    "cached build".to_string()
                } else {
                    format!("compiled in {} ms", report.time_ms)
                };
                if report.ok {
                    println!("{}", paint(&how, "2"));
                    if !report.message.is_empty() {
                        println!("{}", indent(&inert(&report.message)));
                    }
                } else {
                    println!("{} compile error\n{}", verdict(Verdict::CE), indent(&inert(&report.message)));
                }
            }
            JudgeEvent::CaseFinished { index, result, .. } => {
                live.pending.insert(index, result);
                while let Some(result) = live.pending.remove(&live.next) {
                    case_line(&result, live.name_width);
                    live.next += 1;
                }
            }
        }
    }
    if let Some(live) = live {
        for result in live.pending.values() {
            case_line(result, live.name_width);
        }
    }
}

fn case_line(case: &CaseResult, name_width: usize) {
    let memory = if case.memory_kb >= 1024 {
        format!("{:.1} MiB", case.memory_kb as f64 / 1024.0)
    } else {
        format!("{} KiB", case.memory_kb)
    };
    let line = format!(
        "  {:<name_width$} {} {:>6} ms {:>10}  {}",
        inert(&case.name),
        verdict(case.verdict),
        case.time_ms,
        memory,
        inert(&case.message)
    );
    println!("{}", line.trim_end());
    if let Some(diff) = &case.diff {
        println!("{}", indent(&inert(diff.trim_end())));
    }
    if case.verdict != Verdict::AC {
        if let Some(stderr) = &case.stderr {
            let tail: Vec<&str> = stderr.lines().rev().take(10).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            println!("{}", indent(&format!("stderr:\n{}", inert(&tail.join("\n")))));
        }
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("      {l}")).collect::<Vec<_>>().join("\n")
}

pub fn summary(result: &JudgeResult) {
    if !result.compile.ok {
        println!("passed 0/{} · verdict {}", result.total, verdict(result.verdict));
        return;
    }
    println!(
        "passed {}/{} · score {:.1}% · verdict {} ({})",
        result.passed,
        result.total,
        result.score * 100.0,
        verdict(result.verdict),
        result.verdict.description()
    );
}

pub fn custom_run(result: &oaj_judge::CustomRunResult) {
    if !result.compile.ok {
        println!("{} compile error\n{}", verdict(Verdict::CE), indent(&inert(&result.compile.message)));
        return;
    }
    print!("{}", inert(&result.stdout));
    if !result.stdout.is_empty() && !result.stdout.ends_with('\n') {
        println!();
    }
    if result.stdout_truncated {
        println!("{}", paint("... (output cut)", "2"));
    }
    if !result.stderr.is_empty() {
        println!("{}\n{}", paint("stderr:", "2"), inert(result.stderr.trim_end()));
    }
    let status = format!("{} ms · {:.1} MiB", result.time_ms, result.memory_kb as f64 / 1024.0);
    // Custom input has no answer to compare with: a clean run is "ran",
    // never "AC", which would claim the output was checked.
    let outcome = if result.verdict == Verdict::AC { paint("ran", "1;32") } else { verdict(result.verdict) };
    println!("{outcome} {} {}", paint(&status, "2"), inert(&result.message));
}
