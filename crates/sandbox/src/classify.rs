//! Which limit a run hit, decided from what was measured: one pure function
//! shared by the isolated runner and the rlimit runner, so both report the
//! same [`LimitHit`] for the same facts.

use std::time::Duration;

use crate::{LimitHit, Limits, Termination};

/// Memory events a cgroup counted for the run (absent without a cgroup).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MemoryEvents {
    /// Processes the kernel's OOM killer killed.
    pub oom_kills: u64,
    /// Times usage reached the limit (v1 `failcnt`, v2 `max` events).
    pub limit_reached: u64,
}

/// Everything known about a finished run that bears on its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Usage {
    pub termination: Termination,
    /// The program's CPU time (the sandbox's own set-up excluded).
    pub cpu_time: Duration,
    pub peak_memory_bytes: u64,
    /// The limit the supervisor stopped the run for while it ran (output,
    /// wall time or CPU time seen from outside), if it did.
    pub stopped_for: Option<LimitHit>,
    /// More stdout arrived than the cap, possibly after the program ended.
    pub output_over: bool,
    /// The files copied back were over the file size budget.
    pub kept_over: bool,
    /// None when no memory cgroup measured the run.
    pub memory_events: Option<MemoryEvents>,
    /// Forks refused by the pids cgroup.
    pub pids_refused: u64,
}

