//! Stepped runs (`Sandbox::run_steps`) through the real exec helper: each
//! step's input arrives only after the previous step's line on descriptor 3,
//! the CPU between two lines is measured from outside the process, and a
//! step over its own limits ends the run.

mod sandbox_support;

use std::time::Duration;

use oaj_sandbox::{LimitHit, Step, SteppedOutcome, Termination};
use sandbox_support::*;

/// Reads lines; "burn N" spins N ms of CPU first. Every line read is echoed
/// as one line on descriptor 3.
const ECHO: &str = r#"
import os, sys, time
def report(text):
    os.write(3, (text + "\n").encode())
stdin = sys.stdin.buffer
while True:
    line = stdin.readline()
    if not line:
        break
    words = line.decode().split()
    if words[0] == "burn":
        end = time.process_time() + int(words[1]) / 1000
        while time.process_time() < end:
            pass
    elif words[0] == "sleep":
        time.sleep(int(words[1]) / 1000)
    elif words[0] == "peek":
        # Is the next step's input already there? It must not be.
        import select
        ready, _, _ = select.select([0], [], [], 0.3)
        report("peek " + ("early" if ready else "nothing"))
        continue
    elif words[0] == "fds":
        open_fds = [fd for fd in range(64) if fd > 2 and os.path.exists("/proc/self/fd/%d" % fd)]
        def can_open(mode):
            try:
                os.close(os.open("/proc/self/fd/3", mode))
                return "yes"
            except OSError:
                return "no"
        try:
            os.fchmod(3, 0o666)
            chmod = "yes"
        except OSError:
            chmod = "no"
        report("fds %s write %s read %s chmod %s" % (open_fds, can_open(os.O_WRONLY), can_open(os.O_RDONLY), chmod))
        continue
    report(" ".join(words))
"#;

fn step(input: &str, cpu_ms: u64) -> Step {
    Step {
        input: input.as_bytes().to_vec(),
        cpu_time: Duration::from_millis(cpu_ms),
        wall_time: Duration::from_millis(cpu_ms * 4 + 2000),
    }
}

fn run(steps: &[Step]) -> Option<SteppedOutcome> {
    let sandbox = sandbox();
    if !sandbox.supports_steps() {
        eprintln!("skipped: no cgroup CPU counter on this host:\n{}", sandbox.protections());
        return None;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("echo.py"), ECHO).expect("write echo.py");
    let spec = spec(dir.path(), "python3", &["-S", "echo.py"], limits(20_000, 256));
    Some(sandbox.run_steps(&spec, steps).expect("stepped run"))
}

fn lines(outcome: &SteppedOutcome) -> Vec<String> {
    String::from_utf8_lossy(&outcome.report).lines().map(str::to_string).collect()
}

#[test]
fn cpu_between_lines_is_measured_outside_the_process() {
    let steps = [step("start\n", 5000), step("quick\n", 2000), step("burn 400\n", 2000), step("quick\n", 2000)];
    let Some(outcome) = run(&steps) else { return };
    assert_eq!(outcome.outcome.termination, Termination::Exited(0), "{:?}", outcome.outcome);
    assert_eq!(lines(&outcome), ["start", "quick", "burn 400", "quick"]);
    assert_eq!(outcome.marks.len(), 4);
    let step_cpu: Vec<Duration> =
        outcome.marks.windows(2).map(|w| w[1].cpu_time.saturating_sub(w[0].cpu_time)).collect();
    assert!(step_cpu[1] >= Duration::from_millis(380), "the burning step: {step_cpu:?}");
    assert!(step_cpu[0] < Duration::from_millis(150) && step_cpu[2] < Duration::from_millis(150), "{step_cpu:?}");
    // The run's total CPU covers every step.
    assert!(outcome.outcome.cpu_time >= outcome.marks[3].cpu_time, "{:?}", outcome.outcome.cpu_time);
}

#[test]
fn a_step_over_its_cpu_limit_ends_the_run() {
    let steps = [step("start\n", 5000), step("burn 5000\n", 300), step("quick\n", 300)];
    let Some(outcome) = run(&steps) else { return };
    assert_eq!(outcome.outcome.limit_hit, Some(LimitHit::CpuTime), "{:?}", outcome.outcome);
    assert_eq!(lines(&outcome), ["start"]);
    assert!(outcome.outcome.cpu_time < Duration::from_millis(2000), "{:?}", outcome.outcome.cpu_time);
}

#[test]
fn a_step_over_its_wall_limit_ends_the_run() {
    let mut sleepy = step("sleep 10000\n", 5000);
    sleepy.wall_time = Duration::from_millis(400);
    let steps = [step("start\n", 5000), sleepy, step("quick\n", 300)];
    let Some(outcome) = run(&steps) else { return };
    assert_eq!(outcome.outcome.limit_hit, Some(LimitHit::WallTime), "{:?}", outcome.outcome);
    assert_eq!(lines(&outcome), ["start"]);
    assert!(outcome.outcome.wall_time < Duration::from_secs(5), "{:?}", outcome.outcome.wall_time);
}

#[test]
fn the_next_input_waits_for_the_line_and_only_descriptor_3_is_added() {
    let steps = [step("fds\n", 5000), step("peek\n", 2000), step("after\n", 2000)];
    let Some(outcome) = run(&steps) else { return };
    assert_eq!(outcome.outcome.termination, Termination::Exited(0), "{:?}", outcome.outcome);
    // The report pipe can be reopened for writing (Java's harness does) but
    // not for reading, and as root the program cannot change its mode (in a
    // user namespace the program's uid owns the pipe).
    // SAFETY: geteuid cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let fds = if root { "fds [3] write yes read no chmod no" } else { "fds [3] write yes read no chmod yes" };
    assert_eq!(lines(&outcome), [fds, "peek nothing", "after"]);
}
