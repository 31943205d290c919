//! Kattis/ICPC packages at the command line: the time limit computed from
//! the accepted submissions when a package has none, and `oaj import`,
//! which writes a package out as a native problem directory.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use oaj_judge::Judge;
use oaj_spec::kattis;
use oaj_spec::{Checker, Problem, SourceFormat};

/// For a package without a time limit, judges its accepted submissions and
/// sets the limit as problemtools does (see
/// [`oaj_judge::validate::settle_time_limit`]), saying so on stderr. Other
/// problems are returned unchanged.
pub fn settle_time_limit(judge: &Judge, problem: Problem) -> anyhow::Result<Problem> {
    if problem.format != SourceFormat::Kattis {
        return Ok(problem);
    }
    let runtime = crate::runtime()?;
    runtime
        .block_on(oaj_judge::validate::settle_time_limit(judge, problem, &|line| eprintln!("{line}")))
        .map_err(|e| anyhow::anyhow!(e))
}

/// `oaj import <package-dir> --into <dir>`.
pub fn import(judge: &Judge, package_dir: &Path, into: &Path) -> anyhow::Result<ExitCode> {
    if !kattis::is_package(package_dir) {
        bail!("{} is not a Kattis/ICPC problem package (it has no problem.yaml)", package_dir.display());
    }
    let problem = kattis::load(package_dir).map_err(|e| {
        anyhow::anyhow!("the package {} cannot be imported:\n{}", package_dir.display(), e.relative_to(package_dir))
    })?;
    let problem = settle_time_limit(judge, problem)?;
    let target = into.join(&problem.slug);
    if target.exists() {
        bail!("{} already exists; remove it or import into another directory with --into", target.display());
    }
    let staging = into.join(format!(".{}.importing", problem.slug));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).with_context(|| format!("cannot clear {}", staging.display()))?;
    }
    kattis::write_native(&problem, &staging).map_err(anyhow::Error::from).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staging);
    })?;
    // The written problem must load like any other before it is put in place.
    if let Err(e) = oaj_spec::load(&staging) {
        let _ = std::fs::remove_dir_all(&staging);
        bail!("the imported problem does not load (this is a bug in the import):\n{}", e.relative_to(&staging));
    }
    std::fs::rename(&staging, &target)
        .with_context(|| format!("cannot move {} to {}", staging.display(), target.display()))?;
    // The time limit was announced when it was computed.
    for notice in problem.notices.iter().filter(|n| !n.starts_with("time limit:")) {
        eprintln!("{}: note: {notice}", problem.slug);
    }
    println!(
        "imported {} into {}: {} sample(s), {} hidden case(s), {} solution(s), checker {}, time limit {} ms, memory {} MiB",
        problem.title,
        target.display(),
        problem.samples.len(),
        problem.hidden.len(),
        problem.solutions.len(),
        checker_name(&problem.checker),
        problem.limits.time_limit_ms,
        problem.limits.memory_limit_mb
    );
    Ok(ExitCode::SUCCESS)
}

fn checker_name(checker: &Checker) -> &'static str {
    kattis::checker_name(checker)
}
