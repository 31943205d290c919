//! Input validators: programs written by a problem's author that check each
//! case's input against the statement's constraints, so a generator bug can
//! never put a case outside the promised bounds. The protocol is Kattis':
//! the input on stdin, exit 42 when valid, 43 when not (with the reason on
//! stdout or stderr).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use oaj_sandbox::{Keep, LimitHit, Termination};
use oaj_spec::Problem;

use super::{blocking, Judge};
use crate::build::{self, Build};
use crate::env::last_line;
use crate::JudgeError;

/// A case whose input a validator did not accept, or a validator that could
/// not give an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The validator's path.
    pub validator: PathBuf,
    /// The case's name (`hidden/03-max`), or `None` when the validator
    /// itself is broken (does not compile, unknown language).
    pub case: Option<String>,
    pub message: String,
}

impl Judge {
    /// Runs every validator of `problem` on every case's input (samples and
    /// hidden). Returns what was rejected; empty when every input is valid.
    pub async fn validate_inputs(&self, problem: Arc<Problem>) -> Result<Vec<InputProblem>, JudgeError> {
        let this = self.clone();
        blocking(move || {
            let mut problems = Vec::new();
            for validator in &problem.validators {
                match this.build_validator(validator) {
                    Ok(build) => problems.extend(this.run_validator(validator, &build, &problem)?),
                    Err(message) => problems.push(InputProblem { validator: validator.clone(), case: None, message }),
                }
            }
            Ok(problems)
        })
        .await
    }

    /// Compiles a single-file validator (cached like any build).
    fn build_validator(&self, source: &Path) -> Result<Build, String> {
        let language = self.inner.languages.detect(source).map_err(|e| e.to_string())?;
        language.require_toolchain().map_err(|missing| format!("cannot run: {missing}"))?;
        let contents = std::fs::read(source).map_err(|e| format!("cannot read: {e}"))?;
        let build =
            build::compile(&self.env.sandbox, &self.env.cache_dir, language, &[(language.source.clone(), contents)])
                .map_err(|e| e.to_string())?;
        if !build.report.ok {
            return Err(format!("does not compile:\n{}", build.report.message));
        }
        Ok(build)
    }

    /// Runs one validator on every case, a few at a time.
    fn run_validator(&self, source: &Path, build: &Build, problem: &Problem) -> Result<Vec<InputProblem>, JudgeError> {
        let language = self.inner.languages.detect(source)?;
        let cases: Vec<_> = problem.all_cases().collect();
        let results = crate::parallel::map_in_order(&cases, |case| self.run_validator_on(language, build, &case.input));
        let mut problems = Vec::new();
        for (index, verdict) in results.into_iter().enumerate() {
            if let Some(message) = verdict? {
                problems.push(InputProblem {
                    validator: source.to_path_buf(),
                    case: Some(cases[index].name.clone()),
                    message,
                });
            }
        }
        Ok(problems)
    }

    /// `None` when the validator accepts the input, else why not.
    fn run_validator_on(
        &self,
        language: &crate::Language,
        build: &Build,
        input: &Path,
    ) -> Result<Option<String>, JudgeError> {
        let dir = self.env.scratch_dir()?;
        build::place_artifacts(build, language, dir.path()).map_err(|e| JudgeError::io(dir.path(), e))?;
        let input = std::fs::read(input).map_err(|e| JudgeError::io(input, e))?;
        let outcome =
            self.env.run_problem_program(language, dir.path(), &[], input, Duration::from_secs(30), Keep::Nothing)?;
        let said = {
            let stdout = String::from_utf8_lossy(&outcome.stdout);
            let stderr = String::from_utf8_lossy(&outcome.stderr);
            let line = last_line(&format!("{stdout}\n{stderr}"));
            if line.is_empty() {
                String::new()
            } else {
                format!(": {line}")
            }
        };
        Ok(match (outcome.limit_hit, outcome.termination) {
            (None, Termination::Exited(42)) => None,
            (None, Termination::Exited(43)) => Some(format!("input rejected{said}")),
            (Some(LimitHit::WallTime | LimitHit::CpuTime), _) => {
                Some("the validator ran out of time (30 s) on this input".to_string())
            }
            (limit, termination) => Some(format!(
                "the validator failed ({}) instead of exiting 42 (valid) or 43 (invalid){said}",
                match limit {
                    Some(limit) => format!("{limit:?} limit"),
                    None => format!("{termination:?}"),
                }
            )),
        })
    }
}
