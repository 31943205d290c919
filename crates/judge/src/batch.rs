//! Batch mode for function problems: all hidden cases of a submission in
//! one process, so a 50-case Java problem pays one JVM start-up, not 50.
//!
//! The harness (see `function::python` and `function::java`) is run as
//! `<run command> --oaj-batch <limit ms>` with stdin holding a case count and
//! then each case's parameter lines. It calls the user's function once per
//! case, times each call itself, and streams one stdout line per finished
//! case: `R <ordinal> <ns> <json>` or `X <ordinal>` (the call raised, or its
//! result could not be printed). The first line is `S <ns>`: the CPU time
//! the process spent starting up. A call running past the time limit ends
//! the process (the harness's own watchdog).
//!
//! Verdicts stay those of one process per case: a case is decided from the
//! batch only when its result line is there and its time plus the start-up
//! stays under [`SAFE_SHARE`] of the limit (its own process would pay the
//! start-up too). Every other case runs alone through the per-case path:
//! a case that raised, a slow one, and the case the process died on; the
//! cases after that one go to the next batch.

use std::collections::HashMap;
use std::fs;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use oaj_sandbox::Stdin;
use oaj_spec::TestCase;

use crate::pipeline::{CaseContext, Judge};
use crate::result::CaseResult;

/// Batch processes per judging at most; past this the rest run alone, so a
/// program that keeps dying costs at most this many extra processes.
const MAX_BATCH_ROUNDS: usize = 4;

/// Share of the time limit a case decided from the batch may use, start-up
/// included. The margin covers what the batch hides: a cold JIT and
/// interpreter start-up in the case's own process.
const SAFE_SHARE: f64 = 0.75;

/// CPU time a batch process gets for starting up, on top of one time limit
/// per case.
const STARTUP_ALLOWANCE: Duration = Duration::from_secs(5);

/// The argument that puts a generated harness in batch mode.
pub(crate) const BATCH_FLAG: &str = "--oaj-batch";

/// One case's line of batch output.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CaseLine {
    /// The call returned; `json` is the result as one line of JSON.
    Returned { nanos: u64, json: String },
    /// The call raised or its result could not be printed.
    Raised,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct BatchOutput {
    startup_nanos: u64,
    cases: HashMap<usize, CaseLine>,
}

/// Reads the harness's batch output. Only complete lines count: a line cut
/// off by the process dying says nothing about its case.
fn parse_output(stdout: &[u8]) -> BatchOutput {
    let text = String::from_utf8_lossy(stdout);
    let mut out = BatchOutput::default();
    let complete = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    for line in complete.lines() {
        let mut parts = line.splitn(4, ' ');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("S"), Some(nanos), None, None) => {
                out.startup_nanos = nanos.parse().unwrap_or(u64::MAX);
            }
            (Some("X"), Some(ordinal), None, None) => {
                if let Ok(ordinal) = ordinal.parse() {
                    out.cases.insert(ordinal, CaseLine::Raised);
                }
            }
            (Some("R"), Some(ordinal), Some(nanos), Some(json)) => {
                if let (Ok(ordinal), Ok(nanos)) = (ordinal.parse(), nanos.parse()) {
                    out.cases.insert(ordinal, CaseLine::Returned { nanos, json: json.to_string() });
                }
            }
            // Anything else is not the harness's: ignore it, the cases it
            // leaves unknown run alone.
            _ => {}
        }
    }
    out
}

/// A case's parameter lines, as the one-case harness reads them (blank lines
/// skipped), or None when the case cannot be batched (unreadable, or not one
/// line per parameter: its own run reports that as malformed test data).
fn parameter_lines(case: &TestCase, params: usize) -> Option<Vec<String>> {
    let text = fs::read_to_string(&case.input).ok()?;
    let lines: Vec<String> =
        text.split('\n').filter(|l| !l.trim().is_empty()).map(|l| l.trim_end_matches('\r').to_string()).collect();
    (lines.len() == params).then_some(lines)
}

