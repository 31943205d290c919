//! A throwaway local PostgreSQL cluster, for `oaj bench --workers` and the
//! tests of the Postgres store: a data directory in a fresh directory in
//! /tmp, copied from one `initdb` made once (as the unprivileged `nobody`
//! when running as root, since `initdb` refuses root), `postgres`
//! listening on a unix socket in that directory only (no TCP port to clash
//! with), a new database per [`PgCluster::create_database`].
//! The server is stopped and its directory removed on drop (or
//! [`PgCluster::stop`], for a cluster that is never dropped).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What starting or using a throwaway cluster can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// PostgreSQL's server programs are not installed (or not where
    /// `$OAJ_PG_BIN` says).
    #[error("no initdb in $OAJ_PG_BIN, /usr/lib/postgresql/*/bin or PATH (Debian: apt-get install postgresql)")]
    NotInstalled,
    #[error("cannot create a directory for PostgreSQL in {}: {source}", dir.display())]
    Directory { dir: PathBuf, source: std::io::Error },
    #[error("there is no user {0} to run PostgreSQL as (root may not)")]
    NoUser(String),
    #[error("cannot give {} to {user}: {source}", dir.display())]
    Chown { dir: PathBuf, user: String, source: std::io::Error },
    #[error("cannot run {}: {source}", program.display())]
    Spawn { program: PathBuf, source: std::io::Error },
    #[error("{program} {args} failed ({status}): {output}")]
    Failed { program: String, args: String, status: std::process::ExitStatus, output: String },
    /// The server did not start; its log says why.
    #[error("{source}\n--- postgres.log ---\n{log}")]
    Start { source: Box<ClusterError>, log: String },
}

/// How to run the cluster.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// In the names of its directory (`oaj-<label>-pg-…`) and databases
    /// (`oaj_<label>_<n>`).
    pub label: &'static str,
    /// PostgreSQL's `max_connections`.
    pub max_connections: u32,
    /// PostgreSQL's default durability (fsync on), for measuring the store
    /// as it would run; off (no fsync, no synchronous commit, no full-page
    /// writes) for tests, whose cluster dies with them.
    pub durable: bool,
}

/// A running throwaway cluster.
#[derive(Debug)]
pub struct PgCluster {
    /// Holds the data dir, the socket and the log; removed at stop.
    dir: PathBuf,
    bin: PathBuf,
    /// Runs the server's tools as this user (root may not run them).
    user: Option<&'static str>,
    label: &'static str,
    next_database: AtomicUsize,
}

impl PgCluster {
    /// Starts a cluster; [`ClusterError::NotInstalled`] when there is no
    /// PostgreSQL to start.
    pub fn start(options: &ClusterOptions) -> Result<PgCluster, ClusterError> {
        let bin = postgres_bin().ok_or(ClusterError::NotInstalled)?;
        // /tmp rather than $TMPDIR: `nobody` must reach the directory, and a
        // unix socket path is limited to 107 bytes.
        let base = if Path::new("/tmp").is_dir() { PathBuf::from("/tmp") } else { std::env::temp_dir() };
        let dir = tempfile::Builder::new()
            .prefix(&format!("oaj-{}-pg-", options.label))
            .tempdir_in(&base)
            .map_err(|source| ClusterError::Directory { dir: base.clone(), source })?
            .keep();
        // SAFETY: geteuid has no preconditions.
        let user = (unsafe { libc::geteuid() } == 0).then_some("nobody");
        // From here on, dropping the cluster removes the directory.
        let cluster = PgCluster { dir, bin, user, label: options.label, next_database: AtomicUsize::new(0) };
        if let Some(user) = user {
            let (uid, gid) = user_ids(user)?;
            std::os::unix::fs::chown(&cluster.dir, Some(uid), Some(gid)).map_err(|source| ClusterError::Chown {
                dir: cluster.dir.clone(),
                user: user.to_string(),
                source,
            })?;
        }
        let data = cluster.dir.join("data");
        let log = cluster.dir.join("postgres.log");
        cluster.init_data(&base, &data)?;
        // No TCP (listen_addresses empty), the socket in our dir.
        let durability =
            if options.durable { "" } else { " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" };
        let server_options = format!(
            "-k {} -c listen_addresses={durability} -c max_connections={}",
            cluster.dir.display(),
            options.max_connections
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
            return Err(ClusterError::Start { source: Box::new(e), log });
        }
        Ok(cluster)
    }

