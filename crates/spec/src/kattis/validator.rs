//! Output validators: the default one with its flags, or one custom program.

use std::path::{Path, PathBuf};

use crate::error::Diagnostics;
use crate::model::{Checker, CustomChecker};

/// Parses the flags of the default output validator into a checker.
///
/// The flags are those of the package format: `case_sensitive`,
/// `space_change_sensitive`, `float_absolute_tolerance ε`,
/// `float_relative_tolerance ε` and `float_tolerance ε` (both). The format
/// makes it an error to give a tolerance twice or to mix `float_tolerance`
/// with the other two; the error says which flag and why.
pub fn default_checker(flags: &[String]) -> Result<Checker, String> {
    let mut case_sensitive = false;
    let mut space_change_sensitive = false;
    let mut abs: Option<f64> = None;
    let mut rel: Option<f64> = None;
    let mut both_given = false;
    let mut iter = flags.iter();
    while let Some(flag) = iter.next() {
        match flag.as_str() {
            "case_sensitive" => case_sensitive = true,
            "space_change_sensitive" => space_change_sensitive = true,
            "float_absolute_tolerance" | "float_relative_tolerance" | "float_tolerance" => {
                let Some(value) = iter.next() else {
                    return Err(format!("`{flag}` needs a number after it (for example `{flag} 1e-6`)"));
                };
                let eps = parse_tolerance(value)
                    .ok_or_else(|| format!("`{flag} {value}`: the tolerance must be a finite number >= 0"))?;
                let duplicate = match flag.as_str() {
                    "float_absolute_tolerance" => abs.replace(eps).is_some() || both_given,
                    "float_relative_tolerance" => rel.replace(eps).is_some() || both_given,
                    _ => {
                        let clash = abs.is_some() || rel.is_some();
                        abs = Some(eps);
                        rel = Some(eps);
                        both_given = true;
                        clash
                    }
                };
                if duplicate {
                    return Err(format!(
                        "`{flag}` sets a tolerance that is already set; give each tolerance once, and \
                         `float_tolerance` only without the other two"
                    ));
                }
            }
            other => {
                return Err(format!(
                    "unknown flag `{other}` for the default output validator: expected case_sensitive, \
                     space_change_sensitive, float_tolerance ε, float_absolute_tolerance ε or \
                     float_relative_tolerance ε"
                ))
            }
        }
    }
    Ok(Checker::KattisDefault { case_sensitive, space_change_sensitive, float_abs_tol: abs, float_rel_tol: rel })
}

fn parse_tolerance(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
}

/// The flags that reproduce `checker` (for writing `problem.toml`).
pub fn default_checker_flags(checker: &Checker) -> Vec<String> {
    let Checker::KattisDefault { case_sensitive, space_change_sensitive, float_abs_tol, float_rel_tol } = checker
    else {
        return Vec::new();
    };
    let mut flags = Vec::new();
    if *case_sensitive {
        flags.push("case_sensitive".to_string());
    }
    if *space_change_sensitive {
        flags.push("space_change_sensitive".to_string());
    }
    if let Some(abs) = float_abs_tol {
        flags.extend(["float_absolute_tolerance".to_string(), abs.to_string()]);
    }
    if let Some(rel) = float_rel_tol {
        flags.extend(["float_relative_tolerance".to_string(), rel.to_string()]);
    }
    flags
}

/// File extensions of validator sources OA Judge can build.
const CPP_EXTENSIONS: &[&str] = &["cpp", "cc", "cxx", "c++", "C"];
const SOURCE_EXTENSIONS: &[&str] = &["cpp", "cc", "cxx", "c++", "C", "c", "py"];

/// Finds the one custom output validator program of the package.
///
/// `output_validator/` (2023-07 and later) is itself the program;
/// `output_validators/` (legacy) holds programs, each a file or a directory,
/// and OA Judge takes exactly one. The program must be a single C, C++ or
/// Python source; headers such as `validate.h` or `testlib.h` stay beside it
/// and are copied with it when it is compiled.
pub(crate) fn custom_checker(validator_dir: &Path, args: Vec<String>, diags: &mut Diagnostics) -> Option<Checker> {
    let legacy = validator_dir.file_name().is_some_and(|n| n == "output_validators");
    let program_dir = if legacy { legacy_program_dir(validator_dir, diags)? } else { validator_dir.to_path_buf() };
    let files = visible_files(&program_dir);
    for script in ["build", "run"] {
        if files.iter().any(|f| f.file_name().is_some_and(|n| n == script)) {
            diags.push(
                program_dir.join(script),
                format!(
                    "validators built with a `{script}` script are not supported by OA Judge; provide a single \
                     C, C++ or Python source instead"
                ),
            );
            return None;
        }
    }
    let sources: Vec<&PathBuf> =
        files.iter().filter(|f| f.extension().is_some_and(|e| SOURCE_EXTENSIONS.iter().any(|x| e == *x))).collect();
    let source = match sources.as_slice() {
        [one] => (*one).clone(),
        [] => {
            diags.push(
                &program_dir,
                "no validator source here: expected one C++ (.cpp, .cc), C (.c) or Python (.py) file",
            );
            return None;
        }
        many => {
            let names: Vec<String> =
                many.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
            diags.push(
                &program_dir,
                format!(
                    "the validator has {} source files ({}); OA Judge builds a validator from exactly one source file",
                    names.len(),
                    names.join(", ")
                ),
            );
            return None;
        }
    };
    if source.extension().is_some_and(|e| CPP_EXTENSIONS.iter().any(|x| e == *x) || e == "c") {
        check_local_includes(&source, diags);
    }
    Some(Checker::Custom(CustomChecker { source, args }))
}

