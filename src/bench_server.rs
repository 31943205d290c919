//! `oaj bench --server`: submit-to-verdict latency through the web app
//! (HTTP submit, then the job's event stream until the verdict) next to the
//! same judging without it: the judge called in-process, and `oaj run` as a
//! process. Same problem, same source, same warm compile cache.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use oaj_judge::{CaseSelection, Judge, JudgeOptions, Submission, Verdict};
use oaj_oa::{Catalog, Engine, EngineConfig, Store, SystemClock, LOCAL_USER};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Latencies of one way of judging, in milliseconds.
struct Series(Vec<f64>);

impl Series {
    fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        if sorted.is_empty() {
            return f64::NAN;
        }
        // Nearest rank.
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }
}

pub fn bench_server(
    judge: Judge,
    problem_dir: &Path,
    solutions: &[(&str, &str)],
    langs: &[String],
    submissions: usize,
) -> anyhow::Result<ExitCode> {
    let work = tempfile::tempdir().context("cannot create a temporary directory")?;
    let bank = problem_dir.parent().context("the problem has no bank directory")?.to_path_buf();
    let slug = problem_dir.file_name().and_then(|n| n.to_str()).context("problem directory name")?.to_string();
    let problem = Arc::new(oaj_spec::load(problem_dir).map_err(|e| anyhow::anyhow!("{e}"))?);
    let hidden = problem.hidden.len();
    let judge = Arc::new(judge);
    let runtime = crate::runtime()?;
    let mut rows = Vec::new();
    runtime.block_on(async {
        let store = Store::open(&work.path().join("data")).await?;
        let catalog = Catalog::load(&bank)?;
        let config = EngineConfig { background: false, ..EngineConfig::default() };
        let engine = Engine::new(store, Arc::new(catalog), judge.clone(), Arc::new(SystemClock), config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?.to_string();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        // Submissions follow each other as fast as the judge answers: the
        // per-user submit limit would measure the limiter, not the judge.
        let state = oaj_server::AppState::new(engine.clone()).with_limits(oaj_server::Limits::unlimited());
        let server = tokio::spawn(oaj_server::serve(listener, state, async {
            let _ = stop_rx.await;
        }));

        for lang in langs {
            let Some((_, source)) = solutions.iter().find(|(id, _)| id == lang) else {
                bail!("no benchmark solution in {lang}");
            };
            let file = work.path().join(format!("solution.{}", extension(lang)));
            std::fs::write(&file, source)?;
            let attempt = engine.practice(LOCAL_USER, &slug).await?;
            let body = serde_json::json!({ "language": lang, "code": source }).to_string();
            // Warm-up: compile once, so every series below meets a warm cache.
            let warm = submit_and_follow(&addr, attempt, &body).await.with_context(|| format!("{lang}: warm-up"))?;
            if !warm.contains("\"verdict\":\"AC\"") {
                bail!("{lang}: the benchmark solution is not accepted: {}", tail(&warm));
            }
            let mut direct = Series(Vec::new());
            let mut binary = Series(Vec::new());
            let mut served = Series(Vec::new());
            for _ in 0..submissions {
                // Interleaved, so a slow moment of the machine hits all three.
                let started = Instant::now();
                let submission = Submission { language: lang.clone(), source: source.to_string() };
                let options = JudgeOptions { cases: CaseSelection::Hidden, ..JudgeOptions::default() };
                let result = judge.judge(problem.clone(), submission, options, None).await?;
                direct.0.push(ms(started.elapsed()));
                if result.verdict != Verdict::AC {
                    bail!("{lang}: {} in-process", result.verdict);
                }

                let started = Instant::now();
                let status = Command::new(std::env::current_exe()?)
                    .arg("--problems-dir")
                    .arg(&bank)
                    .args(["run", &slug])
                    .arg(&file)
                    .arg("--json")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()?;
                binary.0.push(ms(started.elapsed()));
                if !status.success() {
                    bail!("{lang}: `oaj run` exited with {status}");
                }

                let started = Instant::now();
                let events = submit_and_follow(&addr, attempt, &body).await?;
                served.0.push(ms(started.elapsed()));
                if !events.contains("\"verdict\":\"AC\"") {
                    bail!("{lang}: not AC through the server: {}", tail(&events));
                }
            }
            rows.push((lang.clone(), direct, binary, served));
        }
        let _ = stop_tx.send(());
        server.await??;
        Ok(())
    })?;

    println!(
        "submit-to-verdict latency, {hidden} hidden cases, {submissions} submissions per language (ms; p50 / p95)"
    );
    println!(
        "{:<8} {:>17} {:>17} {:>17} {:>16} {:>8}",
        "lang", "judge in-process", "oaj run (process)", "through server", "server - judge", "ratio"
    );
    for (lang, direct, binary, served) in &rows {
        let (d50, d95) = (direct.quantile(0.5), direct.quantile(0.95));
        let (b50, b95) = (binary.quantile(0.5), binary.quantile(0.95));
        let (s50, s95) = (served.quantile(0.5), served.quantile(0.95));
        println!(
            "{lang:<8} {:>17} {:>17} {:>17} {:>16} {:>7.2}x",
            format!("{d50:.1} / {d95:.1}"),
            format!("{b50:.1} / {b95:.1}"),
            format!("{s50:.1} / {s95:.1}"),
            format!("{:+.1}", s50 - d50),
            s50 / d50
        );
    }
    println!("(server - judge: what HTTP, the store, the queue and the event stream add at the median)");
    Ok(ExitCode::SUCCESS)
}

fn extension(lang: &str) -> &'static str {
    match lang {
        "cpp" => "cpp",
        "c" => "c",
        "python" => "py",
        "javascript" => "js",
        "java" => "java",
        "go" => "go",
        "rust" => "rs",
        _ => "txt",
    }
}

fn ms(elapsed: Duration) -> f64 {
    elapsed.as_secs_f64() * 1000.0
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(600);
    text.get(start..).unwrap_or(text)
}

/// POSTs a submission, then reads the job's event stream until the final
/// event; returns the stream's text.
async fn submit_and_follow(addr: &str, attempt: i64, body: &str) -> anyhow::Result<String> {
    let request = format!(
        "POST /api/oa/{attempt}/1/submit HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let reply = exchange(addr, &request, None).await?;
    let job: i64 = reply
        .split("\"job\":")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .with_context(|| format!("no job id in the reply: {}", tail(&reply)))?;
    let request = format!("GET /api/jobs/{job}/events HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    exchange(addr, &request, Some("\"state\":\"done\"")).await
}

/// Sends `request`; reads until the connection closes, or until `until`
/// appears followed by the end of that event.
async fn exchange(addr: &str, request: &str, until: Option<&str>) -> anyhow::Result<String> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    stream.write_all(request.as_bytes()).await?;
    let mut text = String::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(120), stream.read(&mut buf)).await??;
        if n == 0 {
            return Ok(text);
        }
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
        if let Some(marker) = until {
            if let Some(at) = text.find(marker) {
                if text[at..].contains("\n\n") {
                    return Ok(text);
                }
            }
        }
    }
}
