//! The supervisor's view of a running sandbox: its output pipes read with
//! caps, the status pipe, a stepped run's pipes, the clock and the kill.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

use super::supervise::Pipes;
use crate::steps::Stepper;
use crate::{LimitHit, Limits};

/// Time allowed to build the sandbox before the program starts.
const SETUP_ALLOWANCE: Duration = Duration::from_secs(10);
/// How often the helper samples the cgroup's CPU time.
const POLL_SLICE: Duration = Duration::from_millis(20);

/// One output pipe read with a cap.
pub(crate) struct Capture {
    pub fd: Option<OwnedFd>,
    pub bytes: Vec<u8>,
    cap: u64,
    pub over: bool,
}

impl Capture {
    /// Reads `fd` (made non-blocking: poll says when to read) keeping at
    /// most `cap` bytes.
    pub fn new(fd: OwnedFd, cap: u64) -> Self {
        // SAFETY: plain fcntl on a descriptor we own.
        unsafe {
            let flags = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
            }
        }
        Capture { fd: Some(fd), bytes: Vec::new(), cap, over: false }
    }

    /// Reads what is available, once; closes on EOF. Returns the bytes read.
    pub fn read_some(&mut self) -> usize {
        let Some(fd) = &self.fd else { return 0 };
        let mut buf = [0u8; 64 * 1024];
        // SAFETY: valid buffer and descriptor.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            let error = io::Error::last_os_error();
            if !matches!(error.kind(), io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock) {
                self.fd = None;
            }
            return 0;
        }
        if n == 0 {
            self.fd = None;
            return 0;
        }
        let n = n as usize;
        let room = self.cap.saturating_sub(self.bytes.len() as u64) as usize;
        if n > room {
            self.bytes.extend_from_slice(&buf[..room]);
            self.over = true;
        } else {
            self.bytes.extend_from_slice(&buf[..n]);
        }
        n
    }

    /// Reads while full buffers keep coming (a bounded number of times), so
    /// that a program flooding a pipe is drained in few rounds of the
    /// supervisor's loop.
    fn drain(&mut self) {
        for _ in 0..16 {
            if self.read_some() < 64 * 1024 {
                return;
            }
        }
    }
}

pub(super) struct Monitor {
    pub stdout: Capture,
    pub stderr: Capture,
    pub status: Capture,
    pub started: Instant,
    pub deadline: Instant,
    pub killed_at: Option<Instant>,
    pub limit_hit: Option<LimitHit>,
    /// A stepped run's stepper.
    pub steps: Option<Stepper>,
}

impl Monitor {
    pub fn new(pipes: Pipes, limits: &Limits, steps: Option<Stepper>) -> Self {
        Monitor {
            stdout: Capture::new(pipes.stdout, limits.stdout_bytes),
            stderr: Capture::new(pipes.stderr, limits.stderr_bytes),
            status: Capture::new(pipes.status, 64 << 10),
            started: Instant::now(),
            deadline: Instant::now() + SETUP_ALLOWANCE,
            killed_at: None,
            limit_hit: None,
            steps,
        }
    }

    pub fn all_closed(&self) -> bool {
        self.stdout.fd.is_none()
            && self.stderr.fd.is_none()
            && self.status.fd.is_none()
            && self.steps.as_ref().is_none_or(Stepper::report_closed)
    }

    pub fn poll_once(&mut self) {
        let captures = [&self.stdout, &self.stderr, &self.status];
        let mut fds: Vec<libc::pollfd> = captures
            .iter()
            .map(|c| libc::pollfd {
                fd: c.fd.as_ref().map_or(-1, |fd| fd.as_raw_fd()),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        if let Some(steps) = &self.steps {
            fds.extend(steps.poll_fds());
        }
        // After a kill the deadline is past: wait in slices, do not spin.
        let remaining =
            if self.killed_at.is_some() { POLL_SLICE } else { self.deadline.saturating_duration_since(Instant::now()) };
        let timeout = remaining.min(POLL_SLICE).as_millis() as libc::c_int;
        // SAFETY: fds is a valid array; negative fds are ignored by poll.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if ready <= 0 {
            return;
        }
        let captures = [&mut self.stdout, &mut self.stderr, &mut self.status];
        for (capture, pollfd) in captures.into_iter().zip(&fds) {
            if pollfd.revents != 0 {
                capture.drain();
            }
        }
        if let Some(steps) = &mut self.steps {
            steps.on_poll(&fds[3..]);
        }
    }
}
