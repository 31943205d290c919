//! The status protocol between the sandbox's init (and the program before
//! its `exec`) and the supervisor: small framed messages on one pipe
//! (`kind`, `u16` length, body), each written atomically.

use std::os::fd::RawFd;
use std::time::Duration;

/// Messages from init (and from the program before exec) to the helper,
/// over the status pipe. Each fits in one atomic pipe write.
pub(super) const MSG_READY: u8 = b'R';
pub(super) const MSG_STATUS: u8 = b'S';
pub(super) const MSG_SETUP_ERROR: u8 = b'E';
pub(super) const MSG_EXEC_ERROR: u8 = b'X';
/// Sent after the copy back: init's CPU time spent on it (u64 ns), then
/// 1 if the kept files were over the budget.
pub(super) const MSG_KEPT: u8 = b'K';

pub(super) fn send(fd: RawFd, kind: u8, body: &[u8]) {
    let mut message = Vec::with_capacity(body.len().min(500) + 3);
    let body = &body[..body.len().min(500)];
    message.push(kind);
    message.extend_from_slice(&(body.len() as u16).to_le_bytes());
    message.extend_from_slice(body);
    // SAFETY: valid buffer; a short or failed write only loses a diagnostic.
    unsafe { libc::write(fd, message.as_ptr().cast(), message.len()) };
}

/// CLOCK_MONOTONIC in nanoseconds: the same clock in init and the helper,
/// so init can timestamp events the helper may notice late.
pub(super) fn monotonic_ns() -> u64 {
    // SAFETY: timespec is plain old data; valid pointer.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec.max(0) as u64) * 1_000_000_000 + ts.tv_nsec.max(0) as u64
}

/// CPU time this process has used so far, in nanoseconds.
pub(super) fn own_cpu_ns() -> u64 {
    // SAFETY: rusage is plain old data; valid pointer.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    (super::timeval(usage.ru_utime) + super::timeval(usage.ru_stime)).as_nanos() as u64
}

pub(super) fn u64_at(body: &[u8], at: usize) -> Option<u64> {
    body.get(at..at + 8).map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
}

/// Splits the status pipe's bytes into (kind, body) messages.
pub(super) fn parse_messages(mut bytes: &[u8]) -> Vec<(u8, &[u8])> {
    let mut messages = Vec::new();
    while bytes.len() >= 3 {
        let kind = bytes[0];
        let len = u16::from_le_bytes([bytes[1], bytes[2]]) as usize;
        let end = (3 + len).min(bytes.len());
        messages.push((kind, &bytes[3..end]));
        bytes = &bytes[end..];
    }
    messages
}

/// What init reported, decoded from every message on the status pipe.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct InitReport {
    /// Init's clock (CLOCK_MONOTONIC ns) when the program's time started,
    /// and init's own CPU time spent building the sandbox until then.
    pub ready: Option<(u64, Duration)>,
    /// The program's wait status and when init reaped it (monotonic ns).
    pub status: Option<(i32, Option<u64>)>,
    pub setup_error: Option<String>,
    pub exec_error: Option<String>,
    /// Init's CPU time copying the kept files back.
    pub keep_cpu: Duration,
    /// The kept files were over their budget.
    pub keep_over: bool,
}

impl InitReport {
    pub fn decode(bytes: &[u8]) -> Self {
        let mut report = InitReport::default();
        for (kind, body) in parse_messages(bytes) {
            match kind {
                MSG_READY if report.ready.is_none() => {
                    let at = u64_at(body, 0).unwrap_or_else(monotonic_ns);
                    report.ready = Some((at, Duration::from_nanos(u64_at(body, 8).unwrap_or(0))));
                }
                MSG_STATUS if body.len() >= 4 => {
                    let status = i32::from_le_bytes([body[0], body[1], body[2], body[3]]);
                    report.status = Some((status, u64_at(body, 4)));
                }
                MSG_KEPT => {
                    report.keep_cpu = Duration::from_nanos(u64_at(body, 0).unwrap_or(0));
                    report.keep_over = body.get(8) == Some(&1);
                }
                MSG_SETUP_ERROR => report.setup_error = Some(String::from_utf8_lossy(body).into_owned()),
                MSG_EXEC_ERROR => report.exec_error = Some(String::from_utf8_lossy(body).into_owned()),
                _ => {}
            }
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut bytes = vec![kind];
        bytes.extend_from_slice(&(body.len() as u16).to_le_bytes());
        bytes.extend_from_slice(body);
        bytes
    }

    #[test]
    fn status_messages_split_and_carry_numbers() {
        let mut ready = 123_456_789u64.to_le_bytes().to_vec();
        ready.extend_from_slice(&42u64.to_le_bytes());
        let mut status = 9i32.to_le_bytes().to_vec();
        status.extend_from_slice(&987u64.to_le_bytes());
        let mut bytes = frame(MSG_READY, &ready);
        bytes.extend(frame(MSG_STATUS, &status));
        bytes.extend(frame(MSG_EXEC_ERROR, b"not found"));
        // A truncated trailing message yields what arrived.
        bytes.extend(&frame(MSG_SETUP_ERROR, b"cut")[..4]);
        let messages = parse_messages(&bytes);
        assert_eq!(messages.len(), 4);
        assert_eq!(messages[0].0, MSG_READY);
        assert_eq!(u64_at(messages[0].1, 0), Some(123_456_789));
        assert_eq!(u64_at(messages[0].1, 8), Some(42));
        assert_eq!(messages[1].0, MSG_STATUS);
        assert_eq!(u64_at(messages[1].1, 4), Some(987));
        assert_eq!(messages[2].1, b"not found");
        assert_eq!(messages[3].1, b"c");
        assert_eq!(u64_at(b"short", 0), None);
        assert!(parse_messages(&[]).is_empty());
    }

    #[test]
    fn init_report_decodes_every_message() {
        let mut ready = 5_000u64.to_le_bytes().to_vec();
        ready.extend_from_slice(&7_000u64.to_le_bytes());
        let mut status = 256i32.to_le_bytes().to_vec();
        status.extend_from_slice(&9_000u64.to_le_bytes());
        let mut kept = 3_000u64.to_le_bytes().to_vec();
        kept.push(1);
        let mut bytes = frame(MSG_READY, &ready);
        bytes.extend(frame(MSG_STATUS, &status));
        bytes.extend(frame(MSG_KEPT, &kept));
        let report = InitReport::decode(&bytes);
        assert_eq!(report.ready, Some((5_000, Duration::from_nanos(7_000))));
        assert_eq!(report.status, Some((256, Some(9_000))));
        assert_eq!(report.keep_cpu, Duration::from_nanos(3_000));
        assert!(report.keep_over);
        assert_eq!(report.setup_error, None);
        let failed = InitReport::decode(&[frame(MSG_SETUP_ERROR, b"mount"), frame(MSG_EXEC_ERROR, b"nope")].concat());
        assert_eq!(failed.setup_error.as_deref(), Some("mount"));
        assert_eq!(failed.exec_error.as_deref(), Some("nope"));
        assert_eq!(failed.status, None);
        assert_eq!(InitReport::decode(&[]), InitReport::default());
    }
}
