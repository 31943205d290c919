//! Sessions: one isolated environment that runs the cases of one judging
//! slot one after another, instead of building namespaces, a root and a
//! cgroup for every case.
//!
//! A session is one init (pid 1 of its own pid, mount, IPC and UTS
//! namespaces, in the shared network namespace, the read-only root entered
//! once) in one cgroup, kept by the supervisor serving the judge's
//! connection. For each case the supervisor resets the cgroup's per-run
//! counters (`RunCgroup::begin_case`) and sends init the case: its command
//! and limits (JSON) with the program's stdin, the output and status pipes
//! and the host work dir (descriptors). Init then
//! - has `/box`, `/tmp` and `/dev/shm` ready as empty tmpfs (mounted for
//!   the first case, emptied in place after every case; see `casefs`) and
//!   copies the work dir's files into `/box`,
//! - forks the program exactly as a one-shot run does (rlimits, uid,
//!   `no_new_privs`, Landlock, seccomp, exec) and reaps it,
//! - kills every other process of the pid namespace (`kill(-1)`) and reaps
//!   them, closes the status pipe (the answer can go), then empties the
//!   three file systems (or detaches those it cannot empty cheaply),
//!   removes every SysV IPC object and POSIX message queue of the session's
//!   IPC namespace, and tells the supervisor, which waits for that before
//!   it starts the next case.
//!
//! The supervisor watches and measures the case exactly as a one-shot run
//! (`supervise::watch` and `supervise::finish`). A session ends at the
//! first case that hit a limit (the cgroup kill at a limit takes init too),
//! failed to set up, or left anything but init in the cgroup; the next case
//! starts a new one. Sessions need a cgroup with a CPU counter (the
//! program's CPU time is read from it; init's `rusage` would be the whole
//! session's) and are only used for runs that keep no files.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::child::{init_prelude, kill_and_reap_all, reap_program, ChildPlan, STOP_REQUESTED};
use super::monitor::Monitor;
use super::program::{spawn_program, ProgramFds};
use super::protocol::{monotonic_ns, own_cpu_ns, send, MSG_KEPT, MSG_READY, MSG_SETUP_ERROR, MSG_STATUS};
use super::supervise::{finish, kill, watch, Pipes};
use super::{os_error, pipe, wait4, IsolationSettings, Reuse};
use crate::cgroup::{RunCgroup, RunCgroupLimits};
use crate::fdpass::{recv_with_fds, send_with_fds};
use crate::{Keep, RunOutcome, RunSpec, SandboxError};

/// Descriptors sent with each case, in this order.
const CASE_FDS: usize = 5;

/// What init needs of a case besides its descriptors.
#[derive(Debug, Serialize, Deserialize)]
struct CaseMessage {
    spec: RunSpec,
    box_size: u64,
}

/// The supervisor's handle on a session's init.
pub(crate) struct Session {
    /// Init's pid while it is unreaped (None once reaped: the pid may be
    /// another process's by then).
    init: Option<libc::pid_t>,
    /// SOCK_SEQPACKET to init: one message per case.
    control: OwnedFd,
    cgroup: RunCgroup,
    settings: IsolationSettings,
    read_only_paths: Vec<PathBuf>,
    /// False once a case left the session in a state it must not run
    /// another case in.
    usable: bool,
    /// Cases started in this session.
    cases: u64,
}

impl Session {
    /// True when this host's settings allow sessions at all.
    pub fn possible(settings: &IsolationSettings) -> bool {
        settings.cgroups.as_ref().is_some_and(crate::CgroupLayout::counts_cpu)
    }

    /// True when `spec` may run in a session at all: it keeps no files.
    pub fn suits(spec: &RunSpec) -> bool {
        spec.keep == Keep::Nothing
    }

    /// True when this session can run `spec` (same settings and read-only
    /// paths, and still usable).
    pub fn fits(&self, spec: &RunSpec, settings: &IsolationSettings) -> bool {
        self.usable && self.settings == *settings && self.read_only_paths == spec.read_only_paths
    }