    /// Makes the cluster's data directory: a copy of one `initdb` made once
    /// per machine, user and PostgreSQL build beneath `base` (every test
    /// process starts a cluster of its own, and `initdb` costs nearly a
    /// second of CPU where a copy costs a few milliseconds). The template is
    /// made under a lock, so concurrent first starts run `initdb` once.
    fn init_data(&self, base: &Path, data: &Path) -> Result<(), ClusterError> {
        // An upgraded PostgreSQL is another initdb file, so another template.
        let initdb = oaj_sandbox::FileIdentity::of(&self.bin.join("initdb")).ok();
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (INITDB_ARGS, &self.bin, initdb, self.user).hash(&mut hasher);
            hasher.finish()
        };
        // SAFETY: geteuid has no preconditions.
        let uid = unsafe { libc::geteuid() };
        let template = base.join(format!("oaj-pg-template-{uid}-{key:016x}"));
        let lock_path = template.with_extension("lock");
        let lock = std::fs::File::create(&lock_path)
            .map_err(|source| ClusterError::Directory { dir: lock_path.clone(), source })?;
        // SAFETY: plain flock on a descriptor we own; the lock goes when
        // `lock` is dropped (or the process dies).
        if unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX) } != 0 {
            return Err(ClusterError::Directory { dir: lock_path, source: std::io::Error::last_os_error() });
        }
        let template_data = template.join("data");
        if !template_data.join("PG_VERSION").is_file() {
            let _ = std::fs::remove_dir_all(&template);
            std::fs::create_dir(&template)
                .map_err(|source| ClusterError::Directory { dir: template.clone(), source })?;
            if let Some(user) = self.user {
                let (uid, gid) = user_ids(user)?;
                std::os::unix::fs::chown(&template, Some(uid), Some(gid)).map_err(|source| ClusterError::Chown {
                    dir: template.clone(),
                    user: user.to_string(),
                    source,
                })?;
            }
            let mut args: Vec<&OsStr> = vec!["-D".as_ref(), template_data.as_os_str()];
            args.extend(INITDB_ARGS.iter().map(OsStr::new));
            self.run("initdb", &args)?;
        }
        // As the cluster's user, so the copy is theirs; -a keeps the modes
        // PostgreSQL insists on (0700).
        self.run("cp", &["-a".as_ref(), template_data.as_os_str(), data.as_os_str()])
    }

    /// A new empty database; its URL connects through the socket.
    pub fn create_database(&self) -> Result<String, ClusterError> {
        let name = format!("oaj_{}_{}", self.label, self.next_database.fetch_add(1, Ordering::SeqCst));
        let socket = self.dir.as_os_str();
        self.run("createdb", &["-h".as_ref(), socket, "-U".as_ref(), "postgres".as_ref(), name.as_ref()])?;
        Ok(format!("postgres://postgres@localhost/{name}?host={}", self.dir.display()))
    }

    /// Stops the server at once and removes its directory. Harmless when
    /// already stopped; a server that will not stop keeps its directory
    /// (said on stderr, since this runs at drop and exit).
    pub fn stop(&self) {
        let data = self.dir.join("data");
        if data.join("postmaster.pid").exists() {
            let stopped = self.run(
                "pg_ctl",
                &["-D".as_ref(), data.as_os_str(), "-m".as_ref(), "immediate".as_ref(), "-w".as_ref(), "stop".as_ref()],
            );
            if let Err(e) = stopped {
                eprintln!("cannot stop the throwaway PostgreSQL in {}: {e}", self.dir.display());
                return;
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Runs one of PostgreSQL's programs as the cluster's user.
    fn run(&self, program: &str, args: &[&OsStr]) -> Result<(), ClusterError> {
        // PostgreSQL's programs from its bin directory, others (cp) by PATH.
        let path = match self.bin.join(program) {
            path if path.is_file() => path,
            _ => PathBuf::from(program),
        };
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
        let output = command
            .args(args)
            .current_dir(&self.dir)
            .output()
            .map_err(|source| ClusterError::Spawn { program: path.clone(), source })?;
        if !output.status.success() {
            return Err(ClusterError::Failed {
                program: program.to_string(),
                args: format!("{args:?}"),
                status: output.status,
                output: format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ),
            });
        }
        Ok(())
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `initdb`'s arguments besides the data directory. --no-sync: a crash
/// meanwhile loses only a throwaway cluster; a durable server itself still
/// runs with fsync on.
const INITDB_ARGS: &[&str] = &["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"];

/// The directory of `initdb`, `pg_ctl` and `createdb`: `$OAJ_PG_BIN`, else
/// Debian's newest /usr/lib/postgresql/N/bin, else wherever PATH has initdb
/// and pg_ctl. None: PostgreSQL is not installed.
pub fn postgres_bin() -> Option<PathBuf> {
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

/// The uid and gid of a system user.
fn user_ids(user: &str) -> Result<(u32, u32), ClusterError> {
    let name = std::ffi::CString::new(user).map_err(|_| ClusterError::NoUser(user.to_string()))?;
    // SAFETY: getpwnam reads a NUL-terminated name; the fields are copied at once.
    let entry = unsafe { libc::getpwnam(name.as_ptr()) };
    if entry.is_null() {
        return Err(ClusterError::NoUser(user.to_string()));
    }
    // SAFETY: non-null, as checked.
    let entry = unsafe { &*entry };
    Ok((entry.pw_uid, entry.pw_gid))
}

/// The cluster of this process, for test binaries: started on the first
/// call (with that call's options), and stopped and removed when the
/// process exits (an `atexit` hook, which also runs after failed tests).
/// Err (the reason, to skip loudly on) when PostgreSQL is not installed;
/// a cluster that is installed but fails to start is a panic, a failure
/// rather than a skip.
pub fn process_cluster(options: &ClusterOptions) -> Result<&'static PgCluster, String> {
    static STARTED: std::sync::OnceLock<Result<&'static PgCluster, String>> = std::sync::OnceLock::new();
    let started = STARTED.get_or_init(|| {
        let cluster = match PgCluster::start(options) {
            Ok(cluster) => cluster,
            Err(missing @ ClusterError::NotInstalled) => return Err(missing.to_string()),
            Err(e) => panic!("cannot start a throwaway PostgreSQL: {e}"),
        };
        // Leaked, so never dropped: the atexit hook stops it.
        let cluster: &'static PgCluster = Box::leak(Box::new(cluster));
        *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) = Some(cluster);
        // SAFETY: registering a plain extern "C" function with atexit.
        unsafe { libc::atexit(stop_at_exit) };
        Ok(cluster)
    });
    started.clone()
}

/// The process cluster to stop at exit (taken once).
static RUNNING: std::sync::Mutex<Option<&'static PgCluster>> = std::sync::Mutex::new(None);

extern "C" fn stop_at_exit() {
    if let Some(cluster) = RUNNING.lock().ok().and_then(|mut c| c.take()) {
        cluster.stop();
    }
}

/// Fresh databases on an existing PostgreSQL server rather than a
/// throwaway cluster (`oaj bench --workers --database URL`): each is
/// created through the database `url` names, as `oaj_<label>_<pid>_<n>`
/// (the role needs CREATEDB), and [`ScratchDatabases::drop_all`] drops the
/// ones made. The database of `url` itself is only connected to.
#[derive(Debug)]
pub struct ScratchDatabases {
    url: String,
    label: &'static str,
    next: AtomicUsize,
    created: std::sync::Mutex<Vec<String>>,
}

impl ScratchDatabases {
    pub fn new(url: &str, label: &'static str) -> ScratchDatabases {
        ScratchDatabases {
            url: url.to_string(),
            label,
            next: AtomicUsize::new(0),
            created: std::sync::Mutex::new(Vec::new()),
        }
    }

    async fn connect(&self) -> crate::Result<sqlx::PgConnection> {
        use sqlx::Connection;
        sqlx::PgConnection::connect(&self.url)
            .await
            .map_err(|e| crate::Error::Store(format!("cannot connect to {}: {e}", crate::redact_url(&self.url))))
    }

    /// A new empty database; returns its URL (`url` with its database
    /// replaced, the password kept).
    pub async fn create(&self) -> crate::Result<String> {
        use sqlx::Connection;
        let name = format!("oaj_{}_{}_{}", self.label, std::process::id(), self.next.fetch_add(1, Ordering::SeqCst));
        let mut connection = self.connect().await?;
        // The name is ours (letters, digits, underscores): nothing to escape.
        sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut connection).await.map_err(|e| {
            crate::Error::Store(format!(
                "cannot create the database {name} on {} (the role needs CREATEDB): {e}",
                crate::redact_url(&self.url)
            ))
        })?;
        let _ = connection.close().await;
        self.created.lock().unwrap_or_else(|e| e.into_inner()).push(name.clone());
        Ok(with_database(&self.url, &name))
    }

    /// PostgreSQL's `max_connections` on the server.
    pub async fn max_connections(&self) -> crate::Result<String> {
        use sqlx::{Connection, Row};
        let mut connection = self.connect().await?;
        let row = sqlx::query("SHOW max_connections").fetch_one(&mut connection).await?;
        let value: String = row.try_get(0)?;
        let _ = connection.close().await;
        Ok(value)
    }

    /// Drops every database [`ScratchDatabases::create`] made (closing
    /// what is still connected to them); returns those that could not be
    /// dropped, with why.
    pub async fn drop_all(&self) -> Vec<(String, crate::Error)> {
        use sqlx::Connection;
        let names = std::mem::take(&mut *self.created.lock().unwrap_or_else(|e| e.into_inner()));
        if names.is_empty() {
            return Vec::new();
        }
        let mut connection = match self.connect().await {
            Ok(connection) => connection,
            Err(e) => return names.into_iter().map(|n| (n, crate::Error::Store(e.to_string()))).collect(),
        };
        let mut failed = Vec::new();
        for name in names {
            let dropped =
                sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut connection).await;
            if let Err(e) = dropped {
                failed.push((name, e.into()));
            }
        }
        let _ = connection.close().await;
        failed
    }
}

