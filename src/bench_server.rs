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
pub(crate) struct Series(pub(crate) Vec<f64>);

impl Series {
    pub(crate) fn quantile(&self, q: f64) -> f64 {
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

pub(crate) fn tail(text: &str) -> &str {
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
pub(crate) async fn exchange(addr: &str, request: &str, until: Option<&str>) -> anyhow::Result<String> {
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

// ---- the load test: simulated members taking OAs at the same time ----

/// What `oaj bench --server --members N` needs to know.
pub struct LoadOptions {
    pub members: usize,
    pub duration: Duration,
    /// Mean pause between a member's actions (uniform in 0.5x..1.5x).
    pub think: Duration,
    pub langs: Vec<String>,
}

/// Latencies of one kind of action, in milliseconds.
#[derive(Default)]
struct Timings {
    page: Vec<f64>,
    autosave: Vec<f64>,
    run: Vec<f64>,
    submit: Vec<f64>,
}

#[derive(Default)]
struct Tally {
    timings: Timings,
    /// Requests answered with 429, or 503 with Retry-After: back-pressure
    /// the server is meant to apply, retried after the time it asks.
    throttled: usize,
    requests: usize,
    oas_finished: usize,
    errors: Vec<String>,
}

/// One simulated member's HTTP side: a cookie jar and the CSRF token of the
/// last page, sent as browsers and editor.js send them.
struct Member {
    addr: String,
    cookies: std::collections::BTreeMap<String, String>,
    csrf: Option<String>,
    rng: u64,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Seconds to wait when this is deliberate back-pressure.
    fn retry_after(&self) -> Option<u64> {
        let seconds = self.header("retry-after").and_then(|v| v.trim().parse().ok());
        match self.status {
            429 => Some(seconds.unwrap_or(1)),
            503 => seconds,
            _ => None,
        }
    }
}

/// Logs simulated member `index` in before its first action. A server
/// without accounts acts as its one local user, so there is nothing to do.
/// On a server with accounts this is the one place to fill in: create the
/// user beforehand, then `member.send("POST", "/login", Some(FORM), &body)`
/// with `member.form(&[("name", ..), ("password", ..)])`; the cookie jar and
/// the CSRF token (read from every page) already do the rest.
async fn login(member: &mut Member, index: usize) -> anyhow::Result<()> {
    let _ = (member, index);
    Ok(())
}

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

impl Member {
    fn new(addr: &str, seed: u64) -> Member {
        Member { addr: addr.to_string(), cookies: Default::default(), csrf: None, rng: seed | 1 }
    }

    fn random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    async fn think(&mut self, mean: Duration) {
        let ms = mean.as_millis() as u64;
        let pause = ms / 2 + self.random() % (ms + 1);
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }

    /// A form body, with the CSRF field when the server gave a token.
    fn form(&self, fields: &[(&str, &str)]) -> String {
        let mut parts: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
        if let Some(token) = &self.csrf {
            parts.push(format!("csrf={}", url_encode(token)));
        }
        parts.join("&")
    }

    /// One request on a new connection; follows nothing. `until` stops
    /// reading a stream once that marker's event is complete.
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &str,
        until: Option<&str>,
    ) -> anyhow::Result<Reply> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            head.push_str(&format!("Cookie: {}\r\n", jar.join("; ")));
        }
        if let Some(token) = &self.csrf {
            head.push_str(&format!("X-CSRF-Token: {token}\r\n"));
        }
        if let Some(kind) = content_type {
            head.push_str(&format!("Content-Type: {kind}\r\nContent-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        head.push_str(body);
        let raw = exchange(&self.addr, &head, until).await.with_context(|| format!("{method} {path}"))?;
        let (head, body) = raw.split_once("\r\n\r\n").with_context(|| format!("{method} {path}: no headers"))?;
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("{method} {path}: no status line"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        for (_, cookie) in headers.iter().filter(|(n, _)| n == "set-cookie") {
            if let Some((name, value)) = cookie.split(';').next().and_then(|c| c.split_once('=')) {
                self.cookies.insert(name.trim().to_string(), value.trim().to_string());
            }
        }
        let reply = Reply { status, headers, body: body.to_string() };
        if reply.header("content-type").is_some_and(|t| t.starts_with("text/html")) {
            if let Some(token) = meta_csrf(&reply.body) {
                self.csrf = Some(token);
            }
        }
        Ok(reply)
    }
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The token of `<meta name="csrf-token" content="...">`, if the page has one.
fn meta_csrf(page: &str) -> Option<String> {
    let at = page.find("name=\"csrf-token\"")?;
    let rest = &page[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_string())
}

/// The member's actions, in order, on one OA of two problems.
struct Flow<'a> {
    member: Member,
    tally: &'a tokio::sync::Mutex<Tally>,
    think: Duration,
    language: String,
    correct: String,
    wrong: String,
}

impl Flow<'_> {
    /// Sends, retrying deliberate back-pressure after the time it asks for
    /// (at most 10 tries); counts the request and the latency of the try that
    /// got through.
    async fn call(
        &mut self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &str,
        until: Option<&str>,
    ) -> anyhow::Result<(Reply, f64)> {
        for _ in 0..10 {
            let started = Instant::now();
            let reply = self.member.send(method, path, content_type, body, until).await?;
            let took = ms(started.elapsed());
            let mut tally = self.tally.lock().await;
            tally.requests += 1;
            match reply.retry_after() {
                Some(seconds) => {
                    tally.throttled += 1;
                    drop(tally);
                    tokio::time::sleep(Duration::from_secs(seconds.clamp(1, 10))).await;
                }
                None => return Ok((reply, took)),
            }
        }
        bail!("{method} {path}: still refused after 10 tries")
    }

    async fn page(&mut self, path: &str) -> anyhow::Result<Reply> {
        let (reply, took) = self.call("GET", path, None, "", None).await?;
        if reply.status != 200 {
            bail!("GET {path}: {} {}", reply.status, tail(&reply.body));
        }
        self.tally.lock().await.timings.page.push(took);
        Ok(reply)
    }

    fn code_body(&self, code: &str) -> String {
        serde_json::json!({ "language": self.language, "code": code }).to_string()
    }

    /// POSTs a run or submission and follows its events to the end;
    /// returns the verdict and the time from the POST to it.
    async fn judged(&mut self, path: &str, code: &str) -> anyhow::Result<(String, f64)> {
        let started = Instant::now();
        let body = self.code_body(code);
        let (reply, _) = self.call("POST", path, Some(JSON), &body, None).await?;
        if reply.status != 200 {
            bail!("POST {path}: {} {}", reply.status, tail(&reply.body));
        }
        let job: serde_json::Value = serde_json::from_str(&reply.body).with_context(|| format!("POST {path}"))?;
        let job = job["job"].as_i64().with_context(|| format!("POST {path}: no job id in {}", reply.body))?;
        let events = format!("/api/jobs/{job}/events");
        let (stream, _) = self.call("GET", &events, None, "", Some("\"state\":\"done\"")).await?;
        let took = ms(started.elapsed());
        let verdict = stream
            .body
            .rsplit("\"verdict\":\"")
            .next()
            .and_then(|rest| rest.split('"').next())
            .filter(|_| stream.body.contains("\"state\":\"done\""))
            .with_context(|| format!("job {job}: no verdict in its events: {}", tail(&stream.body)))?
            .to_string();
        Ok((verdict, took))
    }

    async fn expect_verdict(&mut self, path: &str, code: &str, want: &str, submit: bool) -> anyhow::Result<()> {
        let (verdict, took) = self.judged(path, code).await?;
        if verdict != want {
            bail!("POST {path}: verdict {verdict}, expected {want}");
        }
        let mut tally = self.tally.lock().await;
        if submit {
            tally.timings.submit.push(took);
        } else {
            tally.timings.run.push(took);
        }
        Ok(())
    }

    /// Home, start, both problems (autosaves, a run, a wrong and a right
    /// submission), finish, report.
    async fn one_oa(&mut self) -> anyhow::Result<()> {
        self.page("/").await?;
        self.member.think(self.think).await;
        let form = self.member.form(&[("minutes", "60"), ("problems", "aplusb,aplusb-2")]);
        let (reply, _) = self.call("POST", "/oa", Some(FORM), &form, None).await?;
        let location = reply.header("location").unwrap_or_default().to_string();
        let Some(attempt) = location.strip_prefix("/oa/").and_then(|r| r.strip_suffix("/1")) else {
            bail!("POST /oa: {} without /oa/ID/1 ({location:?}): {}", reply.status, tail(&reply.body));
        };
        let attempt = attempt.to_string();
        for index in 1..=2 {
            self.page(&format!("/oa/{attempt}/{index}")).await?;
            let (wrong, correct) = (self.wrong.clone(), self.correct.clone());
            for typed in 1..=3 {
                self.member.think(self.think).await;
                // A draft growing as it is typed.
                let cut = correct.len() * typed / 3;
                let body = self.code_body(correct.get(..cut).unwrap_or(&correct));
                let path = format!("/api/oa/{attempt}/{index}/draft");
                let (reply, took) = self.call("POST", &path, Some(JSON), &body, None).await?;
                if reply.status != 200 {
                    bail!("POST {path}: {} {}", reply.status, tail(&reply.body));
                }
                self.tally.lock().await.timings.autosave.push(took);
            }
            self.member.think(self.think).await;
            self.expect_verdict(&format!("/api/oa/{attempt}/{index}/run"), &correct, "AC", false).await?;
            self.member.think(self.think).await;
            self.expect_verdict(&format!("/api/oa/{attempt}/{index}/submit"), &wrong, "WA", true).await?;
            self.member.think(self.think).await;
            self.expect_verdict(&format!("/api/oa/{attempt}/{index}/submit"), &correct, "AC", true).await?;
        }
        self.member.think(self.think).await;
        let form = self.member.form(&[]);
        let path = format!("/oa/{attempt}/finish");
        let (reply, _) = self.call("POST", &path, Some(FORM), &form, None).await?;
        if reply.status != 303 {
            bail!("POST {path}: {} {}", reply.status, tail(&reply.body));
        }
        self.page(&format!("/oa/{attempt}/report")).await?;
        self.tally.lock().await.oas_finished += 1;
        Ok(())
    }
}

/// Right only when a = b.
fn wrong_solution(lang: &str, correct: &str) -> String {
    match lang {
        "python" => "a, b = map(int, input().split())\nprint(a + a)\n".to_string(),
        _ => correct.replacen("a+b", "a+a", 1).replacen("a + b", "a + a", 1),
    }
}

fn quantiles(values: &[f64]) -> String {
    let series = Series(values.to_vec());
    let max = values.iter().copied().fold(f64::NAN, f64::max);
    format!(
        "{:>6} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
        values.len(),
        series.quantile(0.5),
        series.quantile(0.95),
        series.quantile(0.99),
        max
    )
}

/// `oaj bench --server --members N`: N members take OAs against one server
/// on a loopback port for `duration`, then the latencies and errors.
pub fn load_test(
    judge: Judge,
    bank: &Path,
    solutions: &[(&str, &str)],
    options: &LoadOptions,
    engine_config: EngineConfig,
) -> anyhow::Result<ExitCode> {
    let work = tempfile::tempdir().context("cannot create a temporary directory")?;
    let mut programs = Vec::new();
    for lang in &options.langs {
        let Some((_, correct)) = solutions.iter().find(|(id, _)| id == lang) else {
            bail!("no benchmark solution in {lang}");
        };
        let wrong = wrong_solution(lang, correct);
        if wrong == *correct {
            bail!("no wrong solution in {lang}");
        }
        programs.push((lang.clone(), correct.to_string(), wrong));
    }
    let (slots, queue) = (engine_config.judge_slots, engine_config.queue_capacity);
    let runtime = crate::runtime()?;
    let tally = runtime.block_on(async {
        let store = Store::open(&work.path().join("data")).await?;
        let catalog = Catalog::load(bank)?;
        let engine = Engine::new(store, Arc::new(catalog), Arc::new(judge), Arc::new(SystemClock), engine_config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?.to_string();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        // Without accounts every member is the one local user, whose run and
        // submit limits would throttle all of them as one person; with
        // accounts (see `login`) each member has its own limits.
        let state = oaj_server::AppState::new(engine).with_limits(oaj_server::Limits::unlimited());
        let server = tokio::spawn(oaj_server::serve(listener, state, async {
            let _ = stop_rx.await;
        }));
        println!(
            "load test: {} members for {} s on {addr} (judge: {slots} at once, {queue} may wait; {})",
            options.members,
            options.duration.as_secs(),
            options.langs.join(", ")
        );
        let tally = Arc::new(tokio::sync::Mutex::new(Tally::default()));
        let until = Instant::now() + options.duration;
        let mut members = Vec::new();
        for index in 0..options.members {
            let (lang, correct, wrong) = programs[index % programs.len()].clone();
            let mut member = Member::new(&addr, 0x9E37_79B9_7F4A_7C15 ^ (index as u64 + 1).wrapping_mul(0x2545_F491));
            let tally = tally.clone();
            let think = options.think;
            members.push(tokio::spawn(async move {
                // Members arrive over the first few seconds, not in one burst.
                tokio::time::sleep(Duration::from_millis(member.random() % 3000)).await;
                if let Err(e) = login(&mut member, index).await {
                    tally.lock().await.errors.push(format!("member {index}: login: {e:#}"));
                    return;
                }
                let mut flow = Flow { member, tally: &tally, think, language: lang, correct, wrong };
                while Instant::now() < until {
                    if let Err(e) = flow.one_oa().await {
                        tally.lock().await.errors.push(format!("member {index}: {e:#}"));
                    }
                }
            }));
        }
        // Every member stops at its next OA after `duration`; an OA takes a
        // minute or so, so this bound is never reached unless something hangs.
        let bound = options.duration + Duration::from_secs(300);
        match tokio::time::timeout(bound, futures_join(members)).await {
            Err(_) => tally.lock().await.errors.push(format!("the members did not stop within {bound:?}")),
            Ok(failed) => tally.lock().await.errors.extend(failed),
        }
        let _ = stop_tx.send(());
        server.await??;
        let tally = std::mem::take(&mut *tally.lock().await);
        anyhow::Ok(tally)
    })?;

    println!(
        "{} OAs finished, {} requests, {} runs and {} submissions judged",
        tally.oas_finished,
        tally.requests,
        tally.timings.run.len(),
        tally.timings.submit.len()
    );
    println!("{:<22} {:>6} {:>8} {:>8} {:>8} {:>8}", "latency (ms)", "count", "p50", "p95", "p99", "max");
    println!("{:<22} {}", "page loads", quantiles(&tally.timings.page));
    println!("{:<22} {}", "autosaves", quantiles(&tally.timings.autosave));
    println!("{:<22} {}", "run to result", quantiles(&tally.timings.run));
    println!("{:<22} {}", "submit to verdict", quantiles(&tally.timings.submit));
    println!("back-pressure (429, or 503 with Retry-After), retried: {}", tally.throttled);
    println!("errors: {}", tally.errors.len());
    for error in tally.errors.iter().take(20) {
        println!("  {error}");
    }
    Ok(if tally.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Waits for every task; returns how those that panicked failed.
async fn futures_join(tasks: Vec<tokio::task::JoinHandle<()>>) -> Vec<String> {
    let mut failed = Vec::new();
    for (index, task) in tasks.into_iter().enumerate() {
        if let Err(e) = task.await {
            failed.push(format!("member {index} panicked: {e}"));
        }
    }
    failed
}
