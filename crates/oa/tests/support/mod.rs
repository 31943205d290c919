//! Stores for the engine and store tests on both backends: a SQLite store in
//! a temp dir, or a fresh database in a throwaway PostgreSQL cluster that
//! this test process starts itself (no external service).
//!
//! The cluster is an [`oaj_oa::pg_cluster::PgCluster`] (initdb in /tmp, a
//! unix socket only, one database per test), with durability off. It is
//! started once per test binary, on first use, and stopped and removed when
//! the process exits (`oaj_oa::pg_cluster::process_cluster`).
//! Without PostgreSQL the Postgres variants skip loudly, and fail in CI
//! (`CI=true`), by the rule in tests/support.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use oaj_oa::pg_cluster::{ClusterOptions, PgCluster};
use oaj_oa::Store;

#[path = "../../../../tests/support/toolchain.rs"]
mod toolchain;

/// Runs each listed test on SQLite and on Postgres. The test is a plain
/// `async fn name(store: TestStore)` (or `fn` after `sync`); this makes the
/// tests `name::sqlite` and `name::postgres` that call it with a store of
/// their backend, so no test body is written twice.
#[macro_export]
macro_rules! on_both_backends {
    (async: $($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::support::TestStore::sqlite()).await
                }
                #[tokio::test]
                async fn postgres() {
                    if let Some(store) = $crate::support::TestStore::postgres() {
                        super::$name(store).await
                    }
                }
            }
        )*
    };
    (sync: $($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name($crate::support::TestStore::sqlite())
                }
                #[test]
                fn postgres() {
                    if let Some(store) = $crate::support::TestStore::postgres() {
                        super::$name(store)
                    }
                }
            }
        )*
    };
}

/// Whether Python (the language of the tests' programs) is installed: a
/// failure in CI, else a loud skip, by the rule in tests/support.
pub fn python_available() -> bool {
    let present = oaj_judge::Languages::bundled()
        .get("python")
        .is_ok_and(|language| matches!(language.toolchain(), oaj_judge::Toolchain::Present { .. }));
    if !present {
        toolchain::missing("the python toolchain", "see `oaj langs`");
    }
    present
}

/// The judge of the engine tests: the bundled languages, no sandbox (the
/// programs are the tests' own), two cases at a time, builds cached in `cache`.
pub fn judge(cache: &Path) -> std::sync::Arc<oaj_judge::Judge> {
    let sandbox = oaj_sandbox::Sandbox::with_config(oaj_sandbox::SandboxConfig {
        mode: oaj_sandbox::IsolationMode::Disabled,
        ..oaj_sandbox::SandboxConfig::default()
    });
    let mut config = oaj_judge::JudgeConfig::new(oaj_judge::Languages::bundled(), sandbox, cache.to_path_buf());
    config.parallelism = 2;
    std::sync::Arc::new(oaj_judge::Judge::new(config))
}

/// Writes `bank/<slug>`: "Double (slug)", print twice the number, with
/// hidden cases a (n = 1), b and c, c worth 2 points.
pub fn write_double(bank: &Path, slug: &str, difficulty: &str, topics: &[&str]) {
    let topics: Vec<String> = topics.iter().map(|t| format!("\"{t}\"")).collect();
    let files: &[(&str, String)] = &[
        (
            "problem.toml",
            format!(
                "title = \"Double ({slug})\"\ndifficulty = \"{difficulty}\"\nkind = \"stdio\"\ntime_limit_ms = 2000\n\
                 memory_limit_mb = 256\ntopics = [{}]\n\n[points]\nc = 2\n",
                topics.join(", ")
            ),
        ),
        ("statement.md", "Print twice the number.\n".into()),
        ("tests/sample/1.in", "3\n".into()),
        ("tests/sample/1.ans", "6\n".into()),
        ("tests/hidden/a.in", "1\n".into()),
        ("tests/hidden/a.ans", "2\n".into()),
        ("tests/hidden/b.in", "5\n".into()),
        ("tests/hidden/b.ans", "10\n".into()),
        ("tests/hidden/c.in", "7\n".into()),
        ("tests/hidden/c.ans", "14\n".into()),
    ];
    write_files(&bank.join(slug), files);
}

/// Writes files given as (relative path, text) under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, String)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// Where a test's store lives.
pub enum TestStore {
    /// `oaj.sqlite3` in a data dir of its own.
    Sqlite { dir: tempfile::TempDir },
    /// A database of its own in the shared throwaway cluster.
    Postgres { url: String },
}

impl TestStore {
    pub fn sqlite() -> TestStore {
        TestStore::Sqlite { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A new empty database, or None (after a loud notice) when PostgreSQL
    /// is not installed outside CI.
    pub fn postgres() -> Option<TestStore> {
        let cluster = match cluster() {
            Ok(cluster) => cluster,
            Err(Missing(detail)) => {
                toolchain::missing("PostgreSQL (initdb, pg_ctl)", &detail);
                return None;
            }
        };
        let url = cluster.create_database().unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
        Some(TestStore::Postgres { url })
    }

    /// Opens the store; a second open sees what the first one wrote (a
    /// restart).
    pub async fn open(&self) -> Store {
        match self {
            TestStore::Sqlite { dir } => Store::open(&dir.path().join("data")).await.expect("SQLite store"),
            TestStore::Postgres { url } => Store::connect(url).await.expect("Postgres store"),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestStore::Postgres { .. })
    }
}

/// Why there is no cluster: PostgreSQL is not installed.
struct Missing(String);

/// The cluster of this test process (durability off, since it dies with
/// the tests), started on first use and stopped at exit.
fn cluster() -> Result<&'static PgCluster, Missing> {
    let options = ClusterOptions { label: "test", max_connections: 200, durable: false };
    oaj_oa::pg_cluster::process_cluster(&options).map_err(Missing)
}
