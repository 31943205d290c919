//! Kattis/ICPC packages at the command line: the time limit computed from
//! the accepted submissions when a package has none, and `oaj import`,
//! which writes a package out as a native problem directory.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use oaj_judge::{CaseSelection, Judge, JudgeOptions, Submission, Verdict};
use oaj_spec::kattis::{self, TimeLimit};
use oaj_spec::{Checker, ExpectedVerdict, Problem, SourceFormat};

/// The word a package uses for an expectation (its directory names).
pub fn expected_label(problem: &Problem, expected: ExpectedVerdict) -> &'static str {
    if problem.format != SourceFormat::Kattis {
        return expected.as_str();
    }
    match expected {
        ExpectedVerdict::Accepted => "accepted",
        ExpectedVerdict::WrongAnswer => "wrong_answer",
        ExpectedVerdict::TimeLimit => "time_limit_exceeded",
        ExpectedVerdict::RuntimeError => "run_time_error",
        ExpectedVerdict::MemoryLimit => "memory_limit_exceeded",
    }
}

/// For a package without a time limit, judges its accepted submissions and
/// sets the limit as problemtools does: the slowest run (in reference-language
/// time, so a Python submission's time is divided by Python's multiplier)
/// times `ac_to_time_limit`, rounded up to the time resolution. Says so on
/// stderr. Other problems are returned unchanged.
pub fn settle_time_limit(judge: &Judge, problem: Problem) -> anyhow::Result<Problem> {
    if problem.format != SourceFormat::Kattis {
        return Ok(problem);
    }
    let package = kattis::load_package(&problem.dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let policy = package.time_limit;
    let TimeLimit::FromSubmissions { ac_to_time_limit, resolution_s, .. } = policy else {
        return Ok(problem);
    };
    let accepted: Vec<_> =
        problem.solutions.iter().filter(|s| s.expected == ExpectedVerdict::Accepted).cloned().collect();
    if accepted.is_empty() {
        bail!(
            "{}: the package gives no time limit and has no accepted submission to compute one from; add \
             `limits: time_limit: <seconds>` to problem.yaml or a solution under submissions/accepted/",
            problem.dir.display()
        );
    }
    eprintln!(
        "{}: no time limit in the package; judging {} accepted submission(s) to compute it ...",
        problem.slug,
        accepted.len()
    );
    let runtime = crate::runtime()?;
    let shared = Arc::new(problem.clone());
    let mut slowest: Option<(u64, u64, String)> = None; // (reference ms, measured ms, submission)
    let mut failures = Vec::new();
    for solution in &accepted {
        let shown = relative(&problem.dir, &solution.path);
        // A submission in a language OA Judge lacks cannot time anything.
        let language = match judge.languages().detect(&solution.path) {
            Ok(language) => language,
            Err(e) => {
                failures.push(format!("{shown} skipped: {e}"));
                continue;
            }
        };
        let source = oaj_judge::read_source(&solution.path)?;
        let submission = Submission { language: language.id.clone(), source };
        let options = JudgeOptions { cases: CaseSelection::All, fail_fast: true, ..Default::default() };
        let result = runtime.block_on(judge.judge(shared.clone(), submission, options, None))?;
        if result.verdict != Verdict::AC || result.cases.iter().any(|c| c.verdict != Verdict::AC) {
            failures.push(format!("{shown} got {}", result.verdict));
            continue;
        }
        let measured = result.max_time_ms();
        let reference = (measured as f64 / language.time_multiplier.max(1.0)).ceil() as u64;
        if slowest.as_ref().is_none_or(|(r, _, _)| reference > *r) {
            slowest = Some((reference, measured, shown));
        }
    }
    let Some((reference, measured, name)) = slowest else {
        bail!(
            "{}: cannot compute the time limit: no accepted submission passed every case within {} ms ({})",
            problem.slug,
            problem.limits.time_limit_ms,
            failures.join(", ")
        );
    };
    let limit = policy.from_slowest_ms(reference).clamp(100, 60_000);
    let message = format!(
        "{limit} ms, computed from the accepted submissions as problemtools does: the slowest, {name}, \
         took {measured} ms ({reference} ms in reference-language time) × ac_to_time_limit {ac_to_time_limit}, \
         rounded up to a multiple of {resolution_s} s"
    );
    eprintln!("{}: time limit {message}", problem.slug);
    let mut problem = problem;
    problem.limits.time_limit_ms = limit;
    problem.notices.retain(|n| !n.starts_with("time limit:"));
    problem.notices.push(format!("time limit: {message}"));
    Ok(problem)
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
    write_native(&problem, &staging).inspect_err(|_| {
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
    match checker {
        Checker::Exact => "exact",
        Checker::Tokens => "tokens",
        Checker::Float { .. } => "float",
        Checker::Unordered => "unordered",
        Checker::AnyOrderNested => "any_order_nested",
        Checker::Custom(_) => "custom",
        Checker::KattisDefault { .. } => "kattis_default",
    }
}

/// A TOML basic string (JSON's escapes are a subset of TOML's).
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn toml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "))
}

fn write_native(problem: &Problem, dir: &Path) -> anyhow::Result<()> {
    let mkdir = |d: &Path| std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()));
    let copy = |from: &Path, to: &Path| {
        std::fs::copy(from, to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))
    };
    mkdir(dir)?;
    let mut toml = String::new();
    let _ = writeln!(toml, "title = {}", toml_string(&problem.title));
    let _ = writeln!(toml, "difficulty = \"{}\"", problem.difficulty);
    let _ = writeln!(toml, "kind = \"stdio\"");
    let _ = writeln!(toml, "time_limit_ms = {}", problem.limits.time_limit_ms);
    let _ = writeln!(toml, "memory_limit_mb = {}", problem.limits.memory_limit_mb);
    let _ = writeln!(toml, "checker = \"{}\"", checker_name(&problem.checker));
    match &problem.checker {
        Checker::KattisDefault { .. } => {
            let flags = kattis::default_checker_flags(&problem.checker);
            if !flags.is_empty() {
                let _ = writeln!(toml, "checker_args = {}", toml_list(&flags));
            }
        }
        Checker::Custom(custom) => {
            if !custom.args.is_empty() {
                let _ = writeln!(toml, "checker_args = {}", toml_list(&custom.args));
            }
            let checker_dir = dir.join("checker");
            mkdir(&checker_dir)?;
            let source_dir = custom.source.parent().unwrap_or(Path::new("."));
            for entry in
                std::fs::read_dir(source_dir).with_context(|| format!("cannot read {}", source_dir.display()))?
            {
                let path = entry?.path();
                if !path.is_file() {
                    continue;
                }
                let name = if path == custom.source {
                    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
                    format!("checker.{ext}")
                } else {
                    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                };
                if name.starts_with("checker.") && path != custom.source {
                    bail!("{} would clash with the checker's own name checker.<ext>; rename it", path.display());
                }
                copy(&path, &checker_dir.join(name))?;
            }
        }
        Checker::Float { abs_tol, rel_tol } => {
            let _ = writeln!(toml, "float_abs_tol = {abs_tol:e}\nfloat_rel_tol = {rel_tol:e}");
        }
        _ => {}
    }
    let _ = writeln!(toml, "source = {}", toml_string(&format!("Kattis package {}", problem.slug)));
    let weighted: Vec<_> =
        problem.hidden.iter().filter_map(|c| Some((c.name.strip_prefix("hidden/")?, c.points?))).collect();
    if !weighted.is_empty() {
        let _ = writeln!(toml, "\n[points]");
        for (stem, points) in weighted {
            let _ = writeln!(toml, "{} = {points:?}", toml_string(stem));
        }
    }
    std::fs::write(dir.join("problem.toml"), toml).context("cannot write problem.toml")?;
    std::fs::write(dir.join("statement.md"), &problem.statement).context("cannot write statement.md")?;

    for (cases, sub) in [(&problem.samples, "sample"), (&problem.hidden, "hidden")] {
        let case_dir = dir.join("tests").join(sub);
        mkdir(&case_dir)?;
        for case in cases.iter() {
            let stem = case.name.split_once('/').map(|(_, s)| s).unwrap_or(&case.name);
            copy(&case.input, &case_dir.join(format!("{stem}.in")))?;
            copy(&case.answer, &case_dir.join(format!("{stem}.ans")))?;
        }
    }
    for solution in &problem.solutions {
        let target_dir = dir.join("solutions").join(solution.expected.as_str());
        mkdir(&target_dir)?;
        let file = solution.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut target = target_dir.join(&file);
        if target.exists() {
            // A directory submission's file, or the same name from another
            // package directory: keep both by prefixing the parent's name.
            let parent = solution.path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
            target = target_dir.join(format!("{}-{file}", parent.unwrap_or_default()));
        }
        copy(&solution.path, &target)?;
    }
    Ok(())
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).display().to_string()
}
