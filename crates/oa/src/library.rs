//! Problems added while the server runs, and problems hidden from drawing.
//!
//! An admin uploads a zip (a native problem or a Kattis/ICPC package) or
//! names a directory under an import root the server was started with. The
//! files are unpacked or copied into `<data>/problems/.staging/<id>/`
//! (regular files only, within [`unpack::PROBLEM_LIMITS`]), recorded as an
//! import with status `validating`, and validated in the background through
//! the judge with the same checks as `oaj validate` (input validators, every
//! bundled solution against its expected verdict, the time-limit margins),
//! holding one judge slot so members' judgings keep running beside it. Only
//! a problem that passes, with at least one accepted solution, is moved to
//! `<data>/problems/<slug>` and added to the catalog; a failure keeps its
//! log and removes its files.
//!
//! A problem never changes once added: a slug that is in the catalog, or
//! being validated, is refused (409). Attempts refer to problems by slug,
//! so an attempt's problems are the ones it started with for good. To fix a
//! problem, upload it under a new slug and hide the old one from drawing.
//!
//! Generators (`generators/gen.py`) are not run for an upload: they run
//! outside the sandbox. An uploaded problem ships its hidden cases as files.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sqlx::Row;

use crate::catalog::Catalog;
use crate::unpack::{self, PROBLEM_LIMITS};
use crate::{Account, Engine, Error, Result, UserId};

/// The directory under the data dir that holds added problems.
pub const PROBLEMS_SUBDIR: &str = "problems";
const STAGING: &str = ".staging";

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportStatus {
    Validating,
    Ready,
    Failed,
}

impl ImportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Validating => "validating",
            ImportStatus::Ready => "ready",
            ImportStatus::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<ImportStatus> {
        match text {
            "validating" => Ok(ImportStatus::Validating),
            "ready" => Ok(ImportStatus::Ready),
            "failed" => Ok(ImportStatus::Failed),
            other => Err(Error::Store(format!("a problem import has an unknown status {other:?}"))),
        }
    }
}

/// One problem added (or being added) at runtime.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProblemImport {
    pub id: i64,
    pub slug: String,
    /// Where it came from: `zip NAME` or `directory PATH`.
    pub source: String,
    /// `native` or `kattis`.
    pub format: String,
    pub status: ImportStatus,
    /// What validation found (the whole log once finished).
    pub log: String,
    /// What validation is doing now, while it runs.
    pub progress: Option<String>,
    pub added_by: UserId,
    pub added_by_name: String,
    pub added_ms: i64,
    pub finished_ms: Option<i64>,
}

/// Where an admin's problem comes from.
#[derive(Debug)]
pub enum ImportSource<'a> {
    /// The bytes of an uploaded zip and the name it was uploaded under.
    Zip { file_name: &'a str, bytes: Vec<u8> },
    /// A directory on the server, under one of the import roots.
    Directory(&'a str),
}

/// The engine's share of problem imports.
#[derive(Default)]
pub(crate) struct LibraryState {
    /// Canonical directories an admin may import from (`--problem-import-root`).
    roots: Mutex<Vec<PathBuf>>,
    /// What each running validation is doing, by import id.
    progress: Mutex<HashMap<i64, String>>,
    /// The data dir of a server whose store is not a file in it (Postgres).
    data_dir: Mutex<Option<PathBuf>>,
}

/// A slug as the URL, the store and the file system all accept it.
pub fn check_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= 64
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && slug.as_bytes()[0].is_ascii_alphanumeric();
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "`{slug}` cannot be a problem's slug: use 1 to 64 lowercase letters, digits, `-` or `_`, starting with a \
             letter or digit (such as `two-sum`)"
        )))
    }
}

fn fs_error(what: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Store(format!("cannot {what} {}: {e}", path.display()))
}

