//! cgroups for one run: memory limit and peak, process count, CPU accounting,
//! and killing the whole tree.
//!
//! Both hierarchies are supported and detected at start:
//! - v1 (one mount per controller): the judge's own cgroup is read per
//!   controller from `/proc/self/cgroup`, and each run gets a child cgroup in
//!   the memory, pids and cpuacct hierarchies.
//! - v2 (one unified mount): the run gets one child cgroup with `memory` and
//!   `pids` enabled in its parent's `cgroup.subtree_control`.
//!
//! Cgroups are only ever created beneath the judge's own cgroup and removed
//! after the run; nothing outside that subtree is touched.

mod control_files;
mod detect;
pub(crate) mod pool;
mod sweep;

use control_files::ControlFiles;
pub(crate) use sweep::sweep_stale;

pub(crate) use detect::detect;
pub use detect::{own_cgroup_dirs, CgroupLayout};

use std::fs;
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// Prefix of run cgroup names; the rest is the pid of the exec helper (or
/// of the sandbox server, whose pool's cgroups are numbered beneath it).
pub(crate) const RUN_PREFIX: &str = "oaj-run-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunCgroupLimits {
    pub memory_bytes: u64,
    pub processes: u32,
}

/// Memory figures of a finished run.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct MemoryReport {
    pub peak_bytes: u64,
    /// Processes the kernel's OOM killer killed in the cgroup.
    pub oom_kills: u64,
    /// Times usage reached the limit (v1 failcnt, v2 `max` events).
    pub limit_reached: u64,
}

/// The cgroup(s) of one run. Removed by [`RunCgroup::remove`] (also on
/// drop), or, for a cgroup of the server's pool, emptied and kept for the
/// next run.
pub(crate) struct RunCgroup {
    dirs: Vec<PathBuf>,
    memory: PathBuf,
    pids: Option<PathBuf>,
    cpu: Option<PathBuf>,
    v2: bool,
    /// A cgroup of the pool (see `pool`): reused rather than removed.
    pooled: bool,
    /// Counters as they stood when the run took the cgroup: a pooled
    /// cgroup's event counters and CPU usage cannot all be reset, so every
    /// figure is read relative to these.
    baseline: Counters,
    /// v2 only, in a session (see [`RunCgroup::begin_case`]): `memory.peak`
    /// open and reset for this case; its reads through this descriptor
    /// give the peak since the reset.
    peak_file: Option<fs::File>,
    /// The limits last written, so that a session's cases with the same
    /// limits do not write them again.
    limits_set: Option<RunCgroupLimits>,
    /// Control files read (or written) once per case, kept open.
    files: ControlFiles,
}

/// The cumulative counters of a cgroup.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counters {
    cpu: Duration,
    oom_kills: u64,
    limit_reached: u64,
    pids_refused: u64,
}

fn write_file(path: &Path, value: &str) -> Result<(), String> {
    fs::write(path, value).map_err(|e| format!("cannot write {value:?} to {}: {e}", path.display()))
}

impl RunCgroup {
    /// Creates the run's cgroup `name` beneath the layout's bases (or takes
    /// it over if it exists) with the run's limits.
    pub fn create(layout: &CgroupLayout, name: &str, limits: &RunCgroupLimits) -> Result<Self, String> {
        let cgroup = RunCgroup::open(layout, name)?;
        cgroup.set_limits(limits)?;
        Ok(cgroup)
    }

    /// Takes the pool's cgroup `name` for a run: created if missing,
    /// emptied if a run before left anything in it, recreated if memory is
    /// still charged to it (which would count against this run), its peak
    /// reset and its counters noted as the run's baseline.
    pub fn take_pooled(layout: &CgroupLayout, name: &str, limits: &RunCgroupLimits) -> Result<Self, String> {
        let mut cgroup = RunCgroup::open(layout, name)?;
        cgroup.pooled = true;
        if !cgroup.procs().is_empty() {
            cgroup.kill_all();
        }
        if cgroup.memory_in_use() != Some(0) || cgroup.peak_not_resettable() {
            cgroup.remove_dirs();
            cgroup = RunCgroup::open(layout, name)?;
            cgroup.pooled = true;
        }
        cgroup.set_limits(limits)?;
        if !cgroup.v2 {
            // v1 resets the peak to the current usage, which is 0 here.
            write_file(&cgroup.memory.join("memory.max_usage_in_bytes"), "0")?;
        }
        cgroup.baseline = cgroup.counters();
        Ok(cgroup)
    }

