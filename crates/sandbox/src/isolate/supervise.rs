//! The parent side of an isolated run: creates the run's cgroup, clones
//! init into new namespaces, then watches the run (output pipes, the status
//! pipe, the wall clock and the cgroup's CPU counter), stops it at a limit,
//! and turns what it saw into a [`RunOutcome`].

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

use super::child::{init_main, ChildPlan};
use super::monitor::Monitor;
use super::protocol::{monotonic_ns, parse_messages, InitReport, MSG_STATUS};
use super::{pipe, timeval, wait4, Input, IsolationSettings, Reuse};
use crate::cgroup::{RunCgroup, RunCgroupLimits};
use crate::classify::{classify, MemoryEvents, Usage};
use crate::steps::{StepMark, Stepper, StepsSeen};
use crate::{LimitHit, Limits, RunOutcome, RunSpec, SandboxError, Termination};

/// Time init gets to kill and reap the sandbox at a limit.
const KILL_GRACE: Duration = Duration::from_millis(500);
/// Time init gets to copy the kept files back after the program ended.
const KEEP_ALLOWANCE: Duration = Duration::from_secs(30);
/// Pipes still held open this long after the final kill are given up on.
const PIPE_GIVE_UP: Duration = Duration::from_secs(3);

pub(super) fn run(
    spec: &RunSpec,
    input: Input,
    settings: &IsolationSettings,
    reuse: &Reuse,
) -> Result<(RunOutcome, Cleanup, StepsSeen), SandboxError> {
    let limits = &spec.limits;
    let user_ns = nix::unistd::geteuid().as_raw() != 0;
    let work_dir = super::checked_work_dir(spec)?;
    let mut plan = ChildPlan::new(spec, settings, work_dir, user_ns)?;
    // The server's prepared root where there is one (as root only); else,
    // or if preparing it failed, init builds the same root itself.
    plan.prepared_root = reuse
        .prepared_roots
        .as_deref()
        .filter(|_| !user_ns)
        .and_then(|base| super::rootfs::prepared_root(base, &spec.read_only_paths).ok());
    if plan.prepared_root.is_none() {
        super::rootfs::ensure_mount_point(&settings.root_dir)?;
    }
    crate::timing::mark("plan ready");
    // Join the shared empty network namespace (as root only: in a user
    // namespace the holder's would not be ours to join). If that fails for
    // any reason the run gets a new one of its own, which is never weaker.
    let shared_netns =
        !user_ns && settings.shared_netns.as_ref().is_some_and(|holder| crate::netns::join(holder).is_ok());
    plan.scope_abstract_sockets = shared_netns;

    let cgroup_limits = RunCgroupLimits { memory_bytes: limits.memory_bytes, processes: limits.processes };
    let cgroup = match (&settings.cgroups, &reuse.cgroup) {
        (Some(layout), Some(pooled)) => {
            Some(RunCgroup::take_pooled(layout, pooled, &cgroup_limits).map_err(SandboxError::Setup)?)
        }
        (Some(layout), None) => {
            crate::cgroup::sweep_stale(layout);
            let name = format!("{}{}", crate::cgroup::RUN_PREFIX, std::process::id());
            Some(RunCgroup::create(layout, &name, &cgroup_limits).map_err(SandboxError::Setup)?)
        }
        (None, _) => None,
    };
    crate::timing::mark("cgroup ready");
    let (stdin, stepper, report_w) = match input {
        Input::Plain(stdin) => (stdin, None, None),
        Input::Steps(steps) => {
            // Steps are timed by the cgroup's counter, never by anything
            // inside the sandbox: without one there are no stepped runs.
            if cgroup.as_ref().and_then(RunCgroup::cpu_time).is_none() {
                return Err(SandboxError::Setup("a stepped run needs the run cgroup's CPU counter".into()));
            }
            let (stepper, stdin, report_w) = Stepper::new(steps, limits.stdout_bytes).map_err(SandboxError::Setup)?;
            (stdin, Some(stepper), Some(report_w))
        }
    };

    let mut flags = libc::CLONE_NEWNS | libc::CLONE_NEWPID | libc::CLONE_NEWIPC | libc::CLONE_NEWUTS;
    if !shared_netns {
        flags |= libc::CLONE_NEWNET;
    }
    if user_ns {
        flags |= libc::CLONE_NEWUSER;
    }
    let ends = ChildEnds { stdin, report: report_w };
    let started = start_init(&plan, flags, ends, stepper, settings, cgroup.as_ref())?;
    crate::timing::mark("init started");
    let mut monitor = Monitor::new(started.pipes, limits, started.stepper);
    let watched = watch(&mut monitor, started.init, cgroup.as_ref(), limits);
    let (outcome, answer_early, seen) = finish(spec, started.init, cgroup.as_ref(), monitor, watched, false)?;
    Ok((outcome, Cleanup { init: answer_early.then_some(started.init), cgroup }, seen))
}

