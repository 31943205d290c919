//! The engine: every rule of an attempt, behind an injectable clock.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Weak};
use std::time::Duration;

use oaj_judge::{CaseSelection, CustomRunResult, Judge, JudgeEvent, JudgeOptions, JudgeResult, Submission, Verdict};
use oaj_spec::{Problem, ProblemKind, Visibility};
use tokio::sync::watch;

use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::draw::{self, Rng};
use crate::metrics::{EngineMetrics, QueueState};
use crate::pool::{Pool, Reservation};
use crate::report::{AttemptSummary, ProblemReport, Report, RevealedCase, Stats, SummaryProblem, TimelineEntry};
use crate::store::{AttemptRow, JobOutcome, JobRow, NewJob, ProblemRow, Store};
use crate::types::*;
use crate::{AttemptId, Error, JobId, Result, UserId};
use crate::{MAX_CUSTOM_INPUT_BYTES, MAX_SOURCE_BYTES, REVEAL_BYTES, REVEAL_CASES};

/// How the engine judges.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Judgings at once (default: the number of cores). 0: this engine
    /// judges nothing; jobs wait in the (Postgres) store for `oaj worker`
    /// processes, and the engine follows their results in the store.
    pub judge_slots: usize,
    /// Judgings that may wait for a slot; beyond, [`Error::QueueFull`].
    pub queue_capacity: usize,
    /// When [`Engine::new`] runs inside a tokio runtime: run
    /// [`Engine::startup`] in the background, then [`Engine::expire_due`]
    /// every second. Tests and the terminal mode turn this off and call
    /// them themselves.
    pub background: bool,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            judge_slots: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            queue_capacity: 64,
            background: true,
        }
    }
}

/// The OA engine. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) store: Store,
    /// Swapped whole when an admin adds or hides a problem (see
    /// `library.rs`); readers clone the `Arc` and keep a consistent view.
    pub(crate) catalog: std::sync::RwLock<Arc<Catalog>>,
    pub(crate) judge: Arc<Judge>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) pool: Arc<Pool>,
    /// Problem uploads and imports: settings and live progress.
    pub(crate) library: crate::library::LibraryState,
    /// The open phone-screen editors.
    pub(crate) phone: crate::phone::Hub,
    /// `judge_slots` was 0: jobs are judged by workers elsewhere.
    pub(crate) remote: bool,
    /// Wakes the tasks following a job judged elsewhere (by job id).
    pub(crate) wakes: std::sync::Mutex<std::collections::HashMap<JobId, Arc<tokio::sync::Notify>>>,
    /// Signalled whenever a judging of this engine ends (a slot is free).
    pub(crate) job_ended: tokio::sync::Notify,
    /// Results this engine stored.
    pub(crate) stored: std::sync::atomic::AtomicU64,
    /// Problem content hashes by problem directory (problems never change).
    pub(crate) hashes: std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, String>>,
    /// Counters for `/metrics`.
    pub(crate) metrics: EngineMetrics,
    /// A judge worker's problems fetched from the store (`archives.rs`).
    pub(crate) fetched: std::sync::OnceLock<crate::archives::Fetched>,
    /// Write judging progress into the store (`progress.rs`): a worker.
    pub(crate) publish_progress: std::sync::atomic::AtomicBool,
}

/// Samples shown on a problem page are cut to this size.
const SAMPLE_SHOWN_BYTES: usize = 64 * 1024;

impl Engine {
    pub fn new(
        store: Store,
        catalog: Arc<Catalog>,
        judge: Arc<Judge>,
        clock: Arc<dyn Clock>,
        config: EngineConfig,
    ) -> Engine {
        let pool = Arc::new(Pool::new(config.judge_slots, config.queue_capacity));
        let catalog = std::sync::RwLock::new(catalog);
        let library = crate::library::LibraryState::default();
        let engine = Engine {
            inner: Arc::new(Inner {
                store,
                catalog,
                judge,
                clock,
                pool,
                library,
                phone: Default::default(),
                remote: config.judge_slots == 0,
                wakes: Default::default(),
                job_ended: tokio::sync::Notify::new(),
                stored: Default::default(),
                hashes: Default::default(),
                metrics: EngineMetrics::default(),
                fetched: std::sync::OnceLock::new(),
                publish_progress: Default::default(),
            }),
        };
        if config.background {
            if let Ok(handle) = tokio::runtime::Handle::try_current() {
                handle.spawn(background(Arc::downgrade(&engine.inner)));
            }
        }
        engine
    }