    /// Starts a case of a session in this cgroup (its init stays in it
    /// between cases, with nothing else): the case's limits, the peak reset
    /// to what is charged now, and every counter measured from here. On v1
    /// the peak is reset by writing `memory.max_usage_in_bytes`; on v2 by
    /// writing `memory.peak` (Linux 6.12 and later), which resets it for
    /// reads through the same descriptor, kept for the case. Where v2
    /// cannot reset it, the session's first case still reads a peak of its
    /// own (the cgroup is new, as for a one-shot run); returns false then:
    /// the session must not run another case. An error means the same
    /// for a later case, which must not run in this session.
    pub fn begin_case(&mut self, limits: &RunCgroupLimits, first: bool) -> Result<bool, String> {
        if self.limits_set != Some(*limits) {
            self.set_limits(limits)?;
            self.limits_set = Some(*limits);
        }
        let mut more = true;
        if self.v2 {
            let path = self.memory.join("memory.peak");
            let reset = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .and_then(|mut file| file.write_all(b"reset").map(|()| file));
            match reset {
                Ok(file) => self.peak_file = Some(file),
                Err(_) if first => {
                    self.peak_file = None;
                    more = false;
                }
                Err(e) => return Err(format!("cannot reset {}: {e}", path.display())),
            }
        } else {
            self.files.write(&self.memory, "memory.max_usage_in_bytes", "0")?;
        }
        self.baseline = self.counters();
        Ok(more)
    }

