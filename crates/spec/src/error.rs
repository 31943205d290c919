use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with a problem: where it is and what is expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file or directory at fault.
    pub path: PathBuf,
    /// Line in that file, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Everything wrong with a problem directory, found in one pass so a problem
/// setter can fix all of it at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ProblemError {
    pub diagnostics: Vec<Diagnostic>,
}

impl ProblemError {
    pub fn single(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        ProblemError {
            diagnostics: vec![Diagnostic { path: path.as_ref().to_path_buf(), line: None, message: message.into() }],
        }
    }

    /// The diagnostics with paths shown relative to `base`, for stable
    /// messages in tests and output.
    pub fn relative_to(&self, base: &Path) -> String {
        self.diagnostics
            .iter()
            .map(|d| {
                let path = d.path.strip_prefix(base).unwrap_or(&d.path);
                Diagnostic { path: path.to_path_buf(), ..d.clone() }.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for ProblemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics while a problem is loaded.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, path: impl AsRef<Path>, message: impl Into<String>) {
        self.0.push(Diagnostic { path: path.as_ref().to_path_buf(), line: None, message: message.into() });
    }

    pub fn push_at(&mut self, path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) {
        self.0.push(Diagnostic { path: path.as_ref().to_path_buf(), line, message: message.into() });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result<T>(self, value: T) -> Result<T, ProblemError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ProblemError { diagnostics: self.0 })
        }
    }
}
