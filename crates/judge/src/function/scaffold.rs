//! `oaj new`: a new problem directory that loads cleanly and passes
//! `oaj validate` as it stands, for the author to rewrite.

use std::path::{Path, PathBuf};

/// The kind of problem to scaffold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Function,
    Stdio,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{0}` is not a valid slug: use lowercase letters, digits and dashes, such as `two-sum`")]
    BadSlug(String),
    #[error("{0} already exists; choose another slug or remove it first")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn title_of(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `<parent>/<slug>/` with problem.toml, statement.md, one sample,
/// one hidden case and a reference solution; returns the files written.
pub fn new_problem(parent: &Path, slug: &str, kind: NewKind) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !is_slug(slug) {
        return Err(ScaffoldError::BadSlug(slug.to_string()));
    }
    let dir = parent.join(slug);
    if dir.exists() {
        return Err(ScaffoldError::Exists(dir));
    }
    let title = title_of(slug);
    let files: Vec<(&str, String)> = match kind {
        NewKind::Function => vec![
            (
                "problem.toml",
                format!(
                    r#"title = "{title}"
difficulty = "medium"
kind = "function"
time_limit_ms = 1000
memory_limit_mb = 256
checker = "exact"

# The function the user completes. Types: int, long, double, bool, char,
# string, ListNode, TreeNode, and arrays of them (int[], string[][]).
[signature]
function = "sumOfArray"
params = [{{ name = "nums", type = "int[]" }}]
returns = "long"
"#
                ),
            ),
            (
                "statement.md",
                format!(
                    "# {title}\n\nGiven an array of integers `nums`, return the sum of its elements.\n\n\
                     ## Example\n\n```\nnums = [1,2,3]  ->  6\n```\n\n## Constraints\n\n\
                     - `0 <= nums.length <= 100000`\n- `-10^9 <= nums[i] <= 10^9`\n"
                ),
            ),
            // One JSON value per parameter per line; the answer is one JSON value.
            ("tests/sample/1.in", "[1,2,3]\n".into()),
            ("tests/sample/1.ans", "6\n".into()),
            ("tests/hidden/1.in", "[-1000000000,-1000000000,-1000000000]\n".into()),
            ("tests/hidden/1.ans", "-3000000000\n".into()),
            (
                "solutions/accepted/reference.py",
                "class Solution:\n    def sumOfArray(self, nums: List[int]) -> int:\n        return sum(nums)\n".into(),
            ),
        ],
        NewKind::Stdio => vec![
            (
                "problem.toml",
                format!(
                    "title = \"{title}\"\ndifficulty = \"medium\"\nkind = \"stdio\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\nchecker = \"tokens\"\n"
                ),
            ),
            (
                "statement.md",
                format!(
                    "# {title}\n\nThe first line holds `n`, the second `n` integers. Print their sum.\n\n\
                     ## Example\n\nInput:\n```\n3\n1 2 3\n```\nOutput:\n```\n6\n```\n"
                ),
            ),
            ("tests/sample/1.in", "3\n1 2 3\n".into()),
            ("tests/sample/1.ans", "6\n".into()),
            ("tests/hidden/1.in", "3\n-1000000000 -1000000000 -1000000000\n".into()),
            ("tests/hidden/1.ans", "-3000000000\n".into()),
            (
                "solutions/accepted/reference.py",
                "import sys\n\ndata = sys.stdin.read().split()\nn = int(data[0])\nprint(sum(map(int, data[1:1 + n])))\n".into(),
            ),
        ],
    };
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| ScaffoldError::Io { path: parent.to_path_buf(), source })?;
        }
        std::fs::write(&path, text).map_err(|source| ScaffoldError::Io { path: path.clone(), source })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffolded_problems_load_cleanly() {
        for kind in [NewKind::Function, NewKind::Stdio] {
            let temp = tempfile::tempdir().expect("tempdir");
            new_problem(temp.path(), "sum-it-up", kind).expect("scaffold");
            let problem = oaj_spec::load(&temp.path().join("sum-it-up")).expect("loads");
            assert_eq!(problem.title, "Sum It Up");
            assert_eq!(problem.samples.len(), 1);
            assert_eq!(problem.hidden.len(), 1);
            assert_eq!(problem.solutions.len(), 1);
            let again = new_problem(temp.path(), "sum-it-up", kind).expect_err("exists");
            assert!(again.to_string().contains("already exists"), "{again}");
        }
    }

    #[test]
    fn slugs_are_checked() {
        let temp = tempfile::tempdir().expect("tempdir");
        for bad in ["", "Two-Sum", "two sum", "-x", "x/y", "../up"] {
            let err = new_problem(temp.path(), bad, NewKind::Function).expect_err(bad);
            assert!(err.to_string().contains("not a valid slug"), "{err}");
        }
    }
}