    /// The problem bank as it is now. Problems are only ever added (and
    /// hidden from drawing or shown again), never changed or removed.
    pub fn catalog(&self) -> Arc<Catalog> {
        match self.inner.catalog.read() {
            Ok(catalog) => catalog.clone(),
            // A writer panicked mid-swap; the Arc inside is still whole.
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Replaces the catalog with `change` applied to a copy of it.
    pub(crate) fn update_catalog<T>(&self, change: impl FnOnce(&mut Catalog) -> Result<T>) -> Result<T> {
        let mut guard = self.inner.catalog.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut next = (**guard).clone();
        let out = change(&mut next)?;
        *guard = Arc::new(next);
        Ok(out)
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }

    /// The engine's counters, to register with a Prometheus registry.
    pub fn metrics(&self) -> &EngineMetrics {
        &self.inner.metrics
    }

    /// Running and waiting judgings now.
    pub fn queue_state(&self) -> QueueState {
        self.inner.pool.state()
    }

    /// Timed attempts whose clock is running now (coding, deadline ahead).
    pub async fn active_oas(&self) -> Result<i64> {
        self.inner.store.active_timed_attempts(self.now_ms()).await
    }

    /// Every language of the judge, with whether its toolchain is installed.
    pub fn languages(&self) -> Vec<LanguageInfo> {
        self.inner
            .judge
            .languages()
            .iter()
            .map(|l| LanguageInfo {
                id: l.id.clone(),
                name: l.name.clone(),
                available: matches!(l.toolchain(), oaj_judge::Toolchain::Present { .. }),
            })
            .collect()
    }

    /// The code a problem starts from in `language`.
    pub fn starter(&self, slug: &str, language: &str) -> Result<String> {
        let entry = self.catalog().require(slug)?.clone();
        self.check_language(&entry.problem, language)?;
        crate::starter::starter(&entry.problem, language)
    }

    /// The languages a problem can be solved in (function problems have a
    /// harness for some languages only).
    pub fn problem_languages(&self, slug: &str) -> Result<Vec<LanguageInfo>> {
        let entry = self.catalog().require(slug)?.clone();
        Ok(self.languages().into_iter().filter(|l| self.check_language(&entry.problem, &l.id).is_ok()).collect())
    }

    /// Waits until no judging is running or queued in this engine, at most
    /// `timeout` (a graceful shutdown). False when some are still running:
    /// they stay unfinished in the store and are re-queued at the next start.
    pub async fn wait_idle(&self, timeout: Duration) -> bool {
        if self.inner.remote {
            // Jobs followed here are judged by workers, which go on without us.
            return true;
        }
        let until = tokio::time::Instant::now() + timeout;
        loop {
            let busy = self.inner.pool.live.lock().map(|live| !live.is_empty()).unwrap_or(false);
            if !busy {
                return true;
            }
            if tokio::time::Instant::now() >= until {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What a start-up does: re-queue the judgings an earlier run left
    /// unfinished, then finish every attempt whose deadline passed while the
    /// engine was down. Returns (jobs re-queued, attempts expired).
    pub async fn startup(&self) -> Result<(usize, usize)> {
        let unfinished = self.inner.store.unfinished_jobs().await?;
        let requeued = self.requeue(unfinished);
        let expired = self.expire_due().await?;
        Ok((requeued, expired))
    }

    /// Judges stored jobs again, except those this engine is judging.
    fn requeue(&self, jobs: Vec<JobRow>) -> usize {
        let live: Vec<JobId> = self.inner.pool.live.lock().map(|l| l.keys().copied().collect()).unwrap_or_default();
        let mut requeued = 0;
        for job in jobs.into_iter().filter(|j| !live.contains(&j.id)) {
            tracing::info!("re-queueing job {} left unfinished", job.id);
            let reservation = self.inner.pool.force_reserve();
            // A restart: whoever held the job before is gone (if not, its
            // result is the one discarded).
            self.spawn_job(job, reservation, true);
            requeued += 1;
        }
        requeued
    }

    /// The start-up work for one attempt only: end it if its deadline has
    /// passed and re-queue its unfinished judgings. For short-lived
    /// processes (`oaj oa ...`) that share a store with a server and must
    /// not take over the server's judgings. Returns the jobs re-queued.
    pub async fn resume_attempt(&self, user: UserId, id: AttemptId) -> Result<usize> {
        self.current_attempt(user, id).await?;
        let unfinished: Vec<JobRow> =
            self.inner.store.jobs_of_attempt(id).await?.into_iter().filter(|j| j.status != "done").collect();
        Ok(self.requeue(unfinished))
    }

    /// Starts a timed OA for `user`.
    pub async fn start(&self, user: UserId, options: StartOptions) -> Result<AttemptId> {
        if !(1..=MAX_MINUTES).contains(&options.minutes) {
            return Err(Error::Invalid(format!(
                "an OA lasts 1 to {MAX_MINUTES} minutes; {} was asked",
                options.minutes
            )));
        }
        let seen = self.inner.store.seen_counts(user).await?;
        let catalog = self.catalog();
        let slugs = draw::draw(&catalog, &options, &seen, &mut Rng::from_entropy())?;
        for slug in &slugs {
            // Only an explicit list can name a hidden problem; for a member
            // it is as unknown as a slug that does not exist.
            self.check_may_use(user, &catalog, slug).await.map_err(|e| match e {
                Error::NotFound(what) => Error::Invalid(what),
                other => other,
            })?;
        }
        let now = self.now_ms();
        let deadline = now + i64::from(options.minutes) * 60_000;
        self.inner.store.insert_attempt(user, "timed", now, Some(deadline), &slugs, None).await
    }

    /// Starts an untimed attempt on one problem.
    pub async fn practice(&self, user: UserId, slug: &str) -> Result<AttemptId> {
        let catalog = self.catalog();
        let entry = catalog.require(slug)?;
        self.check_may_use(user, &catalog, slug).await?;
        let now = self.now_ms();
        self.inner.store.insert_attempt(user, "practice", now, None, std::slice::from_ref(&entry.slug), None).await
    }

    pub async fn attempt(&self, user: UserId, id: AttemptId) -> Result<AttemptView> {
        let row = self.current_attempt(user, id).await?;
        let problems = self.inner.store.problems(id).await?;
        let drafts = self.inner.store.drafts(id).await?;
        let jobs = self.inner.store.jobs_of_attempt(id).await?;
        let mut views = Vec::new();
        for p in &problems {
            let problem = self.problem(&p.slug)?;
            let mine: Vec<&JobRow> = jobs.iter().filter(|j| j.index == p.index).collect();
            let drafts_by_language: BTreeMap<String, String> =
                drafts.iter().filter(|d| d.index == p.index).map(|d| (d.language.clone(), d.code.clone())).collect();
            let draft = last_draft(p, &drafts_by_language);
            views.push(ProblemView {
                index: p.index,
                slug: p.slug.clone(),
                title: problem.title.clone(),
                difficulty: problem.difficulty,
                kind: problem.kind,
                statement_md: problem.statement.clone(),
                samples: samples_of(&problem),
                limits: problem.limits,
                draft,
                drafts_by_language,
                best: best_of(&mine),
                counted: counted_of(&mine),
                submissions: mine.iter().map(|j| summary_of(j)).collect(),
            });
        }
        Ok(AttemptView {
            id,
            mode: mode_of(&row)?,
            status: status_of(&row)?,
            started_ms: row.started_ms,
            deadline_ms: row.deadline_ms,
            now_ms: self.now_ms(),
            ended_ms: row.ended_ms,
            problems: views,
        })
    }

    /// Saves the code of a problem in a language (autosave). Always allowed:
    /// after the deadline it is kept but never judged.
    pub async fn save_draft(
        &self,
        user: UserId,
        id: AttemptId,
        problem_index: usize,
        language: &str,
        code: &str,
    ) -> Result<()> {
        let row = self.current_attempt(user, id).await?;
        let problem = self.problem_at(id, problem_index).await?;
        self.check_language(&problem, language)?;
        check_code_size(code)?;
        self.inner.store.save_draft(row.id, problem_index, language, code, self.now_ms()).await
    }

    /// Runs the code on the samples or on custom input (saving it as the
    /// draft first). Runs do not count for the score.
    pub async fn run(
        &self,
        user: UserId,
        id: AttemptId,
        problem_index: usize,
        language: &str,
        code: &str,
        input: RunInput,
    ) -> Result<JobId> {
        if let RunInput::Custom(text) = &input {
            if text.len() > MAX_CUSTOM_INPUT_BYTES {
                return Err(Error::Invalid(format!(
                    "the custom input is {} bytes; the limit is {} KiB",
                    text.len(),
                    MAX_CUSTOM_INPUT_BYTES / 1024
                )));
            }
        }
        let (kind, custom) = match &input {
            RunInput::Samples => (JobKind::RunSamples, None),
            RunInput::Custom(text) => (JobKind::RunCustom, Some(text.as_str())),
        };
        self.enqueue(user, id, problem_index, language, code, kind, custom).await
    }

    /// Submits the code on the hidden cases (saving it as the draft first).
    /// After the deadline: [`Error::TimeUp`], with the draft saved.
    pub async fn submit(
        &self,
        user: UserId,
        id: AttemptId,
        problem_index: usize,
        language: &str,
        code: &str,
    ) -> Result<JobId> {
        self.enqueue(user, id, problem_index, language, code, JobKind::Submit, None).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn enqueue(
        &self,
        user: UserId,
        id: AttemptId,
        problem_index: usize,
        language: &str,
        code: &str,
        kind: JobKind,
        input: Option<&str>,
    ) -> Result<JobId> {
        let row = self.current_attempt(user, id).await?;
        let problem = self.problem_at(id, problem_index).await?;
        self.check_language(&problem, language)?;
        check_code_size(code)?;
        self.inner.store.save_draft(id, problem_index, language, code, self.now_ms()).await?;
        if row.status != "coding" {
            return Err(Error::TimeUp);
        }
        if code.trim().is_empty() {
            return Err(Error::Invalid("the code is empty".into()));
        }
        if code.contains('\0') {
            return Err(Error::Invalid("the code contains a NUL byte; is it a binary file?".into()));
        }
        if let (Some(text), Some(signature)) = (input, problem.signature.as_ref()) {
            // Custom input that cannot fit the function's parameters is the
            // user's to fix now, not a failed job later.
            oaj_spec::testdata::check_function_input(signature, text).map_err(Error::Invalid)?;
        }
        let reservation = self.inner.pool.try_reserve()?;
        let hash = self.problem_hash(&problem).await?;
        let new = NewJob {
            attempt: id,
            index: problem_index,
            kind: kind.as_str(),
            language,
            code,
            input,
            problem_hash: Some(&hash),
        };
        // Stored before it is acknowledged: a crash after this line re-queues it.
        let job_id = self.inner.store.insert_job(&new, self.now_ms()).await?.ok_or(Error::TimeUp)?;
        self.inner.store.notify_jobs(crate::JobNotice::Queued).await;
        tracing::info!(
            job = job_id,
            user,
            attempt = id,
            "stored job {job_id}: {} of problem {problem_index} in attempt {id}",
            kind.as_str()
        );
        let job = self
            .inner
            .store
            .job(job_id)
            .await?
            .ok_or_else(|| Error::Store(format!("job {job_id} vanished right after it was stored")))?;
        self.spawn_job(job, reservation, false);
        Ok(job_id)
    }

    /// A run or submission of one of `user`'s attempts.
    pub async fn job(&self, user: UserId, job: JobId) -> Result<JobView> {
        let row = self.inner.store.job(job).await?.ok_or_else(|| Error::NotFound(format!("no job {job}")))?;
        let attempt = match self.owned_attempt(user, row.attempt_id).await {
            Err(Error::NotFound(_)) => return Err(Error::NotFound(format!("no job {job}"))),
            other => other?,
        };
        if row.status != "done" {
            if let Some(rx) = self.subscribe(job) {
                let live = rx.borrow().clone();
                return Ok(live);
            }
        }
        view_of(&row, &attempt, self.group_withholds(&attempt).await?)
    }

    /// Live progress of a job still judging (None once it is done: read it
    /// with [`Engine::job`]). The last value sent is the finished view.
    /// Callers check ownership with [`Engine::job`] first.
    pub fn subscribe(&self, job: JobId) -> Option<watch::Receiver<JobView>> {
        self.inner.pool.subscribe(job)
    }

    /// Ends the coding part now (or at the deadline if that has passed);
    /// never-submitted problems get their last draft judged. Idempotent.
    pub async fn finish(&self, user: UserId, id: AttemptId) -> Result<()> {
        let row = self.current_attempt(user, id).await?;
        if row.status == "coding" {
            self.end_coding(&row, self.now_ms(), "finished").await?;
        }
        Ok(())
    }

    pub async fn save_explanation(
        &self,
        user: UserId,
        id: AttemptId,
        problem_index: usize,
        explanation: Explanation,
    ) -> Result<()> {
        let row = self.current_attempt(user, id).await?;
        self.problem_at(id, problem_index).await?;
        for (field, text) in [
            ("approach", &explanation.approach),
            ("time complexity", &explanation.time_complexity),
            ("space complexity", &explanation.space_complexity),
        ] {
            if text.len() > MAX_EXPLANATION_BYTES {
                return Err(Error::Invalid(format!(
                    "the {field} is {} bytes; the limit is {} KiB",
                    text.len(),
                    MAX_EXPLANATION_BYTES / 1024
                )));
            }
        }
        self.inner.store.save_explanation(id, problem_index, &explanation, self.now_ms()).await?;
        if row.status == "explaining" {
            let problems = self.inner.store.problems(id).await?;
            let explained = self.inner.store.explanations(id).await?;
            if problems.iter().all(|p| explained.contains_key(&p.index)) {
                self.inner.store.set_status(id, "explaining", "finished").await?;
            }
        }
        Ok(())
    }

    pub async fn record_integrity(&self, user: UserId, id: AttemptId, event: IntegrityEvent) -> Result<()> {
        self.owned_attempt(user, id).await?;
        if event.detail.as_ref().is_some_and(|d| d.len() > MAX_INTEGRITY_DETAIL_BYTES) {
            return Err(Error::Invalid(format!(
                "an integrity event's detail is limited to {MAX_INTEGRITY_DETAIL_BYTES} bytes"
            )));
        }
        // A page gone wrong (or a script) must not fill the store.
        if self.inner.store.integrity_count(id).await? >= MAX_INTEGRITY_EVENTS {
            return Err(Error::Invalid(format!(
                "attempt {id} already has {MAX_INTEGRITY_EVENTS} integrity events; no more are recorded"
            )));
        }
        self.inner.store.insert_integrity(id, &event, self.now_ms()).await
    }

    /// Ends every timed attempt whose deadline has passed. Returns how many.
    pub async fn expire_due(&self) -> Result<usize> {
        let due = self.inner.store.due_attempts(self.now_ms()).await?;
        let mut ended = 0;
        for row in due {
            let deadline = row.deadline_ms.unwrap_or(row.started_ms);
            if self.end_coding(&row, deadline, "deadline").await? {
                ended += 1;
            }
        }
        Ok(ended)
    }

    /// The report of an attempt whose coding part has ended.
    pub async fn report(&self, user: UserId, id: AttemptId) -> Result<Report> {
        let row = self.current_attempt(user, id).await?;
        if row.status == "coding" {
            return Err(Error::Invalid(format!(
                "attempt {id} is still running; its report is ready when the time is up or you finish"
            )));
        }
        let problems = self.inner.store.problems(id).await?;
        let jobs = self.inner.store.jobs_of_attempt(id).await?;
        let drafts = self.inner.store.drafts(id).await?;
        let explanations = self.inner.store.explanations(id).await?;
        let integrity = self.inner.store.integrity(id).await?;
        let withheld = self.group_withholds(&row).await?;
        let mut reports = Vec::new();
        for p in &problems {
            let problem = self.problem(&p.slug)?;
            let mine: Vec<&JobRow> = jobs.iter().filter(|j| j.index == p.index).collect();
            let submissions: Vec<&JobRow> = mine.iter().copied().filter(|j| is_submission(j)).collect();
            let last = submissions.last().copied();
            let judged = last.and_then(judged_of);
            let drafts_here: BTreeMap<String, String> =
                drafts.iter().filter(|d| d.index == p.index).map(|d| (d.language.clone(), d.code.clone())).collect();
            let (final_language, final_code) = match last {
                Some(j) => (Some(j.language.clone()), Some(j.code.clone())),
                None => match last_draft(p, &drafts_here) {
                    Some(d) => (Some(d.language), Some(d.code)),
                    None => (None, None),
                },
            };
            let failing: Vec<&oaj_judge::CaseResult> = judged
                .as_ref()
                .map(|r| {
                    r.cases.iter().filter(|c| c.visibility == Visibility::Hidden && c.verdict != Verdict::AC).collect()
                })
                .unwrap_or_default();
            // A group OA's cases stay hidden until an admin reveals them after
            // its window: other members may still be taking it.
            let failing_cases = if withheld {
                vec![]
            } else {
                failing.iter().take(REVEAL_CASES).map(|c| reveal(&problem, c)).collect()
            };
            reports.push(ProblemReport {
                index: p.index,
                slug: p.slug.clone(),
                title: problem.title.clone(),
                difficulty: problem.difficulty,
                score: judged.as_ref().map_or(0.0, |r| r.score),
                passed: judged.as_ref().map_or(0, |r| r.passed),
                total: judged.as_ref().map_or(problem.hidden.len(), |r| r.total),
                verdict: judged.as_ref().map(|r| r.verdict),
                counted_job: last.map(|j| j.id),
                auto_submitted: last.is_some_and(|j| j.kind == JobKind::AutoSubmit.as_str()),
                best_score: best_of(&mine).map(|s| s.score),
                time_used_ms: last.map(|j| j.created_ms - row.started_ms),
                submissions: submissions.len(),
                runs: mine.len() - submissions.len(),
                final_language,
                final_code,
                explanation: explanations.get(&p.index).cloned(),
                more_failing_cases: if withheld { 0 } else { failing.len().saturating_sub(REVEAL_CASES) },
                failing_cases,
                history: mine.iter().map(|j| summary_of(j)).collect(),
            });
        }
        let mut timeline = vec![TimelineEntry {
            at_ms: row.started_ms,
            offset_ms: 0,
            kind: "start".into(),
            problem_index: None,
            text: "started".into(),
        }];
        for j in &jobs {
            let what = match JobKind::parse(&j.kind) {
                Some(JobKind::RunSamples) => "ran the samples",
                Some(JobKind::RunCustom) => "ran on custom input",
                Some(JobKind::Submit) => "submitted",
                Some(JobKind::AutoSubmit) => "never submitted; last draft judged when the OA ended",
                None => "judged",
            };
            let outcome = match (&j.verdict, j.passed, j.total, &j.error) {
                (_, _, _, Some(error)) => format!(": judge error: {error}"),
                (Some(v), Some(p), Some(t), None) if is_submission(j) => format!(": {v}, {p} / {t} passed"),
                (Some(v), _, _, None) => format!(": {v}"),
                _ => " (not judged yet)".to_string(),
            };
            timeline.push(TimelineEntry {
                at_ms: j.created_ms,
                offset_ms: j.created_ms - row.started_ms,
                kind: if is_submission(j) { j.kind.clone() } else { "run".into() },
                problem_index: Some(j.index),
                text: format!("problem {}: {what} ({}){outcome}", j.index, j.language),
            });
        }
        for e in &integrity {
            timeline.push(TimelineEntry {
                at_ms: e.at_ms,
                offset_ms: e.at_ms - row.started_ms,
                kind: "integrity".into(),
                problem_index: None,
                text: match &e.detail {
                    Some(detail) => format!("{}: {detail}", e.kind.as_str()),
                    None => e.kind.as_str().to_string(),
                },
            });
        }
        if let Some(ended) = row.ended_ms {
            let text = match row.end_reason.as_deref() {
                Some("deadline") => "time is up",
                _ => "finished early",
            };
            timeline.push(TimelineEntry {
                at_ms: ended,
                offset_ms: ended - row.started_ms,
                kind: "end".into(),
                problem_index: None,
                text: text.into(),
            });
        }
        timeline.sort_by_key(|t| t.at_ms);
        Ok(Report {
            attempt_id: id,
            mode: mode_of(&row)?,
            status: status_of(&row)?,
            started_ms: row.started_ms,
            deadline_ms: row.deadline_ms,
            ended_ms: row.ended_ms,
            group_oa_id: row.group_oa_id,
            failing_cases_withheld: withheld,
            end_reason: row.end_reason.clone(),
            scoring: "each problem scores the points of the hidden cases its last submission passed, over all points; \
                      a problem never submitted has its last draft judged at the deadline"
                .into(),
            score: reports.iter().map(|r| r.score).sum(),
            max_score: reports.len(),
            pending: jobs.iter().any(|j| is_submission(j) && j.status != "done"),
            problems: reports,
            integrity,
            timeline,
        })
    }

    /// The user's attempts, newest first.
    pub async fn history(&self, user: UserId) -> Result<Vec<AttemptSummary>> {
        self.expire_due().await?;
        let rows = self.inner.store.attempts_of_user(user).await?;
        let mut out = Vec::new();
        for row in rows {
            let problems = self.inner.store.problems(row.id).await?;
            let jobs = self.inner.store.jobs_of_attempt(row.id).await?;
            let mut summary = Vec::new();
            for p in &problems {
                let mine: Vec<&JobRow> = jobs.iter().filter(|j| j.index == p.index).collect();
                summary.push(SummaryProblem {
                    slug: p.slug.clone(),
                    title: self.catalog().get(&p.slug).map_or_else(|| p.slug.clone(), |e| e.title.clone()),
                    score: counted_of(&mine).map(|s| s.score),
                });
            }
            out.push(AttemptSummary {
                id: row.id,
                mode: mode_of(&row)?,
                status: status_of(&row)?,
                started_ms: row.started_ms,
                deadline_ms: row.deadline_ms,
                ended_ms: row.ended_ms,
                group_oa_id: row.group_oa_id,
                score: summary.iter().filter_map(|p| p.score).sum(),
                max_score: summary.len(),
                problems: summary,
            });
        }
        Ok(out)
    }

    /// Statistics over the user's history.
    pub async fn stats(&self, user: UserId) -> Result<Stats> {
        Ok(stats_of(&self.history(user).await?))
    }

    // ---- internals ----

    fn problem(&self, slug: &str) -> Result<Arc<Problem>> {
        self.catalog().get(slug).map(|e| e.problem.clone()).ok_or_else(|| {
            Error::NotFound(format!("the problem `{slug}` of this attempt is no longer in the problem bank"))
        })
    }

    async fn problem_at(&self, id: AttemptId, index: usize) -> Result<Arc<Problem>> {
        let problems = self.inner.store.problems(id).await?;
        let row = problems.iter().find(|p| p.index == index).ok_or_else(|| {
            Error::Invalid(format!("attempt {id} has problems 1 to {}; there is no problem {index}", problems.len()))
        })?;
        self.problem(&row.slug)
    }

    pub(crate) fn check_language(&self, problem: &Problem, language: &str) -> Result<()> {
        self.inner.judge.languages().get(language).map_err(|e| Error::Invalid(e.to_string()))?;
        if problem.kind == ProblemKind::Function {
            if let Some(signature) = &problem.signature {
                oaj_judge::function::starter_code(signature, language)
                    .map_err(|e| Error::Invalid(format!("{} is a function problem; {e}", problem.slug)))?;
            }
        }
        Ok(())
    }

    pub(crate) async fn owned_attempt(&self, user: UserId, id: AttemptId) -> Result<AttemptRow> {
        match self.inner.store.attempt(id).await? {
            Some(row) if row.user_id == user => Ok(row),
            _ => Err(Error::NotFound(format!("no attempt {id}"))),
        }
    }

    /// The attempt, after ending its coding part if the deadline has passed
    /// (so nothing done after the deadline can count).
    pub(crate) async fn current_attempt(&self, user: UserId, id: AttemptId) -> Result<AttemptRow> {
        let row = self.owned_attempt(user, id).await?;
        match row.deadline_ms {
            Some(deadline) if row.status == "coding" && deadline <= self.now_ms() => {
                self.end_coding(&row, deadline, "deadline").await?;
                self.owned_attempt(user, id).await
            }
            _ => Ok(row),
        }
    }

    /// Ends coding and queues the last draft of every never-submitted
    /// problem. False when another call ended it first.
    async fn end_coding(&self, row: &AttemptRow, ended_ms: i64, reason: &str) -> Result<bool> {
        let problems = self.inner.store.problems(row.id).await?;
        let jobs = self.inner.store.jobs_of_attempt(row.id).await?;
        let drafts = self.inner.store.drafts(row.id).await?;
        let mut picked: Vec<(usize, String, String)> = Vec::new();
        for p in &problems {
            if jobs.iter().any(|j| j.index == p.index && is_submission(j)) {
                continue;
            }
            let here: BTreeMap<String, String> =
                drafts.iter().filter(|d| d.index == p.index).map(|d| (d.language.clone(), d.code.clone())).collect();
            // The language used last; else the draft saved last.
            let draft = last_draft(p, &here).or_else(|| {
                drafts
                    .iter()
                    .filter(|d| d.index == p.index)
                    .max_by_key(|d| d.updated_ms)
                    .map(|d| Draft { language: d.language.clone(), code: d.code.clone() })
            });
            if let Some(d) = draft.filter(|d| !d.code.trim().is_empty()) {
                picked.push((p.index, d.language, d.code));
            }
        }
        let mut hashes = Vec::new();
        for (index, _, _) in &picked {
            let hash = match problems.iter().find(|p| p.index == *index).map(|p| self.problem(&p.slug)) {
                Some(Ok(problem)) => Some(self.problem_hash(&problem).await?),
                // Judging it will say the problem is missing.
                _ => None,
            };
            hashes.push(hash);
        }
        let new: Vec<NewJob> = picked
            .iter()
            .zip(&hashes)
            .map(|((index, language, code), hash)| NewJob {
                attempt: row.id,
                index: *index,
                kind: JobKind::AutoSubmit.as_str(),
                language,
                code,
                input: None,
                problem_hash: hash.as_deref(),
            })
            .collect();
        let Some(ids) = self.inner.store.end_coding(row.id, ended_ms, reason, &new, self.now_ms()).await? else {
            return Ok(false);
        };
        if !ids.is_empty() {
            self.inner.store.notify_jobs(crate::JobNotice::Queued).await;
        }
        for id in ids {
            if let Some(job) = self.inner.store.job(id).await? {
                let reservation = self.inner.pool.force_reserve();
                self.spawn_job(job, reservation, false);
            }
        }
        Ok(true)
    }

    /// Judges a stored job on a tokio task once it has a slot and a lease
    /// on the job (`take_over`: whatever lease another holder has; see
    /// `lease.rs`); progress goes to its watch channel.
    pub(crate) fn spawn_job(&self, job: JobRow, reservation: Reservation, take_over: bool) {
        let initial = JobView {
            id: job.id,
            attempt_id: job.attempt_id,
            problem_index: job.index,
            kind: JobKind::parse(&job.kind).unwrap_or(JobKind::Submit),
            language: job.language.clone(),
            status: JobStatus::Queued,
            created_ms: job.created_ms,
            finished_ms: None,
            judged: None,
            custom: None,
            error: None,
        };
        let (tx, _) = watch::channel(initial);
        if let Ok(mut live) = self.inner.pool.live.lock() {
            live.insert(job.id, tx.clone());
        }
        if self.inner.remote {
            // Judged by a worker: follow the job in the store instead.
            drop(reservation);
            tokio::spawn(self.clone().follow_remote(job.id, tx));
            return;
        }
        let engine = self.clone();
        // Every log line of this judging (the judge's too) carries the job,
        // its attempt and, once read, the user it is for.
        // A root span: a judging outlives the request that queued it.
        let span = tracing::info_span!(
            parent: None,
            "job",
            job = job.id,
            attempt = job.attempt_id,
            kind = %job.kind,
            user = tracing::field::Empty
        );
        let task = async move {
            let _reservation = reservation;
            if let Ok(Some(attempt)) = engine.inner.store.attempt(job.attempt_id).await {
                tracing::Span::current().record("user", attempt.user_id);
            }
            let permit = engine.inner.pool.slots.clone().acquire_owned().await;
            let leases = &engine.inner.pool.leases;
            let claimed = engine
                .inner
                .store
                .claim_job(job.id, &leases.owner, engine.now_ms(), leases.lease_ms(), take_over)
                .await;
            match claimed {
                Ok(Some(_)) => {
                    tracing::info!(language = %job.language, "judging");
                    let renewing = tokio::spawn(engine.clone().renew_until_lost(job.id));
                    let outcome = engine.judge_job(&job, &tx).await;
                    renewing.abort();
                    drop(permit);
                    let finished_ms = engine.now_ms();
                    match engine.inner.store.finish_job(job.id, &leases.owner, &outcome, finished_ms).await {
                        Ok(true) => {
                            engine.inner.stored.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            engine.inner.store.notify_jobs(crate::JobNotice::Done(job.id)).await;
                            let verdict = if outcome.error.is_some() { None } else { outcome.verdict.as_deref() };
                            engine.inner.metrics.finished(&job.kind, verdict, finished_ms - job.created_ms);
                            match &outcome.error {
                                Some(error) => tracing::warn!(%error, "the judge could not judge"),
                                None => tracing::info!(
                                    verdict = verdict.unwrap_or("-"),
                                    latency_ms = finished_ms - job.created_ms,
                                    "judged"
                                ),
                            }
                        }
                        Ok(false) => {
                            leases.discarded.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            tracing::warn!(
                                "job {}: the lease expired and another process took the job over; this result is \
                                 discarded",
                                job.id
                            );
                        }
                        Err(e) => tracing::error!("cannot store the result of job {}: {e}", job.id),
                    }
                }
                // Done, or judged elsewhere under a live lease: show what is stored.
                Ok(None) => tracing::info!("job {} is done or judged by another process", job.id),
                Err(e) => tracing::error!("cannot claim job {}: {e}", job.id),
            }
            let finished = async {
                let row = engine.inner.store.job(job.id).await?.ok_or_else(|| Error::NotFound("job".into()))?;
                let attempt = engine
                    .inner
                    .store
                    .attempt(row.attempt_id)
                    .await?
                    .ok_or_else(|| Error::NotFound("attempt".into()))?;
                view_of(&row, &attempt, engine.group_withholds(&attempt).await?)
            };
            match finished.await {
                Ok(view) => {
                    tx.send_replace(view);
                }
                Err(e) => tracing::error!("cannot read back job {}: {e}", job.id),
            }
            if let Ok(mut live) = engine.inner.pool.live.lock() {
                live.remove(&job.id);
            }
            engine.inner.job_ended.notify_waiters();
        };
        tokio::spawn(tracing::Instrument::instrument(task, span));
    }

    async fn judge_job(&self, job: &JobRow, tx: &watch::Sender<JobView>) -> JobOutcome {
        let failed = |message: String| JobOutcome { error: Some(message), ..JobOutcome::default() };
        let Some(kind) = JobKind::parse(&job.kind) else {
            return failed(format!("unknown job kind `{}`", job.kind));
        };
        // This judge's copy, or the one fetched from the store by hash,
        // which stays in the cache while `in_use` lives: to the end of
        // this function, after the result is known.
        let in_use = match self.problem_to_judge(job).await {
            Ok(in_use) => in_use,
            Err(message) => return failed(message),
        };
        let problem = in_use.problem.clone();
        let submission = Submission { language: job.language.clone(), source: job.code.clone() };
        // Progress for a server following this job from elsewhere; ends
        // (the last write done) before the result is stored.
        let (publish, published) = if self.publishes_progress() {
            let (sender, rx) = watch::channel(None);
            (Some(sender), Some(tokio::spawn(self.clone().publish_progress(job.id, rx))))
        } else {
            (None, None)
        };
        let outcome = self.judge_submission(job, kind, problem, submission, tx, publish).await;
        if let Some(writer) = published {
            let _ = writer.await;
        }
        outcome
    }

    /// Judges (or runs) `submission`, sending its progress to `tx` and, when
    /// given, to `publish`.
    async fn judge_submission(
        &self,
        job: &JobRow,
        kind: JobKind,
        problem: Arc<Problem>,
        submission: Submission,
        tx: &watch::Sender<JobView>,
        publish: Option<watch::Sender<Option<JobStatus>>>,
    ) -> JobOutcome {
        let failed = |message: String| JobOutcome { error: Some(message), ..JobOutcome::default() };
        let send = move |status: JobStatus| {
            tx.send_modify(|v| v.status = status);
            if let Some(publish) = &publish {
                publish.send_replace(Some(status));
            }
        };
        if kind == JobKind::RunCustom {
            send(JobStatus::Compiling);
            let input = job.input.clone().unwrap_or_default().into_bytes();
            return match self.inner.judge.run_custom(problem, submission, input).await {
                Ok(result) => JobOutcome {
                    verdict: Some(result.verdict.as_str().to_string()),
                    result_json: serde_json::to_string(&result).ok(),
                    ..JobOutcome::default()
                },
                Err(e) => failed(e.to_string()),
            };
        }
        let samples = kind == JobKind::RunSamples;
        let options = JudgeOptions {
            cases: if samples { CaseSelection::Samples } else { CaseSelection::Hidden },
            // A failing sample's output is the user's to see at once; a
            // failing hidden case's is kept for the report after the OA.
            keep_output_bytes: if samples { SAMPLE_SHOWN_BYTES } else { REVEAL_BYTES },
            ..JudgeOptions::default()
        };
        let total = if samples { problem.samples.len() } else { problem.hidden.len() };
        let (events_tx, mut events) = tokio::sync::mpsc::unbounded_channel();
        let forward = async move {
            let mut done = 0;
            // (case index, verdict) of the first failed case finished so far.
            let mut first_failure: Option<(usize, Verdict)> = None;
            while let Some(event) = events.recv().await {
                let status = match event {
                    JudgeEvent::Compiling => JobStatus::Compiling,
                    JudgeEvent::Compiled { .. } => JobStatus::Running { done: 0, total, verdict: None },
                    JudgeEvent::CaseFinished { of, index, result } => {
                        done += 1;
                        if result.verdict != Verdict::AC && first_failure.is_none_or(|(i, _)| index < i) {
                            first_failure = Some((index, result.verdict));
                        }
                        JobStatus::Running { done, total: of, verdict: first_failure.map(|(_, v)| v) }
                    }
                };
                send(status);
            }
        };
        let judging = self.inner.judge.judge(problem, submission, options, Some(events_tx));
        let (result, ()) = tokio::join!(judging, forward);
        match result {
            Ok(result) => JobOutcome {
                verdict: Some(result.verdict.as_str().to_string()),
                passed: Some(result.passed),
                total: Some(result.total),
                score: Some(result.score),
                result_json: serde_json::to_string(&result).ok(),
                error: None,
            },
            Err(e) => failed(e.to_string()),
        }
    }

    /// The slug of the problem job `job` is for.
    pub(crate) async fn slug_of_job(&self, job: &JobRow) -> Result<String> {
        let problems = self.inner.store.problems(job.attempt_id).await?;
        let row: &ProblemRow = problems
            .iter()
            .find(|p| p.index == job.index)
            .ok_or_else(|| Error::NotFound(format!("attempt {} has no problem {}", job.attempt_id, job.index)))?;
        Ok(row.slug.clone())
    }
}

/// What the phone-screen mode (`crate::phone`) shares with the OA engine:
/// the same judge, bounded pool and store.
impl Engine {
    pub(crate) fn judge(&self) -> &Arc<Judge> {
        &self.inner.judge
    }

    pub(crate) fn judge_pool(&self) -> &Arc<Pool> {
        &self.inner.pool
    }

    pub(crate) fn phone_hub(&self) -> &crate::phone::Hub {
        &self.inner.phone
    }
}

/// Start-up work, then the expiry tick (and expired leases), for as long as
/// the engine lives.
async fn background(weak: Weak<Inner>) {
    if let Some(inner) = weak.upgrade() {
        let engine = Engine { inner };
        match engine.startup().await {
            Ok((requeued, expired)) if requeued + expired > 0 => {
                tracing::info!("start-up: {requeued} judgings re-queued, {expired} attempts expired")
            }
            Ok(_) => {}
            Err(e) => tracing::error!("start-up of the OA engine failed: {e}"),
        }
    }
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        let Some(inner) = weak.upgrade() else { return };
        let engine = Engine { inner };
        if let Err(e) = engine.expire_due().await {
            tracing::warn!("expiring attempts failed: {e}");
        }
        if let Err(e) = engine.requeue_expired().await {
            tracing::warn!("taking over judgings whose lease expired failed: {e}");
        }
    }
}

pub(crate) fn mode_of(row: &AttemptRow) -> Result<Mode> {
    match row.mode.as_str() {
        "timed" => Ok(Mode::Timed),
        "practice" => Ok(Mode::Practice),
        other => Err(Error::Store(format!("attempt {}: unknown mode `{other}`", row.id))),
    }
}

pub(crate) fn status_of(row: &AttemptRow) -> Result<AttemptStatus> {
    match row.status.as_str() {
        "coding" => Ok(AttemptStatus::Coding),
        "explaining" => Ok(AttemptStatus::Explaining),
        "finished" => Ok(AttemptStatus::Finished),
        other => Err(Error::Store(format!("attempt {}: unknown status `{other}`", row.id))),
    }
}

fn check_code_size(code: &str) -> Result<()> {
    if code.len() > MAX_SOURCE_BYTES {
        return Err(Error::Invalid(format!(
            "the code is {} bytes; the limit is {} KiB",
            code.len(),
            MAX_SOURCE_BYTES / 1024
        )));
    }
    Ok(())
}

pub(crate) fn is_submission(job: &JobRow) -> bool {
    JobKind::parse(&job.kind).is_some_and(JobKind::is_submission)
}

pub(crate) fn parse_verdict(text: &str) -> Option<Verdict> {
    [Verdict::AC, Verdict::WA, Verdict::TLE, Verdict::MLE, Verdict::RE, Verdict::OLE, Verdict::CE, Verdict::IE]
        .into_iter()
        .find(|v| v.as_str() == text)
}

fn last_draft(problem: &ProblemRow, drafts: &BTreeMap<String, String>) -> Option<Draft> {
    let language = problem.last_language.as_ref()?;
    drafts.get(language).map(|code| Draft { language: language.clone(), code: code.clone() })
}

fn summary_of(job: &JobRow) -> JobSummary {
    JobSummary {
        id: job.id,
        kind: JobKind::parse(&job.kind).unwrap_or(JobKind::Submit),
        language: job.language.clone(),
        created_ms: job.created_ms,
        done: job.status == "done",
        verdict: job.verdict.as_deref().and_then(parse_verdict),
        passed: job.passed.map(|n| n as usize),
        total: job.total.map(|n| n as usize),
        score: job.score,
        error: job.error.clone(),
    }
}

fn score_of(job: &JobRow) -> Option<ScoreView> {
    if job.status != "done" || job.error.is_some() {
        return None;
    }
    Some(ScoreView {
        job: job.id,
        verdict: parse_verdict(job.verdict.as_deref()?)?,
        passed: job.passed? as usize,
        total: job.total? as usize,
        score: job.score?,
    })
}

/// The highest-scoring judged submission (the earliest of equals).
fn best_of(jobs: &[&JobRow]) -> Option<ScoreView> {
    jobs.iter().filter(|j| is_submission(j)).filter_map(|j| score_of(j)).fold(None, |best: Option<ScoreView>, s| {
        match best {
            Some(b) if b.score >= s.score => Some(b),
            _ => Some(s),
        }
    })
}

/// The last submission, if it is judged: the one that counts.
pub(crate) fn counted_of(jobs: &[&JobRow]) -> Option<ScoreView> {
    jobs.iter().filter(|j| is_submission(j)).max_by_key(|j| j.id).and_then(|j| score_of(j))
}

fn judged_of(job: &JobRow) -> Option<JudgeResult> {
    serde_json::from_str(job.result_json.as_deref()?).ok()
}

/// A job as its owner may see it now: while a timed attempt is coding, or
/// while its group OA is not revealed (`withheld`), the hidden cases of a
/// submission show verdict, time and memory only.
pub(crate) fn view_of(job: &JobRow, attempt: &AttemptRow, withheld: bool) -> Result<JobView> {
    let kind = JobKind::parse(&job.kind).ok_or_else(|| Error::Store(format!("job {}: unknown kind", job.id)))?;
    let mut judged: Option<JudgeResult> = None;
    let mut custom: Option<CustomRunResult> = None;
    if let Some(json) = &job.result_json {
        let bad = |e: serde_json::Error| Error::Store(format!("job {}: unreadable result: {e}", job.id));
        match kind {
            JobKind::RunCustom => custom = Some(serde_json::from_str(json).map_err(bad)?),
            _ => judged = Some(serde_json::from_str(json).map_err(bad)?),
        }
    }
    let secret = withheld || (attempt.mode == "timed" && attempt.status == "coding");
    if let Some(result) = judged.as_mut() {
        for (number, case) in result.cases.iter_mut().filter(|c| c.visibility == Visibility::Hidden).enumerate() {
            case.output = None;
            case.diff = None;
            case.stderr = None;
            if secret {
                case.message = String::new();
                // Authors name cases after what they test
                // ("late-low-early-high"); during the OA a case is only its
                // number, as on OA platforms. The report shows the names.
                case.name = format!("hidden/{}", number + 1);
            }
        }
    }
    Ok(JobView {
        id: job.id,
        attempt_id: job.attempt_id,
        problem_index: job.index,
        kind,
        language: job.language.clone(),
        status: if job.status == "done" { JobStatus::Done } else { JobStatus::Queued },
        created_ms: job.created_ms,
        finished_ms: job.finished_ms,
        judged,
        custom,
        error: job.error.clone(),
    })
}

fn samples_of(problem: &Problem) -> Vec<Sample> {
    problem
        .samples
        .iter()
        .map(|c| Sample {
            name: c.name.clone(),
            input: read_cut(&c.input, SAMPLE_SHOWN_BYTES).0,
            answer: read_cut(&c.answer, SAMPLE_SHOWN_BYTES).0,
        })
        .collect()
}

/// A file's first `limit` bytes as text, and whether it was longer.
fn read_cut(path: &std::path::Path, limit: usize) -> (String, bool) {
    match std::fs::read(path) {
        Ok(bytes) => cut(&bytes, limit),
        Err(e) => (format!("(cannot read {}: {e})", path.display()), false),
    }
}

fn cut(bytes: &[u8], limit: usize) -> (String, bool) {
    let shown = &bytes[..bytes.len().min(limit)];
    (String::from_utf8_lossy(shown).into_owned(), bytes.len() > limit)
}

fn reveal(problem: &Problem, case: &oaj_judge::CaseResult) -> RevealedCase {
    let test = problem.hidden.iter().find(|t| t.name == case.name);
    let (input, input_truncated) = test.map_or((String::new(), false), |t| read_cut(&t.input, REVEAL_BYTES));
    let (expected, expected_truncated) = test.map_or((String::new(), false), |t| read_cut(&t.answer, REVEAL_BYTES));
    // The judge kept at most REVEAL_BYTES; a full buffer means it was cut.
    let got_truncated = case.output.as_ref().is_some_and(|o| o.len() >= REVEAL_BYTES);
    RevealedCase {
        name: case.name.clone(),
        verdict: case.verdict,
        message: case.message.clone(),
        input,
        input_truncated,
        expected,
        expected_truncated,
        got: case.output.clone(),
        got_truncated,
    }
}

/// Statistics over a history (see [`Stats`]).
pub(crate) fn stats_of(history: &[AttemptSummary]) -> Stats {
    let ended: Vec<&AttemptSummary> =
        history.iter().filter(|a| a.mode == Mode::Timed && a.status != AttemptStatus::Coding).collect();
    let average_score = (!ended.is_empty()).then(|| {
        ended.iter().map(|a| if a.max_score == 0 { 0.0 } else { a.score / a.max_score as f64 }).sum::<f64>()
            / ended.len() as f64
    });
    let mut attempted = HashSet::new();
    let mut solved = HashSet::new();
    for a in history {
        for p in &a.problems {
            if let Some(score) = p.score {
                attempted.insert(p.slug.clone());
                if score >= 1.0 {
                    solved.insert(p.slug.clone());
                }
            }
        }
    }
    Stats {
        attempts: ended.len(),
        practice_attempts: history.iter().filter(|a| a.mode == Mode::Practice).count(),
        average_score,
        problems_attempted: attempted.len(),
        problems_solved: solved.len(),
    }
}
