//! The child side of an isolated run. Init (pid 1 of the new namespaces)
//! waits for the supervisor's go, builds the root (see `rootfs`), starts
//! the program (see `program`), reaps orphans, copies back what the run
//! keeps and reports on the status pipe (see `protocol`).

use std::ffi::CString;
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::program::{spawn_program, ProgramFds};
use super::protocol::{monotonic_ns, own_cpu_ns, send, MSG_KEPT, MSG_READY, MSG_SETUP_ERROR, MSG_STATUS};
use super::rootfs::build_root;
use super::{cstring, os_error, IsolationSettings};
use crate::{RunSpec, SandboxError};

/// Everything the init and program processes need, prepared before `clone`
/// so that they allocate as little as possible.
pub(super) struct ChildPlan {
    /// The host directory to build the root on (in init's own mount
    /// namespace), unless the server prepared one.
    pub root: CString,
    /// A read-only root the sandbox server prepared (see `rootfs`), to
    /// which init only adds the run's own file systems.
    pub prepared_root: Option<PathBuf>,
    /// The host work dir, copied into `/box` (and back, per `keep`).
    pub work_dir: PathBuf,
    pub read_only_paths: Vec<PathBuf>,
    pub tmp_size: u64,
    /// Size of the `/box` tmpfs.
    pub box_size: u64,
    pub keep: crate::Keep,
    /// Most bytes copied back to the host.
    pub keep_bytes: u64,
    pub user_ns: bool,
    pub uid: u32,
    pub gid: u32,
    pub program: Vec<u8>,
    pub argv: Vec<CString>,
    pub envp: Vec<CString>,
    pub path_dirs: Vec<Vec<u8>>,
    pub rlimits: Vec<(libc::__rlimit_resource_t, u64)>,
    pub seccomp: Vec<seccompiler::BpfProgram>,
    /// Confine abstract Unix sockets to the run with Landlock: their names
    /// are per network namespace, so runs sharing one need it.
    pub scope_abstract_sockets: bool,
}

/// Most files and directories copied back from `/box`.
const KEEP_ENTRIES: u64 = 10_000;

impl ChildPlan {
    pub fn new(
        spec: &RunSpec,
        settings: &IsolationSettings,
        work_dir: PathBuf,
        user_ns: bool,
    ) -> Result<Self, SandboxError> {
        let setup = SandboxError::Setup;
        let box_size = box_size(&work_dir, &spec.limits);
        let mut plan = ChildPlan {
            root: cstring(settings.root_dir.as_os_str().as_bytes(), "root dir").map_err(setup)?,
            prepared_root: None,
            box_size,
            work_dir,
            read_only_paths: spec.read_only_paths.clone(),
            tmp_size: 0,
            keep: spec.keep.clone(),
            keep_bytes: spec.limits.file_size_bytes,
            user_ns,
            uid: settings.uid,
            gid: settings.gid,
            program: Vec::new(),
            argv: Vec::new(),
            envp: Vec::new(),
            path_dirs: Vec::new(),
            rlimits: Vec::new(),
            seccomp: crate::seccomp::build_filters().map_err(SandboxError::Setup)?,
            scope_abstract_sockets: false,
        };
        plan.set_case(spec, settings.cgroups.is_some(), settings.tmp_size_bytes, box_size).map_err(setup)?;
        Ok(plan)
    }

    /// The parts of the plan that are the run's own (in a session, the
    /// case's): its command, environment, rlimits and file system sizes.
    pub fn set_case(&mut self, spec: &RunSpec, cgroups: bool, tmp_size: u64, box_size: u64) -> Result<(), String> {
        self.argv = std::iter::once(spec.program.as_str())
            .chain(spec.args.iter().map(String::as_str))
            .map(|a| cstring(a, "argument"))
            .collect::<Result<Vec<_>, _>>()?;
        self.envp =
            spec.env.iter().map(|(k, v)| cstring(format!("{k}={v}"), "environment")).collect::<Result<Vec<_>, _>>()?;
        let path = spec
            .env
            .iter()
            .rev()
            .find(|(k, _)| k == "PATH")
            .map_or("/usr/local/bin:/usr/bin:/bin", |(_, v)| v.as_str());
        let limits = &spec.limits;
        // CPU rlimit rounds up to whole seconds: the exact limit is enforced
        // from the cgroup; this is the second line.
        let cpu_secs = limits.cpu_time.as_secs() + 1;
        let mut rlimits = vec![
            (libc::RLIMIT_CPU, cpu_secs),
            (libc::RLIMIT_FSIZE, limits.file_size_bytes),
            (libc::RLIMIT_NOFILE, u64::from(limits.open_files)),
            (libc::RLIMIT_CORE, 0),
            // Deep recursion works up to the memory limit, as on OA platforms.
            (libc::RLIMIT_STACK, limits.memory_bytes),
        ];
        if !cgroups {
            // Without a memory cgroup, the data segment is the memory line
            // (not address space: the JVM and Go reserve far more than they
            // touch). With one it would do harm: glibc sizes each thread's
            // stack from RLIMIT_STACK, and those reservations count as data,
            // so multi-threaded compilers and runtimes could not start threads.
            rlimits.push((libc::RLIMIT_DATA, limits.memory_bytes));
            // Without a pids cgroup, count processes per uid (shared by
            // concurrent runs: a coarse second line).
            rlimits.push((libc::RLIMIT_NPROC, u64::from(limits.processes)));
        }
        self.rlimits = rlimits;
        self.box_size = box_size;
        self.tmp_size = tmp_size.min(limits.memory_bytes).max(1 << 20);
        self.keep_bytes = limits.file_size_bytes;
        self.program = spec.program.as_bytes().to_vec();
        self.path_dirs = path.split(':').filter(|d| !d.is_empty()).map(|d| d.as_bytes().to_vec()).collect();
        Ok(())
    }
}