/// The descriptors init hands to the program.
struct ChildEnds {
    stdin: OwnedFd,
    report: Option<OwnedFd>,
}

/// The supervisor's ends of the run's pipes.
pub(super) struct Pipes {
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
    pub status: OwnedFd,
}

struct Started {
    init: libc::pid_t,
    pipes: Pipes,
    stepper: Option<Stepper>,
}

/// Clones init into new namespaces, places it in the cgroup (and writes its
/// id maps in a user namespace), then lets it go on.
fn start_init(
    plan: &ChildPlan,
    flags: libc::c_int,
    ends: ChildEnds,
    stepper: Option<Stepper>,
    settings: &IsolationSettings,
    cgroup: Option<&RunCgroup>,
) -> Result<Started, SandboxError> {
    let (stdout_r, stdout_w) = pipe().map_err(SandboxError::Setup)?;
    let (stderr_r, stderr_w) = pipe().map_err(SandboxError::Setup)?;
    let (status_r, status_w) = pipe().map_err(SandboxError::Setup)?;
    let (go_r, go_w) = pipe().map_err(SandboxError::Setup)?;
    // The helper is single-threaded.
    let init = super::clone_into_namespaces(flags)?;
    if init == 0 {
        // The stepper's ends (stdin's write end, the report's read end) stay
        // with the helper: held here they would keep the program's stdin
        // from ever ending.
        drop((stdout_r, stderr_r, status_r, go_w, stepper));
        init_main(plan, go_r, ends.stdin, stdout_w, stderr_w, status_w, ends.report);
    }
    drop((stdout_w, stderr_w, status_w, go_r, ends));

    let setup = (|| -> Result<(), String> {
        if plan.user_ns {
            write_id_maps(init, settings.uid, settings.gid)?;
        }
        if let Some(cgroup) = cgroup {
            cgroup.add_process(init)?;
        }
        Ok(())
    })();
    if let Err(e) = setup {
        kill(init);
        let _ = wait4(init);
        return Err(SandboxError::Setup(e));
    }
    // A failed write means init died before starting; its status message
    // says why.
    let _ = File::from(go_w).write_all(b"g");
    Ok(Started { init, pipes: Pipes { stdout: stdout_r, stderr: stderr_r, status: status_r }, stepper })
}

pub(super) fn kill(pid: libc::pid_t) {
    // SAFETY: pid is our child and not yet reaped while we hold it.
    unsafe { libc::kill(pid, libc::SIGKILL) };
}

/// How watching the run ended.
#[derive(Debug, Default)]
pub(super) struct Watched {
    /// Init's clock when the program's time started (monotonic ns).
    ready_ns: Option<u64>,
    /// Init's CPU time building the sandbox, not the program's.
    setup_cpu: Duration,
    /// Copying the kept files back took too long.
    keep_timed_out: bool,
}

