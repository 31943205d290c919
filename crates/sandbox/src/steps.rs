//! Stepped runs: one process, several steps, each timed from outside it.
//!
//! The program gets a pipe as its stdin and the write end of a second pipe
//! as descriptor [`REPORT_FD`]. It ends each step by writing one line
//! (anything ending in `\n`) to [`REPORT_FD`]. The exec helper, outside the
//! sandbox, reads that pipe and at every newline reads the run's CPU time
//! from its cgroup and the wall clock: a [`StepMark`]. Only then does it
//! write the next step's input to the program's stdin.
//!
//! So the CPU time between two marks is everything the run's processes
//! used between the judge handing over a step's input and receiving the
//! line that ends the step. Nothing inside the sandbox can move work out
//! of that window: the input does not exist in the sandbox before the
//! window opens, and whatever the line carries has been computed before
//! it closes. A program that writes extra lines only ends steps early; it
//! cannot make the sandbox mis-measure the work between two lines.
//!
//! Each step also has CPU and wall limits of its own, enforced by the
//! helper like the run's limits: a step that overruns ends the run.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::isolate::Capture;
use crate::{LimitHit, RunOutcome};

/// The descriptor on which a stepped run's program ends each step with a line.
pub const REPORT_FD: i32 = 3;

/// One step of a stepped run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Written to the program's stdin when the step starts: the first step's
    /// at once, every other one's when the previous step's line arrives.
    pub input: Vec<u8>,
    /// CPU time of the whole run's process tree during this step; more ends
    /// the run with [`LimitHit::CpuTime`].
    pub cpu_time: Duration,
    /// Wall time of this step; more ends the run with [`LimitHit::WallTime`].
    pub wall_time: Duration,
}

/// The run's CPU and wall time, since the program started, at the moment
/// the sandbox received one line on [`REPORT_FD`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepMark {
    pub cpu_time: Duration,
    pub wall_time: Duration,
}

/// What a stepped run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SteppedOutcome {
    pub outcome: RunOutcome,
    /// Everything the program wrote to [`REPORT_FD`], up to
    /// `limits.stdout_bytes` (more ends the run with [`LimitHit::Output`]).
    pub report: Vec<u8>,
    /// One mark per newline in `report`, in order. Of the lines past the
    /// last step only the first is marked.
    pub marks: Vec<StepMark>,
}

/// Capacity asked for the stdin and report pipes (the default limit of
/// `/proc/sys/fs/pipe-max-size`).
const PIPE_BYTES: libc::c_int = 1 << 20;

/// One step on the helper's wire: its input follows the request as raw
/// bytes, after the run's own stdin bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StepPlan {
    pub input_len: u64,
    pub cpu_time: Duration,
    pub wall_time: Duration,
}

/// The report and marks of a stepped run, as the helper hands them back.
#[derive(Debug, Default)]
pub(crate) struct StepsSeen {
    pub report: Vec<u8>,
    pub marks: Vec<StepMark>,
}

/// The helper's side of a stepped run: feeds inputs, reads the report pipe,
/// marks lines and watches the step limits.
pub(crate) struct Stepper {
    steps: Vec<Step>,
    /// Index of the next step whose input is not queued yet.
    next_input: usize,
    /// Write end of the program's stdin; closed after the last input.
    feed: Option<OwnedFd>,
    pending: Vec<u8>,
    report: Capture,
    /// Bytes of `report` already searched for newlines.
    scanned: usize,
    marks: Vec<StepMark>,
    /// Where the current step started (the previous mark, or zero).
    step_start: StepMark,
}

fn os_error(what: &str) -> String {
    format!("{what}: {}", io::Error::last_os_error())
}

fn pipe() -> Result<(OwnedFd, OwnedFd), String> {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    // SAFETY: fds is a valid array of two ints.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(os_error("pipe2"));
    }
    // SAFETY: pipe2 returned two fresh descriptors that we now own.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