/// Size of the `/box` tmpfs: room for what is copied in and as much again
/// as the memory limit (the tmpfs is charged to the run's memory cgroup,
/// which stops it first; without cgroups this is the cap).
pub(super) fn box_size(work_dir: &Path, limits: &crate::Limits) -> u64 {
    crate::boxdir::tree_bytes(work_dir).saturating_add(limits.memory_bytes).max(1 << 20)
}

/// What every init does first: dies with its supervisor, takes SIGUSR1 as
/// the request to stop, waits for the supervisor's go (it is in the cgroup,
/// its id maps written), then hides what the program must not see.
pub(super) fn init_prelude(go: OwnedFd) {
    // SAFETY: plain prctl; if the helper dies, the sandbox dies with it.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) };
    // SAFETY: the handler only stores to an atomic; no SA_RESTART, so a
    // blocked waitpid returns EINTR and sees the request.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = request_stop as extern "C" fn(libc::c_int) as usize;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGUSR1, &action, std::ptr::null_mut());
    }
    // Wait until the helper has placed us in the cgroup and written the id maps.
    let mut byte = [0u8; 1];
    let mut go = File::from(go);
    if go.read_exact(&mut byte).is_err() {
        // SAFETY: exiting the child without running the parent's destructors.
        unsafe { libc::_exit(126) };
    }
    drop(go);
    // SAFETY: plain prctl/unshare. Not dumpable: the program (same uid as
    // init in a user namespace) cannot open init's /proc files, such as the
    // descriptor of the host work dir. A cgroup namespace rooted at the
    // run's cgroup hides the judge's cgroup path; not having one only shows
    // that path, so a failure is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0 as libc::c_ulong);
        libc::unshare(libc::CLONE_NEWCGROUP);
    }
    hide_command_line();
}

/// Init: pid 1 of the sandbox. Never returns. `report` is a stepped run's
/// report pipe, handed to the program as [`REPORT_FD`].
pub(super) fn init_main(
    plan: &ChildPlan,
    go: OwnedFd,
    stdin: OwnedFd,
    stdout: OwnedFd,
    stderr: OwnedFd,
    status: OwnedFd,
    report: Option<OwnedFd>,
) -> ! {
    let status_fd = status.as_raw_fd();
    init_prelude(go);

    let host_work = match build_root(plan) {
        Ok(fd) => fd,
        Err(error) => {
            send(status_fd, MSG_SETUP_ERROR, error.as_bytes());
            // SAFETY: see above.
            unsafe { libc::_exit(127) };
        }
    };
    // The program's clock starts now; init's own CPU so far (building the
    // root) is charged to the cgroup but is not the program's.
    let mut ready = monotonic_ns().to_le_bytes().to_vec();
    ready.extend_from_slice(&own_cpu_ns().to_le_bytes());
    send(status_fd, MSG_READY, &ready);
    let report_fd = report.as_ref().map(AsRawFd::as_raw_fd);
    let fds = ProgramFds {
        stdin: stdin.as_raw_fd(),
        stdout: stdout.as_raw_fd(),
        stderr: stderr.as_raw_fd(),
        report: report_fd,
    };
    let program = spawn_program(plan, fds, status_fd);
    if program < 0 {
        send(status_fd, MSG_SETUP_ERROR, os_error("starting the program").as_bytes());
        // SAFETY: see above.
        unsafe { libc::_exit(127) };
    }
    drop((stdin, stdout, stderr, report));
    let (program_status, stopping) = reap_program(program);
    if let Some((status, ended_ns)) = program_status {
        let mut body = status.to_le_bytes().to_vec();
        body.extend_from_slice(&ended_ns.to_le_bytes());
        send(status_fd, MSG_STATUS, &body);
    }
    if !stopping && program_status.is_some() && plan.keep != crate::Keep::Nothing {
        keep_files(plan, host_work.as_raw_fd(), status_fd);
    }
    // Nothing more to report: the status pipe closes now rather than late
    // in exit (after the address space is torn down), so the supervisor
    // can answer sooner. The answer still waits until init is the only
    // process left in the cgroup (see supervise::finish).
    drop(status);
    // Exiting kills whatever is left in the pid namespace.
    // SAFETY: see above.
    unsafe { libc::_exit(0) }
}