/// Runs `cases` (index in the judging, case) in batches, reporting each
/// case through `finish` as its verdict is known. Blocking.
pub(crate) fn run_batch(
    judge: &Judge,
    context: &CaseContext,
    cases: &[(usize, TestCase)],
    stop: &AtomicBool,
    finish: impl Fn(usize, CaseResult),
) {
    let run_alone = |(index, case): &(usize, TestCase)| {
        if !stop.load(Ordering::SeqCst) {
            finish(*index, judge.run_case(context, case));
        }
    };
    let mut queue: Vec<(&(usize, TestCase), Vec<String>)> = Vec::new();
    let mut alone = Vec::new();
    for item in cases {
        match parameter_lines(&item.1, context.params) {
            Some(lines) => queue.push((item, lines)),
            None => alone.push(item),
        }
    }
    for item in alone {
        run_alone(item);
    }

    let safe_nanos = (context.time_limit.as_nanos() as f64 * SAFE_SHARE) as u64;
    let mut rounds = 0;
    while !queue.is_empty() && !stop.load(Ordering::SeqCst) {
        rounds += 1;
        if rounds > MAX_BATCH_ROUNDS {
            for (item, _) in &queue {
                run_alone(item);
            }
            return;
        }
        let mut stdin = format!("{}\n", queue.len());
        for (_, lines) in &queue {
            for line in lines {
                stdin.push_str(line);
                stdin.push('\n');
            }
        }
        let mut limits = context.limits.clone();
        limits.cpu_time = context.time_limit * queue.len() as u32 + STARTUP_ALLOWANCE;
        limits.wall_time = limits.cpu_time * 2 + Duration::from_secs(1);
        let args = [BATCH_FLAG.to_string(), context.time_limit.as_millis().to_string()];
        // A sandbox failure leaves every case unknown: they run alone below
        // (first) and in the next round.
        let (output, memory_kb) =
            match judge.run_solution_with(context, Stdin::Bytes(stdin.into_bytes()), &args, limits) {
                Ok(outcome) => (parse_output(&outcome.stdout), outcome.peak_memory_bytes / 1024),
                Err(_) => (BatchOutput::default(), 0),
            };

        let mut rest = Vec::new();
        let mut culprit_run = false;
        for (ordinal, (item, lines)) in queue.into_iter().enumerate() {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            match output.cases.get(&ordinal) {
                Some(CaseLine::Returned { nanos, json })
                    if output.startup_nanos.saturating_add(*nanos) <= safe_nanos =>
                {
                    match decided(judge, context, &item.1, *nanos, json, memory_kb) {
                        Some(result) => finish(item.0, result),
                        None => run_alone(item),
                    }
                }
                Some(_) => run_alone(item),
                // The first case without a line is the one the process
                // ended on (a time limit, a crash, an exit): it runs alone.
                None if !culprit_run => {
                    culprit_run = true;
                    run_alone(item);
                }
                None => rest.push((item, lines)),
            }
        }
        queue = rest;
    }
}

/// The result of a case whose call returned in the batch: checked like a
/// one-case run's output. None when the answer cannot be read (the case's
/// own run reports that).
fn decided(
    judge: &Judge,
    context: &CaseContext,
    case: &TestCase,
    nanos: u64,
    json: &str,
    memory_kb: u64,
) -> Option<CaseResult> {
    let answer = fs::read(&case.answer).ok()?;
    let output = format!("{json}\n");
    let check = judge.check(context, case, output.as_bytes(), &answer);
    let kept = if check.verdict == crate::Verdict::AC {
        None
    } else {
        crate::pipeline::kept_output(context, output.as_bytes())
    };
    let millis = nanos / 1_000_000;
    Some(CaseResult {
        name: case.name.clone(),
        verdict: check.verdict,
        time_ms: millis,
        wall_ms: millis,
        // The batch process's peak: an upper bound of the case's own.
        memory_kb,
        message: check.message,
        visibility: case.visibility,
        diff: None,
        stderr: None,
        output: kept,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_keeps_complete_lines_only() {
        let cases = [
            (
                "S 120\nR 0 5000 [1,2]\nX 1\nR 2 7 \"a b\"\n",
                120,
                vec![
                    (0, CaseLine::Returned { nanos: 5000, json: "[1,2]".into() }),
                    (1, CaseLine::Raised),
                    (2, CaseLine::Returned { nanos: 7, json: "\"a b\"".into() }),
                ],
            ),
            // Cut off mid-line by a kill: case 1 is unknown.
            ("S 5\nR 0 1 3\nR 1 2 [1,", 5, vec![(0, CaseLine::Returned { nanos: 1, json: "3".into() })]),
            // Stray text and malformed lines are ignored.
            ("hello\nR x 1 2\nX\n", 0, vec![]),
            ("", 0, vec![]),
        ];
        for (stdout, startup, expected) in cases {
            let parsed = parse_output(stdout.as_bytes());
            assert_eq!(parsed.startup_nanos, startup, "{stdout:?}");
            let expected: HashMap<usize, CaseLine> = expected.into_iter().collect();
            assert_eq!(parsed.cases, expected, "{stdout:?}");
        }
    }
}
