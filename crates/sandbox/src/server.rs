//! The long-lived exec helper: one `oaj __sandbox-exec serve` process per
//! `Sandbox`, started on its first isolated run and kept for the life of
//! the judge, so that a run no longer pays for an `exec` of the `oaj` binary.
//!
//! Transport: the judge and the server share a `SOCK_SEQPACKET` socket pair
//! (the server's end is its stdin). For each run the judge makes a new
//! `SOCK_STREAM` socket pair and passes one end to the server with
//! `SCM_RIGHTS`; the server hands it to a supervisor, a fork of itself
//! made ahead of time that waits for its run (and forks the next one),
//! which speaks the exec helper's usual wire format on that socket (see
//! `helper`) and exits after its run. Nothing is reachable by path, so no
//! other local user can ask the server for a run.
//!
//! What the server prepares once instead of per run: its own private mount
//! namespace holding the sandbox's read-only roots (see
//! `isolate::rootfs::prepared_root`; as root only: in a user namespace each
//! run's init still builds its own), and a pool of run cgroups beneath
//! `oaj-run-<server pid>` that are reset between runs rather than created
//! and removed (see `cgroup::pool`), and, when the judge asks for it (as
//! root with Landlock ABI 6), the holder of one empty network namespace
//! that its runs share, forked rather than executed (see `netns`). Each
//! run still gets fresh namespaces,
//! its own `/box`, `/tmp`, `/dev/shm` and `/proc`, and its own init.
//!
//! Lifetime: the server exits when the judge's end of the socket pair
//! closes (the judge exited), killing any supervisor still running (their
//! inits die with them, and with those the runs' pid namespaces), killing
//! the network namespace's holder and removing its cgroups. Supervisors die with the server
//! (`PR_SET_PDEATHSIG`).

use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use crate::cgroup::pool::CgroupPool;
use crate::fdpass::{recv_fd, send_fd};
use crate::helper::{HelperCommand, Request, PARENT_ENV};
use crate::isolate::{IsolationSettings, Reuse};
use crate::SandboxError;

/// The argument after the helper subcommand that makes it a server.
pub(crate) const SERVE_ARG: &str = "serve";