/// `url` naming the database `name` instead of its own; the user,
/// password, host and parameters are kept.
pub fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let query = tail.find('?').map_or("", |at| &tail[at..]);
    format!("{scheme}://{authority}/{name}{query}")
}

/// `url` without its password, and the password (percent-decoded), for a
/// child process that should get it as `PGPASSWORD` rather than on its
/// command line.
pub fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else { return (url.to_string(), None) };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((user_info, host)) = authority.rsplit_once('@') else { return (url.to_string(), None) };
    let Some((user, password)) = user_info.split_once(':') else { return (url.to_string(), None) };
    (format!("{scheme}://{user}@{host}{tail}"), Some(percent_decode(password)))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_change_database_and_lose_their_password() {
        // (url, with the database `b`, without the password, the password)
        let table = [
            (
                "postgres://oaj:s3%2Fcret@db:5432/oaj?sslmode=disable",
                "postgres://oaj:s3%2Fcret@db:5432/b?sslmode=disable",
                "postgres://oaj@db:5432/oaj?sslmode=disable",
                Some("s3/cret"),
            ),
            ("postgres://oaj@db/oaj", "postgres://oaj@db/b", "postgres://oaj@db/oaj", None),
            (
                "postgres://postgres@localhost?host=/tmp/x",
                "postgres://postgres@localhost/b?host=/tmp/x",
                "postgres://postgres@localhost?host=/tmp/x",
                None,
            ),
            ("postgres://a:p@ss@h/x", "postgres://a:p@ss@h/b", "postgres://a@h/x", Some("p@ss")),
        ];
        for (url, other, bare, password) in table {
            assert_eq!(with_database(url, "b"), other, "{url}");
            assert_eq!(split_password(url), (bare.to_string(), password.map(str::to_string)), "{url}");
        }
    }
}