/// The directory of the unpacked files that holds the problem: the top
/// itself, or its only subdirectory (zips made by "compress folder").
fn problem_root(top: &Path) -> Result<PathBuf> {
    let is_problem = |dir: &Path| dir.join("problem.toml").is_file() || dir.join("problem.yaml").is_file();
    if is_problem(top) {
        return Ok(top.to_path_buf());
    }
    let children: Vec<PathBuf> = std::fs::read_dir(top)
        .map_err(|e| fs_error("read", top, e))?
        .flatten()
        .map(|e| e.path())
        // What archivers add beside the folder (`__MACOSX/`, `.DS_Store`).
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("__MACOSX")))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    if let [only] = children.as_slice() {
        if only.is_dir() && is_problem(only) {
            return Ok(only.clone());
        }
    }
    Err(Error::Invalid(
        "no problem here: the zip or directory must hold problem.toml (a native problem) or problem.yaml (a \
         Kattis/ICPC package), at its top or in its only folder"
            .into(),
    ))
}

impl Engine {
    /// Directories on the server an admin may import problems from;
    /// canonicalised here, so a symlink cannot widen them later.
    pub fn set_import_roots(&self, roots: &[PathBuf]) -> Result<()> {
        let mut canonical = Vec::new();
        for root in roots {
            let dir = std::fs::canonicalize(root).map_err(|e| {
                Error::Invalid(format!("the problem import root {} cannot be used: {e}", root.display()))
            })?;
            if !dir.is_dir() {
                return Err(Error::Invalid(format!("the problem import root {} is not a directory", root.display())));
            }
            canonical.push(dir);
        }
        *self.inner.library.roots.lock().unwrap_or_else(|p| p.into_inner()) = canonical;
        Ok(())
    }