fn legacy_program_dir(validators: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
    let entries = visible_entries(validators);
    let dirs: Vec<&PathBuf> = entries.iter().filter(|p| p.is_dir()).collect();
    let has_sources =
        entries.iter().any(|p| p.is_file() && p.extension().is_some_and(|e| SOURCE_EXTENSIONS.iter().any(|x| e == *x)));
    match (dirs.as_slice(), has_sources) {
        // Sources directly in output_validators/ with their headers: one program.
        (_, true) if dirs.is_empty() => Some(validators.to_path_buf()),
        ([one], false) => Some((*one).clone()),
        ([], false) => {
            diags.push(validators, "empty: remove the directory to use the default validator, or add one validator");
            None
        }
        _ => {
            diags.push(
                validators,
                "more than one output validator program; OA Judge runs exactly one (keep one file or directory here)",
            );
            None
        }
    }
}

/// `#include "x.h"` must find `x.h` beside the source, since only that
/// directory is copied when the validator is compiled.
fn check_local_includes(source: &Path, diags: &mut Diagnostics) {
    let Ok(text) = std::fs::read_to_string(source) else {
        diags.push(source, "cannot read the validator source");
        return;
    };
    let dir = source.parent().unwrap_or(Path::new("."));
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix('#').map(str::trim_start).and_then(|l| l.strip_prefix("include")) else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(name) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) else {
            continue;
        };
        if !dir.join(name).is_file() {
            diags.push_at(
                source,
                Some(i + 1),
                format!("includes \"{name}\" but there is no {name} beside the validator; add it to the validator's directory"),
            );
        }
    }
}

pub(crate) fn visible_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    entries
}

fn visible_files(dir: &Path) -> Vec<PathBuf> {
    visible_entries(dir).into_iter().filter(|p| p.is_file()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    /// case_sensitive, space_change_sensitive, absolute and relative tolerance.
    type Expected = (bool, bool, Option<f64>, Option<f64>);

    #[test]
    fn default_validator_flags() {
        // (flags, expected checker or error fragment)
        let ok: &[(&str, Expected)] = &[
            ("", (false, false, None, None)),
            ("case_sensitive", (true, false, None, None)),
            ("space_change_sensitive case_sensitive", (true, true, None, None)),
            ("float_tolerance 1e-6", (false, false, Some(1e-6), Some(1e-6))),
            ("float_absolute_tolerance 0.5", (false, false, Some(0.5), None)),
            ("float_relative_tolerance 1e-9 float_absolute_tolerance 1e-3", (false, false, Some(1e-3), Some(1e-9))),
        ];
        for (input, (cs, scs, abs, rel)) in ok {
            let expected = Checker::KattisDefault {
                case_sensitive: *cs,
                space_change_sensitive: *scs,
                float_abs_tol: *abs,
                float_rel_tol: *rel,
            };
            assert_eq!(default_checker(&flags(input)), Ok(expected.clone()), "flags {input:?}");
            // Writing the flags back and reading them again is lossless.
            assert_eq!(default_checker(&default_checker_flags(&expected)), Ok(expected), "round trip {input:?}");
        }
        let errors: &[(&str, &str)] = &[
            ("float_tolerance", "needs a number"),
            ("float_tolerance abc", "finite number"),
            ("float_tolerance -1", "finite number"),
            ("float_tolerance 1e-6 float_absolute_tolerance 1e-6", "already set"),
            ("float_absolute_tolerance 1 float_absolute_tolerance 2", "already set"),
            ("ignore_case", "unknown flag `ignore_case`"),
        ];
        for (input, fragment) in errors {
            let err = default_checker(&flags(input)).expect_err(input);
            assert!(err.contains(fragment), "flags {input:?}: {err}");
        }
    }
}