/// The limit that explains how the run ended, or None when it ended on its
/// own. A limit found while the run was stopped comes first, except that a
/// program stopped at the wall clock while over its CPU time (or after the
/// OOM killer struck) is reported for that more precise reason.
pub(crate) fn classify(usage: &Usage, limits: &Limits) -> Option<LimitHit> {
    let failed = usage.termination != Termination::Exited(0);
    let events = usage.memory_events.unwrap_or_default();
    let over_cpu = usage.cpu_time > limits.cpu_time || usage.termination == Termination::Signaled(libc::SIGXCPU);
    let memory_exhausted = events.oom_kills > 0
        || (failed && events.limit_reached > 0)
        // Measured above the limit without a memory cgroup (rusage's peak
        // also counts shared pages charged elsewhere, so only then).
        || (usage.memory_events.is_none() && usage.peak_memory_bytes > limits.memory_bytes)
        // An allocation failure within reach of the limit (malloc returning
        // NULL, bad_alloc, MemoryError) when nothing else can tell.
        || (failed && usage.peak_memory_bytes >= limits.memory_bytes / 10 * 9);
    match usage.stopped_for {
        Some(LimitHit::WallTime) if over_cpu => return Some(LimitHit::CpuTime),
        Some(LimitHit::WallTime) if events.oom_kills > 0 => return Some(LimitHit::Memory),
        Some(hit) => return Some(hit),
        None => {}
    }
    if usage.output_over {
        Some(LimitHit::Output)
    } else if over_cpu {
        Some(LimitHit::CpuTime)
    } else if usage.termination == Termination::Signaled(libc::SIGXFSZ) || usage.kept_over {
        Some(LimitHit::FileSize)
    } else if memory_exhausted {
        Some(LimitHit::Memory)
    } else if failed && usage.pids_refused > 0 {
        Some(LimitHit::Processes)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    fn usage() -> Usage {
        Usage {
            termination: Termination::Exited(0),
            cpu_time: Duration::from_millis(10),
            peak_memory_bytes: 4 * MIB,
            stopped_for: None,
            output_over: false,
            kept_over: false,
            memory_events: Some(MemoryEvents::default()),
            pids_refused: 0,
        }
    }

    #[test]
    fn limit_classification_table() {
        let limits = Limits::for_test_case(Duration::from_secs(1), 256 * MIB);
        let killed = Termination::Signaled(libc::SIGKILL);
        let rows: Vec<(&str, Usage, Option<LimitHit>)> = vec![
            ("clean exit", usage(), None),
            ("runtime error", Usage { termination: Termination::Exited(1), ..usage() }, None),
            ("segfault", Usage { termination: Termination::Signaled(libc::SIGSEGV), ..usage() }, None),
            ("cpu over, exited", Usage { cpu_time: Duration::from_millis(1001), ..usage() }, Some(LimitHit::CpuTime)),
            (
                "SIGXCPU",
                Usage { termination: Termination::Signaled(libc::SIGXCPU), ..usage() },
                Some(LimitHit::CpuTime),
            ),
            (
                "stopped for cpu",
                Usage { stopped_for: Some(LimitHit::CpuTime), termination: killed, ..usage() },
                Some(LimitHit::CpuTime),
            ),
            (
                "sleeper at wall",
                Usage { stopped_for: Some(LimitHit::WallTime), termination: killed, ..usage() },
                Some(LimitHit::WallTime),
            ),
            (
                "cpu hog at wall",
                Usage {
                    stopped_for: Some(LimitHit::WallTime),
                    cpu_time: Duration::from_secs(2),
                    termination: killed,
                    ..usage()
                },
                Some(LimitHit::CpuTime),
            ),
            (
                "oom during wall stop",
                Usage {
                    stopped_for: Some(LimitHit::WallTime),
                    memory_events: Some(MemoryEvents { oom_kills: 1, limit_reached: 3 }),
                    termination: killed,
                    ..usage()
                },
                Some(LimitHit::Memory),
            ),
            (
                "stopped for output",
                Usage { stopped_for: Some(LimitHit::Output), cpu_time: Duration::from_secs(2), ..usage() },
                Some(LimitHit::Output),
            ),
            ("output over after exit", Usage { output_over: true, ..usage() }, Some(LimitHit::Output)),
            (
                "output beats cpu",
                Usage { output_over: true, cpu_time: Duration::from_secs(2), ..usage() },
                Some(LimitHit::Output),
            ),
            (
                "SIGXFSZ",
                Usage { termination: Termination::Signaled(libc::SIGXFSZ), ..usage() },
                Some(LimitHit::FileSize),
            ),
            ("kept files over", Usage { kept_over: true, ..usage() }, Some(LimitHit::FileSize)),
            (
                "oom kill",
                Usage {
                    termination: killed,
                    memory_events: Some(MemoryEvents { oom_kills: 1, limit_reached: 0 }),
                    ..usage()
                },
                Some(LimitHit::Memory),
            ),
            (
                "limit reached and failed",
                Usage {
                    termination: Termination::Exited(1),
                    memory_events: Some(MemoryEvents { oom_kills: 0, limit_reached: 2 }),
                    ..usage()
                },
                Some(LimitHit::Memory),
            ),
            (
                "limit reached but succeeded (reclaim)",
                Usage { memory_events: Some(MemoryEvents { oom_kills: 0, limit_reached: 2 }), ..usage() },
                None,
            ),
            (
                "failed near the limit without a cgroup",
                Usage {
                    termination: Termination::Signaled(libc::SIGABRT),
                    peak_memory_bytes: 240 * MIB,
                    memory_events: None,
                    ..usage()
                },
                Some(LimitHit::Memory),
            ),
            ("succeeded near the limit", Usage { peak_memory_bytes: 250 * MIB, memory_events: None, ..usage() }, None),
            (
                "measured above the limit",
                Usage { peak_memory_bytes: 300 * MIB, memory_events: None, ..usage() },
                Some(LimitHit::Memory),
            ),
            (
                "fork refused and failed",
                Usage { termination: Termination::Exited(1), pids_refused: 1, ..usage() },
                Some(LimitHit::Processes),
            ),
            ("rusage above the limit beside a cgroup", Usage { peak_memory_bytes: 300 * MIB, ..usage() }, None),
            ("fork refused but fine", Usage { pids_refused: 1, ..usage() }, None),
            (
                "cpu beats memory",
                Usage {
                    cpu_time: Duration::from_secs(2),
                    memory_events: Some(MemoryEvents { oom_kills: 1, limit_reached: 1 }),
                    ..usage()
                },
                Some(LimitHit::CpuTime),
            ),
        ];
        for (name, usage, expected) in rows {
            assert_eq!(classify(&usage, &limits), expected, "{name}");
        }
    }
}
