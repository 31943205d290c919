//! Problems in the store, for judge workers (`oaj worker`) on other machines.
//!
//! - A job carries the content hash of its problem ([`problem_hash`]). A
//!   server on a Postgres store (the only kind workers share) publishes
//!   every problem it can judge into the `problem_archives` table
//!   (migration 0010) under that hash: at start (only the hashes the store
//!   lacks, so a restart costs a hash of each problem and one query) and
//!   whenever an admin's problem is added at runtime. Publishing runs in
//!   the background, one problem at a time; a problem whose archive would
//!   be over [`MAX_ARCHIVE_BYTES`] is not published (a warning says so) and
//!   must be in the workers' problems directories. The store calls work on
//!   SQLite too (the tests run them on both), but a SQLite server does not
//!   publish: nothing else can read its store.
//! - An archive is a deterministic zip ([`pack_problem`]) of every regular
//!   file of the problem directory except hidden ones (names starting with
//!   `.`): sorted paths, fixed times and modes, so the same problem always
//!   packs to the same bytes. It holds every file the hash covers, and the
//!   statement, generators, validators and solutions beside them.
//! - A worker judges with its own copy when that hashes to the job's hash
//!   (no store access: bundled problems stay fast). Otherwise it fetches the
//!   archive by hash, unpacks it with the checks of an upload (`unpack.rs`:
//!   no `..`, no absolute paths, no symlinks, within [`PROBLEM_LIMITS`])
//!   into a staging dir under `<cache dir>/problems/`, loads it with the
//!   normal loader, checks that it hashes to the job's hash, and renames it
//!   to `<cache dir>/problems/<hash>/<slug>/` (a rename, so a half-written
//!   problem is never seen there). Cached problems serve later jobs and
//!   restarts; each is checked against its hash once per process.
//! - The cache is bounded ([`ProblemCacheLimits`]: entries and bytes,
//!   [`DEFAULT_PROBLEM_CACHE`] unless `oaj worker` is told otherwise) by the
//!   `oaj_cache` crate: after each fetch the least recently used problems
//!   are evicted, never one a judging uses (it holds a shared lock on the
//!   entry until its result is stored, in whichever worker process), and a
//!   worker that finds its problem evicted under it fetches it again. Two
//!   workers may share the cache dir.
//! - No archive in the store and no matching local copy: the job ends with
//!   an error naming the problem and the hash. A worker that finds no
//!   archive waits up to [`ARCHIVE_WAIT`] for one first, as a server that
//!   just started may still be publishing.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use oaj_spec::Problem;
use sqlx::Row;

use crate::migrate::Backend;
use crate::store::{JobRow, Store};
use crate::unpack::{self, PROBLEM_LIMITS};
use crate::workers::{problem_hash, short};
use crate::{Engine, Error, Result};

/// The largest archive published (compressed). Problems added at runtime
/// arrive as uploads of at most 32 MiB; bundled problems are far smaller.
pub const MAX_ARCHIVE_BYTES: usize = 64 * 1024 * 1024;

/// How long a worker waits for an archive the store does not hold yet.
pub const ARCHIVE_WAIT: Duration = Duration::from_secs(10);

/// The subdirectory of the cache dir that holds fetched problems.
pub const FETCHED_SUBDIR: &str = "problems";

/// Bounds of a worker's cache of fetched problems.
pub use oaj_cache::CacheLimits as ProblemCacheLimits;

/// The default bounds of the fetched problems: room for a large bank
/// (the bundled one unpacks to about 50 MB) within the 2 GiB the build
/// cache may take too.
pub const DEFAULT_PROBLEM_CACHE: ProblemCacheLimits = ProblemCacheLimits { max_bytes: 2 << 30, max_entries: 500 };

/// A problem archive as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemArchive {
    pub hash: String,
    pub slug: String,
    pub bytes: Vec<u8>,
    pub created_ms: i64,
}

/// What publishing the catalog did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Published {
    /// Archives inserted now.
    pub added: usize,
    /// Problems whose archive the store held already.
    pub present: usize,
    /// Problems that could not be published (too large, unreadable).
    pub skipped: usize,
}

fn fs_error(what: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Store(format!("cannot {what} {}: {e}", path.display()))
}

