//! The statement: `statement/` (2023-07 and later) or `problem_statement/`
//! (legacy), `problem.<lang>.md` used as is, `problem.<lang>.tex` converted.
//! Package statements leave the samples out (the judge shows them), so
//! they are appended here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::tex;
use crate::error::Diagnostics;
use crate::model::TestCase;

pub(crate) struct Statement {
    pub markdown: String,
    /// From `\problemname{...}` in a LaTeX statement.
    pub title: Option<String>,
}

pub(crate) fn read(
    dir: &Path,
    constants: &BTreeMap<String, String>,
    samples: &[TestCase],
    diags: &mut Diagnostics,
    notices: &mut Vec<String>,
) -> Statement {
    let candidates = ["statement", "problem_statement"].map(|d| dir.join(d));
    let existing: Vec<&PathBuf> = candidates.iter().filter(|d| d.is_dir()).collect();
    let statement_dir = match existing.as_slice() {
        [] => return without_text(dir, dir, samples, notices),
        [one] => (*one).clone(),
        [first, ..] => {
            notices.push(format!(
                "both statement/ and problem_statement/ exist; the statement is read from {}",
                relative(dir, first)
            ));
            (*first).clone()
        }
    };
    let Some(file) = pick_statement(&statement_dir) else {
        return without_text(dir, &statement_dir, samples, notices);
    };
    let shown = relative(dir, &file);
    if !is_english(&file) {
        notices.push(format!("no English statement; using {shown}"));
    }
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => {
            diags.push(&file, format!("cannot read the statement: {e}"));
            return Statement { markdown: String::new(), title: None };
        }
    };
    let (body, title) = if file.extension().is_some_and(|e| e == "tex") {
        match tex::to_markdown(&text, constants) {
            Ok(converted) => {
                if !converted.unknown.is_empty() {
                    notices.push(format!(
                        "{shown}: converted to Markdown without understanding {}; their text is kept, their formatting is not",
                        converted.unknown.join(", ")
                    ));
                }
                (converted.markdown, converted.title)
            }
            Err(e) => {
                notices.push(format!(
                    "{shown}:{}: the LaTeX statement could not be converted ({}); it is shown as raw LaTeX",
                    e.line, e.message
                ));
                (format!("```latex\n{}\n```\n", text.trim_end()), None)
            }
        }
    } else {
        (substitute_constants(&text, constants), None)
    };
    let images = has_images(&statement_dir);
    if images {
        notices.push(format!(
            "{} holds images; OA Judge statements are text only, so they are not shown",
            relative(dir, &statement_dir)
        ));
    }
    Statement { markdown: with_samples(&body, samples), title }
}

/// A package with no Markdown or LaTeX statement still judges (DOMjudge's
/// packages often carry only `problem.pdf`): the statement says where the
/// text is, or that there is none, followed by the samples.
fn without_text(root: &Path, dir: &Path, samples: &[TestCase], notices: &mut Vec<String>) -> Statement {
    let mut pdfs: Vec<PathBuf> = super::validator::visible_entries(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            p.is_file() && name.starts_with("problem") && name.ends_with(".pdf")
        })
        .collect();
    // problem.pdf or problem.en.pdf before other languages.
    pdfs.sort_by_key(|p| (!is_english(p), p.clone()));
    let body = match pdfs.first() {
        Some(pdf) => {
            let shown = relative(root, pdf);
            notices.push(format!(
                "statement: only {shown}; OA Judge shows text statements (Markdown or LaTeX), so the statement \
                 page points to the PDF"
            ));
            format!(
                "The statement of this problem is the PDF file `{shown}` in its package; OA Judge shows only \
                 Markdown and LaTeX statements.\n"
            )
        }
        None => {
            notices.push(
                "statement: the package has none (no statement/problem.en.md, problem_statement/problem.en.tex \
                 or problem.pdf); the statement page shows only the samples"
                    .to_string(),
            );
            "This problem's package has no statement.\n".to_string()
        }
    };
    Statement { markdown: with_samples(&body, samples), title: None }
}

/// English first, then a language-neutral name, then any other language.
fn pick_statement(dir: &Path) -> Option<PathBuf> {
    let preferred = ["problem.en.md", "problem.en.tex", "problem.md", "problem.tex"];
    if let Some(found) = preferred.iter().map(|n| dir.join(n)).find(|p| p.is_file()) {
        return Some(found);
    }
    let mut others: Vec<PathBuf> = super::validator::visible_entries(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("problem.") && (name.ends_with(".md") || name.ends_with(".tex"))
        })
        .collect();
    // Markdown before LaTeX, then by name, so the choice is stable.
    others.sort_by_key(|p| (p.extension().is_some_and(|e| e == "tex"), p.clone()));
    others.into_iter().next()
}

fn is_english(file: &Path) -> bool {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.matches('.').count() == 1 || name.starts_with("problem.en.")
}

fn has_images(dir: &Path) -> bool {
    super::validator::visible_entries(dir).iter().any(|p| {
        p.extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .is_some_and(|e| matches!(e.as_str(), "png" | "jpg" | "jpeg" | "svg" | "pdf" | "gif"))
    })
}

/// `{{name}}` in Markdown statements stands for a constant of problem.yaml;
/// `{{nextsample}}` and `{{remainingsamples}}` place samples, which OA Judge
/// appends at the end instead.
fn substitute_constants(text: &str, constants: &BTreeMap<String, String>) -> String {
    let mut out = text.replace("{{nextsample}}", "").replace("{{remainingsamples}}", "");
    for (name, value) in constants {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    out
}

fn with_samples(body: &str, samples: &[TestCase]) -> String {
    let mut out = body.trim_end().to_string();
    out.push('\n');
    for (i, case) in samples.iter().enumerate() {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        out.push_str(&format!(
            "\n## Sample {}\n\nInput:\n\n```\n{}\n```\n\nOutput:\n\n```\n{}\n```\n",
            i + 1,
            read(&case.input).trim_end(),
            read(&case.answer).trim_end()
        ));
    }
    out
}

pub(crate) fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).display().to_string()
}