/// Creates a socket pair of `kind`, close-on-exec.
pub(crate) fn socket_pair(kind: libc::c_int) -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: fds is a valid array of two ints.
    if unsafe { libc::socketpair(libc::AF_UNIX, kind | libc::SOCK_CLOEXEC, 0, fds.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: two fresh descriptors that we now own.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// The judge's side: starts the server on first use and hands it runs.
#[derive(Debug)]
pub(crate) struct ServerClient {
    helper: HelperCommand,
    settings: IsolationSettings,
    /// Whether the server holds a shared empty network namespace for its
    /// runs (the probe found that it works).
    share_netns: bool,
    state: Mutex<ClientState>,
}

#[derive(Debug, Default)]
enum ClientState {
    #[default]
    NotStarted,
    Running {
        control: OwnedFd,
        child: Child,
    },
    /// The server could not start: runs go through one helper each.
    Failed,
}

impl ServerClient {
    pub fn new(helper: HelperCommand, settings: IsolationSettings, share_netns: bool) -> Self {
        ServerClient { helper, settings, share_netns, state: Mutex::new(ClientState::NotStarted) }
    }

    fn start(&self) -> Result<(OwnedFd, Child), SandboxError> {
        let (ours, theirs) = socket_pair(libc::SOCK_SEQPACKET)?;
        let mut command = Command::new(&self.helper.program);
        command
            .args(&self.helper.args)
            .arg(SERVE_ARG)
            // The server needs nothing from the judge's environment.
            .env_clear()
            .env(PARENT_ENV, std::process::id().to_string())
            .stdin(Stdio::from(theirs))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let child = command.spawn().map_err(|e| {
            SandboxError::Setup(format!("cannot start the sandbox server {}: {e}", self.helper.program.display()))
        })?;
        // The server's first message is its settings, in one packet.
        let mut first =
            serde_json::to_vec(&Request::Serve { settings: self.settings.clone(), share_netns: self.share_netns })
                .map_err(io::Error::from)?;
        first.push(b'\n');
        // SAFETY: valid buffer and descriptor.
        let sent = unsafe { libc::send(ours.as_raw_fd(), first.as_ptr().cast(), first.len(), libc::MSG_NOSIGNAL) };
        if sent != first.len() as isize {
            return Err(SandboxError::Setup(format!(
                "cannot send the sandbox server its settings: {}",
                io::Error::last_os_error()
            )));
        }
        Ok((ours, child))
    }

    /// Starts the server now rather than at the first run, so that its own
    /// start (cgroup pool, prepared root) overlaps with the judge's.
    pub fn start_now(&self) {
        if let Ok(mut state) = self.state.lock() {
            if matches!(*state, ClientState::NotStarted) {
                *state = match self.start() {
                    Ok((control, child)) => ClientState::Running { control, child },
                    Err(e) => {
                        tracing::warn!("{e}; every run starts a sandbox helper of its own instead");
                        ClientState::Failed
                    }
                };
            }
        }
    }

    /// A connection to a supervisor of the server for one run, or None when
    /// there is no server (the caller then starts a helper of its own).
    pub fn connect(&self) -> Option<UnixStream> {
        let mut state = self.state.lock().ok()?;
        // One retry: a server that died (killed by an operator, say) is
        // started again once; one that cannot start is not tried again.
        for _ in 0..2 {
            if matches!(*state, ClientState::NotStarted) {
                *state = match self.start() {
                    Ok((control, child)) => ClientState::Running { control, child },
                    Err(e) => {
                        tracing::warn!("{e}; every run starts a sandbox helper of its own instead");
                        ClientState::Failed
                    }
                };
            }
            let ClientState::Running { control, child } = &mut *state else { return None };
            let (ours, theirs) = socket_pair(libc::SOCK_STREAM).ok()?;
            match send_fd(control.as_raw_fd(), theirs.as_raw_fd()) {
                Ok(()) => return Some(UnixStream::from(ours)),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    tracing::warn!("the sandbox server is gone ({e}); starting it again");
                    *state = ClientState::NotStarted;
                }
            }
        }
        None
    }

    /// Sends one request (JSON line and payload) and reads the whole answer.
    pub fn exchange(&self, request_line: &[u8], payload: &[u8]) -> Option<io::Result<Vec<u8>>> {
        let mut stream = self.connect()?;
        let exchanged = (|| {
            stream.write_all(request_line)?;
            stream.write_all(payload)?;
            stream.shutdown(std::net::Shutdown::Write)?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer)?;
            Ok(answer)
        })();
        Some(exchanged)
    }
}

impl Drop for ServerClient {
    fn drop(&mut self) {
        if let Ok(mut state) = self.state.lock() {
            if let ClientState::Running { control, mut child } = std::mem::take(&mut *state) {
                // Closing our end tells the server to clean up and exit.
                drop(control);
                std::thread::spawn(move || {
                    let _ = child.wait();
                });
            }
        }
    }
}

