#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The short load test of CI: `oaj bench --server --members 5` for 20 s on
//! a loopback port. Every member takes at least one whole OA (pages,
//! autosaves, a run, a wrong and a right submission per problem, finish,
//! report) with the verdicts it expects, and nothing fails. The full run
//! (30 members, three minutes) is recorded in docs/performance.md.

mod support;

use support::{toolchain_available, TestDir};

#[test]
fn five_members_take_oas_for_twenty_seconds_without_an_error() {
    if !toolchain_available("python") {
        return;
    }
    let t = TestDir::new();
    let output = t
        .oaj()
        .args(["bench", "--server", "--members", "5", "--duration", "20", "--think-ms", "300"])
        .args(["--cases", "5", "--langs", "python"])
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("errors: 0"), "{stdout}");
    let count = |label: &str| -> usize {
        let line = stdout.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label}: {stdout}"));
        line[label.len()..].split_whitespace().next().unwrap().parse().unwrap()
    };
    let finished: usize =
        stdout.split(" OAs finished").next().unwrap().split_whitespace().last().unwrap().parse().unwrap();
    assert!(finished >= 5, "every member finished an OA: {stdout}");
    // Per OA: home, two editor pages and the report; two runs; four submissions.
    assert!(count("page loads") >= 4 * finished, "{stdout}");
    assert!(count("run to result") >= 2 * finished, "{stdout}");
    assert!(count("submit to verdict") >= 4 * finished, "{stdout}");
    assert!(count("autosaves") >= 6 * finished, "{stdout}");
}

/// `oaj bench --workers` in its smallest form, so it cannot rot: a
/// throwaway PostgreSQL, `oaj serve --judge-parallel 0` and one pinned
/// `oaj worker` judge three C++ submissions, then two fake workers empty a
/// queue of 40 jobs through the store alone. The full run is recorded in
/// docs/performance.md.
#[test]
fn the_workers_bench_judges_through_a_worker_and_measures_the_store() {
    if !toolchain_available("cpp") {
        return;
    }
    // Where the bench itself will look.
    if !support::postgres_available() {
        return;
    }
    let t = TestDir::new();
    let output = t
        .oaj()
        .args(["bench", "--workers", "--configs", "pg-1", "--langs", "cpp", "--submissions", "3", "--cases", "3"])
        .args(["--claimers", "2", "--claim-jobs", "40"])
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    // config, lang, judged: all three judged, and no error in the last column.
    let row = stdout.lines().find(|l| l.starts_with("pg-1 ")).unwrap_or_else(|| panic!("no pg-1 row: {stdout}"));
    let fields: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(&fields[..3], ["pg-1", "cpp", "3/3"], "{stdout}");
    assert_eq!(fields.last(), Some(&"0"), "errors: {stdout}");
    let per_minute: f64 = fields[3].parse().unwrap();
    assert!(per_minute > 0.0, "{stdout}");
    // The store alone: N = 2 stored all 40 results, none failed.
    let claimers = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some("2") && l.split_whitespace().nth(1) == Some("40"))
        .unwrap_or_else(|| panic!("no claimers row for N = 2 with 40 jobs: {stdout}"));
    assert_eq!(claimers.split_whitespace().last(), Some("0"), "{stdout}");
}

/// `oaj bench --workers --database URL` on an existing PostgreSQL (here a
/// throwaway cluster the test starts, standing for a real server) with a
/// password in the URL, and `--queue 0`, so that the SQLite server (one
/// judging at once, none waiting) refuses the burst's back-to-back posts
/// with 503 and Retry-After: the password appears nowhere in what the
/// bench prints, the refusals are counted in the `503s` column, every
/// submission is still judged, and the databases the bench made on the
/// server are dropped at the end.
#[test]
fn the_workers_bench_uses_an_existing_postgres_and_counts_refusals() {
    use oaj_oa::pg_cluster::{ClusterOptions, PgCluster};
    if !toolchain_available("python") {
        return;
    }
    if !support::postgres_available() {
        return;
    }
    let cluster = PgCluster::start(&ClusterOptions { label: "benchdb", max_connections: 100, durable: false }).unwrap();
    // The cluster trusts local connections, so any password is accepted;
    // it must still never be printed.
    const PASSWORD: &str = "pw-never-printed-7f3a";
    let url = cluster.create_database().unwrap().replacen("postgres@", &format!("postgres:{PASSWORD}@"), 1);
    let t = TestDir::new();
    let output = t
        .oaj()
        .args(["bench", "--workers", "--configs", "sqlite-1,pg-1", "--langs", "python", "--submissions", "3"])
        .args(["--cases", "2"])
        .args(["--queue", "0", "--claimers", "2", "--claim-jobs", "20", "--database", url.as_str()])
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD), "the password was printed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("postgres: the existing PostgreSQL postgres://postgres:***@localhost/"), "{stdout}");

    let header = stdout.lines().find(|l| l.starts_with("config ")).unwrap_or_else(|| panic!("no header: {stdout}"));
    let columns: Vec<&str> = header.split_whitespace().collect();
    let refused_at = columns.iter().position(|c| *c == "503s").unwrap_or_else(|| panic!("no 503s column: {header}"));
    // (configuration, whether its server refuses posts): a Postgres server
    // that judges nothing hands every job to the store at once, so only
    // the SQLite one's queue fills.
    for (config, refuses) in [("sqlite-1", true), ("pg-1", false)] {
        let row = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{config} ")))
            .unwrap_or_else(|| panic!("no {config} row: {stdout}"));
        let fields: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(&fields[..3], [config, "python", "3/3"], "{stdout}");
        assert_eq!(fields.last(), Some(&"0"), "errors: {stdout}");
        // Some titles are two words and some values three ("p50 / p95"):
        // the column is found from the end.
        let refused: usize = fields[fields.len() - (columns.len() - refused_at)].parse().unwrap();
        assert_eq!(refused >= 1, refuses, "{config}: {refused} refusals\n{stdout}");
    }

    // The claimers ran on the existing server too, and every database the
    // bench made there is gone.
    assert!(stdout.contains("max_connections = 100"), "{stdout}");
    let databases = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        use sqlx::{Connection, Row};
        let mut connection = sqlx::PgConnection::connect(&url).await.unwrap();
        let rows = sqlx::query("SELECT datname FROM pg_database").fetch_all(&mut connection).await.unwrap();
        rows.iter().map(|r| r.get::<String, _>(0)).collect::<Vec<_>>()
    });
    assert!(!databases.iter().any(|d| d.starts_with("oaj_bench_")), "left behind: {databases:?}");
    assert!(databases.iter().any(|d| d.starts_with("oaj_benchdb_")), "the database of the URL stays: {databases:?}");
}
