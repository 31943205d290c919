//! The minimal line of defence: a process group under rlimits, with the wall
//! limit and output caps enforced from the parent. It isolates nothing (no
//! namespaces, no cgroups); it is what runs when stronger isolation is
//! unavailable, and it is always announced as such.

use std::io::{self, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::resource::{setrlimit, Resource};
use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;

use crate::classify::{classify, Usage};
use crate::{LimitHit, RunOutcome, RunSpec, SandboxError, Stdin, Termination};

pub fn run_with_rlimits(spec: &RunSpec) -> Result<RunOutcome, SandboxError> {
    let limits = spec.limits.clone();
    let mut command = Command::new(&spec.program);
    command
        .args(&spec.args)
        .env_clear()
        .envs(spec.env.iter().map(|(k, v)| (k, v)))
        .current_dir(&spec.work_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stdin_bytes = match &spec.stdin {
        Stdin::Null => {
            command.stdin(Stdio::null());
            None
        }
        Stdin::File(path) => {
            let file =
                std::fs::File::open(path).map_err(|source| SandboxError::Stdin { path: path.clone(), source })?;
            command.stdin(file);
            None
        }
        Stdin::Bytes(bytes) => {
            command.stdin(Stdio::piped());
            Some(bytes.clone())
        }
    };

    // CPU rlimit rounds up to whole seconds; the exact limit is judged from
    // the measured time afterwards.
    let cpu_secs = limits.cpu_time.as_secs() + 1;
    let memory = limits.memory_bytes;
    let fsize = limits.file_size_bytes;
    let nofile = u64::from(limits.open_files);
    // SAFETY: only async-signal-safe calls (setpgid, setrlimit) run between
    // fork and exec.
    unsafe {
        command.pre_exec(move || {
            nix::unistd::setpgid(Pid::from_raw(0), Pid::from_raw(0))?;
            setrlimit(Resource::RLIMIT_CPU, cpu_secs, cpu_secs + 1)?;
            setrlimit(Resource::RLIMIT_FSIZE, fsize, fsize)?;
            setrlimit(Resource::RLIMIT_NOFILE, nofile, nofile)?;
            setrlimit(Resource::RLIMIT_CORE, 0, 0)?;
            // Data segment, not address space: runtimes such as the JVM and
            // Go reserve far more address space than they ever touch.
            setrlimit(Resource::RLIMIT_DATA, memory, memory)?;
            setrlimit(Resource::RLIMIT_STACK, memory, memory)?;
            Ok(())
        });
    }

    let started = Instant::now();
    let mut child = command.spawn().map_err(|source| SandboxError::Spawn { program: spec.program.clone(), source })?;
    let pid = child.id() as i32;
    let kill_group = move || {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    };

    if let (Some(bytes), Some(mut stdin)) = (stdin_bytes, child.stdin.take()) {
        // A program that never reads its input must not block us.
        thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }

    let output_exceeded = Arc::new(AtomicBool::new(false));
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let stdout_reader = {
        let exceeded = output_exceeded.clone();
        let cap = limits.stdout_bytes;
        thread::spawn(move || {
            let (bytes, over) = read_capped(stdout, cap, false);
            if over {
                exceeded.store(true, Ordering::SeqCst);
                kill_group();
            }
            bytes
        })
    };
    let stderr_reader = {
        let cap = limits.stderr_bytes;
        thread::spawn(move || read_capped(stderr, cap, true))
    };

    // The watchdog kills the group at the wall limit unless told the child
    // has already exited.
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let wall_limit = limits.wall_time;
    let wall_exceeded = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let exceeded = wall_exceeded.clone();
        thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(wall_limit) {
                exceeded.store(true, Ordering::SeqCst);
                kill_group();
            }
        })
    };

    let (status, usage) = wait4(pid)?;
    let wall_time = started.elapsed();
    // Orphans left in the group die with their parent.
    kill_group();
    drop(done_tx);
    let _ = watchdog.join();
    // Reap the std handle so it does not try to wait again.
    let _ = child.try_wait();
    let stdout = stdout_reader.join().unwrap_or_default();
    let (stderr, stderr_truncated) = stderr_reader.join().unwrap_or_default();

    let termination = if let Some(code) = status.code() {
        Termination::Exited(code)
    } else {
        Termination::Signaled(status.signal().unwrap_or(0))
    };
    let cpu_time = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    let peak_memory_bytes = (usage.ru_maxrss.max(0) as u64) * 1024;

    let stopped_for = if output_exceeded.load(Ordering::SeqCst) {
        Some(LimitHit::Output)
    } else if wall_exceeded.load(Ordering::SeqCst) {
        Some(LimitHit::WallTime)
    } else {
        None
    };
    let limit_hit = classify(
        &Usage {
            termination,
            cpu_time,
            peak_memory_bytes,
            stopped_for,
            output_over: false,
            kept_over: false,
            memory_events: None,
            pids_refused: 0,
        },
        &limits,
    );

    Ok(RunOutcome { termination, cpu_time, wall_time, peak_memory_bytes, stdout, stderr, stderr_truncated, limit_hit })
}

/// Reads everything, keeping at most `cap` bytes. Returns the kept bytes and
/// whether more than `cap` arrived.
/// With `drain`, reading goes on (discarding) past the cap so the writer
/// never blocks; without it, reading stops at the cap.
pub(crate) fn read_capped(mut reader: impl Read, cap: u64, drain: bool) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut over = false;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len() as u64) as usize;
                if n > room {
                    kept.extend_from_slice(&buf[..room]);
                    over = true;
                    if drain {
                        continue;
                    }
                    break;
                }
                kept.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    (kept, over)
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec.max(0) as u64) + Duration::from_micros(tv.tv_usec.max(0) as u64)
}

fn wait4(pid: i32) -> io::Result<(std::process::ExitStatus, libc::rusage)> {
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: valid pointers to locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            return Ok((std::process::ExitStatus::from_raw(status), usage));
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}
