//! Writing a loaded problem out as a native problem directory
//! (`problem.toml`, `statement.md`, `tests/`, `solutions/`, `checker/`):
//! what `oaj import` and a Kattis package uploaded to the web server do.

use std::fmt::Write as _;
use std::path::Path;

use crate::{Checker, Problem};

/// Why a problem could not be written out (the path and the cause).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ExportError(String);

pub fn checker_name(checker: &Checker) -> &'static str {
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

pub fn write_native(problem: &Problem, dir: &Path) -> Result<(), ExportError> {
    let mkdir =
        |d: &Path| std::fs::create_dir_all(d).map_err(|e| ExportError(format!("cannot create {}: {e}", d.display())));
    let copy = |from: &Path, to: &Path| {
        std::fs::copy(from, to)
            .map_err(|e| ExportError(format!("cannot copy {} to {}: {e}", from.display(), to.display())))
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
            let flags = super::default_checker_flags(&problem.checker);
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
            for entry in std::fs::read_dir(source_dir)
                .map_err(|e| ExportError(format!("cannot read {}: {e}", source_dir.display())))?
            {
                let path = entry.map_err(|e| ExportError(format!("cannot read {}: {e}", source_dir.display())))?.path();
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
                    return Err(ExportError(format!(
                        "{} would clash with the checker's own name checker.<ext>; rename it",
                        path.display()
                    )));
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
    std::fs::write(dir.join("problem.toml"), toml)
        .map_err(|e| ExportError(format!("cannot write problem.toml: {e}")))?;
    std::fs::write(dir.join("statement.md"), &problem.statement)
        .map_err(|e| ExportError(format!("cannot write statement.md: {e}")))?;

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
