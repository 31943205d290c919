//! The sandbox server's pool of run cgroups: `oaj-run-<server pid>/<n>`
//! beneath the judge's own cgroups (in each v1 hierarchy, or once on v2),
//! one per run in progress, handed to a run when it starts and back when
//! its supervisor has exited. A run takes its cgroup with
//! [`RunCgroup::take_pooled`](super::RunCgroup::take_pooled) (limits set,
//! peak reset, counters read relative to a baseline) and releases it after
//! answering (emptied; recreated when memory stays charged to it, and
//! always on v2, whose peak cannot be reset by path).

use std::fs;
use std::path::PathBuf;

use super::{CgroupLayout, RunCgroup, RUN_PREFIX};

#[derive(Debug)]
pub(crate) struct CgroupPool {
    layout: CgroupLayout,
    /// `oaj-run-<server pid>`: the directory of the pool in each hierarchy.
    dir_name: String,
    /// Slots whose cgroups no run uses now.
    free: Vec<usize>,
    /// Slots ever handed out.
    count: usize,
    ready: bool,
}

impl CgroupPool {
    pub fn new(layout: &CgroupLayout, server_pid: u32) -> Self {
        CgroupPool {
            layout: layout.clone(),
            dir_name: format!("{RUN_PREFIX}{server_pid}"),
            free: Vec::new(),
            count: 0,
            ready: false,
        }
    }

    fn bases(&self) -> Vec<PathBuf> {
        match &self.layout {
            CgroupLayout::V1 { memory, pids, cpuacct } => {
                std::iter::once(memory).chain(pids).chain(cpuacct).map(|b| b.join(&self.dir_name)).collect()
            }
            CgroupLayout::V2 { base } => vec![base.join(&self.dir_name)],
        }
    }

    /// Sweeps cgroups left by dead helpers and servers, then creates the
    /// pool's directories (on v2 delegating memory and pids to its runs).
    pub fn prepare(&mut self) -> Result<(), String> {
        super::sweep_stale(&self.layout);
        for dir in self.bases() {
            fs::create_dir_all(&dir).map_err(|e| format!("cannot create cgroup {}: {e}", dir.display()))?;
        }
        if let CgroupLayout::V2 { .. } = &self.layout {
            for dir in self.bases() {
                let subtree = dir.join("cgroup.subtree_control");
                fs::write(&subtree, "+memory +pids")
                    .map_err(|e| format!("cannot enable memory and pids in {}: {e}", subtree.display()))?;
            }
        }
        self.ready = true;
        Ok(())
    }

    /// A free slot for a run; None when the pool is unusable.
    pub fn take(&mut self) -> Option<usize> {
        if !self.ready {
            return None;
        }
        Some(self.free.pop().unwrap_or_else(|| {
            self.count += 1;
            self.count - 1
        }))
    }

    pub fn give_back(&mut self, slot: usize) {
        self.free.push(slot);
    }

    /// The slot's cgroup name, relative to the layout's bases.
    pub fn slot_name(&self, slot: usize) -> String {
        format!("{}/{slot}", self.dir_name)
    }

    /// Removes every cgroup of the pool (killing what is in them) and the
    /// pool's directories. Only when no run uses the pool any more.
    pub fn remove(self) {
        for slot in 0..self.count {
            if let Ok(cgroup) = RunCgroup::open(&self.layout, &self.slot_name(slot)) {
                // Not pooled: removing is what its release does.
                cgroup.remove();
            }
        }
        for dir in self.bases() {
            let _ = fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_reused_before_new_ones() {
        let layout = CgroupLayout::V2 { base: "/sys/fs/cgroup/x".into() };
        let mut pool = CgroupPool::new(&layout, 42);
        assert_eq!(pool.take(), None, "not prepared: no pool");
        pool.ready = true;
        assert_eq!((pool.take(), pool.take()), (Some(0), Some(1)));
        pool.give_back(0);
        assert_eq!((pool.take(), pool.take()), (Some(0), Some(2)));
        assert_eq!(pool.slot_name(2), "oaj-run-42/2");
        assert_eq!(pool.bases(), vec![PathBuf::from("/sys/fs/cgroup/x/oaj-run-42")]);
        let v1 = CgroupLayout::V1 { memory: "/m".into(), pids: None, cpuacct: Some("/c".into()) };
        assert_eq!(CgroupPool::new(&v1, 7).bases(), vec![PathBuf::from("/m/oaj-run-7"), PathBuf::from("/c/oaj-run-7")]);
    }
}