    /// The peak memory: through the descriptor reset for a session's case
    /// on v2, else by path.
    fn peak_bytes(&self) -> u64 {
        let text = match &self.peak_file {
            Some(file) => {
                let mut buf = [0u8; 32];
                // SAFETY: valid buffer and descriptor; pread leaves the offset alone.
                let n = unsafe { libc::pread(file.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
                if n <= 0 {
                    return 0;
                }
                String::from_utf8_lossy(&buf[..n as usize]).into_owned()
            }
            None => {
                let peak_file = if self.v2 { "memory.peak" } else { "memory.max_usage_in_bytes" };
                self.files.read(&self.memory, peak_file).unwrap_or_default()
            }
        };
        text.trim().parse().unwrap_or(0)
    }

    /// The cgroup's directories, created where missing; no limits yet.
    fn open(layout: &CgroupLayout, name: &str) -> Result<Self, String> {
        let existed = std::cell::Cell::new(false);
        let mkdir = |base: &Path| -> Result<PathBuf, String> {
            let dir = base.join(name);
            match fs::create_dir(&dir) {
                Ok(()) => Ok(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    existed.set(true);
                    Ok(dir)
                }
                Err(e) => Err(format!("cannot create cgroup {}: {e}", dir.display())),
            }
        };
        let mut cgroup = match layout {
            CgroupLayout::V2 { base } => {
                let dir = mkdir(base)?;
                RunCgroup {
                    dirs: vec![dir.clone()],
                    memory: dir.clone(),
                    pids: Some(dir.clone()),
                    cpu: Some(dir),
                    v2: true,
                    pooled: false,
                    baseline: Counters::default(),
                    peak_file: None,
                    limits_set: None,
                    files: ControlFiles::default(),
                }
            }
            CgroupLayout::V1 { memory, pids, cpuacct } => {
                let memory_dir = mkdir(memory)?;
                let mut cgroup = RunCgroup {
                    dirs: vec![memory_dir.clone()],
                    memory: memory_dir,
                    pids: None,
                    cpu: None,
                    v2: false,
                    pooled: false,
                    baseline: Counters::default(),
                    peak_file: None,
                    limits_set: None,
                    files: ControlFiles::default(),
                };
                if let Some(pids) = pids {
                    let dir = mkdir(pids)?;
                    cgroup.dirs.push(dir.clone());
                    cgroup.pids = Some(dir);
                }
                if let Some(cpuacct) = cpuacct {
                    let dir = mkdir(cpuacct)?;
                    cgroup.dirs.push(dir.clone());
                    cgroup.cpu = Some(dir);
                }
                cgroup
            }
        };
        // A new cgroup's counters are all zero; one taken over is measured
        // from where it stands.
        if existed.get() {
            cgroup.baseline = cgroup.counters();
        }
        Ok(cgroup)
    }

    fn set_limits(&self, limits: &RunCgroupLimits) -> Result<(), String> {
        let memory_limit = limits.memory_bytes.to_string();
        let processes = limits.processes.to_string();
        if self.v2 {
            write_file(&self.memory.join("memory.max"), &memory_limit)?;
            // No swap: memory beyond the limit is an MLE, not a slowdown.
            let _ = fs::write(self.memory.join("memory.swap.max"), "0");
        } else {
            // Present only with swap accounting; keeps swap out of the
            // picture. memsw may never be below the plain limit, so when a
            // reused cgroup's limits grow it goes first, and when they
            // shrink it follows.
            let memsw = self.memory.join("memory.memsw.limit_in_bytes");
            let has_memsw = memsw.exists();
            if has_memsw {
                let _ = fs::write(&memsw, &memory_limit);
            }
            write_file(&self.memory.join("memory.limit_in_bytes"), &memory_limit)?;
            if has_memsw {
                let _ = fs::write(&memsw, &memory_limit);
            }
        }
        if let Some(pids) = &self.pids {
            write_file(&pids.join("pids.max"), &processes)?;
        }
        Ok(())
    }

    /// Bytes still charged to the cgroup (None when unreadable).
    fn memory_in_use(&self) -> Option<u64> {
        let file = if self.v2 { "memory.current" } else { "memory.usage_in_bytes" };
        self.files.read(&self.memory, file)?.trim().parse().ok()
    }

    /// On v2, `memory.peak` only records since the cgroup was created (its
    /// per-descriptor reset of Linux 6.12 does not serve a supervisor that
    /// reads it by path): a used cgroup's peak is stale, so it is recreated.
    fn peak_not_resettable(&self) -> bool {
        self.v2
            && fs::read_to_string(self.memory.join("memory.peak"))
                .ok()
                .and_then(|p| p.trim().parse::<u64>().ok())
                .is_some_and(|peak| peak > 0)
    }

    /// The cumulative counters as they stand.
    fn counters(&self) -> Counters {
        let (oom_kills, limit_reached) = self.memory_events();
        Counters {
            cpu: self.cpu_counter().unwrap_or_default(),
            oom_kills,
            limit_reached,
            pids_refused: self.pids_events(),
        }
    }

    /// Gives a pooled cgroup back: everything in it killed, and then either
    /// kept as it is (nothing is charged to it any more: the next run resets
    /// its peak) or removed and created again empty, all after the run's
    /// answer has gone. A cgroup not of the pool is removed.
    fn release(&mut self) {
        if self.dirs.is_empty() {
            return;
        }
        self.kill_all();
        if !self.pooled {
            self.remove_dirs();
            return;
        }
        if self.v2 || self.memory_in_use() != Some(0) {
            let dirs = self.dirs.clone();
            self.remove_dirs();
            for dir in dirs {
                // Missing directories are created by the next run's take.
                let _ = fs::create_dir(dir);
            }
        }
        self.dirs.clear();
    }

    /// Moves `pid` (a process that has not yet run untrusted code) into
    /// every hierarchy of the run.
    pub fn add_process(&self, pid: i32) -> Result<(), String> {
        for dir in &self.dirs {
            write_file(&dir.join("cgroup.procs"), &pid.to_string())?;
        }
        Ok(())
    }

    /// CPU time of every process that ran in the cgroup during this run.
    pub fn cpu_time(&self) -> Option<Duration> {
        self.cpu_counter().map(|cpu| cpu.saturating_sub(self.baseline.cpu))
    }

    fn cpu_counter(&self) -> Option<Duration> {
        let dir = self.cpu.as_ref()?;
        if self.v2 {
            let stat = self.files.read(dir, "cpu.stat")?;
            parse_v2_cpu_stat(&stat)
        } else {
            let ns: u64 = self.files.read(dir, "cpuacct.usage")?.trim().parse().ok()?;
            Some(Duration::from_nanos(ns))
        }
    }

    pub fn memory(&self) -> MemoryReport {
        let (oom_kills, limit_reached) = self.memory_events();
        MemoryReport {
            peak_bytes: self.peak_bytes(),
            oom_kills: oom_kills.saturating_sub(self.baseline.oom_kills),
            limit_reached: limit_reached.saturating_sub(self.baseline.limit_reached),
        }
    }

    /// OOM kills and times the limit was reached, cumulative.
    fn memory_events(&self) -> (u64, u64) {
        let read = |file: &str| self.files.read(&self.memory, file).unwrap_or_default();
        if self.v2 {
            let events = parse_flat_keyed(&read("memory.events"));
            (events.get("oom_kill").copied().unwrap_or(0), events.get("max").copied().unwrap_or(0))
        } else {
            let oom = parse_flat_keyed(&read("memory.oom_control"));
            (oom.get("oom_kill").copied().unwrap_or(0), read("memory.failcnt").trim().parse().unwrap_or(0))
        }
    }

    /// Times a fork or clone was refused because of `pids.max` in this run.
    pub fn pids_refused(&self) -> u64 {
        self.pids_events().saturating_sub(self.baseline.pids_refused)
    }

    fn pids_events(&self) -> u64 {
        self.pids
            .as_ref()
            .and_then(|dir| self.files.read(dir, "pids.events"))
            .and_then(|text| parse_flat_keyed(&text).get("max").copied())
            .unwrap_or(0)
    }

    /// Whether `pid`, alive, is all that is in the run's cgroups. With a
    /// pids controller that is `pids.current` at 1 (one small read; a
    /// single-threaded `pid` is that 1), else the member lists.
    pub fn holds_only(&self, pid: i32) -> bool {
        match self.pids.as_ref().and_then(|dir| self.files.read(dir, "pids.current")) {
            Some(count) => count.trim() == "1",
            None => self.procs() == [pid],
        }
    }

    /// Processes in any of the run's cgroups (host pids).
    pub fn procs(&self) -> Vec<i32> {
        let mut pids = Vec::new();
        for dir in &self.dirs {
            // By path each time: a v1 `cgroup.procs` kept open answers from
            // the pid list it made at the first read (kept about a second).
            if let Ok(text) = fs::read_to_string(dir.join("cgroup.procs")) {
                pids.extend(text.split_whitespace().filter_map(|p| p.parse::<i32>().ok()));
            }
        }
        pids.sort_unstable();
        pids.dedup();
        pids
    }

    /// Kills every process in the run's cgroups and waits (briefly) until
    /// they are gone.
    pub fn kill_all(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if self.v2 {
                let _ = fs::write(self.memory.join("cgroup.kill"), "1");
            }
            let pids = self.procs();
            if pids.is_empty() || Instant::now() > deadline {
                return;
            }
            for pid in pids {
                // SAFETY: plain syscall; the pids are members of our cgroup.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Kills what is left and removes the cgroups (a pooled one is emptied
    /// and kept instead; see [`RunCgroup::take_pooled`]).
    pub fn remove(mut self) {
        self.release();
    }

    fn remove_dirs(&mut self) {
        if self.dirs.is_empty() {
            return;
        }
        self.kill_all();
        // Memory (created first) goes last, so that a helper killed halfway
        // leaves its trace in the judge's own memory cgroup, where the
        // sweep looks first.
        for dir in std::mem::take(&mut self.dirs).into_iter().rev() {
            // rmdir fails with EBUSY while dying processes are still
            // accounted; this runs after the answer, so it may be patient.
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut pause = Duration::from_millis(1);
            loop {
                match fs::remove_dir(&dir) {
                    Ok(()) => break,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                    Err(e) if Instant::now() > deadline => {
                        // Left for the next run's sweep.
                        tracing::warn!("cannot remove cgroup {}: {e}", dir.display());
                        break;
                    }
                    Err(_) => {
                        self.kill_all();
                        thread::sleep(pause);
                        pause = (pause * 2).min(Duration::from_millis(100));
                    }
                }
            }
        }
    }
}

impl Drop for RunCgroup {
    fn drop(&mut self) {
        self.release();
    }
}

/// Parses `key value` lines (memory.events, pids.events, memory.oom_control).
pub(crate) fn parse_flat_keyed(text: &str) -> std::collections::HashMap<String, u64> {
    text.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(' ')?;
            Some((key.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}

pub(crate) fn parse_v2_cpu_stat(text: &str) -> Option<Duration> {
    parse_flat_keyed(text).get("usage_usec").map(|us| Duration::from_micros(*us))
}

#[cfg(test)]
mod tests {
    use super::detect::v2_has_controllers;
    use super::sweep::is_stale_run;
    use super::*;
    #[test]
    fn stale_runs_are_those_of_dead_helpers() {
        let alive = |pid: u32| pid == 42;
        let cases: &[(&str, bool)] = &[
            ("oaj-run-42", false),
            ("oaj-run-43", true),
            ("oaj-probe-7", true),
            ("oaj-run-", false),
            ("oaj-run-x", false),
            ("oaj-judge", false),
            ("system.slice", false),
        ];
        for (name, stale) in cases {
            assert_eq!(is_stale_run(name, alive), *stale, "{name}");
        }
    }
    /// A v2 session's case on a stand-in cgroup directory (regular files,
    /// so it runs anywhere): the peak is read through the descriptor reset
    /// for the case, counters are re-based, and where the peak cannot be
    /// reset only a first case may run.
    #[test]
    fn a_v2_session_case_reads_its_peak_through_the_reset_descriptor() {
        let base = tempfile::tempdir().expect("tempdir");
        let layout = CgroupLayout::V2 { base: base.path().to_path_buf() };
        let mut cgroup = RunCgroup::open(&layout, "session").expect("open");
        let dir = base.path().join("session");
        let write = |file: &str, text: &str| fs::write(dir.join(file), text).expect("write");
        write("memory.max", "max");
        write("pids.max", "max");
        write("memory.peak", "999999");
        write("memory.events", "max 3\noom_kill 1\n");
        write("pids.events", "max 2\n");
        write("cpu.stat", "usage_usec 5000\n");
        let limits = RunCgroupLimits { memory_bytes: 64 << 20, processes: 8 };
        assert_eq!(cgroup.begin_case(&limits, false), Ok(true));
        assert_eq!(fs::read_to_string(dir.join("memory.max")).expect("read"), (64u64 << 20).to_string());
        assert_eq!(fs::read_to_string(dir.join("pids.max")).expect("read"), "8");
        // The kernel answers reads through the reset descriptor with the
        // peak since the reset; the stand-in file shows what was written.
        write("memory.peak", "4096\n");
        write("cpu.stat", "usage_usec 7000\n");
        let memory = cgroup.memory();
        assert_eq!(memory.peak_bytes, 4096, "read through the case's descriptor");
        assert_eq!((memory.oom_kills, memory.limit_reached), (0, 0), "events before the case are not its own");
        assert_eq!(cgroup.pids_refused(), 0);
        assert_eq!(cgroup.cpu_time(), Some(Duration::from_millis(2)), "CPU from the case's baseline");
        // A kernel without the reset (before 6.12): a directory stands in
        // for a memory.peak that cannot be opened for writing.
        fs::remove_file(dir.join("memory.peak")).expect("remove");
        fs::create_dir(dir.join("memory.peak")).expect("mkdir");
        assert_eq!(cgroup.begin_case(&limits, true), Ok(false), "a first case runs, and is the last");
        assert!(cgroup.begin_case(&limits, false).is_err(), "a later case must not run in the session");
        cgroup.dirs.clear();
    }

    #[test]
    fn parses_counters() {
        assert!(v2_has_controllers("cpuset cpu io memory hugetlb pids rdma\n"));
        assert!(!v2_has_controllers("hugetlb\n"));
        assert!(!v2_has_controllers(""));
        let events = parse_flat_keyed("low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");
        assert_eq!(events.get("max"), Some(&12));
        assert_eq!(events.get("oom_kill"), Some(&1));
        let oom = parse_flat_keyed("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        assert_eq!(oom.get("oom_kill"), Some(&3));
        assert_eq!(
            parse_v2_cpu_stat("usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n"),
            Some(Duration::from_micros(1500))
        );
        assert_eq!(parse_v2_cpu_stat("nr_periods 0\n"), None);
    }
}
