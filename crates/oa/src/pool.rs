//! The judge pool: at most `judge_slots` judgings at once, at most
//! `queue_capacity` more waiting, and the live progress of each job.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{watch, Semaphore};

use crate::{Error, JobId, JobView, Result};

pub(crate) struct Pool {
    pub(crate) slots: Arc<Semaphore>,
    slot_count: usize,
    /// Judgings running or waiting for a slot.
    pending: AtomicUsize,
    /// `slot_count + queue_capacity`: beyond this new work is refused.
    limit: usize,
    /// Progress of the jobs not finished yet, for subscribers.
    pub(crate) live: Mutex<HashMap<JobId, watch::Sender<JobView>>>,
    /// This engine's leases on the jobs it judges.
    pub(crate) leases: crate::lease::Leases,
}

/// A place in the pool, given back when dropped (when the job ends).
pub(crate) struct Reservation {
    pool: Arc<Pool>,
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.pool.pending.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Pool {
    pub(crate) fn new(slots: usize, queue_capacity: usize) -> Pool {
        let slots = slots.max(1);
        Pool {
            slots: Arc::new(Semaphore::new(slots)),
            slot_count: slots,
            pending: AtomicUsize::new(0),
            limit: slots + queue_capacity,
            live: Mutex::new(HashMap::new()),
            leases: crate::lease::Leases::new(),
        }
    }

    /// A place for a new run or submission, or QueueFull.
    pub(crate) fn try_reserve(self: &Arc<Self>) -> Result<Reservation> {
        let taken =
            self.pending.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < self.limit).then_some(n + 1));
        match taken {
            Ok(_) => Ok(Reservation { pool: self.clone() }),
            Err(pending) => {
                let queued = pending.saturating_sub(self.slot_count);
                // A judging takes a few seconds; waiting rounds of the pool.
                let rounds = queued / self.slot_count + 1;
                Err(Error::QueueFull { retry_after_s: (rounds as u32 * 5).min(60), queued })
            }
        }
    }

    /// A place for work the engine owes (auto-submissions at expiry, jobs
    /// recovered at start-up): never refused.
    pub(crate) fn force_reserve(self: &Arc<Self>) -> Reservation {
        self.pending.fetch_add(1, Ordering::SeqCst);
        Reservation { pool: self.clone() }
    }

    /// Running and waiting judgings now.
    pub(crate) fn state(&self) -> crate::QueueState {
        let running = self.slot_count.saturating_sub(self.slots.available_permits());
        let pending = self.pending.load(Ordering::SeqCst);
        crate::QueueState { running, queued: pending.saturating_sub(running), slots: self.slot_count }
    }

    pub(crate) fn slot_count(&self) -> usize {
        self.slot_count
    }

    pub(crate) fn queue_capacity(&self) -> usize {
        self.limit - self.slot_count
    }

    /// Judgings running or waiting for a slot now.
    pub(crate) fn pending(&self) -> usize {
        self.pending.load(Ordering::SeqCst)
    }

    pub(crate) fn subscribe(&self, job: JobId) -> Option<watch::Receiver<JobView>> {
        self.live.lock().ok()?.get(&job).map(|tx| tx.subscribe())
    }
}