/// Entry point of `oaj __sandbox-exec serve`; stdin is the control socket.
pub(crate) fn serve_main() -> io::Result<()> {
    // The server lives as long as the judge process (until the control
    // socket closes), not as long as the judge thread that started it.
    // SAFETY: plain prctl and chdir with a valid C string.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, 0 as libc::c_ulong);
        libc::chdir(c"/".as_ptr());
    }
    // The control socket moves off fd 0, which /dev/null takes: descriptors
    // 0 to 2 must stay taken, or a run's pipes could land there and be
    // overwritten when init places the program's stdio.
    // SAFETY: plain fcntl on fd 0, the control socket the judge gave us.
    let moved = unsafe { libc::fcntl(libc::STDIN_FILENO, libc::F_DUPFD_CLOEXEC, 3) };
    if moved < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor we own.
    let control = unsafe { OwnedFd::from_raw_fd(moved) };
    let null = std::fs::File::open("/dev/null")?;
    // SAFETY: plain dup2 onto fd 0, which we no longer use.
    if unsafe { libc::dup2(null.as_raw_fd(), libc::STDIN_FILENO) } < 0 {
        return Err(io::Error::last_os_error());
    }
    let mut first = vec![0u8; 1 << 20];
    // SAFETY: valid buffer and descriptor.
    let n = unsafe { libc::recv(control.as_raw_fd(), first.as_mut_ptr().cast(), first.len(), 0) };
    if n <= 0 {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "no settings from the judge"));
    }
    let (settings, share_netns): (IsolationSettings, bool) = match serde_json::from_slice(&first[..n as usize]) {
        Ok(Request::Serve { settings, share_netns }) => (settings, share_netns),
        _ => return Err(io::Error::new(io::ErrorKind::InvalidData, "the first message must be the settings")),
    };
    // The shared network namespace's holder is forked first, while the
    // server holds the fewest descriptors (it keeps none of them anyway).
    // Without it each run gets a network namespace of its own.
    let holder = if share_netns {
        crate::netns::Holder::spawn()
            .map_err(|e| eprintln!("oaj sandbox server: no shared network namespace ({e}); each run gets its own"))
            .ok()
    } else {
        None
    };
    let server_pid = std::process::id();
    let mut pool = settings.cgroups.as_ref().map(|layout| CgroupPool::new(layout, server_pid));
    if let Some(pool) = &mut pool {
        if let Err(e) = pool.prepare() {
            eprintln!("oaj sandbox server: cgroup pool unavailable ({e}); runs create their own cgroups");
        }
    }
    // A private mount namespace for the prepared roots (as root only).
    let prepared_roots = crate::isolate::prepare_root_namespace(&settings.root_dir)
        .map_err(|e| eprintln!("oaj sandbox server: roots are built per run ({e})"))
        .ok();

    let mut supervisors: Vec<(libc::pid_t, Option<usize>)> = Vec::new();
    let context = Context {
        control: control.as_raw_fd(),
        server_pid,
        prepared_roots,
        shared_netns: holder.as_ref().map(|h| h.netns.clone()),
    };
    // One supervisor is always forked ahead, waiting for its run, so that
    // a run does not wait for the fork.
    let mut idle = fork_idle(&context, pool.as_mut(), &mut supervisors);
    loop {
        reap(&mut supervisors, pool.as_mut(), false);
        let mut pollfd = libc::pollfd { fd: control.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd. The timeout only bounds how long a
        // finished supervisor stays unreaped while no run comes.
        let ready = unsafe { libc::poll(&mut pollfd, 1, 1000) };
        if ready <= 0 {
            continue;
        }
        let connection = match recv_fd(control.as_raw_fd()) {
            Ok(Some(fd)) => fd,
            Ok(None) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => continue,
            Err(e) => return Err(e),
        };
        // The waiting supervisor takes the run; if it is gone (killed),
        // one is forked for it now.
        let handed = idle.take().is_some_and(|job| send_fd(job.as_raw_fd(), connection.as_raw_fd()).is_ok());
        // Supervisors that finished meanwhile give their cgroups back first,
        // so the pool stays as small as the number of runs at once.
        reap(&mut supervisors, pool.as_mut(), false);
        if !handed {
            let slot = pool.as_mut().and_then(CgroupPool::take);
            match fork_supervisor(&context, pool.as_ref(), slot, Job::Now(connection)) {
                Some(pid) => supervisors.push((pid, slot)),
                None => {
                    if let (Some(pool), Some(slot)) = (pool.as_mut(), slot) {
                        pool.give_back(slot);
                    }
                }
            }
        } else {
            drop(connection);
        }
        idle = fork_idle(&context, pool.as_mut(), &mut supervisors);
    }
    // Closing the waiting supervisor's socket ends it.
    drop(idle);
    // The judge has gone: stop every run and remove the pool.
    for (pid, _) in &supervisors {
        // SAFETY: our own unreaped children.
        unsafe { libc::kill(*pid, libc::SIGKILL) };
    }
    reap(&mut supervisors, pool.as_mut(), true);
    if let Some(pool) = pool {
        pool.remove();
    }
    drop(holder);
    Ok(())
}

/// What a supervisor is forked with.
struct Context {
    /// The server's control socket, which supervisors close.
    control: RawFd,
    server_pid: u32,
    prepared_roots: Option<std::path::PathBuf>,
    /// The shared network namespace the server's holder keeps, if any.
    shared_netns: Option<crate::netns::NetnsHolder>,
}

/// A supervisor's run: at hand, or to come on `socket` (whose other end,
/// the server's, the supervisor closes).
enum Job {
    Now(OwnedFd),
    Later { socket: OwnedFd, server_end: RawFd },
}