impl Stepper {
    /// Creates the two pipes. Returns the stepper, the program's stdin (read
    /// end) and its report descriptor (write end). The report pipe's mode is
    /// write-only for everyone: runtimes without raw descriptors (Java) can
    /// open it as `/proc/self/fd/3` for writing, nobody can open it for
    /// reading, and as root the helper keeps owning it, so the program
    /// cannot change that (in a user namespace the program's uid owns it).
    pub fn new(steps: Vec<Step>, report_cap: u64) -> Result<(Self, OwnedFd, OwnedFd), String> {
        let (stdin_r, feed) = pipe()?;
        let (report_r, report_w) = pipe()?;
        // SAFETY: plain fcntl/fchmod on descriptors we own.
        unsafe {
            let flags = libc::fcntl(feed.as_raw_fd(), libc::F_GETFL);
            if flags < 0 || libc::fcntl(feed.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK) < 0 {
                return Err(os_error("fcntl on the stdin pipe"));
            }
            if libc::fchmod(report_w.as_raw_fd(), 0o222) != 0 {
                return Err(os_error("fchmod on the report pipe"));
            }
            // Large cases (lists of 100 000 values) then pass in a few
            // writes instead of one per 64 KiB; the default stays if the
            // host refuses.
            libc::fcntl(feed.as_raw_fd(), libc::F_SETPIPE_SZ, PIPE_BYTES);
            libc::fcntl(report_w.as_raw_fd(), libc::F_SETPIPE_SZ, PIPE_BYTES);
        }
        let mut stepper = Stepper {
            steps,
            next_input: 0,
            feed: Some(feed),
            pending: Vec::new(),
            report: Capture::new(report_r, report_cap),
            scanned: 0,
            marks: Vec::new(),
            step_start: StepMark::default(),
        };
        stepper.queue_next_input();
        Ok((stepper, stdin_r, report_w))
    }

    fn queue_next_input(&mut self) {
        if let Some(step) = self.steps.get_mut(self.next_input) {
            self.pending.extend(std::mem::take(&mut step.input));
            self.next_input += 1;
        }
        self.flush_feed();
    }

    /// Writes what the pipe takes without blocking; closes the program's
    /// stdin once the last input is written (or the program closed it).
    fn flush_feed(&mut self) {
        let Some(feed) = &self.feed else {
            self.pending.clear();
            return;
        };
        while !self.pending.is_empty() {
            // SAFETY: valid buffer and descriptor.
            let n = unsafe { libc::write(feed.as_raw_fd(), self.pending.as_ptr().cast(), self.pending.len()) };
            if n < 0 {
                match io::Error::last_os_error().kind() {
                    io::ErrorKind::Interrupted => continue,
                    io::ErrorKind::WouldBlock => return,
                    // EPIPE: the program closed its stdin; it gets no more.
                    _ => {
                        self.feed = None;
                        self.pending.clear();
                        return;
                    }
                }
            }
            self.pending.drain(..n as usize);
        }
        if self.next_input >= self.steps.len() {
            self.feed = None;
        }
    }

