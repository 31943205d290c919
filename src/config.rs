//! `oaj serve --config oaj.toml`: the server's settings in a file, with
//! command-line flags taking precedence. `oaj.example.toml` at the top of
//! the repository documents every key; an unknown key is an error that names
//! the key and the file.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;

/// The file as written. Every key is optional; relative paths are relative
/// to the file's own directory.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Address to listen on (HOST:PORT).
    pub addr: Option<String>,
    /// Where attempts, drafts and submissions are stored.
    pub data: Option<PathBuf>,
    /// The problem bank directory.
    pub problems_dir: Option<PathBuf>,
    /// Where compiled builds are cached.
    pub cache_dir: Option<PathBuf>,
    /// A second address serving only `/metrics` and `/healthz`, with no
    /// authentication (absent: no such address).
    pub metrics_addr: Option<String>,
    /// Whether users log in.
    pub accounts: Option<bool>,
    /// Whether `X-Forwarded-For`/`X-Forwarded-Proto` from a reverse proxy
    /// in front of the server are believed.
    pub trust_proxy: Option<bool>,
    #[serde(default)]
    pub judge: JudgeSection,
}

/// `[judge]`: how much judging runs at once.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgeSection {
    /// Runs and submissions judged at the same time.
    pub parallel: Option<usize>,
    /// Test cases of one judging run at the same time.
    pub workers: Option<usize>,
    /// Runs and submissions that may wait for a judge; beyond, new ones
    /// are refused with 503 and `Retry-After`.
    pub queue: Option<usize>,
}

impl FileConfig {
    /// Reads and checks `path`; errors name the file (and the key).
    pub fn load(path: &Path) -> anyhow::Result<FileConfig> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the configuration file {}", path.display()))?;
        FileConfig::parse(&text, path)
    }

    /// Parses `text` as the file at `path` (relative paths are resolved
    /// against its directory).
    pub fn parse(text: &str, path: &Path) -> anyhow::Result<FileConfig> {
        // toml's message names the unknown key and quotes the line.
        let mut config: FileConfig =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.to_string().trim_end()))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for dir in [&mut config.data, &mut config.problems_dir, &mut config.cache_dir].into_iter().flatten() {
            if dir.is_relative() {
                *dir = base.join(&*dir);
            }
        }
        for (key, value) in [("judge.parallel", config.judge.parallel), ("judge.workers", config.judge.workers)] {
            if value == Some(0) {
                bail!("{}: {key} must be at least 1", path.display());
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses_and_sets_every_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("oaj.example.toml");
        let config = FileConfig::load(&path).expect("oaj.example.toml parses");
        // Every key is set in the example, so none can go undocumented.
        assert!(config.addr.is_some() && config.metrics_addr.is_some());
        assert!(config.data.is_some() && config.problems_dir.is_some() && config.cache_dir.is_some());
        assert!(config.accounts.is_some() && config.trust_proxy.is_some());
        let judge = &config.judge;
        assert!(judge.parallel.is_some() && judge.workers.is_some() && judge.queue.is_some());
    }

    #[test]
    fn relative_paths_are_relative_to_the_file() {
        let config = FileConfig::parse("data = \"d\"\nproblems_dir = \"/abs\"\n", Path::new("/etc/oaj/oaj.toml"))
            .expect("parses");
        assert_eq!(config.data, Some(PathBuf::from("/etc/oaj/d")));
        assert_eq!(config.problems_dir, Some(PathBuf::from("/abs")));
    }

    #[test]
    fn bad_files_are_errors_that_name_the_file_and_the_key() {
        // (text, what the message must contain)
        let table: &[(&str, &[&str])] = &[
            ("adress = \"127.0.0.1:1\"\n", &["oaj.toml", "adress"]),
            ("[judge]\nthreads = 2\n", &["oaj.toml", "threads"]),
            ("[judge]\nparallel = 0\n", &["oaj.toml", "judge.parallel", "at least 1"]),
            ("[judge]\nqueue = -1\n", &["oaj.toml", "queue"]),
            ("accounts = \"yes\"\n", &["oaj.toml", "accounts"]),
            ("addr = \n", &["oaj.toml"]),
        ];
        for (text, needles) in table {
            let error = FileConfig::parse(text, Path::new("conf/oaj.toml")).expect_err(text).to_string();
            for needle in *needles {
                assert!(error.contains(needle), "{text:?}: {needle:?} missing from {error}");
            }
        }
    }
}