    /// Starts a session for runs like `spec`: cgroup, namespaces, root.
    pub fn start(spec: &RunSpec, settings: &IsolationSettings, reuse: &Reuse) -> Result<Session, SandboxError> {
        let user_ns = nix::unistd::geteuid().as_raw() != 0;
        let work_dir = super::checked_work_dir(spec)?;
        let mut plan = ChildPlan::new(spec, settings, work_dir, user_ns)?;
        plan.prepared_root = reuse
            .prepared_roots
            .as_deref()
            .filter(|_| !user_ns)
            .and_then(|base| super::rootfs::prepared_root(base, &spec.read_only_paths).ok());
        if plan.prepared_root.is_none() {
            super::rootfs::ensure_mount_point(&settings.root_dir)?;
        }
        let shared_netns =
            !user_ns && settings.shared_netns.as_ref().is_some_and(|holder| crate::netns::join(holder).is_ok());
        plan.scope_abstract_sockets = shared_netns;
        let Some(layout) = &settings.cgroups else {
            return Err(SandboxError::Setup("a session needs cgroups".into()));
        };
        let limits = RunCgroupLimits { memory_bytes: spec.limits.memory_bytes, processes: spec.limits.processes };
        let cgroup = match &reuse.cgroup {
            Some(pooled) => RunCgroup::take_pooled(layout, pooled, &limits),
            None => {
                crate::cgroup::sweep_stale(layout);
                let name = format!("{}{}", crate::cgroup::RUN_PREFIX, std::process::id());
                RunCgroup::create(layout, &name, &limits)
            }
        }
        .map_err(SandboxError::Setup)?;

        let mut flags = libc::CLONE_NEWNS | libc::CLONE_NEWPID | libc::CLONE_NEWIPC | libc::CLONE_NEWUTS;
        if !shared_netns {
            flags |= libc::CLONE_NEWNET;
        }
        if user_ns {
            flags |= libc::CLONE_NEWUSER;
        }
        let (ours, theirs) = seqpacket_pair()?;
        let (go_r, go_w) = pipe().map_err(SandboxError::Setup)?;
        // The supervisor is single-threaded.
        let init = super::clone_into_namespaces(flags)?;
        if init == 0 {
            drop((ours, go_w));
            session_init_main(plan, settings.cgroups.is_some(), settings.tmp_size_bytes, go_r, theirs);
        }
        drop((theirs, go_r));
        let session = Session {
            init: Some(init),
            control: ours,
            cgroup,
            settings: settings.clone(),
            read_only_paths: spec.read_only_paths.clone(),
            usable: true,
            cases: 0,
        };
        if user_ns {
            super::supervise::write_id_maps(init, settings.uid, settings.gid).map_err(SandboxError::Setup)?;
        }
        session.cgroup.add_process(init).map_err(SandboxError::Setup)?;
        let _ = std::io::Write::write_all(&mut std::fs::File::from(go_w), b"g");
        // Init answers once its root is built: "R", or "E" and why not.
        let mut answer = vec![0u8; 4096];
        let (n, _) = recv_with_fds(session.control.as_raw_fd(), &mut answer, 0).map_err(SandboxError::Io)?;
        match answer.get(..n) {
            Some([b'R']) => Ok(session),
            Some([b'E', why @ ..]) => {
                Err(SandboxError::Setup(format!("building the sandbox failed: {}", String::from_utf8_lossy(why))))
            }
            _ => Err(SandboxError::Setup("the session's init ended while building the sandbox".into())),
        }
    }