    /// The descriptors to poll: the report pipe, and stdin while input waits.
    pub fn poll_fds(&self) -> [libc::pollfd; 2] {
        let feed = match (&self.feed, self.pending.is_empty()) {
            (Some(fd), false) => fd.as_raw_fd(),
            _ => -1,
        };
        [
            libc::pollfd {
                fd: self.report.fd.as_ref().map_or(-1, |fd| fd.as_raw_fd()),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd { fd: feed, events: libc::POLLOUT, revents: 0 },
        ]
    }

    /// Acts on what poll reported for [`Stepper::poll_fds`].
    pub fn on_poll(&mut self, fds: &[libc::pollfd]) {
        if fds.first().is_some_and(|p| p.revents != 0) {
            let _ = self.report.read_some();
        }
        if fds.get(1).is_some_and(|p| p.revents != 0) {
            self.flush_feed();
        }
    }

    /// Whether lines arrived that are not marked yet.
    pub fn has_new_lines(&self) -> bool {
        self.report.bytes[self.scanned..].contains(&b'\n')
    }

    /// Marks every new line with `now` (the run's CPU and wall time, read
    /// by the caller after the lines arrived) and starts the next steps.
    /// Past the last step only one more line is marked: a program flooding
    /// the pipe with newlines must not grow the helper's marks without
    /// bound (the caller sees fewer marks than lines).
    pub fn mark_lines(&mut self, now: StepMark) {
        let lines = self.report.bytes[self.scanned..].iter().filter(|&&b| b == b'\n').count();
        self.scanned = self.report.bytes.len();
        let room = (self.steps.len() + 1).saturating_sub(self.marks.len());
        for _ in 0..lines.min(room) {
            self.marks.push(now);
            self.step_start = now;
            self.queue_next_input();
        }
    }

    /// The step limit the current step has passed, if any.
    pub fn over_limit(&self, now: StepMark) -> Option<LimitHit> {
        let step = self.steps.get(self.marks.len())?;
        if now.cpu_time.saturating_sub(self.step_start.cpu_time) > step.cpu_time {
            Some(LimitHit::CpuTime)
        } else if now.wall_time.saturating_sub(self.step_start.wall_time) > step.wall_time {
            Some(LimitHit::WallTime)
        } else {
            None
        }
    }

    pub fn report_over(&self) -> bool {
        self.report.over
    }

    pub fn report_closed(&self) -> bool {
        self.report.fd.is_none()
    }

    pub fn finish(self) -> StepsSeen {
        StepsSeen { report: self.report.bytes, marks: self.marks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(input: &str, cpu_ms: u64) -> Step {
        Step {
            input: input.as_bytes().to_vec(),
            cpu_time: Duration::from_millis(cpu_ms),
            wall_time: Duration::from_millis(10 * cpu_ms),
        }
    }

    fn mark(cpu_ms: u64, wall_ms: u64) -> StepMark {
        StepMark { cpu_time: Duration::from_millis(cpu_ms), wall_time: Duration::from_millis(wall_ms) }
    }

    /// Reads what the stepper has written to the program's stdin so far.
    fn drain(stdin: &OwnedFd) -> String {
        let mut out = Vec::new();
        let mut buf = [0u8; 256];
        loop {
            let mut pfd = libc::pollfd { fd: stdin.as_raw_fd(), events: libc::POLLIN, revents: 0 };
            // SAFETY: valid pollfd.
            if unsafe { libc::poll(&mut pfd, 1, 0) } <= 0 {
                break;
            }
            // SAFETY: valid buffer and descriptor.
            let n = unsafe { libc::read(stdin.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                out.extend_from_slice(b"<EOF>");
                break;
            }
            out.extend_from_slice(&buf[..n as usize]);
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn report(stepper: &mut Stepper, report_w: &OwnedFd, text: &str) {
        // SAFETY: valid buffer and descriptor.
        unsafe { libc::write(report_w.as_raw_fd(), text.as_ptr().cast(), text.len()) };
        let fds = stepper.poll_fds();
        stepper.on_poll(&[libc::pollfd { revents: libc::POLLIN, ..fds[0] }]);
    }

    #[test]
    fn inputs_follow_lines_and_limits_follow_steps() {
        let steps = vec![step("a\n", 100), step("b\n", 50), step("c\n", 50)];
        let (mut stepper, stdin, report_w) = Stepper::new(steps, 1 << 20).expect("pipes");
        assert_eq!(drain(&stdin), "a\n", "only the first step's input at first");
        assert_eq!(stepper.over_limit(mark(90, 1)), None);
        assert_eq!(stepper.over_limit(mark(101, 1)), Some(LimitHit::CpuTime));

        // A partial line ends nothing.
        report(&mut stepper, &report_w, "ready");
        assert!(!stepper.has_new_lines());
        assert_eq!(drain(&stdin), "");
        report(&mut stepper, &report_w, "\n");
        assert!(stepper.has_new_lines());
        stepper.mark_lines(mark(80, 5));
        assert_eq!(drain(&stdin), "b\n");
        // Step 1 is measured from its own start, with its own limit.
        assert_eq!(stepper.over_limit(mark(120, 6)), None);
        assert_eq!(stepper.over_limit(mark(131, 6)), Some(LimitHit::CpuTime));
        assert_eq!(stepper.over_limit(mark(100, 506)), Some(LimitHit::WallTime));

        // Two lines at once end two steps; the last input closes stdin.
        report(&mut stepper, &report_w, "one\ntwo\n");
        stepper.mark_lines(mark(130, 9));
        assert_eq!(drain(&stdin), "c\n<EOF>");
        assert_eq!(stepper.over_limit(mark(10_000, 10_000)), None, "no limits past the last step");
        report(&mut stepper, &report_w, "extra\n");
        stepper.mark_lines(mark(140, 10));
        // A flood of lines past the last step is not marked.
        report(&mut stepper, &report_w, &"\n".repeat(10_000));
        stepper.mark_lines(mark(150, 11));
        drop(report_w);
        let seen = stepper.finish();
        assert_eq!(seen.report.len(), "ready\none\ntwo\nextra\n".len() + 10_000);
        assert_eq!(seen.marks, vec![mark(80, 5), mark(130, 9), mark(130, 9), mark(140, 10)]);
    }

    #[test]
    fn a_large_input_is_fed_as_the_program_reads() {
        let big = "x".repeat(300_000);
        let (mut stepper, stdin, _report_w) = Stepper::new(vec![step(&big, 100)], 1 << 20).expect("pipes");
        let mut got = 0;
        for _ in 0..1000 {
            let text = drain(&stdin);
            got += text.trim_end_matches("<EOF>").len();
            if text.ends_with("<EOF>") {
                break;
            }
            let fds = stepper.poll_fds();
            stepper.on_poll(&[fds[0], libc::pollfd { revents: libc::POLLOUT, ..fds[1] }]);
        }
        assert_eq!(got, big.len());
    }
}