/// Forks a supervisor that waits for its run; returns the socket to send
/// the run's connection on.
fn fork_idle(
    context: &Context,
    mut pool: Option<&mut CgroupPool>,
    supervisors: &mut Vec<(libc::pid_t, Option<usize>)>,
) -> Option<OwnedFd> {
    let (ours, theirs) = socket_pair(libc::SOCK_SEQPACKET).ok()?;
    let slot = pool.as_deref_mut().and_then(CgroupPool::take);
    let job = Job::Later { socket: theirs, server_end: ours.as_raw_fd() };
    match fork_supervisor(context, pool.as_deref(), slot, job) {
        Some(pid) => {
            supervisors.push((pid, slot));
            Some(ours)
        }
        None => {
            if let (Some(pool), Some(slot)) = (pool, slot) {
                pool.give_back(slot);
            }
            None
        }
    }
}

/// Forks a supervisor for `job` with the cgroup of `slot`; its pid, or
/// None when the fork failed.
fn fork_supervisor(context: &Context, pool: Option<&CgroupPool>, slot: Option<usize>, job: Job) -> Option<libc::pid_t> {
    // SAFETY: the server is single-threaded; the child runs ordinary code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        eprintln!("oaj sandbox server: fork: {}", io::Error::last_os_error());
        return None;
    }
    if pid > 0 {
        return Some(pid);
    }
    // SAFETY: the child's copy of the control socket, which it never uses.
    unsafe { libc::close(context.control) };
    // SAFETY: plain prctl: the run must not outlive the server.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) };
    let reuse = Reuse {
        cgroup: slot.and_then(|s| pool.map(|p| p.slot_name(s))),
        prepared_roots: context.prepared_roots.clone(),
        shared_netns: context.shared_netns.clone(),
    };
    let connection = match job {
        Job::Now(connection) => Some(connection),
        // A closed socket (the server is stopping) ends a waiting supervisor.
        Job::Later { socket, server_end } => {
            // SAFETY: the child's copy of the server's end, never used here.
            unsafe { libc::close(server_end) };
            recv_fd(socket.as_raw_fd()).ok().flatten()
        }
    };
    let code = match connection {
        Some(connection) => supervise_one(connection, context.server_pid, &reuse),
        None => 0,
    };
    // SAFETY: exiting the forked child without the parent's destructors.
    unsafe { libc::_exit(code) }
}

/// Reaps finished supervisors (all of them, waiting, with `all`) and
/// returns their cgroup slots to the pool.
fn reap(supervisors: &mut Vec<(libc::pid_t, Option<usize>)>, mut pool: Option<&mut CgroupPool>, all: bool) {
    supervisors.retain(|&(pid, slot)| {
        let flags = if all { 0 } else { libc::WNOHANG };
        // SAFETY: our own child; a null status pointer is allowed.
        let r = unsafe { libc::waitpid(pid, std::ptr::null_mut(), flags) };
        if r == 0 {
            return true;
        }
        if let (Some(pool), Some(slot)) = (pool.as_deref_mut(), slot) {
            pool.give_back(slot);
        }
        false
    });
}

/// One supervisor: serves the run on `connection`, then exits.
fn supervise_one(connection: OwnedFd, server_pid: u32, reuse: &Reuse) -> i32 {
    // The parent-death signal is armed (see fork_supervisor); a server
    // that died before that sends none.
    if nix::unistd::getppid().as_raw() as u32 != server_pid {
        return 2;
    }
    // Marks inherited from the server are not this run's.
    let _ = crate::timing::take();
    crate::timing::mark("supervisor has the run");
    let stream = UnixStream::from(connection);
    let fd = stream.as_raw_fd();
    let Ok(reader) = stream.try_clone() else { return 2 };
    let mut output = &stream;
    let end_answer = || {
        // The judge's read sees the end of the answer; cleaning up follows.
        // SAFETY: plain shutdown of a socket we hold.
        unsafe { libc::shutdown(fd, libc::SHUT_WR) };
    };
    match crate::helper::serve_with(&mut io::BufReader::new(reader), &mut output, reuse, end_answer) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("oaj sandbox server: a run failed: {e}");
            2
        }
    }
}