/// Reaps everything (orphans are re-parented to init) until the program
/// ends, or until the supervisor asks init to stop (SIGUSR1, at a limit):
/// then kills the whole namespace and reaps it too, so that init's
/// children's rusage (the CPU measure without cgroups) covers every
/// process. Returns the program's wait status with when it was reaped, and
/// whether a stop was requested.
pub(super) fn reap_program(program: libc::pid_t) -> (Option<(i32, u64)>, bool) {
    let mut program_status = None;
    let mut stopping = false;
    loop {
        if !stopping && STOP_REQUESTED.load(std::sync::atomic::Ordering::SeqCst) {
            stopping = true;
            // SAFETY: kill(-1) from a namespace's init reaches every other
            // process of the namespace and nothing outside it.
            unsafe { libc::kill(-1, libc::SIGKILL) };
        }
        let mut wait_status = 0;
        // SAFETY: valid pointer.
        let pid = unsafe { libc::waitpid(-1, &mut wait_status, libc::__WALL) };
        if pid == program {
            program_status = Some((wait_status, monotonic_ns()));
            if !stopping {
                break;
            }
        }
        if pid < 0 {
            match io::Error::last_os_error().raw_os_error() {
                Some(libc::EINTR) => continue,
                _ => break,
            }
        }
    }
    (program_status, stopping)
}

/// Kills every process of the namespace but init and reaps them all.
pub(super) fn kill_and_reap_all() {
    // Every process of the namespace descends from init (nothing enters it
    // from outside), and orphans become init's children: with no child,
    // unreaped or running, nothing else is left. Then kill(-1), which walks
    // every process of the host to find the namespace's, is not needed.
    // SAFETY: plain waitid on our own children, WNOHANG; siginfo is plain
    // old data.
    let no_children = unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        libc::waitid(libc::P_ALL, 0, &mut info, libc::WEXITED | libc::WNOHANG | libc::WNOWAIT | libc::__WALL) != 0
            && io::Error::last_os_error().raw_os_error() == Some(libc::ECHILD)
    };
    if no_children {
        return;
    }
    // SAFETY: kill(-1) from a namespace's init reaches every other process
    // of the namespace and nothing outside it; then reap them all.
    unsafe {
        libc::kill(-1, libc::SIGKILL);
        while libc::waitpid(-1, std::ptr::null_mut(), libc::__WALL) > 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
        {}
    }
}

/// Copies what the run keeps from `/box` back to the host work dir, once
/// nothing else runs in the sandbox (nothing can change `/box` meanwhile).
fn keep_files(plan: &ChildPlan, host_work: RawFd, status_fd: RawFd) {
    let started = own_cpu_ns();
    kill_and_reap_all();
    let mut budget = crate::boxdir::Budget { bytes: plan.keep_bytes, entries: KEEP_ENTRIES };
    let only = match &plan.keep {
        crate::Keep::Names(names) => Some(names.as_slice()),
        _ => None,
    };
    let over = match crate::boxdir::open_dir_at(libc::AT_FDCWD, c"/box") {
        // Unreadable or odd entries are the program's doing: what could be
        // copied is, the rest is missing, as if the program had not written it.
        Ok(box_fd) => matches!(
            crate::boxdir::copy_tree(box_fd.as_raw_fd(), host_work, only, &mut budget, None),
            Err(crate::boxdir::CopyError::Over)
        ),
        Err(_) => false,
    };
    let mut body = own_cpu_ns().saturating_sub(started).to_le_bytes().to_vec();
    body.push(u8::from(over));
    send(status_fd, MSG_KEPT, &body);
}

/// Overwrites init's command line (the judge's binary path and the helper's
/// subcommand, readable by anyone in /proc/1/cmdline) with a neutral name.
/// Init never reads its arguments again.
fn hide_command_line() {
    let Ok(stat) = fs::read_to_string("/proc/self/stat") else { return };
    // Fields after the command name, which may itself hold spaces; the
    // first of them is field 3 (state), arg_start and arg_end are 48 and 49.
    let Some((_, rest)) = stat.rsplit_once(')') else { return };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (Some(start), Some(end)) =
        (fields.get(45).and_then(|f| f.parse::<usize>().ok()), fields.get(46).and_then(|f| f.parse::<usize>().ok()))
    else {
        return;
    };
    let name = b"oaj-sandbox-init";
    if end <= start || end - start <= name.len() {
        return;
    }
    // SAFETY: [arg_start, arg_end) is this process's own argument area,
    // writable stack memory that nothing else in init refers to.
    unsafe {
        let area = std::slice::from_raw_parts_mut(start as *mut u8, end - start);
        area.fill(0);
        area[..name.len()].copy_from_slice(name);
        libc::prctl(libc::PR_SET_NAME, c"oaj-init".as_ptr() as libc::c_ulong);
    }
}

/// Set by SIGUSR1 in init: the helper asks it to end the run.
pub(super) static STOP_REQUESTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn request_stop(_: libc::c_int) {
    STOP_REQUESTED.store(true, std::sync::atomic::Ordering::SeqCst);
}