/// Watches the run until every pipe has closed (or a kill did not close
/// them in time), stopping it at the first limit it sees from outside.
pub(super) fn watch(monitor: &mut Monitor, init: libc::pid_t, cgroup: Option<&RunCgroup>, limits: &Limits) -> Watched {
    let mut watched = Watched::default();
    let mut hard_killed = false;
    // Once init has reported the program's end, no limit applies any more:
    // what follows (copying kept files back) is not the program's doing.
    let mut program_done = false;
    let mut status_parsed = 0;
    loop {
        monitor.poll_once();
        let ready = watched.ready_ns.is_some();
        if ready && !program_done && monitor.status.bytes.len() != status_parsed {
            status_parsed = monitor.status.bytes.len();
            if parse_messages(&monitor.status.bytes).iter().any(|(k, _)| *k == MSG_STATUS) {
                program_done = true;
                monitor.deadline = Instant::now() + KEEP_ALLOWANCE;
            }
        }
        if program_done {
            if monitor.all_closed() {
                break;
            }
            if Instant::now() >= monitor.deadline && !hard_killed {
                watched.keep_timed_out = true;
                hard_killed = true;
                kill(init);
                monitor.killed_at = Some(Instant::now());
            }
            if monitor.killed_at.is_some_and(|at| at.elapsed() > KILL_GRACE + PIPE_GIVE_UP) {
                break;
            }
            continue;
        }
        if !ready {
            if let Some((ready_ns, setup_cpu)) = InitReport::decode(&monitor.status.bytes).ready {
                watched.ready_ns = Some(ready_ns);
                crate::timing::mark_at("init: root built, program forked", ready_ns);
                watched.setup_cpu = setup_cpu;
                // The helper may notice READY late: date it from init's clock.
                let late = Duration::from_nanos(monotonic_ns().saturating_sub(ready_ns));
                monitor.started = Instant::now().checked_sub(late).unwrap_or_else(Instant::now);
                monitor.deadline = monitor.started + limits.wall_time;
            }
        }
        let ready = watched.ready_ns.is_some();
        let now = Instant::now();
        let cpu = cgroup.and_then(RunCgroup::cpu_time).map(|cpu| cpu.saturating_sub(watched.setup_cpu));
        // A step's mark: the CPU counter read after its line arrived.
        let step_now =
            cpu.filter(|_| ready).map(|cpu| StepMark { cpu_time: cpu, wall_time: monitor.started.elapsed() });
        if let (Some(steps), Some(step_now)) = (&mut monitor.steps, step_now) {
            if steps.has_new_lines() {
                steps.mark_lines(step_now);
            }
        }
        let mut hit = None;
        if monitor.stdout.over || monitor.steps.as_ref().is_some_and(Stepper::report_over) {
            hit = Some(LimitHit::Output);
        } else if now >= monitor.deadline {
            hit = Some(LimitHit::WallTime);
        } else if cpu.is_some_and(|cpu| cpu > limits.cpu_time) {
            hit = Some(LimitHit::CpuTime);
        } else if let (Some(steps), Some(step_now)) = (&monitor.steps, step_now) {
            hit = steps.over_limit(step_now);
        }
        if let (Some(hit), None) = (hit, monitor.killed_at) {
            monitor.limit_hit = Some(hit);
            monitor.killed_at = Some(now);
            if let Some(cgroup) = cgroup {
                cgroup.kill_all();
            }
            // init kills and reaps the rest, then reports; see init_main.
            // SAFETY: init is our unreaped child.
            unsafe { libc::kill(init, libc::SIGUSR1) };
        }
        if monitor.all_closed() {
            break;
        }
        if let Some(killed_at) = monitor.killed_at {
            // init did not finish in time: kill it, which kills the namespace.
            if killed_at.elapsed() > KILL_GRACE && !hard_killed {
                hard_killed = true;
                kill(init);
            }
            // Pipes held by something that survived even that: give up on them.
            if killed_at.elapsed() > KILL_GRACE + PIPE_GIVE_UP {
                break;
            }
        }
    }
    watched
}