    /// Runs one case in the session. Afterwards [`Session::fits`] says
    /// whether the session may run another.
    pub fn run(&mut self, spec: &RunSpec, stdin: OwnedFd) -> Result<RunOutcome, SandboxError> {
        // Until the case is known to have ended cleanly.
        self.usable = false;
        let Some(init) = self.init else {
            return Err(SandboxError::Setup("the session's init has ended".into()));
        };
        let limits = &spec.limits;
        let work_dir = super::checked_work_dir(spec)?;
        let cgroup_limits = RunCgroupLimits { memory_bytes: limits.memory_bytes, processes: limits.processes };
        if self.cases > 0 {
            // Init's word that the previous case's files are gone.
            let mut clean = [0u8; 8];
            match recv_with_fds(self.control.as_raw_fd(), &mut clean, 0) {
                Ok((1, _)) if clean[0] == b'C' => {}
                _ => return Err(SandboxError::Setup("the session's init did not clean up after a case".into())),
            }
        }
        crate::timing::mark("previous case cleaned");
        let more = self.cgroup.begin_case(&cgroup_limits, self.cases == 0).map_err(SandboxError::Setup)?;
        self.cases += 1;
        let host_work = crate::boxdir::open_dir_at(
            libc::AT_FDCWD,
            &super::cstring(std::os::unix::ffi::OsStrExt::as_bytes(work_dir.as_os_str()), "path")
                .map_err(SandboxError::Setup)?,
        )
        .map_err(|e| SandboxError::Setup(format!("work dir {}: {e}", work_dir.display())))?;
        let message = CaseMessage { spec: spec.clone(), box_size: super::child::box_size(&work_dir, limits) };
        let body = serde_json::to_vec(&message).map_err(io::Error::from)?;
        let (stdout_r, stdout_w) = pipe().map_err(SandboxError::Setup)?;
        let (stderr_r, stderr_w) = pipe().map_err(SandboxError::Setup)?;
        let (status_r, status_w) = pipe().map_err(SandboxError::Setup)?;
        crate::timing::mark("plan ready");
        let fds = [
            stdin.as_raw_fd(),
            stdout_w.as_raw_fd(),
            stderr_w.as_raw_fd(),
            status_w.as_raw_fd(),
            host_work.as_raw_fd(),
        ];
        send_with_fds(self.control.as_raw_fd(), &body, &fds)
            .map_err(|e| SandboxError::Setup(format!("cannot hand the case to the session's init: {e}")))?;
        drop((stdin, stdout_w, stderr_w, status_w, host_work));
        crate::timing::mark("init started");
        let mut monitor = Monitor::new(Pipes { stdout: stdout_r, stderr: stderr_r, status: status_r }, limits, None);
        let watched = watch(&mut monitor, init, Some(&self.cgroup), limits);
        let (outcome, _, _) = finish(spec, init, Some(&self.cgroup), monitor, watched, true)?;
        // SAFETY: init is our unreaped child; WNOHANG only looks (and reaps
        // it if it died, at a limit say).
        let init_alive = unsafe { libc::waitpid(init, std::ptr::null_mut(), libc::WNOHANG) } == 0;
        if !init_alive {
            self.init = None;
        }
        // Init is single-threaded and alive: the cgroup holding one task is
        // init alone.
        self.usable = more && outcome.limit_hit.is_none() && init_alive && self.cgroup.holds_only(init);
        Ok(outcome)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(init) = self.init.take() {
            kill(init);
            let _ = wait4(init);
        }
        // The cgroup goes back (emptied) to the pool, or is removed.
        self.cgroup.kill_all();
    }
}

