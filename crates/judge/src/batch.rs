//! Batch mode for function problems: all hidden cases of a submission in
//! one process, so a 50-case Java problem pays one JVM start-up, not 50.
//!
//! Nothing the process says about time is believed. The batch is a stepped
//! run of the sandbox (see [`oaj_sandbox::Step`]): the harness (every
//! language's under `function::`, started with [`BATCH_FLAG`])
//! gets on stdin first `<nonce> <case count>`, and each case's parameter
//! lines only after it has reported the previous case. It reports on
//! descriptor 3, one line each: `<nonce> ready` once started, then per case
//! `<nonce> <case> R <json>` (the call returned this value) or
//! `<nonce> <case> X` (it raised, or the value cannot be printed). The
//! sandbox's exec helper reads the run's CPU time from its cgroup at every
//! line, so a case's time is the CPU the whole run used between handing
//! over its input and receiving its answer: the work that produces an
//! answer cannot happen before the input exists in the sandbox nor after
//! the answer has left it. The judge compares the value itself, as for a
//! one-case run. A step running past [`SAFE_SHARE`] of the time limit is
//! ended by the helper, not by anything in the process.
//!
//! Verdicts stay those of one process per case: a case is decided from the
//! batch only when its report is trusted, its value is accepted, and its
//! measured time plus the measured start-up stays under [`SAFE_SHARE`] of
//! the limit (its own process would pay the start-up too). Every other case
//! runs alone through the per-case path, whose verdict is authoritative, in
//! parallel with the rest (the scheduler gives each its own slot): a case
//! that raised, one whose value is wrong (state kept from earlier cases of
//! the batch must not fail it), a slow one, the case the process ended on and the one reported just before
//! it (the cases after it go to the next batch), and every case of a batch
//! whose report is not exactly what the harness writes (a line without the
//! run's nonce, out of order, duplicated, malformed, extra, or a process
//! that failed after its last answer): something in the process tampered
//! with the channel, so no report of that process counts.

use std::fs;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use oaj_sandbox::{Step, StepMark, SteppedOutcome, Termination};
use oaj_spec::TestCase;

use crate::case::CaseRunner;
use crate::function::BATCH_FLAG;
use crate::result::CaseResult;

/// Batch processes per judging at most; past this the rest run alone, so a
/// program that keeps dying costs at most this many extra processes.
const MAX_BATCH_ROUNDS: usize = 4;

/// Share of the time limit a case decided from the batch may use, start-up
/// included; a step past it is ended by the sandbox. The margin covers what
/// the batch hides: a cold JIT and interpreter start-up in the case's own
/// process.
const SAFE_SHARE: f64 = 0.75;

/// CPU time a batch process gets for starting up (the step before its first
/// case), and the backstop on top of one time limit per case for the run.
const STARTUP_ALLOWANCE: Duration = Duration::from_secs(5);

/// One case's trusted report.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Report {
    /// The call returned; `json` is the result as one line of JSON.
    Returned(String),
    /// The call raised or its result could not be printed.
    Raised,
}

/// A case's report with the CPU and wall time the sandbox measured for it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reported {
    report: Report,
    cpu: Duration,
    wall: Duration,
}

/// What a batch process's report channel says, as far as it can be trusted.
#[derive(Debug, Default, PartialEq, Eq)]
struct Reading {
    /// CPU time before the `ready` line (None: the process never got there).
    startup: Option<Duration>,
    /// Reports of cases 0, 1, ... in order, up to the first case without one.
    cases: Vec<Reported>,
    /// A line that the harness does not write: nothing from this process is
    /// trusted.
    tampered: bool,
}

