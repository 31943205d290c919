//! What the engine counts for operators: finished judgings by kind and
//! verdict, and how long each took from submit to verdict. Gauges (queue
//! length, running judgings, active OAs) are read at scrape time from the
//! pool and the store instead, so they can never drift.

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

/// Labels: `kind` (submit, auto_submit, run_samples, run_custom) and
/// `verdict` (AC, WA, ..., or `error` when the judge could not judge).
type KindVerdict = Vec<(&'static str, String)>;
type Kind = Vec<(&'static str, String)>;

/// Upper bounds in seconds: a warm a+b is judged in well under a second,
/// a compile of Rust or Java takes seconds, a full queue minutes.
const LATENCY_BUCKETS: [f64; 13] = [0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0];

/// The engine's counters. Cheap to clone (every clone counts into the same
/// numbers), so a registry can hold one while the engine updates another.
#[derive(Clone, Debug)]
pub struct EngineMetrics {
    judgings: Family<KindVerdict, Counter>,
    latency: Family<Kind, Histogram>,
}

impl Default for EngineMetrics {
    fn default() -> Self {
        EngineMetrics {
            judgings: Family::default(),
            latency: Family::new_with_constructor(|| Histogram::new(LATENCY_BUCKETS)),
        }
    }
}

impl EngineMetrics {
    /// Adds the counters to `registry` (names get the registry's prefix).
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "judgings",
            "Finished judgings (runs and submissions) by kind and verdict; verdict \"error\" when the judge could \
             not judge at all",
            self.judgings.clone(),
        );
        registry.register_with_unit(
            "judge_latency",
            "From the moment a run or submission was stored to its verdict (submit-to-verdict, queueing included)",
            Unit::Seconds,
            self.latency.clone(),
        );
    }

    /// Counts one finished judging.
    pub(crate) fn finished(&self, kind: &str, verdict: Option<&str>, latency_ms: i64) {
        let verdict = verdict.unwrap_or("error").to_string();
        self.judgings.get_or_create(&vec![("kind", kind.to_string()), ("verdict", verdict)]).inc();
        let seconds = latency_ms.max(0) as f64 / 1000.0;
        self.latency.get_or_create(&vec![("kind", kind.to_string())]).observe(seconds);
    }

    /// Judgings counted so far with this kind and verdict (tests, logs).
    pub fn judgings(&self, kind: &str, verdict: &str) -> u64 {
        self.judgings.get_or_create(&vec![("kind", kind.to_string()), ("verdict", verdict.to_string())]).get()
    }
}

/// How busy the judge is right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueState {
    /// Judgings holding a slot (compiling or running cases).
    pub running: usize,
    /// Judgings stored and waiting for a slot.
    pub queued: usize,
    /// Judgings that may run at once.
    pub slots: usize,
}