/// A session's init. Never returns.
fn session_init_main(mut plan: ChildPlan, cgroups: bool, tmp_size: u64, go: OwnedFd, control: OwnedFd) -> ! {
    init_prelude(go);
    let control_fd = control.as_raw_fd();
    let reply = |bytes: &[u8]| {
        // SAFETY: valid buffer and descriptor.
        unsafe { libc::send(control_fd, bytes.as_ptr().cast(), bytes.len(), libc::MSG_NOSIGNAL) };
    };
    if let Err(error) = super::rootfs::build_session_root(&plan) {
        let mut message = b"E".to_vec();
        message.extend_from_slice(error.as_bytes());
        reply(&message);
        // SAFETY: exiting the child without the parent's destructors.
        unsafe { libc::_exit(127) };
    }
    // The session's IPC namespace is emptied after each case; its POSIX
    // message queues can only be listed through a mount of its own.
    let queues = match super::casefs::open_posix_queues() {
        Ok(queues) => queues,
        Err(error) => {
            let mut message = b"E".to_vec();
            message.extend_from_slice(error.as_bytes());
            reply(&message);
            // SAFETY: exiting the child without the parent's destructors.
            unsafe { libc::_exit(127) };
        }
    };
    let mut file_systems = super::casefs::CaseFileSystems::new();
    reply(b"R");
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        // The supervisor closing its end (the session is over) ends init,
        // and with it the namespaces.
        let Ok((n, fds)) = recv_with_fds(control_fd, &mut buffer, CASE_FDS) else {
            // SAFETY: as above.
            unsafe { libc::_exit(0) }
        };
        // Init's CPU from here to the program's start is not the program's.
        let started_cpu = own_cpu_ns();
        let Ok([stdin, stdout, stderr, status, host_work]) = <[OwnedFd; CASE_FDS]>::try_from(fds) else {
            // SAFETY: as above.
            unsafe { libc::_exit(0) }
        };
        let status_fd = status.as_raw_fd();
        let fail = |error: String| -> ! {
            send(status_fd, MSG_SETUP_ERROR, error.as_bytes());
            // SAFETY: as above.
            unsafe { libc::_exit(127) }
        };
        let case: CaseMessage = match serde_json::from_slice(&buffer[..n]) {
            Ok(case) => case,
            Err(e) => fail(format!("a malformed case for the session's init: {e}")),
        };
        STOP_REQUESTED.store(false, std::sync::atomic::Ordering::SeqCst);
        if let Err(error) = plan.set_case(&case.spec, cgroups, tmp_size, case.box_size) {
            fail(error);
        }
        plan.work_dir = case.spec.work_dir.clone();
        if let Err(error) = file_systems.prepare(&plan, host_work.as_raw_fd()) {
            fail(error);
        }
        drop(host_work);
        let mut ready = monotonic_ns().to_le_bytes().to_vec();
        ready.extend_from_slice(&own_cpu_ns().saturating_sub(started_cpu).to_le_bytes());
        send(status_fd, MSG_READY, &ready);
        // The control socket closes on exec, with every descriptor but the
        // program's own.
        let fds = ProgramFds {
            stdin: stdin.as_raw_fd(),
            stdout: stdout.as_raw_fd(),
            stderr: stderr.as_raw_fd(),
            report: None,
        };
        let program = spawn_program(&plan, fds, status_fd);
        if program < 0 {
            fail(os_error("starting the program"));
        }
        drop((stdin, stdout, stderr));
        let (program_status, stopping) = reap_program(program);
        if let Some((status, ended_ns)) = program_status {
            let mut body = status.to_le_bytes().to_vec();
            body.extend_from_slice(&ended_ns.to_le_bytes());
            send(status_fd, MSG_STATUS, &body);
        }
        // No process of the case outlives it: all are gone before the
        // status pipe closes (and so before the answer). Init's CPU doing so
        // is reported to be taken off the case's.
        let cleanup_started = own_cpu_ns();
        kill_and_reap_all();
        let mut body = own_cpu_ns().saturating_sub(cleanup_started).to_le_bytes().to_vec();
        body.push(0);
        send(status_fd, MSG_KEPT, &body);
        drop(status);
        if stopping || program_status.is_none() {
            // SAFETY: as above.
            unsafe { libc::_exit(0) }
        }
        // The case's files and IPC objects go while the judge reads the
        // answer; the supervisor waits for this "clean" before it takes the
        // next case's baseline, so nothing of this case is charged to the
        // next.
        file_systems.reset();
        remove_sysv_ipc();
        super::casefs::remove_posix_queues(queues.as_raw_fd());
        reply(b"C");
    }
}

