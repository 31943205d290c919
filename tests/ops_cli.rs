#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Operating a server through the real binary: `oaj backup` while the
//! server writes, `oaj serve --config` (with flags over the file), and the
//! separate metrics address.

mod support;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use support::server::{http, Server, ServerOptions};
use support::{stdio_problem, TestDir};

fn bank(t: &TestDir) {
    stdio_problem(t, "bank/add", "", &[("sample", "1", "1 2\n", "3\n"), ("hidden", "a", "2 2\n", "4\n")]);
}

fn options(t: &TestDir, data: Option<&Path>, args: &[&str]) -> ServerOptions<'static> {
    ServerOptions {
        cwd: t.path().to_path_buf(),
        cache: t.cache(),
        bank: t.path().join("bank"),
        data: data.map(Path::to_path_buf),
        env: Vec::new(),
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

/// The attempts of the local user in the store of `data`, through the engine.
fn attempts_in(t: &TestDir, data: &Path) -> usize {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = oaj_oa::Store::open(data).await.unwrap();
        let catalog = oaj_oa::Catalog::load(&t.path().join("bank")).unwrap();
        let sandbox = oaj_sandbox::Sandbox::with_config(oaj_sandbox::SandboxConfig {
            mode: oaj_sandbox::IsolationMode::Disabled,
            ..oaj_sandbox::SandboxConfig::default()
        });
        let judge = oaj_judge::JudgeConfig::new(oaj_judge::Languages::bundled(), sandbox, t.cache());
        let config = oaj_oa::EngineConfig { background: false, ..oaj_oa::EngineConfig::default() };
        let engine = oaj_oa::Engine::new(
            store,
            Arc::new(catalog),
            Arc::new(oaj_judge::Judge::new(judge)),
            Arc::new(oaj_oa::SystemClock),
            config,
        );
        engine.history(oaj_oa::LOCAL_USER).await.unwrap().len()
    })
}

#[test]
fn backup_while_the_server_writes_is_consistent_and_complete() {
    let t = TestDir::new();
    bank(&t);
    let data = t.path().join("data");
    // A file beside the database (uploaded problems live there).
    t.write(&[("data/problems/add/problem.toml", b"title = \"x\"\n")]);
    let server = Server::start(&options(&t, Some(&data), &[]));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (addr, acknowledged, stop) = (server.addr.clone(), acknowledged.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let reply = http(&addr, "POST", "/oa", Some("application/x-www-form-urlencoded"), "problems=add");
                assert_eq!(reply.status, 303, "{reply:?}");
                let attempt = reply.header("location").unwrap().strip_suffix("/1").unwrap().to_string();
                let draft = r#"{"language":"python","code":"print(1)\n"}"#;
                let saved = http(&addr, "POST", &format!("/api{attempt}/1/draft"), Some("application/json"), draft);
                assert_eq!(saved.status, 200, "{saved:?}");
                acknowledged.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    support::server::wait_for(std::time::Duration::from_secs(30), "the writer's first OAs", || {
        assert!(!writer.is_finished(), "the writer stopped");
        (acknowledged.load(Ordering::SeqCst) >= 5).then_some(())
    });
    let dest = t.path().join("backup");
    let before = acknowledged.load(Ordering::SeqCst);
    let output = t.oaj().arg("backup").arg(&dest).arg("--data").arg(&data).output().unwrap();
    let after = acknowledged.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("oaj.sqlite3") && stdout.contains("problem.toml"), "{stdout}");
    assert!(after > before, "the server kept writing during the backup ({before} then {after})");

    // What the backup wrote, before the check below opens the copy (opening
    // a database in WAL mode makes its own -wal and -shm files).
    for skipped in ["oaj.sqlite3-wal", "oaj.sqlite3-shm"] {
        assert!(data.join(skipped).exists(), "the live store has {skipped}");
        assert!(!dest.join(skipped).exists(), "{skipped} is not copied");
    }

    // One instant of the database: every OA acknowledged before the backup
    // began, none started after it ended.
    let found = attempts_in(&t, &dest);
    assert!((before..=after).contains(&found), "{found} attempts in the backup; {before} before, {after} after");
    assert_eq!(std::fs::read(dest.join("problems/add/problem.toml")).unwrap(), b"title = \"x\"\n");
    drop(server);

    // Never over a non-empty directory, never into the data directory.
    for (target, needle) in [(dest.clone(), "not empty"), (data.join("inner"), "inside the data directory")] {
        let output = t.oaj().arg("backup").arg(&target).arg("--data").arg(&data).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(needle), "{stderr}");
    }
    let output = t.oaj().arg("backup").arg(t.path().join("b2")).arg("--data").arg(t.path().join("bank")).output();
    let stderr = String::from_utf8_lossy(&output.unwrap().stderr).into_owned();
    assert!(stderr.contains("not an OA Judge data directory"), "{stderr}");
}

#[test]
fn serve_reads_its_config_file_and_flags_override_it() {
    let t = TestDir::new();
    bank(&t);
    // addr in the file is overridden by the --addr flag the helper passes.
    let config = "addr = \"127.0.0.1:1\"\ndata = \"from-file\"\nmetrics_addr = \"127.0.0.1:0\"\n\
                  [judge]\nparallel = 3\nqueue = 5\n";
    t.write(&[("conf/oaj.toml", config.as_bytes())]);
    let file = t.path().join("conf/oaj.toml").display().to_string();
    let server = Server::start(&options(&t, None, &["--config", &file, "--queue", "7"]));
    // stdout is read by a thread: wait for the summary's last line.
    support::server::wait_for(std::time::Duration::from_secs(5), "the summary", || {
        server.stdout().contains("Press Ctrl-C").then_some(())
    });
    let stdout = server.stdout();
    assert!(stdout.contains("judge:    3 at once, 7 may wait"), "{stdout}");
    assert!(t.path().join("conf/from-file/oaj.sqlite3").is_file(), "data is relative to the file: {stdout}");
    let metrics_url = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("metrics:").map(|u| u.trim().to_string()))
        .unwrap_or_else(|| panic!("no metrics line in {stdout}"));
    let metrics_addr = metrics_url.trim_start_matches("http://").trim_end_matches("/metrics").to_string();
    let reply = http(&metrics_addr, "GET", "/metrics", None, "");
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(reply.body.contains("oaj_judge_slots 3"), "{}", reply.body);
    assert_eq!(http(&metrics_addr, "GET", "/", None, "").status, 404);
    // On the main address the local user is an admin.
    assert_eq!(server.get("/metrics").status, 200);
    assert_eq!(server.get("/readyz").status, 200);
}

#[test]
fn a_bad_config_file_names_the_file_and_the_key() {
    let t = TestDir::new();
    bank(&t);
    // (file contents, what stderr must say)
    let table: &[(&str, &[&str])] = &[
        ("adress = \"127.0.0.1:8080\"\n", &["adress", "oaj.toml"]),
        ("[judge]\nparallel = 0\n", &["judge.parallel", "oaj.toml"]),
        ("trust_proxy = true\n", &["trust_proxy", "needs accounts"]),
        ("addr = \"0.0.0.0:8080\"\n", &["refusing to listen"]),
    ];
    for (text, needles) in table {
        t.write(&[("oaj.toml", text.as_bytes())]);
        let output = t.oaj().args(["serve", "--config", "oaj.toml"]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for needle in *needles {
            assert!(stderr.contains(needle), "{text:?}: {needle:?} missing from {stderr}");
        }
    }
    let output = t.oaj().args(["serve", "--config", "missing.toml"]).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.toml"));
}
