//! Where the judge's runs happen: the sandbox, and the cache directory whose
//! `scratch/` holds each run's directory. Shared by the case runner, the
//! custom checker and the input validators.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oaj_sandbox::{Keep, Limits, RunOutcome, RunSpec, Sandbox, Stdin};

use crate::build;
use crate::language::Language;
use crate::JudgeError;

/// The sandbox and the cache dir. Cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct RunEnv {
    pub(crate) sandbox: Sandbox,
    pub(crate) cache_dir: PathBuf,
}

impl RunEnv {
    /// A fresh directory for one run under `scratch/`, removed when the
    /// guard drops (a judge killed mid-run leaves it to
    /// [`build::sweep_stale_work_dirs`]).
    pub(crate) fn scratch_dir(&self) -> Result<tempfile::TempDir, JudgeError> {
        let scratch = self.cache_dir.join("scratch");
        fs::create_dir_all(&scratch).map_err(|e| JudgeError::io(&scratch, e))?;
        tempfile::Builder::new()
            .prefix(&build::work_dir_prefix(build::RUN_DIR_PREFIX))
            .tempdir_in(&scratch)
            .map_err(|e| JudgeError::io(&scratch, e))
    }

    /// Runs a program that belongs to the problem (a custom checker, an input
    /// validator), already placed in `dir`, in the sandbox with generous
    /// limits: it is trusted to be correct, not to be harmless.
    pub(crate) fn run_problem_program(
        &self,
        language: &Language,
        dir: &Path,
        extra_args: &[String],
        stdin: Vec<u8>,
        cpu_time: Duration,
        keep: Keep,
    ) -> Result<RunOutcome, JudgeError> {
        let command = language.run_command(1024);
        let mut limits = Limits::for_test_case(cpu_time, 1 << 30);
        limits.processes = language.processes;
        let spec = RunSpec {
            program: command[0].clone(),
            args: command[1..].iter().chain(extra_args).cloned().collect(),
            env: language.env(),
            work_dir: dir.to_path_buf(),
            stdin: Stdin::Bytes(stdin),
            limits,
            read_only_paths: sysroot_of(language),
            keep,
        };
        self.sandbox.run(&spec).map_err(JudgeError::Sandbox)
    }
}

/// The read-only paths a language's programs need besides the usual root
/// (a toolchain installed outside `/usr`).
pub(crate) fn sysroot_of(language: &Language) -> Vec<PathBuf> {
    match language.toolchain() {
        crate::Toolchain::Present { sysroot: Some(root), .. } => vec![root.clone()],
        _ => vec![],
    }
}

/// The last non-empty line of a program's output, shortened: what a verdict
/// message quotes.
pub(crate) fn last_line(text: &str) -> String {
    truncate(text.lines().rev().map(str::trim).find(|l| !l.is_empty()).unwrap_or(""), 300)
}

pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push_str("...");
        cut
    }
}