/// Removes every SysV IPC object (shared memory, message queues,
/// semaphores) of init's IPC namespace, the session's, now that no process
/// of the case is left: the next case finds none, and their memory (a case
/// may leave 100 MiB of shared memory) is freed before init's "clean", so
/// before the next case's baseline. With nothing attached (every process
/// is gone) each object goes at once.
fn remove_sysv_ipc() {
    // From <linux/shm.h>; the libc crate has the MSG_ and SEM_ ones only.
    const SHM_STAT: libc::c_int = 13;
    const SHM_INFO: libc::c_int = 14;
    // SAFETY: every buffer is zeroed and larger than what the kernel writes
    // into it (shmid_ds > shm_info, msqid_ds > msginfo, semid_ds >
    // seminfo); `*_INFO` returns the highest index in use (or -1), `*_STAT`
    // takes an index and returns the object's id (or -1 for a free slot).
    unsafe {
        let mut shm: libc::shmid_ds = std::mem::zeroed();
        let highest = libc::shmctl(0, SHM_INFO, &mut shm);
        for index in 0..=highest {
            let id = libc::shmctl(index, SHM_STAT, &mut shm);
            if id >= 0 {
                libc::shmctl(id, libc::IPC_RMID, std::ptr::null_mut());
            }
        }
        let mut msg: libc::msqid_ds = std::mem::zeroed();
        let highest = libc::msgctl(0, libc::MSG_INFO, &mut msg);
        for index in 0..=highest {
            let id = libc::msgctl(index, libc::MSG_STAT, &mut msg);
            if id >= 0 {
                libc::msgctl(id, libc::IPC_RMID, std::ptr::null_mut());
            }
        }
        let mut sem: libc::semid_ds = std::mem::zeroed();
        let highest = libc::semctl(0, 0, libc::SEM_INFO, &mut sem as *mut libc::semid_ds);
        for index in 0..=highest {
            let id = libc::semctl(index, 0, libc::SEM_STAT, &mut sem as *mut libc::semid_ds);
            if id >= 0 {
                libc::semctl(id, 0, libc::IPC_RMID);
            }
        }
    }
}

fn seqpacket_pair() -> Result<(OwnedFd, OwnedFd), SandboxError> {
    let mut fds = [0; 2];
    // SAFETY: fds is a valid array of two ints.
    if unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC, 0, fds.as_mut_ptr()) } != 0 {
        return Err(SandboxError::Io(io::Error::last_os_error()));
    }
    // SAFETY: two fresh descriptors that we now own.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn several_descriptors_pass_with_one_message() {
        let (a, b) = seqpacket_pair().expect("socket pair");
        let (r1, w1) = pipe().expect("pipe");
        let (r2, w2) = pipe().expect("pipe");
        send_with_fds(a.as_raw_fd(), b"case", &[w1.as_raw_fd(), w2.as_raw_fd()]).expect("send");
        drop((w1, w2));
        let mut buffer = [0u8; 16];
        let (n, fds) = recv_with_fds(b.as_raw_fd(), &mut buffer, CASE_FDS).expect("receive");
        assert_eq!(&buffer[..n], b"case");
        assert_eq!(fds.len(), 2, "both descriptors arrive, in order");
        for (fd, (read_end, text)) in fds.into_iter().zip([(r1, "first"), (r2, "second")]) {
            std::fs::File::from(fd).write_all(text.as_bytes()).expect("write");
            let mut got = String::new();
            std::fs::File::from(read_end).read_to_string(&mut got).expect("read");
            assert_eq!(got, text);
        }
        drop(a);
        let closed = recv_with_fds(b.as_raw_fd(), &mut buffer, CASE_FDS).map(|(n, _)| n).map_err(|e| e.kind());
        assert_eq!(closed, Err(io::ErrorKind::UnexpectedEof), "a closed peer is the end of the session");
    }
}
