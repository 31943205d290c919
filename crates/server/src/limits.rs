//! Rate limits: per-user buckets for runs and submissions, and the login
//! throttles (per account and per client address). Token buckets from
//! `governor`, kept in memory: a restart forgets them, which only ever lets
//! someone in sooner.

use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use oaj_oa::UserId;

use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::AppState;

/// A token bucket: `burst` actions at once, then one more every `every`.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

impl Rate {
    pub const fn new(burst: u32, every: Duration) -> Rate {
        Rate { burst, every }
    }

    fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.every.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst)
    }
}

/// How often a user may run and submit. The defaults leave room for
/// anyone working normally (a run every few seconds) and stop a script
/// from filling the judge queue alone.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub runs: Rate,
    pub submits: Rate,
}

impl Limits {
    /// No practical limit: for benchmarks that submit as fast as the judge
    /// answers, never for a server others reach.
    pub fn unlimited() -> Limits {
        let plenty = Rate::new(u32::MAX, Duration::from_millis(1));
        Limits { runs: plenty, submits: plenty }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits { runs: Rate::new(12, Duration::from_secs(3)), submits: Rate::new(6, Duration::from_secs(10)) }
    }
}

/// Keyed buckets that forget idle keys now and then, so a stream of new
/// keys (user names typed at the login form) cannot grow memory forever.
pub(crate) struct Buckets<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
}

/// Keys kept before idle ones are dropped.
const RETAIN_AFTER: usize = 10_000;

impl<K: Hash + Eq + Clone> Buckets<K> {
    pub(crate) fn new(rate: Rate) -> Self {
        Buckets { limiter: RateLimiter::keyed(rate.quota()) }
    }

    /// Takes one token for `key`; when there is none, the whole seconds to
    /// wait (at least 1).
    pub(crate) fn take(&self, key: &K) -> Result<(), u32> {
        if self.limiter.len() > RETAIN_AFTER {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            (wait.as_millis().div_ceil(1000) as u32).max(1)
        })
    }
}

/// Counts failures only: `burst` failures in a row are allowed, then one
/// more each `every` (a leaky bucket: each failure adds one, and the level
/// drains by one per `every`). A success costs nothing. This is the
/// per-account login throttle: logging in correctly, however often, never
/// locks anyone out, while guessing a password is slowed to a crawl.
pub(crate) struct FailureThrottle<K: Hash + Eq + Clone> {
    rate: Rate,
    /// Per key: the level after its last failure, and when that was.
    levels: std::sync::Mutex<std::collections::HashMap<K, (f64, std::time::Instant)>>,
}

impl<K: Hash + Eq + Clone> FailureThrottle<K> {
    pub(crate) fn new(rate: Rate) -> Self {
        FailureThrottle { rate, levels: Default::default() }
    }

    fn level_now(&self, level: f64, at: std::time::Instant, now: std::time::Instant) -> f64 {
        let every = self.rate.every.max(Duration::from_millis(1)).as_secs_f64();
        (level - now.duration_since(at).as_secs_f64() / every).max(0.0)
    }

    /// Whether `key` may try now; when not, the whole seconds to wait.
    pub(crate) fn check(&self, key: &K) -> Result<(), u32> {
        let now = std::time::Instant::now();
        let mut levels = self.levels.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if levels.len() > RETAIN_AFTER {
            levels.retain(|_, (level, at)| self.level_now(*level, *at, now) > 0.0);
        }
        let Some(&(level, at)) = levels.get(key) else { return Ok(()) };
        let excess = self.level_now(level, at, now) - (f64::from(self.rate.burst.max(1)) - 1.0);
        if excess <= 0.0 {
            return Ok(());
        }
        let wait = excess * self.rate.every.as_secs_f64();
        Err((wait.ceil() as u32).max(1))
    }

    /// Records a failure of `key`.
    pub(crate) fn failed(&self, key: &K) {
        let now = std::time::Instant::now();
        let mut levels = self.levels.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let level = levels.get(key).map_or(0.0, |&(level, at)| self.level_now(level, at, now));
        levels.insert(key.clone(), (level + 1.0, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failures_count_against_the_failure_throttle() {
        let throttle = FailureThrottle::new(Rate::new(3, Duration::from_secs(600)));
        let key = "alice".to_string();
        // Successes are never recorded: any number of checks pass.
        for _ in 0..100 {
            assert_eq!(throttle.check(&key), Ok(()));
        }
        for _ in 0..3 {
            assert_eq!(throttle.check(&key), Ok(()));
            throttle.failed(&key);
        }
        let wait = throttle.check(&key).expect_err("three failures block the fourth try");
        assert!((590..=600).contains(&wait), "about one period: {wait}");
        assert_eq!(throttle.check(&"bob".to_string()), Ok(()), "other keys are not held up");
    }
}

/// The run and submit buckets of every user.
pub(crate) struct UserLimits {
    runs: Buckets<UserId>,
    submits: Buckets<UserId>,
}

impl UserLimits {
    pub(crate) fn new(limits: Limits) -> Arc<UserLimits> {
        Arc::new(UserLimits { runs: Buckets::new(limits.runs), submits: Buckets::new(limits.submits) })
    }
}

/// A 429 with `Retry-After` that says what to wait for.
pub(crate) fn too_many(what: &str, retry_after: u32, api: bool) -> Failure {
    Failure {
        retry_after: Some(retry_after),
        ..Failure::new(StatusCode::TOO_MANY_REQUESTS, format!("{what}; try again in {retry_after} s")).api(api)
    }
}

/// Route layer of `POST /api/oa/{id}/{n}/run`.
pub(crate) async fn runs(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    request: Request,
    next: Next,
) -> Result<Response, Failure> {
    state.limits.runs.take(&me.id).map_err(|wait| too_many("you are running code too often", wait, true))?;
    Ok(next.run(request).await)
}

/// Route layer of `POST /api/oa/{id}/{n}/submit`.
pub(crate) async fn submits(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    request: Request,
    next: Next,
) -> Result<Response, Failure> {
    state.limits.submits.take(&me.id).map_err(|wait| too_many("you are submitting too often", wait, true))?;
    Ok(next.run(request).await)
}