/// Every regular file and directory under `dir`, as `/`-separated relative
/// paths sorted bytewise (directories end with `/`). Hidden names are
/// left out; a symlink or special file is an error (it would not survive
/// the upload checks when unpacked).
fn problem_entries(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut pending = vec![String::new()];
    while let Some(relative) = pending.pop() {
        let here = dir.join(&relative);
        for entry in std::fs::read_dir(&here).map_err(|e| fs_error("read", &here, e))? {
            let entry = entry.map_err(|e| fs_error("read", &here, e))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                return Err(Error::Invalid(format!(
                    "{}: a file name that is not UTF-8 cannot go into a problem archive",
                    here.display()
                )));
            };
            if name.starts_with('.') {
                continue;
            }
            let path = format!("{relative}{name}");
            // `file_type` of a DirEntry does not follow symlinks.
            let kind = entry.file_type().map_err(|e| fs_error("read", &entry.path(), e))?;
            if kind.is_dir() {
                out.push(format!("{path}/"));
                pending.push(format!("{path}/"));
            } else if kind.is_file() {
                out.push(path);
            } else {
                return Err(Error::Invalid(format!(
                    "{}: only regular files and directories go into a problem archive",
                    entry.path().display()
                )));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The problem directory `dir` as a deterministic zip (see the module
/// doc). Refused when it would not unpack within [`PROBLEM_LIMITS`] or is
/// over [`MAX_ARCHIVE_BYTES`]. Blocking.
pub fn pack_problem(dir: &Path) -> Result<Vec<u8>> {
    let entries = problem_entries(dir)?;
    if entries.len() > PROBLEM_LIMITS.max_entries {
        return Err(Error::Invalid(format!(
            "{} holds {} files and directories; an archive holds at most {}",
            dir.display(),
            entries.len(),
            PROBLEM_LIMITS.max_entries
        )));
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let dir_options = options.unix_permissions(0o755);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let zip_error = |e: zip::result::ZipError| Error::Store(format!("cannot pack {}: {e}", dir.display()));
    let mut total: u64 = 0;
    for entry in &entries {
        if entry.ends_with('/') {
            writer.add_directory(entry.as_str(), dir_options).map_err(zip_error)?;
            continue;
        }
        let path = dir.join(entry);
        let bytes = std::fs::read(&path).map_err(|e| fs_error("read", &path, e))?;
        total += bytes.len() as u64;
        if total > PROBLEM_LIMITS.max_total_bytes {
            return Err(Error::Invalid(format!(
                "{} holds more than {} MiB; an archive holds less",
                dir.display(),
                PROBLEM_LIMITS.max_total_bytes / (1024 * 1024)
            )));
        }
        writer.start_file(entry.as_str(), options).map_err(zip_error)?;
        writer.write_all(&bytes).map_err(|e| fs_error("pack", &path, e))?;
    }
    let bytes = writer.finish().map_err(zip_error)?.into_inner();
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(too_large(dir));
    }
    Ok(bytes)
}

fn too_large(dir: &Path) -> Error {
    Error::Invalid(format!(
        "the archive of {} is over {} MiB; such a problem must be in the workers' problems directories",
        dir.display(),
        MAX_ARCHIVE_BYTES / (1024 * 1024)
    ))
}

/// Unpacks an archive into `into` (a new directory) with the checks of an
/// upload. Blocking.
pub fn unpack_problem(bytes: &[u8], into: &Path) -> Result<()> {
    unpack::unzip(bytes, into, PROBLEM_LIMITS)
        .map(|_| ())
        .map_err(|e| Error::Invalid(format!("the problem archive was refused: {e}")))
}

/// Whether `hash` looks like a [`problem_hash`] (it names a directory).
fn is_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Store {
    /// The hashes of every stored problem archive.
    pub async fn problem_archive_hashes(&self) -> Result<HashSet<String>> {
        let rows = sqlx::query("SELECT hash FROM problem_archives").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Stores an archive under `hash` unless one is there already (the
    /// same hash is the same problem). True when it was inserted.
    pub async fn put_problem_archive(&self, hash: &str, slug: &str, bytes: &[u8], now_ms: i64) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO problem_archives (hash, slug, bytes, size, created_ms) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (hash) DO NOTHING",
        )
        .bind(hash)
        .bind(slug)
        .bind(bytes.to_vec())
        .bind(bytes.len() as i64)
        .bind(now_ms)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    /// The archive stored under `hash`.
    pub async fn problem_archive(&self, hash: &str) -> Result<Option<ProblemArchive>> {
        let row = sqlx::query("SELECT hash, slug, bytes, created_ms FROM problem_archives WHERE hash = $1")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(ProblemArchive {
                hash: r.try_get(0)?,
                slug: r.try_get(1)?,
                bytes: r.try_get(2)?,
                created_ms: r.try_get(3)?,
            })
        })
        .transpose()
    }
}

/// A worker's problems fetched from the store (see the module doc).
pub(crate) struct Fetched {
    /// `<cache dir>/problems`, one entry per hash.
    cache: oaj_cache::EntryCache,
    /// The problems checked against their hash in this process, by hash.
    /// The per-hash lock makes two jobs of one new problem fetch it once.
    loaded: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<Checked>>>>,
}

/// A problem checked against its hash, with the cache entry it was loaded
/// from (an entry evicted and made again is checked again).
type Checked = Option<(oaj_cache::EntryId, Arc<Problem>)>;

/// A problem to judge with and, when it is a fetched one, its cache entry,
/// which stays in the cache while this lives.
pub(crate) struct ProblemInUse {
    pub(crate) problem: Arc<Problem>,
    pub(crate) _entry: Option<oaj_cache::Entry>,
}

/// Why a fetched problem cannot be used.
enum FetchError {
    /// The store holds no archive under the hash.
    Absent,
    /// The archive, or the cached copy, is not the problem.
    Unusable(String),
}

impl Engine {
    /// Makes this engine (a judge worker's) fetch problems it has no
    /// matching copy of from the store into `dir` (normally
    /// `<cache dir>/problems`), reusing what earlier runs fetched there and
    /// keeping it within `limits`. What dead processes left there is
    /// removed, and the cache brought within `limits` now. Blocking.
    pub fn fetch_problems_into(&self, dir: &Path, limits: ProblemCacheLimits) -> Result<()> {
        let cache = oaj_cache::EntryCache::new(dir, limits).map_err(|e| fs_error("create", dir, e))?;
        cache.sweep();
        cache.evict();
        let fetched = Fetched { cache, loaded: Default::default() };
        self.inner
            .fetched
            .set(fetched)
            .map_err(|_| Error::Invalid("this engine already fetches problems into a directory".into()))
    }

    /// Publishes every problem of the catalog whose archive the store lacks
    /// (see the module doc). One problem at a time.
    pub async fn publish_problems(&self) -> Result<Published> {
        let mut known = self.inner.store.problem_archive_hashes().await?;
        let mut report = Published::default();
        for entry in self.catalog().entries() {
            match self.publish_problem(&entry.problem, &mut known).await {
                Ok(true) => report.added += 1,
                Ok(false) => report.present += 1,
                Err(e) => {
                    tracing::warn!("problem {} is not published for judge workers: {e}", entry.slug);
                    report.skipped += 1;
                }
            }
        }
        Ok(report)
    }

    /// Whether this engine publishes its problems on its own: only on a
    /// store workers can share (Postgres). On SQLite nothing else could read
    /// the archives, and they would double the database of a typical bank
    /// (about 50 MB for the bundled problems) for nothing.
    pub fn publishes_problems(&self) -> bool {
        self.inner.store.backend() == Backend::Postgres
    }

    /// [`Engine::publish_problems`] on a task of its own when
    /// [`Engine::publishes_problems`]; logs what it did.
    pub fn publish_problems_in_background(&self) {
        if !self.publishes_problems() {
            return;
        }
        let engine = self.clone();
        tokio::spawn(async move {
            match engine.publish_problems().await {
                Ok(done) => tracing::info!(
                    added = done.added,
                    present = done.present,
                    skipped = done.skipped,
                    "problems published for judge workers"
                ),
                Err(e) => tracing::warn!("cannot publish the problems for judge workers: {e}"),
            }
        });
    }

    /// Publishes the problem `slug` of the catalog on a task of its own (a
    /// problem added at runtime) when [`Engine::publishes_problems`].
    pub(crate) fn publish_slug_in_background(&self, slug: &str) {
        if !self.publishes_problems() {
            return;
        }
        let Some(problem) = self.catalog().get(slug).map(|e| e.problem.clone()) else { return };
        let engine = self.clone();
        tokio::spawn(async move {
            let known = engine.inner.store.problem_archive_hashes().await;
            let outcome = match known {
                Ok(mut known) => engine.publish_problem(&problem, &mut known).await,
                Err(e) => Err(e),
            };
            if let Err(e) = outcome {
                tracing::warn!("problem {} is not published for judge workers: {e}", problem.slug);
            }
        });
    }

    /// Stores the archive of `problem` unless its hash is in `known`.
    async fn publish_problem(&self, problem: &Arc<Problem>, known: &mut HashSet<String>) -> Result<bool> {
        let hash = self.problem_hash(problem).await?;
        if known.contains(&hash) {
            return Ok(false);
        }
        let dir = problem.dir.clone();
        let bytes = tokio::task::spawn_blocking(move || pack_problem(&dir))
            .await
            .map_err(|e| Error::Store(format!("packing problem {} stopped: {e}", problem.slug)))??;
        let added = self.inner.store.put_problem_archive(&hash, &problem.slug, &bytes, self.now_ms()).await?;
        tracing::info!(slug = %problem.slug, hash = short(&hash), bytes = bytes.len(), "published a problem");
        known.insert(hash);
        Ok(added)
    }

    /// The problem to judge job `job` with: this judge's copy when it has
    /// the job's hash (or the job has none), else the copy fetched from the
    /// store by hash when this engine fetches problems. Err is the job's
    /// error message.
    pub(crate) async fn problem_to_judge(&self, job: &JobRow) -> std::result::Result<ProblemInUse, String> {
        let slug = self.slug_of_job(job).await.map_err(|e| e.to_string())?;
        let local = self.catalog().get(&slug).map(|e| e.problem.clone());
        let Some(expected) = job.problem_hash.as_deref() else {
            // A job stored before jobs carried hashes.
            return local.map(|problem| ProblemInUse { problem, _entry: None }).ok_or_else(|| missing(&slug));
        };
        let local_hash = match &local {
            Some(problem) => Some(self.problem_hash(problem).await.map_err(|e| e.to_string())?),
            None => None,
        };
        if let (Some(problem), Some(here)) = (&local, &local_hash) {
            if here == expected {
                return Ok(ProblemInUse { problem: problem.clone(), _entry: None });
            }
        }
        let here = match &local_hash {
            Some(here) => format!("a different copy of it (content hash {})", short(here)),
            None => "no copy of it".to_string(),
        };
        let Some(fetched) = self.inner.fetched.get() else {
            return Err(match local_hash {
                Some(_) => format!(
                    "problem {slug}: the judge {} has {here} than the server had when the job was stored ({}); \
                     update the problems directory of that judge",
                    self.lease_owner(),
                    short(expected)
                ),
                None => missing(&slug),
            });
        };
        match fetched.get(self, &slug, expected).await {
            Ok((problem, entry)) => Ok(ProblemInUse { problem, _entry: Some(entry) }),
            Err(FetchError::Absent) => Err(format!(
                "problem {slug} (content hash {}): the judge {} has {here} in its problems directory, and the store \
                 holds no archive of it (the server publishes the problems it can judge; is it running this \
                 version, and is the problem on it?)",
                short(expected),
                self.lease_owner()
            )),
            Err(FetchError::Unusable(why)) => Err(format!(
                "problem {slug} (content hash {}): the judge {} has {here} in its problems directory, and the copy \
                 in the store cannot be used: {why}",
                short(expected),
                self.lease_owner()
            )),
        }
    }
}

fn missing(slug: &str) -> String {
    format!("not found: the problem `{slug}` of this attempt is no longer in the problem bank")
}

/// Loads the problem at `dir` and checks it hashes to `expected`. Blocking.
fn load_checked(dir: &Path, expected: &str) -> std::result::Result<Problem, String> {
    let problem = oaj_spec::load(dir).map_err(|e| format!("it does not load: {e}"))?;
    let hash = problem_hash(&problem).map_err(|e| e.to_string())?;
    if hash != expected {
        return Err(format!("its files hash to {}, not to {}", short(&hash), short(expected)));
    }
    Ok(problem)
}

/// How often a fetched problem may be evicted under a judge that is about
/// to use it before the job fails: each time is another judge's eviction
/// of a cache far too small for the problems in use.
const FETCH_ROUNDS: usize = 3;

impl Fetched {
    /// The problem `slug` with content hash `hash`, and its cache entry,
    /// held: from the cache dir if it is there intact, else from the store.
    async fn get(
        &self,
        engine: &Engine,
        slug: &str,
        hash: &str,
    ) -> std::result::Result<(Arc<Problem>, oaj_cache::Entry), FetchError> {
        if !is_hash(hash) || crate::check_slug(slug).is_err() {
            return Err(FetchError::Unusable(format!("`{slug}` at `{hash}` is not a problem slug and content hash")));
        }
        let slot = self.loaded.lock().unwrap_or_else(|p| p.into_inner()).entry(hash.to_string()).or_default().clone();
        let mut memo = slot.lock().await;
        let mut archive = None;
        for _ in 0..FETCH_ROUNDS {
            let (cache, name) = (self.cache.clone(), hash.to_string());
            // Blocking: it may wait for another judge's eviction (a rename).
            let opened = tokio::task::spawn_blocking(move || cache.open(&name))
                .await
                .map_err(|e| FetchError::Unusable(format!("opening the cached copy stopped: {e}")))?
                .map_err(|e| FetchError::Unusable(format!("cannot open the cached copy: {e}")))?;
            if let Some(entry) = opened {
                let id = entry.id().map_err(|e| FetchError::Unusable(format!("cannot read the cache entry: {e}")))?;
                if let Some((checked, problem)) = memo.as_ref() {
                    if *checked == id {
                        return Ok((problem.clone(), entry));
                    }
                }
                let (at, expected) = (entry.dir().join(slug), hash.to_string());
                let checked = tokio::task::spawn_blocking(move || load_checked(&at, &expected))
                    .await
                    .unwrap_or_else(|e| Err(format!("checking it stopped: {e}")));
                match checked {
                    Ok(problem) => {
                        let problem = Arc::new(problem);
                        *memo = Some((id, problem.clone()));
                        return Ok((problem, entry));
                    }
                    Err(why) => {
                        let dir = entry.dir().to_path_buf();
                        tracing::warn!("the cached problem {} is damaged ({why}); fetching it again", dir.display());
                        drop(entry);
                        let (cache, name) = (self.cache.clone(), hash.to_string());
                        let removed = tokio::task::spawn_blocking(move || cache.remove(&name)).await;
                        if !matches!(removed, Ok(Ok(true))) {
                            return Err(FetchError::Unusable(format!(
                                "the cached copy in {} is damaged ({why}), and it cannot be replaced while another \
                                 judge uses it",
                                dir.display()
                            )));
                        }
                    }
                }
            }
            let bytes = match &archive {
                Some(bytes) => bytes,
                None => &*archive.insert(Arc::new(fetch_waiting(engine.store(), hash).await?.bytes)),
            };
            let (cache, slug_owned, hash_owned, bytes) =
                (self.cache.clone(), slug.to_string(), hash.to_string(), bytes.clone());
            let placed = tokio::task::spawn_blocking(move || place(&cache, &slug_owned, &hash_owned, &bytes))
                .await
                .map_err(|e| FetchError::Unusable(format!("unpacking stopped: {e}")))?
                .map_err(FetchError::Unusable)?;
            // None: evicted by another judge before this one held it.
            let Some((entry, problem)) = placed else { continue };
            let id = entry.id().map_err(|e| FetchError::Unusable(format!("cannot read the cache entry: {e}")))?;
            tracing::info!(slug, hash = short(hash), dir = %entry.dir().display(), "fetched a problem from the store");
            let problem = Arc::new(problem);
            *memo = Some((id, problem.clone()));
            // The new entry is held, so it stays whatever is evicted.
            let cache = self.cache.clone();
            let _ = tokio::task::spawn_blocking(move || cache.evict()).await;
            return Ok((problem, entry));
        }
        Err(FetchError::Unusable(format!(
            "it was evicted from {} {FETCH_ROUNDS} times before this judge could use it; the problem cache is too \
             small for the problems being judged (oaj worker --problem-cache-entries, --problem-cache-mb)",
            self.cache.root().display()
        )))
    }
}

/// The archive under `hash`, waiting up to [`ARCHIVE_WAIT`] for it.
async fn fetch_waiting(store: &Store, hash: &str) -> std::result::Result<ProblemArchive, FetchError> {
    let until = tokio::time::Instant::now() + ARCHIVE_WAIT;
    loop {
        match store.problem_archive(hash).await {
            Ok(Some(archive)) => return Ok(archive),
            Ok(None) if tokio::time::Instant::now() >= until => return Err(FetchError::Absent),
            Ok(None) => tokio::time::sleep(Duration::from_millis(500)).await,
            Err(e) => return Err(FetchError::Unusable(format!("cannot read it from the store: {e}"))),
        }
    }
}

/// Unpacks `bytes` into a staging dir of `cache`, checks it, and publishes
/// it as the entry `<hash>` (holding `<hash>/<slug>/`); returns the entry,
/// held, and the problem loaded from there. None: the entry was evicted
/// before it could be held. Blocking.
fn place(
    cache: &oaj_cache::EntryCache,
    slug: &str,
    hash: &str,
    bytes: &[u8],
) -> std::result::Result<Option<(oaj_cache::Entry, Problem)>, String> {
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(format!(
            "the archive is {} MiB, over the limit of {} MiB",
            bytes.len() / (1024 * 1024),
            MAX_ARCHIVE_BYTES / (1024 * 1024)
        ));
    }
    let staged = cache.stage().map_err(|e| format!("cannot make a directory to unpack into: {e}"))?;
    let unpacked = staged.path().join(slug);
    unpack_problem(bytes, &unpacked).map_err(|e| e.to_string())?;
    load_checked(&unpacked, hash)?;
    // Another process that published this hash first has the same files:
    // its entry is used.
    let Some(entry) = cache.publish(staged, hash).map_err(|e| format!("cannot move the problem into place: {e}"))?
    else {
        return Ok(None);
    };
    // Loaded again from where it stays: a problem's paths point at its files.
    let problem = load_checked(&entry.dir().join(slug), hash)?;
    Ok(Some((entry, problem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
    }

    fn problem_files() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "problem.toml",
                "title = \"Double\"\ndifficulty = \"easy\"\nkind = \"stdio\"\ntime_limit_ms = 1000\n\
                 memory_limit_mb = 256\n",
            ),
            ("statement.md", "Print twice the number.\n"),
            ("tests/sample/1.in", "3\n"),
            ("tests/sample/1.ans", "6\n"),
            ("tests/hidden/a.in", "5\n"),
            ("tests/hidden/a.ans", "10\n"),
            ("solutions/accepted/double.py", "print(2 * int(input()))\n"),
        ]
    }

    #[test]
    fn pack_unpack_gives_the_same_hash_and_packing_is_deterministic() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("double");
        write(&dir, &problem_files());
        // Hidden files stay out of the archive.
        write(&dir, &[(".editor-backup", "x")]);
        let problem = oaj_spec::load(&dir).expect("loads");
        let hash = problem_hash(&problem).expect("hash");

        let bytes = pack_problem(&dir).expect("pack");
        assert_eq!(pack_problem(&dir).expect("pack again"), bytes, "the same problem packs to the same bytes");

        // Another directory with the same files (made in another order, at
        // another time) packs to the same bytes too.
        let other = root.path().join("elsewhere/double");
        let mut files = problem_files();
        files.reverse();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        write(&other, &files);
        assert_eq!(pack_problem(&other).expect("pack"), bytes);

        let into = root.path().join("unpacked/double");
        unpack_problem(&bytes, &into).expect("unpack");
        assert!(!into.join(".editor-backup").exists());
        let unpacked = oaj_spec::load(&into).expect("the unpacked problem loads");
        assert_eq!(problem_hash(&unpacked).expect("hash"), hash);
        assert_eq!(load_checked(&into, &hash).expect("checked").slug, "double");
        assert_eq!(pack_problem(&into).expect("repack"), bytes);
    }

    #[test]
    fn the_hash_covers_the_test_data_and_the_checker() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("double");
        write(&dir, &problem_files());
        write(&dir, &[("checker/checker.py", "import sys\nsys.exit(42)\n")]);
        let toml = format!("{}checker = \"custom\"\n", problem_files()[0].1);
        write(&dir, &[("problem.toml", toml.as_str())]);
        let hash = problem_hash(&oaj_spec::load(&dir).expect("loads")).expect("hash");
        // (file changed, new content, whether the hash changes)
        let table = [
            ("tests/hidden/a.ans", "11\n", true),
            ("tests/sample/1.in", "4\n", true),
            ("checker/checker.py", "import sys\nsys.exit(43)\n", true),
            ("statement.md", "Another statement.\n", false),
            ("solutions/accepted/double.py", "print(int(input()) * 2)\n", false),
        ];
        for (file, text, changes) in table {
            let copy = root.path().join(format!("copy-{}/double", file.replace('/', "-")));
            unpack_problem(&pack_problem(&dir).expect("pack"), &copy).expect("unpack");
            write(&copy, &[(file, text)]);
            let other = problem_hash(&oaj_spec::load(&copy).expect("loads")).expect("hash");
            assert_eq!(other != hash, changes, "{file}");
            assert_eq!(load_checked(&copy, &hash).is_err(), changes, "{file}");
        }
    }

    #[test]
    fn placing_refuses_an_archive_of_another_problem_and_leaves_nothing() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("double");
        write(&dir, &problem_files());
        let hash = problem_hash(&oaj_spec::load(&dir).expect("loads")).expect("hash");
        let bytes = pack_problem(&dir).expect("pack");
        let cache_dir = root.path().join("cache");
        let cache = oaj_cache::EntryCache::new(&cache_dir, DEFAULT_PROBLEM_CACHE).expect("cache");

        let wrong = "0".repeat(64);
        let refused = place(&cache, "double", &wrong, &bytes).expect_err("the hash does not match");
        assert!(refused.contains("hash to"), "{refused}");
        let refused = place(&cache, "double", &hash, b"not a zip").expect_err("garbage");
        assert!(refused.contains("refused"), "{refused}");
        let refused = place(&cache, "double", &hash, &vec![0; MAX_ARCHIVE_BYTES + 1]).expect_err("too large");
        assert!(refused.contains("over the limit"), "{refused}");
        // An archive written to escape (zip-slip) is refused by the upload checks.
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer.start_file("../../escaped", zip::write::SimpleFileOptions::default()).expect("start");
        writer.write_all(b"x").expect("write");
        let slip = writer.finish().expect("finish").into_inner();
        let refused = place(&cache, "double", &hash, &slip).expect_err("zip-slip");
        assert!(refused.contains("leaves the problem directory"), "{refused}");
        assert!(!root.path().join("escaped").exists());
        assert_eq!(std::fs::read_dir(&cache_dir).expect("read").count(), 0, "staging dirs are removed");

        let (entry, placed) = place(&cache, "double", &hash, &bytes).expect("placed").expect("held");
        assert_eq!(placed.dir, cache_dir.join(&hash).join("double"));
        assert_eq!(entry.dir(), cache_dir.join(&hash));
        // A second placing (another process) uses the first one's copy.
        let (again_entry, again) = place(&cache, "double", &hash, &bytes).expect("placed again").expect("held");
        assert_eq!(again.dir, placed.dir);
        assert_eq!(again_entry.id().expect("id"), entry.id().expect("id"));
        assert_eq!(std::fs::read_dir(&cache_dir).expect("read").count(), 1);
    }

    #[test]
    fn symlinks_are_not_packed() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("double");
        write(&dir, &problem_files());
        std::os::unix::fs::symlink("/etc/passwd", dir.join("tests/hidden/b.in")).expect("symlink");
        let refused = pack_problem(&dir).expect_err("a symlink");
        assert!(refused.to_string().contains("only regular files"), "{refused}");
    }

    #[test]
    fn hashes_name_directories_safely() {
        assert!(is_hash(&"ab".repeat(32)));
        for bad in ["", "../etc", &"A".repeat(64), &"a".repeat(63), &format!("{}/", "a".repeat(63))] {
            assert!(!is_hash(bad), "{bad}");
        }
    }
}
