//! Headless Chromium driven through chromedriver, and the real `oaj serve`,
//! for the browser tests (`tests/browser.rs`, `tests/phone_browser.rs`).
//! Every process started here is killed when its handle drops, so a
//! failing test leaves nothing running.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use super::TestDir;

/// Kills a child process when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Waits (up to 60 s) until something listens on `port`; fails at once if
/// `child` exits first.
pub fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited with {status} before listening on port {port}");
        }
        assert!(Instant::now() < deadline, "{what} did not listen on port {port} within 60 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Chromium and chromedriver, or `None` (loudly; a failure in CI) where
/// they are missing.
pub fn find() -> Option<(PathBuf, PathBuf)> {
    let find = |names: &[&str]| {
        names.iter().flat_map(|n| ["/usr/bin", "/usr/local/bin"].map(|d| Path::new(d).join(n))).find(|p| p.exists())
    };
    match (find(&["chromium", "chromium-browser", "google-chrome"]), find(&["chromedriver"])) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        _ => {
            super::toolchain::missing("chromium or chromedriver", "apt-get install chromium chromium-driver");
            None
        }
    }
}

/// `oaj serve` in `dir` on a free port with `args` after `serve`; killed on drop.
pub fn serve(dir: &TestDir, port: u16, args: &[&str]) -> Running {
    let mut server = Command::new(assert_cmd::cargo::cargo_bin("oaj"))
        .current_dir(dir.path())
        .env("OAJ_CACHE_DIR", dir.cache())
        .arg("serve")
        .args(args)
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("oaj serve starts");
    wait_for_port(port, "oaj serve", &mut server);
    Running(server)
}

/// A running chromedriver that opens headless Chromium sessions.
pub struct Driver {
    chromium: PathBuf,
    port: u16,
    /// One profile directory per session, removed with the driver.
    profiles: Vec<tempfile::TempDir>,
    _process: Running,
}

impl Driver {
    pub fn start(chromium: &Path, driver: &Path) -> Driver {
        let port = free_port();
        let mut process = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        wait_for_port(port, "chromedriver", &mut process);
        Driver { chromium: chromium.to_path_buf(), port, profiles: Vec::new(), _process: Running(process) }
    }

    /// A new headless browser with its own profile (cookies, storage).
    pub async fn session(&mut self) -> Client {
        let profile = tempfile::tempdir().expect("profile dir");
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": self.chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }
        });
        self.profiles.push(profile);
        let serde_json::Value::Object(capabilities) = capabilities else { unreachable!("a JSON object") };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

/// Saves a screenshot as `target/browser-screenshots/{name}.png`.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("save screenshot");
}

/// Polls `probe` until it returns `Some`, for up to `seconds`.
pub async fn eventually<T, F, Fut>(seconds: u64, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out after {seconds} s waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of the element `css` matches, or "" when there is none.
pub async fn text_of(client: &Client, css: &str) -> String {
    match client.find(Locator::Css(css)).await {
        Ok(element) => element.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}