    /// The import roots, canonical.
    pub fn import_roots(&self) -> Vec<PathBuf> {
        self.inner.library.roots.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Where added problems live: `<data dir>/problems`. None for an
    /// in-memory store, which cannot keep problems, and for a Postgres
    /// store without [`Engine::set_data_dir`].
    pub fn problems_dir(&self) -> Option<PathBuf> {
        let given = self.inner.library.data_dir.lock().unwrap_or_else(|p| p.into_inner()).clone();
        given
            .or_else(|| self.inner.store.path().and_then(Path::parent).map(Path::to_path_buf))
            .map(|data| data.join(PROBLEMS_SUBDIR))
    }

    /// The data dir that keeps added problems when the store is not a file
    /// in it (a Postgres store): the server's `--data`. Such problems reach
    /// judge workers through the store (`archives.rs`).
    pub fn set_data_dir(&self, dir: &Path) {
        *self.inner.library.data_dir.lock().unwrap_or_else(|p| p.into_inner()) = Some(dir.to_path_buf());
    }

    /// For a server at start, before [`Engine::load_library`]: fails the
    /// imports a stop cut short and removes their staging files. Not for a
    /// short-lived process beside a running server (it would fail the
    /// server's validations). Returns how many were failed.
    pub async fn fail_interrupted_imports(&self) -> Result<u64> {
        let failed = sqlx::query(
            "UPDATE problem_imports SET status = 'failed', finished_ms = $1, \
             log = log || 'The server stopped before validation finished; upload the problem again.' \
             WHERE status = 'validating'",
        )
        .bind(self.now_ms())
        .execute(self.inner.store.pool())
        .await?
        .rows_affected();
        if let Some(staging) = self.problems_dir().map(|d| d.join(STAGING)).filter(|d| d.exists()) {
            if let Err(e) = std::fs::remove_dir_all(&staging) {
                tracing::warn!("cannot clear {}: {e}", staging.display());
            }
        }
        Ok(failed)
    }

    /// Adds every problem accepted earlier (by this or another process on
    /// the same data dir) to the catalog, and applies the hidden-from-draw
    /// marks. Returns the problems added.
    pub async fn load_library(&self) -> Result<usize> {
        let pool = self.inner.store.pool();
        let mut added = 0;
        if let Some(dir) = self.problems_dir() {
            let ready: Vec<String> = sqlx::query("SELECT slug FROM problem_imports WHERE status = 'ready' ORDER BY id")
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| r.try_get("slug"))
                .collect::<std::result::Result<_, _>>()?;
            for slug in ready {
                let path = dir.join(&slug);
                if self.catalog().is_uploaded(&slug) {
                    continue;
                }
                match oaj_spec::load(&path) {
                    Ok(problem) => match self.update_catalog(|c| c.add_uploaded(problem)) {
                        Ok(()) => added += 1,
                        Err(e) => tracing::warn!("the added problem {slug} is skipped: {e}"),
                    },
                    Err(e) => tracing::warn!("the added problem {slug} in {} does not load: {e}", path.display()),
                }
            }
        }
        let hidden: BTreeSet<String> = sqlx::query("SELECT slug FROM problems_hidden_from_draw")
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| r.try_get("slug"))
            .collect::<std::result::Result<_, _>>()?;
        self.update_catalog(|c| {
            for slug in &hidden {
                c.set_hidden_from_draw(slug, true);
            }
            Ok(())
        })?;
        Ok(added)
    }

    /// Hides a problem from drawing, or shows it again. Admins only.
    pub async fn set_hidden_from_draw(&self, admin: &Account, slug: &str, hidden: bool) -> Result<()> {
        require_admin(admin)?;
        self.catalog().require(slug)?;
        let pool = self.inner.store.pool();
        if hidden {
            sqlx::query(
                "INSERT INTO problems_hidden_from_draw (slug, hidden_by, hidden_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(slug)
            .bind(admin.id)
            .bind(self.now_ms())
            .execute(pool)
            .await?;
        } else {
            sqlx::query("DELETE FROM problems_hidden_from_draw WHERE slug = $1").bind(slug).execute(pool).await?;
        }
        self.update_catalog(|c| {
            c.set_hidden_from_draw(slug, hidden);
            Ok(())
        })
    }

    /// Refuses a problem hidden from drawing to anyone but an admin (an
    /// admin keeps practising and choosing it).
    pub(crate) async fn check_may_use(&self, user: UserId, catalog: &Catalog, slug: &str) -> Result<()> {
        if !catalog.is_hidden_from_draw(slug) {
            return Ok(());
        }
        let admin = self.inner.store.account(user).await?.is_some_and(|a| a.is_admin());
        if admin {
            Ok(())
        } else {
            Err(Error::NotFound(format!("no problem `{slug}` in the bank")))
        }
    }

    /// Starts adding a problem: unpacks or copies it, records the import
    /// and validates it in the background. Returns the import id at once;
    /// [`Engine::problem_import`] follows it. `slug` overrides the name of
    /// the problem's folder (or of the zip).
    pub async fn import_problem(&self, admin: &Account, source: ImportSource<'_>, slug: Option<&str>) -> Result<i64> {
        require_admin(admin)?;
        let problems_dir = self.problems_dir().ok_or_else(|| {
            Error::Invalid("this server keeps no files (an in-memory store); it cannot add problems".into())
        })?;
        let staging = problems_dir.join(STAGING);
        std::fs::create_dir_all(&staging).map_err(|e| fs_error("create", &staging, e))?;
        let unpacked = tempfile::Builder::new()
            .prefix("upload-")
            .tempdir_in(&staging)
            .map_err(|e| fs_error("create a directory in", &staging, e))?;
        let top = unpacked.path().join("files");
        let (described, fallback_slug) = match source {
            ImportSource::Zip { file_name, bytes } => {
                let into = top.clone();
                tokio::task::spawn_blocking(move || unpack::unzip(&bytes, &into, PROBLEM_LIMITS))
                    .await
                    .map_err(|e| Error::Store(format!("unpacking the upload stopped: {e}")))?
                    .map_err(|e| Error::Invalid(format!("the zip {file_name:?} was refused: {e}")))?;
                let stem = Path::new(file_name).file_stem().map(|s| s.to_string_lossy().to_lowercase());
                (format!("zip {file_name}"), stem)
            }
            ImportSource::Directory(path) => {
                let dir = self.allowed_directory(path)?;
                let into = top.clone();
                let from = dir.clone();
                tokio::task::spawn_blocking(move || unpack::copy_tree(&from, &into, PROBLEM_LIMITS))
                    .await
                    .map_err(|e| Error::Store(format!("copying the directory stopped: {e}")))?
                    .map_err(|e| Error::Invalid(format!("the directory {} was refused: {e}", dir.display())))?;
                let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
                (format!("directory {}", dir.display()), name)
            }
        };
        let root = problem_root(&top)?;
        let format = if root.join("problem.toml").is_file() { "native" } else { "kattis" };
        let folder = (root != top).then(|| root.file_name().map(|n| n.to_string_lossy().into_owned())).flatten();
        let slug = match slug.map(str::trim).filter(|s| !s.is_empty()) {
            Some(given) => given.to_string(),
            None => folder.or(fallback_slug).unwrap_or_default(),
        };
        check_slug(&slug)?;
        if self.catalog().get(&slug).is_some() {
            return Err(Error::Conflict(format!(
                "a problem `{slug}` is already in the bank; a problem never changes once added (attempts use it), \
                 so upload it under another slug"
            )));
        }
        let id = self.insert_import(&slug, &described, format, admin.id).await?;
        // The problem's folder must be named after its slug: the loader
        // takes the slug from it.
        let job_dir = staging.join(id.to_string());
        let named = job_dir.join(&slug);
        let moved = std::fs::create_dir_all(&job_dir).and_then(|()| std::fs::rename(&root, &named));
        if let Err(e) = moved {
            let message = format!("cannot move the unpacked files into place: {e}");
            self.finish_import(id, ImportStatus::Failed, &message).await?;
            return Err(Error::Store(message));
        }
        drop(unpacked);
        tracing::info!(import = id, slug = %slug, source = %described, "validating an added problem");
        let engine = self.clone();
        tokio::spawn(async move {
            // Validation runs in a task of its own so that even a panic in it
            // ends as a failed import rather than one validating forever.
            let validating = {
                let (engine, slug, named) = (engine.clone(), slug.clone(), named.clone());
                tokio::spawn(async move { engine.validate_import(id, &slug, &named, format == "kattis").await })
            };
            let outcome = validating.await.unwrap_or_else(|e| Err(format!("validation stopped unexpectedly: {e}")));
            let _ = std::fs::remove_dir_all(&job_dir);
            engine.inner.library.progress.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
            let (status, log) = match outcome {
                Ok(log) => (ImportStatus::Ready, log),
                Err(log) => (ImportStatus::Failed, log),
            };
            tracing::info!(import = id, slug = %slug, status = status.as_str(), "validation of an added problem ended");
            if let Err(e) = engine.finish_import(id, status, &log).await {
                tracing::error!(import = id, "cannot record the end of a problem's validation: {e}");
            }
        });
        Ok(id)
    }

    /// `path` if it is a directory under an import root (after resolving
    /// symlinks and `..`), else why not.
    fn allowed_directory(&self, path: &str) -> Result<PathBuf> {
        let roots = self.import_roots();
        if roots.is_empty() {
            return Err(Error::Forbidden(
                "this server allows no directory imports; start it with --problem-import-root DIR to allow \
                 importing from under DIR"
                    .into(),
            ));
        }
        let refused = || {
            let shown: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
            Error::Forbidden(format!("{path:?} is not a directory under an allowed import root ({})", shown.join(", ")))
        };
        let dir = std::fs::canonicalize(path.trim()).map_err(|_| refused())?;
        if !dir.is_dir() || !roots.iter().any(|root| dir.starts_with(root)) {
            return Err(refused());
        }
        Ok(dir)
    }

    /// Validates an unpacked problem; Ok is the log of a problem now in the
    /// catalog, Err the log of one refused.
    async fn validate_import(
        &self,
        id: i64,
        slug: &str,
        dir: &Path,
        kattis: bool,
    ) -> std::result::Result<String, String> {
        let _slot = self.inner.pool.slots.clone().acquire_owned().await;
        let progress = {
            let engine = self.clone();
            move |text: String| {
                engine.inner.library.progress.lock().unwrap_or_else(|p| p.into_inner()).insert(id, text);
            }
        };
        progress("loading the problem".into());
        let mut log = String::new();
        let problem = if kattis {
            // Validated as the package it is (its own margins, warnings
            // rather than failures, as `oaj validate PACKAGE` does), with the
            // time limit computed when it has none.
            let package = oaj_spec::kattis::load(dir).map_err(|e| e.relative_to(dir).to_string())?;
            let say = |line: String| {
                progress(line.clone());
                tracing::info!(import = id, "{line}");
            };
            oaj_judge::validate::settle_time_limit(&self.inner.judge, package, &say).await?
        } else {
            if let Ok(Some(manifest)) = oaj_judge::generate::read_manifest(dir) {
                let missing: Vec<&String> =
                    manifest.keys().filter(|name| !dir.join("tests/hidden").join(name).is_file()).collect();
                if !missing.is_empty() {
                    return Err(format!(
                        "{} hidden case file(s) named in {} are missing (such as {}). Problems added to a running \
                         server ship their hidden cases as files: generators are not run on upload. Run `oaj gen \
                         {slug}` and upload the problem with tests/hidden/ filled.",
                        missing.len(),
                        oaj_judge::generate::MANIFEST,
                        missing[0]
                    ));
                }
            }
            oaj_spec::load(dir).map_err(|e| e.relative_to(dir).to_string())?
        };
        if let Err(e) = oaj_spec::testdata::check_test_data(&problem) {
            return Err(format!("the test data does not fit the signature:\n{}", e.relative_to(dir)));
        }
        let problem = Arc::new(problem);
        let report = oaj_judge::validate::validate_problem(&self.inner.judge, &problem, Some(&progress)).await;
        for message in &report.messages {
            log.push_str(message);
            log.push('\n');
        }
        if !report.rows.is_empty() {
            log.push('\n');
            log.push_str(&oaj_judge::validate::table_text(&report.rows));
            log.push('\n');
        }
        if report.failures > 0 {
            return Err(format!("{log}\n{} check(s) failed; the problem was not added.", report.failures));
        }
        if report.accepted_passed() == 0 {
            return Err(format!(
                "{log}\nno accepted solution passed: a problem added to a running server needs at least one \
                 reference solution under solutions/accepted/ (or submissions/accepted/) so its answers are checked."
            ));
        }
        progress("adding the problem to the bank".into());
        // What is kept: a package is written out as a native problem, its
        // computed time limit included, so it loads like any other.
        let kept = if kattis {
            let native = dir.parent().unwrap_or(dir).join(".native").join(slug);
            oaj_spec::kattis::write_native(&problem, &native)
                .map_err(|e| format!("{log}\ncannot convert the package: {e}"))?;
            native
        } else {
            dir.to_path_buf()
        };
        let Some(problems_dir) = self.problems_dir() else {
            return Err(format!("{log}\nthis server keeps no files"));
        };
        let target = problems_dir.join(slug);
        if target.exists() {
            return Err(format!("{log}\n{} already exists; the problem was not added", target.display()));
        }
        std::fs::rename(&kept, &target).map_err(|e| format!("{log}\ncannot move the problem into place: {e}"))?;
        // Loaded again from where it stays: a problem's paths point at its files.
        let placed = match oaj_spec::load(&target) {
            Ok(problem) => problem,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&target);
                return Err(format!("{log}\nthe problem does not load from {}: {e}", target.display()));
            }
        };
        if let Err(e) = self.update_catalog(|c| c.add_uploaded(placed)) {
            let _ = std::fs::remove_dir_all(&target);
            return Err(format!("{log}\n{e}"));
        }
        // Into the store for judge workers on other machines (`archives.rs`).
        self.publish_slug_in_background(slug);
        Ok(format!("{log}\nall checks passed; `{slug}` is in the bank."))
    }

    async fn insert_import(&self, slug: &str, source: &str, format: &str, by: UserId) -> Result<i64> {
        let inserted = sqlx::query(
            "INSERT INTO problem_imports (slug, source, format, status, log, added_by, added_ms) \
             VALUES ($1, $2, $3, 'validating', '', $4, $5) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(slug)
        .bind(source)
        .bind(format)
        .bind(by)
        .bind(self.now_ms())
        .fetch_optional(self.inner.store.pool())
        .await?;
        match inserted {
            Some(row) => Ok(row.try_get(0)?),
            None => Err(Error::Conflict(format!(
                "a problem `{slug}` is already being validated or was added; choose another slug"
            ))),
        }
    }

    async fn finish_import(&self, id: i64, status: ImportStatus, log: &str) -> Result<()> {
        sqlx::query("UPDATE problem_imports SET status = $1, log = $2, finished_ms = $3 WHERE id = $4")
            .bind(status.as_str())
            .bind(log)
            .bind(self.now_ms())
            .bind(id)
            .execute(self.inner.store.pool())
            .await?;
        Ok(())
    }

    /// Every import, newest first. Admins only.
    pub async fn problem_imports(&self, admin: &Account) -> Result<Vec<ProblemImport>> {
        require_admin(admin)?;
        let rows =
            sqlx::query(&format!("{IMPORT_SELECT} ORDER BY i.id DESC")).fetch_all(self.inner.store.pool()).await?;
        rows.iter().map(|r| self.import_from_row(r)).collect()
    }

    /// One import. Admins only.
    pub async fn problem_import(&self, admin: &Account, id: i64) -> Result<ProblemImport> {
        require_admin(admin)?;
        let row = sqlx::query(&format!("{IMPORT_SELECT} WHERE i.id = $1"))
            .bind(id)
            .fetch_optional(self.inner.store.pool())
            .await?
            .ok_or_else(|| Error::NotFound(format!("no problem import {id}")))?;
        self.import_from_row(&row)
    }

    fn import_from_row(&self, row: &crate::store::DbRow) -> Result<ProblemImport> {
        let id: i64 = row.try_get("id")?;
        let status = ImportStatus::parse(&row.try_get::<String, _>("status")?)?;
        let progress = (status == ImportStatus::Validating)
            .then(|| self.inner.library.progress.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned())
            .flatten();
        Ok(ProblemImport {
            id,
            slug: row.try_get("slug")?,
            source: row.try_get("source")?,
            format: row.try_get("format")?,
            status,
            log: row.try_get("log")?,
            progress,
            added_by: row.try_get("added_by")?,
            added_by_name: row.try_get::<Option<String>, _>("added_by_name")?.unwrap_or_default(),
            added_ms: row.try_get("added_ms")?,
            finished_ms: row.try_get("finished_ms")?,
        })
    }
}