/// Reads the report lines of a batch of `count` cases. Only complete lines
/// count (a line cut off by the process dying says nothing); every complete
/// line has a mark, taken when the sandbox received it.
fn read_reports(report: &[u8], marks: &[StepMark], nonce: &str, count: usize) -> Reading {
    let tampered = Reading { tampered: true, ..Reading::default() };
    let complete = match report.iter().rposition(|&b| b == b'\n') {
        Some(end) => &report[..end],
        None => return Reading::default(),
    };
    let Ok(text) = std::str::from_utf8(complete) else { return tampered };
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() != marks.len() || lines.len() > count + 1 {
        return tampered;
    }
    let mut reading = Reading::default();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix(nonce).and_then(|r| r.strip_prefix(' ')) else { return tampered };
        if i == 0 {
            if rest != "ready" {
                return tampered;
            }
            reading.startup = Some(marks[0].cpu_time);
            continue;
        }
        let case = i - 1;
        let Some(rest) = rest.strip_prefix(&case.to_string()) else { return tampered };
        let report = match rest {
            " X" => Report::Raised,
            _ => match rest.strip_prefix(" R ") {
                Some(json) if !json.is_empty() => Report::Returned(json.to_string()),
                _ => return tampered,
            },
        };
        reading.cases.push(Reported {
            report,
            cpu: marks[i].cpu_time.saturating_sub(marks[i - 1].cpu_time),
            wall: marks[i].wall_time.saturating_sub(marks[i - 1].wall_time),
        });
    }
    reading
}

