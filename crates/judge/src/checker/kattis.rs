//! Problem-supplied checkers, Kattis output-validator protocol: the checker
//! runs as `checker input answer feedback_dir [args] < output`; exit 42
//! accepts, 43 rejects (with `feedback_dir/judgemessage.txt` as the
//! message), anything else is a judge error.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oaj_sandbox::{Keep, Termination};
use oaj_spec::{CustomChecker, TestCase};

use super::CheckOutcome;
use crate::build::{self, Build, SourceFile};
use crate::env::{last_line, truncate, RunEnv};
use crate::language::{Language, Languages};
use crate::result::Verdict;
use crate::JudgeError;

/// CPU time a checker gets per case: it is the problem's, trusted to finish.
const CHECKER_CPU_TIME: Duration = Duration::from_secs(20);

/// A compiled checker, with its language resolved once per judging.
#[derive(Debug, Clone)]
pub(crate) struct KattisChecker {
    pub(crate) language: Language,
    pub(crate) build: Build,
    pub(crate) args: Vec<String>,
}

/// Compiles a problem's checker: every file of the checker's directory, the
/// checker's own file under the language's source name. `Err` carries why
/// it cannot be used (every case then is a judge error); a [`JudgeError`]
/// is a failure of the judge itself.
pub(crate) fn build_checker(
    env: &RunEnv,
    languages: &Languages,
    custom: &CustomChecker,
) -> Result<Result<KattisChecker, String>, JudgeError> {
    let language = languages.detect(&custom.source)?;
    if let Err(missing) = language.require_toolchain() {
        return Ok(Err(format!("the problem's checker cannot run: {missing}")));
    }
    let dir = custom.source.parent().unwrap_or(Path::new("."));
    let mut files: Vec<SourceFile> = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| JudgeError::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    paths.sort();
    for path in paths {
        let contents = fs::read(&path).map_err(|e| JudgeError::io(&path, e))?;
        let name = if path == custom.source {
            language.source.clone()
        } else {
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        };
        files.push((name, contents));
    }
    let build = build::compile(&env.sandbox, &env.cache_dir, language, &files)?;
    if !build.report.ok {
        return Ok(Err(format!(
            "the problem's checker {} does not compile:\n{}",
            custom.source.display(),
            build.report.message
        )));
    }
    Ok(Ok(KattisChecker { language: language.clone(), build, args: custom.args.clone() }))
}

impl KattisChecker {
    /// Runs the checker on one case's `output`.
    pub(crate) fn check(
        &self,
        env: &RunEnv,
        case: &TestCase,
        output: &[u8],
        answer: &[u8],
    ) -> Result<CheckOutcome, JudgeError> {
        use std::os::unix::fs::PermissionsExt;
        let dir = env.scratch_dir()?;
        build::place_artifacts(&self.build, &self.language, dir.path()).map_err(|e| JudgeError::io(dir.path(), e))?;
        let input_copy = dir.path().join("input");
        fs::copy(&case.input, &input_copy).map_err(|e| JudgeError::io(&case.input, e))?;
        fs::write(dir.path().join("answer"), answer).map_err(|e| JudgeError::io(dir.path(), e))?;
        let feedback = dir.path().join("feedback");
        fs::create_dir(&feedback).map_err(|e| JudgeError::io(&feedback, e))?;
        // The checker runs as the sandbox's user, who must write here.
        let _ = fs::set_permissions(&feedback, fs::Permissions::from_mode(0o777));

        let mut extra = vec!["input".to_string(), "answer".to_string(), "feedback/".to_string()];
        extra.extend(self.args.iter().cloned());
        let outcome = env.run_problem_program(
            &self.language,
            dir.path(),
            &extra,
            output.to_vec(),
            CHECKER_CPU_TIME,
            Keep::Names(vec!["feedback".to_string()]),
        )?;
        let judge_message = fs::read_to_string(feedback.join("judgemessage.txt")).unwrap_or_default();
        let judge_message = truncate(judge_message.trim(), 1000);
        Ok(match (outcome.limit_hit, outcome.termination) {
            (None, Termination::Exited(42)) => CheckOutcome { verdict: Verdict::AC, message: judge_message },
            (None, Termination::Exited(43)) => CheckOutcome::wrong(if judge_message.is_empty() {
                "wrong answer (rejected by the problem's checker)".to_string()
            } else {
                judge_message
            }),
            (limit, termination) => {
                let stderr = String::from_utf8_lossy(&outcome.stderr);
                CheckOutcome::judge_error(format!(
                    "the problem's checker failed ({}): {}",
                    match limit {
                        Some(limit) => format!("{limit:?} limit"),
                        None => format!("{termination:?}"),
                    },
                    last_line(&stderr)
                ))
            }
        })
    }
}
