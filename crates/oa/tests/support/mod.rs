//! Stores for the engine and store tests on both backends: a SQLite store in
//! a temp dir, or a fresh database in a throwaway PostgreSQL cluster that
//! this test process starts itself (no external service).
//!
//! The cluster: `initdb` into a temp dir (as the unprivileged `nobody` when
//! the tests run as root, since `initdb` refuses root), `postgres` listening
//! on a unix socket in that dir only (no TCP port to clash with), one
//! database per test. It is started once per test binary, on first use, and
//! stopped and removed when the process exits (an `atexit` hook, which also
//! runs after failed tests). Without PostgreSQL the Postgres variants skip
//! loudly, and fail in CI (`CI=true`), by the rule in tests/support.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

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
        Some(TestStore::Postgres { url: cluster.create_database() })
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

/// The cluster of this test process, started on first use. A cluster that
/// is installed but fails to start is a failed test, not a skip.
fn cluster() -> Result<&'static Cluster, Missing> {
    static STARTED: OnceLock<Result<&'static Cluster, String>> = OnceLock::new();
    let started = STARTED.get_or_init(|| {
        let bin = postgres_bin().ok_or_else(|| {
            "no initdb in /usr/lib/postgresql/*/bin, $OAJ_PG_BIN or PATH (Debian: apt-get install postgresql)"
                .to_string()
        })?;
        let cluster = Cluster::start(bin).unwrap_or_else(|e| panic!("cannot start a throwaway PostgreSQL: {e}"));
        let cluster: &'static Cluster = Box::leak(Box::new(cluster));
        *RUNNING.lock().unwrap() = Some(cluster);
        // SAFETY: registering a plain extern "C" function with atexit.
        unsafe { libc::atexit(stop_at_exit) };
        Ok(cluster)
    });
    started.as_ref().copied().map_err(|detail| Missing(detail.clone()))
}

/// The cluster to stop at exit (taken once).
static RUNNING: Mutex<Option<&'static Cluster>> = Mutex::new(None);

extern "C" fn stop_at_exit() {
    if let Some(cluster) = RUNNING.lock().ok().and_then(|mut c| c.take()) {
        cluster.stop();
    }
}

/// The directory of `initdb`, `pg_ctl` and `createdb`: `$OAJ_PG_BIN`, else
/// Debian's newest /usr/lib/postgresql/N/bin, else wherever PATH has initdb.
fn postgres_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("OAJ_PG_BIN").filter(|d| !d.is_empty()) {
        // Named on purpose: no initdb there is PostgreSQL missing, not a
        // reason to look elsewhere.
        let dir = PathBuf::from(dir);
        return dir.join("initdb").is_file().then_some(dir);
    }
    let debian = std::fs::read_dir("/usr/lib/postgresql").ok().and_then(|entries| {
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path().join("bin"))))
            .filter(|(_, bin)| bin.join("initdb").is_file())
            .max_by_key(|(version, _)| *version)
            .map(|(_, bin)| bin)
    });
    debian.or_else(|| {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path).find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
        })
    })
}

struct Cluster {
    /// Holds the data dir, the socket and the log; removed at stop.
    dir: PathBuf,
    bin: PathBuf,
    /// Runs the server's tools as this user (root may not run them).
    user: Option<&'static str>,
    next_database: AtomicUsize,
}

impl Cluster {
    fn start(bin: PathBuf) -> Result<Cluster, String> {
        // /tmp rather than $TMPDIR: `nobody` must reach the directory, and a
        // unix socket path is limited to 107 bytes.
        let base = if Path::new("/tmp").is_dir() { PathBuf::from("/tmp") } else { std::env::temp_dir() };
        let dir = tempfile::Builder::new().prefix("oaj-pg-").tempdir_in(base).map_err(|e| e.to_string())?.keep();
        // SAFETY: geteuid has no preconditions.
        let user = (unsafe { libc::geteuid() } == 0).then_some("nobody");
        if let Some(user) = user {
            let (uid, gid) = user_ids(user)?;
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid))
                .map_err(|e| format!("cannot give {} to {user}: {e}", dir.display()))?;
        }
        let cluster = Cluster { dir, bin, user, next_database: AtomicUsize::new(0) };
        let data = cluster.dir.join("data");
        let log = cluster.dir.join("postgres.log");
        cluster.run(
            "initdb",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-A".as_ref(),
                "trust".as_ref(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "-E".as_ref(),
                "UTF8".as_ref(),
                "--locale=C".as_ref(),
                "--no-sync".as_ref(),
            ],
        )?;
        // No TCP (listen_addresses empty), the socket in our dir; durability
        // off, since the cluster dies with the tests.
        let server_options = format!(
            "-k {} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
             -c max_connections=200",
            cluster.dir.display()
        );
        let started = cluster.run(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-l".as_ref(),
                log.as_os_str(),
                "-w".as_ref(),
                "-t".as_ref(),
                "60".as_ref(),
                "-o".as_ref(),
                server_options.as_ref(),
                "start".as_ref(),
            ],
        );
        if let Err(e) = started {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            cluster.stop();
            return Err(format!("{e}\n--- postgres.log ---\n{log}"));
        }
        Ok(cluster)
    }

    /// Runs one of PostgreSQL's programs as the cluster's user.
    fn run(&self, program: &str, args: &[&std::ffi::OsStr]) -> Result<(), String> {
        let path = self.bin.join(program);
        let mut command = match self.user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&path);
                c
            }
            None => Command::new(&path),
        };
        // The tools must not read a developer's PG* settings.
        for var in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGDATA"] {
            command.env_remove(var);
        }
        let output =
            command.args(args).current_dir(&self.dir).output().map_err(|e| format!("cannot run {program}: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "{program} {args:?} failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(())
    }

    /// A new empty database; its URL connects through the socket.
    fn create_database(&self) -> String {
        let name = format!("oaj_test_{}", self.next_database.fetch_add(1, Ordering::SeqCst));
        let socket = self.dir.as_os_str();
        self.run("createdb", &["-h".as_ref(), socket, "-U".as_ref(), "postgres".as_ref(), name.as_ref()])
            .unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
        format!("postgres://postgres@localhost/{name}?host={}", self.dir.display())
    }

    /// Stops the server at once and removes its directory.
    fn stop(&self) {
        let data = self.dir.join("data");
        if data.join("postmaster.pid").exists() {
            let stopped = self.run(
                "pg_ctl",
                &["-D".as_ref(), data.as_os_str(), "-m".as_ref(), "immediate".as_ref(), "-w".as_ref(), "stop".as_ref()],
            );
            if let Err(e) = stopped {
                eprintln!("cannot stop the test PostgreSQL in {}: {e}", self.dir.display());
                return;
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The uid and gid of a system user.
fn user_ids(user: &str) -> Result<(u32, u32), String> {
    let name = std::ffi::CString::new(user).map_err(|e| e.to_string())?;
    // SAFETY: getpwnam reads a NUL-terminated name; the result is copied at once.
    let entry = unsafe { libc::getpwnam(name.as_ptr()) };
    if entry.is_null() {
        return Err(format!("there is no user {user} to run PostgreSQL as (root may not)"));
    }
    // SAFETY: non-null, as checked.
    let entry = unsafe { &*entry };
    Ok((entry.pw_uid, entry.pw_gid))
}