/// A fresh secret for one batch process's report lines: 128 random bits.
fn nonce() -> Option<String> {
    let mut bytes = [0u8; 16];
    fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
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

/// The steps of one batch process: start-up, one per case, and the exit
/// after the last report (limited like a case, since it is charged to the
/// last case: work done after a report still belongs to some case).
fn batch_steps(time_limit: Duration, nonce: &str, cases: &[Vec<String>], safe: Duration) -> Vec<Step> {
    let mut steps = vec![Step {
        input: format!("{nonce} {}\n", cases.len()).into_bytes(),
        cpu_time: STARTUP_ALLOWANCE,
        wall_time: STARTUP_ALLOWANCE * 2 + Duration::from_secs(1),
    }];
    for lines in cases {
        let mut input = String::new();
        for line in lines {
            input.push_str(line);
            input.push('\n');
        }
        steps.push(Step {
            input: input.into_bytes(),
            cpu_time: safe,
            // Sleeping or blocked: anything slower runs alone anyway.
            wall_time: time_limit + Duration::from_secs(1),
        });
    }
    steps.push(Step { input: Vec::new(), cpu_time: safe, wall_time: time_limit + Duration::from_secs(1) });
    steps
}

/// Runs `cases` (index in the judging, case) in batches, reporting each
/// case through `finish` as its verdict is known. Blocking.
///
/// A case the batch cannot decide goes to `alone`, which runs it in its own
/// process (the authoritative per-case path) without waiting for it: the
/// scheduler runs those in parallel with the rest of the batch.
pub(crate) fn run_batch(
    runner: &CaseRunner,
    cases: &[(usize, TestCase)],
    stop: &AtomicBool,
    finish: impl Fn(usize, CaseResult),
    alone: impl Fn(&(usize, TestCase)),
) {
    let tally = Tally {
        cases: cases.len(),
        language: &runner.language.id,
        decided: Default::default(),
        alone: Default::default(),
        rounds: Default::default(),
    };
    let run_alone = |item: &(usize, TestCase)| {
        if !stop.load(Ordering::SeqCst) {
            tally.alone.set(tally.alone.get() + 1);
            alone(item);
        }
    };
    let mut queue: Vec<(&(usize, TestCase), Vec<String>)> = Vec::new();
    let mut alone = Vec::new();
    for item in cases {
        match parameter_lines(&item.1, runner.params) {
            Some(lines) => queue.push((item, lines)),
            None => alone.push(item),
        }
    }
    for item in alone {
        run_alone(item);
    }

    let safe = runner.time_limit().mul_f64(SAFE_SHARE);
    let mut rounds = 0;
    while !queue.is_empty() && !stop.load(Ordering::SeqCst) {
        rounds += 1;
        tally.rounds.set(rounds);
        let nonce = nonce();
        let (Some(nonce), true) = (nonce, rounds <= MAX_BATCH_ROUNDS) else {
            for (item, _) in &queue {
                run_alone(item);
            }
            return;
        };
        let inputs: Vec<Vec<String>> = queue.iter().map(|(_, lines)| lines.clone()).collect();
        let steps = batch_steps(runner.time_limit(), &nonce, &inputs, safe);
        let mut limits = runner.limits.clone();
        limits.cpu_time = runner.time_limit() * queue.len() as u32 + STARTUP_ALLOWANCE;
        limits.wall_time = limits.cpu_time * 2 + Duration::from_secs(1);
        let args = [BATCH_FLAG.to_string()];
        // A sandbox failure leaves every case unknown: they all run alone.
        let Ok(outcome) = runner.run_solution_steps(&args, limits, &steps) else {
            for (item, _) in &queue {
                run_alone(item);
            }
            return;
        };
        let SteppedOutcome { outcome, report, marks } = outcome;
        let mut reading = read_reports(&report, &marks, &nonce, queue.len());
        tracing::debug!(
            round = rounds,
            cases = queue.len(),
            reported = reading.cases.len(),
            tampered = reading.tampered,
            startup = ?reading.startup,
            termination = ?outcome.termination,
            limit = ?outcome.limit_hit,
            "batch process ended"
        );
        // Every case answered but the process then failed: its own runs
        // say how (one process per case would have failed each time).
        let clean = outcome.termination == Termination::Exited(0) && outcome.limit_hit.is_none();
        if reading.cases.len() == queue.len() && !clean {
            reading.tampered = true;
        }
        if reading.tampered {
            for (item, _) in &queue {
                run_alone(item);
            }
            return;
        }
        // What the process used after its last report (exiting) is the last
        // case's: otherwise a call could report and then keep running.
        if let (true, Some(last), Some(mark)) =
            (reading.cases.len() == queue.len(), reading.cases.last_mut(), marks.last())
        {
            last.cpu += outcome.cpu_time.saturating_sub(mark.cpu_time);
            last.wall += outcome.wall_time.saturating_sub(mark.wall_time);
        }
        let memory_kb = outcome.peak_memory_bytes / 1024;
        let startup = reading.startup.unwrap_or(Duration::MAX);
        // When the process ended early, the last report before the end is
        // not believed either: a report forged as soon as the answer was
        // known, with the call still running (and charged to the next
        // case), would otherwise pass a call that overruns on its own.
        let doubtful = (reading.cases.len() < queue.len()).then(|| reading.cases.len().checked_sub(1)).flatten();
        let mut rest = Vec::new();
        for (ordinal, (item, lines)) in queue.into_iter().enumerate() {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            match reading.cases.get(ordinal) {
                Some(Reported { report: Report::Returned(json), cpu, wall })
                    if startup.saturating_add(*cpu) <= safe && Some(ordinal) != doubtful =>
                {
                    match decided(runner, &item.1, *cpu, *wall, json, memory_kb) {
                        Some(result) => {
                            tally.decided.set(tally.decided.get() + 1);
                            finish(item.0, result)
                        }
                        None => run_alone(item),
                    }
                }
                Some(_) => run_alone(item),
                // The first case without a report is the one the process
                // ended on (a limit, a crash, an exit): it runs alone.
                None if ordinal == reading.cases.len() => run_alone(item),
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
    runner: &CaseRunner,
    case: &TestCase,
    cpu: Duration,
    wall: Duration,
    json: &str,
    memory_kb: u64,
) -> Option<CaseResult> {
    let answer = fs::read(&case.answer).ok()?;
    let output = format!("{json}\n");
    let check = runner.check(case, output.as_bytes(), &answer);
    if check.verdict != crate::Verdict::AC {
        // A failing case is decided by its own run: state the user's code
        // kept from earlier cases of the batch, or anything else that only
        // one process for many cases does, must not fail it.
        return None;
    }
    Some(CaseResult {
        name: case.name.clone(),
        verdict: check.verdict,
        time_ms: cpu.as_millis() as u64,
        wall_ms: wall.as_millis() as u64,
        // The batch process's peak: an upper bound of the case's own.
        memory_kb,
        message: check.message,
        visibility: case.visibility,
        stopped_by_wall_clock: false,
        diff: None,
        stderr: None,
        output: None,
    })
}

/// What one judging's batch did, logged when it ends (`OAJ_LOG=info`):
/// how many cases the batch decided and how many ran alone.
struct Tally<'a> {
    cases: usize,
    language: &'a str,
    decided: std::cell::Cell<usize>,
    alone: std::cell::Cell<usize>,
    rounds: std::cell::Cell<usize>,
}

impl Drop for Tally<'_> {
    fn drop(&mut self) {
        tracing::info!(
            language = self.language,
            cases = self.cases,
            decided_in_batch = self.decided.get(),
            ran_alone = self.alone.get(),
            batch_processes = self.rounds.get(),
            "function batch finished"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "5eed";

    /// Marks at 10 ms of CPU (100 ms of wall) per line, plus `extra` ms of
    /// CPU on line `slow`.
    fn marks(lines: usize, slow: usize, extra: u64) -> Vec<StepMark> {
        (0..lines)
            .map(|i| StepMark {
                cpu_time: Duration::from_millis(10 * (i as u64 + 1) + if i >= slow { extra } else { 0 }),
                wall_time: Duration::from_millis(100 * (i as u64 + 1)),
            })
            .collect()
    }

    fn returned(json: &str, cpu_ms: u64) -> Reported {
        Reported {
            report: Report::Returned(json.into()),
            cpu: Duration::from_millis(cpu_ms),
            wall: Duration::from_millis(100),
        }
    }

    fn raised(cpu_ms: u64) -> Reported {
        Reported { report: Report::Raised, cpu: Duration::from_millis(cpu_ms), wall: Duration::from_millis(100) }
    }

    fn trusted(startup_ms: u64, cases: Vec<Reported>) -> Reading {
        Reading { startup: Some(Duration::from_millis(startup_ms)), cases, tampered: false }
    }

    fn tampered() -> Reading {
        Reading { tampered: true, ..Reading::default() }
    }

    #[test]
    fn reports_are_trusted_only_as_the_harness_writes_them() {
        let cases: Vec<(&str, usize, Vec<StepMark>, Reading)> = vec![
            (
                "5eed ready\n5eed 0 R [1,2]\n5eed 1 X\n5eed 2 R \"a b\"\n",
                3,
                marks(4, 3, 500),
                trusted(10, vec![returned("[1,2]", 10), raised(10), returned("\"a b\"", 510)]),
            ),
            // Cut off mid-line by a kill: case 1 is unknown, nothing is wrong.
            ("5eed ready\n5eed 0 R 3\n5eed 1 R [1,", 3, marks(2, 9, 0), trusted(10, vec![returned("3", 10)])),
            ("5eed rea", 3, vec![], Reading::default()),
            ("", 3, vec![], Reading::default()),
            // Died before any case.
            ("5eed ready\n", 3, marks(1, 9, 0), trusted(10, vec![])),
            // Without the nonce, or with another one.
            ("ready\n0 R 3\n", 3, marks(2, 9, 0), tampered()),
            ("5eed ready\nbeef 0 R 3\n", 3, marks(2, 9, 0), tampered()),
            // Out of order, duplicated, skipped, malformed, extra.
            ("5eed ready\n5eed 1 R 3\n", 3, marks(2, 9, 0), tampered()),
            ("5eed ready\n5eed 0 R 3\n5eed 0 R 3\n", 3, marks(3, 9, 0), tampered()),
            ("5eed ready\n5eed ready\n", 3, marks(2, 9, 0), tampered()),
            ("5eed ready\n5eed 0 R \n", 3, marks(2, 9, 0), tampered()),
            ("5eed ready\n5eed 0 S 0\n", 3, marks(2, 9, 0), tampered()),
            ("5eed ready\n5eed 00 R 3\n", 3, marks(2, 9, 0), tampered()),
            ("5eed ready\n5eed 0 R 3\n5eed 1 X\n", 1, marks(3, 9, 0), tampered()),
            ("5eed ready\n\n", 3, marks(2, 9, 0), tampered()),
            // Lines and marks must agree (one mark per line received).
            ("5eed ready\n5eed 0 R 3\n", 3, marks(1, 9, 0), tampered()),
            ("5eed ready\n\u{fffd}\n", 3, marks(2, 9, 0), tampered()),
        ];
        for (report, count, marks, expected) in cases {
            assert_eq!(read_reports(report.as_bytes(), &marks, NONCE, count), expected, "{report:?}");
        }
        // Bytes that are not UTF-8.
        assert_eq!(read_reports(b"5eed ready\n\xff\n", &marks(2, 9, 0), NONCE, 3), tampered());
    }

    #[test]
    fn nonces_are_fresh() {
        let a = nonce().expect("urandom");
        let b = nonce().expect("urandom");
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