/// Reaps init unless the answer can go first (or init lives on: a
/// session's, `persistent`), reads the measures and decides the outcome.
/// Also says whether init is left to reap.
pub(super) fn finish(
    spec: &RunSpec,
    init: libc::pid_t,
    cgroup: Option<&RunCgroup>,
    mut monitor: Monitor,
    watched: Watched,
    persistent: bool,
) -> Result<(RunOutcome, bool, StepsSeen), SandboxError> {
    let limits = &spec.limits;
    let mut wall_time = monitor.started.elapsed();
    let seen = monitor.steps.take().map(Stepper::finish).unwrap_or_default();
    let report = InitReport::decode(&monitor.status.bytes);
    if let (Some((_, Some(ended_ns))), Some(ready_ns)) = (report.status, watched.ready_ns) {
        crate::timing::mark_at("init: program reaped", ended_ns);
        wall_time = Duration::from_nanos(ended_ns.saturating_sub(ready_ns));
    }
    // With cgroups, everything the answer needs is known once init has
    // reported: init's own exit (tearing down the mount and network
    // namespaces takes milliseconds) is waited for after answering.
    // Only when init is all that is left: orphans must be gone first.
    // A session's init outlives the case: never waited for here.
    let answer_early =
        persistent || (report.status.is_some() && cgroup.is_some_and(|c| c.procs().iter().all(|&pid| pid == init)));
    // SAFETY: rusage is plain old data; all zeros is a valid value.
    let (raw_status, usage) = if answer_early {
        (0, unsafe { std::mem::zeroed::<libc::rusage>() })
    } else {
        let waited = wait4(init).map_err(SandboxError::Io)?;
        if let Some(cgroup) = cgroup {
            cgroup.kill_all();
        }
        waited
    };
    if let Some(error) = report.setup_error {
        return Err(SandboxError::Setup(format!("building the sandbox failed: {error}")));
    }
    if watched.keep_timed_out {
        return Err(SandboxError::Setup(format!(
            "copying the kept files back to {} took longer than {} s",
            spec.work_dir.display(),
            KEEP_ALLOWANCE.as_secs()
        )));
    }
    if let Some(error) = report.exec_error {
        return Err(SandboxError::Spawn {
            program: spec.program.clone(),
            source: io::Error::new(io::ErrorKind::NotFound, error),
        });
    }

    // Without a status message the program was killed with init.
    let status = report.status.map(|(status, _)| status).unwrap_or(if libc::WIFSIGNALED(raw_status) {
        raw_status
    } else {
        libc::SIGKILL
    });
    let termination = termination_of(status);

    let rusage_cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    // Both measures include init's work building the root: not the program's.
    // Nor is init's copying back of the kept files.
    let cpu_time = cgroup
        .and_then(RunCgroup::cpu_time)
        .unwrap_or(rusage_cpu)
        .saturating_sub(watched.setup_cpu)
        .saturating_sub(report.keep_cpu);
    let rusage_peak = (usage.ru_maxrss.max(0) as u64) * 1024;
    let memory = cgroup.map(RunCgroup::memory);
    let peak_memory_bytes = memory.map_or(rusage_peak, |m| m.peak_bytes.max(rusage_peak));
    crate::timing::mark("measured");
    let limit_hit = classify(
        &Usage {
            termination,
            cpu_time,
            peak_memory_bytes,
            stopped_for: monitor.limit_hit,
            output_over: monitor.stdout.over,
            kept_over: report.keep_over,
            memory_events: memory.map(|m| MemoryEvents { oom_kills: m.oom_kills, limit_reached: m.limit_reached }),
            pids_refused: cgroup.map_or(0, RunCgroup::pids_refused),
        },
        limits,
    );
    let outcome = RunOutcome {
        termination,
        cpu_time,
        wall_time,
        peak_memory_bytes,
        stdout: monitor.stdout.bytes,
        stderr: monitor.stderr.bytes,
        stderr_truncated: monitor.stderr.over,
        limit_hit,
    };
    Ok((outcome, answer_early, seen))
}

/// A wait status as a [`Termination`]; anything odd counts as killed.
fn termination_of(status: i32) -> Termination {
    if libc::WIFEXITED(status) {
        Termination::Exited(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Termination::Signaled(libc::WTERMSIG(status))
    } else {
        Termination::Signaled(libc::SIGKILL)
    }
}

/// What is left to do after the outcome is known: reap init and remove the
/// run's cgroup. Done by [`Cleanup::finish`] or on drop.
pub(crate) struct Cleanup {
    pub(super) init: Option<libc::pid_t>,
    pub(super) cgroup: Option<RunCgroup>,
}

impl Cleanup {
    pub fn finish(mut self) {
        self.finish_now();
    }

    fn finish_now(&mut self) {
        if let Some(init) = self.init.take() {
            let _ = wait4(init);
        }
        if let Some(cgroup) = self.cgroup.take() {
            cgroup.remove();
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.finish_now();
    }
}

pub(super) fn write_id_maps(pid: libc::pid_t, uid: u32, gid: u32) -> Result<(), String> {
    let host_uid = nix::unistd::geteuid().as_raw();
    let host_gid = nix::unistd::getegid().as_raw();
    let proc = std::path::PathBuf::from(format!("/proc/{pid}"));
    let write = |file: &str, text: String| {
        std::fs::write(proc.join(file), &text).map_err(|e| format!("cannot write {text:?} to /proc/{pid}/{file}: {e}"))
    };
    write("uid_map", format!("{uid} {host_uid} 1\n"))?;
    write("setgroups", "deny\n".into())?;
    write("gid_map", format!("{gid} {host_gid} 1\n"))?;
    Ok(())
}