const IMPORT_SELECT: &str = "SELECT i.id, i.slug, i.source, i.format, i.status, i.log, i.added_by, \
     u.name AS added_by_name, i.added_ms, i.finished_ms FROM problem_imports i LEFT JOIN users u ON u.id = i.added_by";

fn require_admin(account: &Account) -> Result<()> {
    if account.is_admin() {
        Ok(())
    } else {
        Err(Error::Forbidden("only an admin may add or hide problems".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        // (slug, accepted)
        let table = [
            ("two-sum", true),
            ("a", true),
            ("q_1", true),
            ("", false),
            ("-lead", false),
            ("Upper", false),
            ("../etc", false),
            ("a/b", false),
            ("sp ace", false),
            (".hidden", false),
            ("é", false),
        ];
        for (slug, ok) in table {
            assert_eq!(check_slug(slug).is_ok(), ok, "{slug:?}");
        }
        assert!(check_slug(&"a".repeat(64)).is_ok() && check_slug(&"a".repeat(65)).is_err());
    }

    #[test]
    fn the_problem_is_at_the_top_or_in_the_only_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |path: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        };
        // (files, where the problem is found: None when it is not)
        let table: &[(&[&str], Option<&str>)] = &[
            (&["top/problem.toml"], Some("top")),
            (&["folder/p/problem.yaml"], Some("folder/p")),
            (&["mac/p/problem.toml", "mac/__MACOSX/p/._problem.toml", "mac/.DS_Store"], Some("mac/p")),
            (&["two/a/problem.toml", "two/b/problem.toml"], None),
            (&["deep/a/b/problem.toml"], None),
            (&["none/readme.txt"], None),
        ];
        for (files, expected) in table {
            for file in *files {
                write(file);
            }
            let top = dir.path().join(files[0].split('/').next().expect("top"));
            let found = problem_root(&top).ok();
            assert_eq!(found, expected.map(|e| dir.path().join(e)), "{files:?}");
        }
    }
}
