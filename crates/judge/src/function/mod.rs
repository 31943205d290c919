//! LeetCode-style function problems (`kind = "function"`).
//!
//! From a problem's [`Signature`] this module generates, per language, the
//! starter code the user sees and the hidden harness their code is compiled
//! with. The harness contract, the same in every language:
//!
//! - stdin holds ONE test case: one JSON value per parameter, one per line;
//! - lists and trees are built from their JSON form (trees in level order);
//! - the user's own prints to stdout go to stderr while their code runs, so
//!   they can never corrupt the result; the judge shows stderr as "your
//!   output" on samples;
//! - the result is printed as one line of JSON on stdout (see [`compare`]
//!   for how it is compared; [`canonical_json`] for custom checkers);
//! - an exception or panic in user code exits non-zero and stderr ends with
//!   `Type: message (line N of your code)` where the line is recoverable;
//! - malformed test data exits with [`HARNESS_DATA_ERROR_EXIT`] and a message
//!   on stderr: a judge error (IE), never the user's fault.
//!
//! Every harness also has a batch mode (`--oaj-batch`: many cases in one
//! process, reported on descriptor 3 and timed from outside; see the judge's
//! `batch` module) and a self-test mode ([`ECHO_FLAG`]).
//!
//! The user's code sits in the main file at a fixed place so that line
//! numbers in compiler messages and stack traces are theirs: first in the
//! file for Java, JavaScript, Rust and Go (the few declarations they need in
//! front are joined onto their first line), after a `#line 1` directive in
//! C++, and after one prelude line in Python ([`user_line_offset`]).

mod cpp;
mod go;
mod java;
mod javascript;
mod python;
mod rust;
pub mod scaffold;
#[cfg(test)]
mod snapshot_tests;

// The comparison of returned values lives with the other checkers.
pub use crate::checker::json::{canonical_json, compare, compare_hidden, Comparison};

use oaj_spec::{Signature, Type};

/// Exit status of a harness that found the test data malformed (the
/// problem's fault: a judge error, never the user's). Every language's
/// template writes `@DATA_ERROR_EXIT@` where it exits so, filled in by
/// [`harness_template`].
pub const HARNESS_DATA_ERROR_EXIT: i32 = 86;

/// The argument that puts a harness in batch mode (see the judge's `batch`
/// module).
pub const BATCH_FLAG: &str = "--oaj-batch";

/// A harness template (never the user's code) with the judge's constants
/// filled in: `@DATA_ERROR_EXIT@`, `@BATCH_FLAG@`, `@ECHO_FLAG@`.
pub(crate) fn harness_template(template: &str) -> String {
    template
        .replace("@DATA_ERROR_EXIT@", &HARNESS_DATA_ERROR_EXIT.to_string())
        .replace("@BATCH_FLAG@", BATCH_FLAG)
        .replace("@ECHO_FLAG@", ECHO_FLAG)
}

/// The argument that starts a harness's self-test mode: stdin holds pairs of
/// lines, a type as signatures write it (`int[][]`) and a JSON value of it,
/// and each value is printed back on its own line, decoded and encoded again
/// by the harness's own conversions (those of every type in the program's
/// signature, and Python's and JavaScript's for any type). The judge never
/// passes it; `tests/function_harness.rs` round-trips every type through one
/// build per language with it.
pub const ECHO_FLAG: &str = "--oaj-echo";

/// The languages with function-problem support, by their ids in
/// `sandbox/languages.toml`.
pub const LANGUAGES: &[&str] = &["python", "cpp", "java", "javascript", "go", "rust"];

/// Whether a language's harness can run all cases in one process (batch
/// mode, see the judge's `batch` module): every function-problem language's
/// harness can.
pub fn supports_batch(language: &str) -> bool {
    Lang::parse(language).is_ok()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FunctionError {
    #[error(
        "function problems are not available in language `{0}`; use one of python, cpp, java, javascript, go, rust"
    )]
    UnsupportedLanguage(String),
    #[error("the problem's [signature] is invalid: {0}")]
    InvalidSignature(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Python,
    Cpp,
    Java,
    JavaScript,
    Go,
    Rust,
}

impl Lang {
    fn parse(id: &str) -> Result<Lang, FunctionError> {
        Ok(match id {
            "python" => Lang::Python,
            "cpp" => Lang::Cpp,
            "java" => Lang::Java,
            "javascript" => Lang::JavaScript,
            "go" => Lang::Go,
            "rust" => Lang::Rust,
            other => return Err(FunctionError::UnsupportedLanguage(other.to_string())),
        })
    }

    /// The main file's name, as `sandbox/languages.toml` compiles it.
    fn main_file(self) -> &'static str {
        match self {
            Lang::Python => "main.py",
            Lang::Cpp => "main.cpp",
            Lang::Java => "Main.java",
            Lang::JavaScript => "main.js",
            Lang::Go => "main.go",
            Lang::Rust => "main.rs",
        }
    }
}

fn checked(signature: &Signature) -> Result<(), FunctionError> {
    let problems = signature.problems();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(FunctionError::InvalidSignature(problems.join("; ")))
    }
}

/// The code the user starts from: an empty function with the problem's
/// signature, in the language's usual LeetCode shape.
pub fn starter_code(signature: &Signature, language: &str) -> Result<String, FunctionError> {
    checked(signature)?;
    Ok(match Lang::parse(language)? {
        Lang::Python => python::starter(signature),
        Lang::Cpp => cpp::starter(signature),
        Lang::Java => java::starter(signature),
        Lang::JavaScript => javascript::starter(signature),
        Lang::Go => go::starter(signature),
        Lang::Rust => rust::starter(signature),
    })
}

/// The files to compile for a submission `user_source`: the main file
/// (named as `sandbox/languages.toml` expects) holding the user's code and
/// the generated harness, and for JavaScript the libraries LeetCode provides
/// (`leetcode-env.js`).
pub fn program_files(
    signature: &Signature,
    language: &str,
    user_source: &str,
) -> Result<Vec<(String, String)>, FunctionError> {
    checked(signature)?;
    let lang = Lang::parse(language)?;
    // Line endings from a browser textarea must not shift line numbers.
    let user = user_source.replace("\r\n", "\n");
    let main = match lang {
        Lang::Python => python::program(signature, &user),
        Lang::Cpp => cpp::program(signature, &user),
        Lang::Java => java::program(signature, &user),
        Lang::JavaScript => javascript::program(signature, &user),
        Lang::Go => go::program(signature, &user),
        Lang::Rust => rust::program(signature, &user),
    };
    let mut files = vec![(lang.main_file().to_string(), main)];
    if lang == Lang::JavaScript {
        files.push((javascript::ENV_FILE.to_string(), javascript::env_file()));
    }
    Ok(files)
}

/// How many lines of generated code precede the user's first line in the
/// main file; compiler messages about `main.<ext>` line L are about the
/// user's line L - offset.
pub fn user_line_offset(language: &str) -> Result<usize, FunctionError> {
    Ok(match Lang::parse(language)? {
        Lang::Python => python::USER_LINE_OFFSET,
        // C++ uses `#line`, the others put the user's code first.
        _ => 0,
    })
}

/// A compiler message about the generated main file, with line numbers
/// turned back into the user's own where a prelude shifted them (Python:
/// `File "main.py", line 7` becomes line 6). Other languages' messages
/// already carry the user's lines and are returned unchanged.
pub fn map_compile_message(language: &str, message: &str) -> String {
    let Ok(offset) = user_line_offset(language) else {
        return message.to_string();
    };
    if offset == 0 {
        return message.to_string();
    }
    const MARK: &str = "main.py\", line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(MARK) {
        let (head, tail) = rest.split_at(at + MARK.len());
        out.push_str(head);
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<usize>() {
            Ok(line) if line > offset => out.push_str(&(line - offset).to_string()),
            _ => out.push_str(&digits),
        }
        rest = &tail[digits.len()..];
    }
    out.push_str(rest);
    out
}

/// Number of lines of the user's code, as the harness counts them.
fn line_count(user: &str) -> usize {
    user.lines().count().max(1)
}

/// Whether the user's code itself declares something: a line (not a
/// comment, which the starter code's node definitions are) beginning with
/// one of `starts`.
pub(crate) fn declares(user: &str, starts: &[&str]) -> bool {
    user.lines().any(|line| {
        let line = line.trim_start();
        starts.iter().any(|start| line.starts_with(start))
    })
}

/// `mergeTwoLists` -> `merge_two_lists`, for Rust.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A name for `ty` usable inside identifiers: `int[][]` -> `int_arr_arr`.
pub(crate) fn mangle(ty: &Type) -> String {
    match ty {
        Type::Int => "int".into(),
        Type::Long => "long".into(),
        Type::Double => "double".into(),
        Type::Bool => "bool".into(),
        Type::Char => "char".into(),
        Type::String => "string".into(),
        Type::ListNode => "list".into(),
        Type::TreeNode => "tree".into(),
        Type::Array(inner) => format!("{}_arr", mangle(inner)),
    }
}

/// Every type a harness must convert, innermost first, without repeats:
/// `int[][]` gives `int`, `int[]`, `int[][]`.
pub(crate) fn all_types<'a>(types: impl IntoIterator<Item = &'a Type>) -> Vec<Type> {
    fn add(ty: &Type, out: &mut Vec<Type>) {
        if let Type::Array(inner) = ty {
            add(inner, out);
        }
        if !out.contains(ty) {
            out.push(ty.clone());
        }
    }
    let mut out = Vec::new();
    for ty in types {
        add(ty, &mut out);
    }
    out
}

/// How a language comments out the `ListNode`/`TreeNode` definitions shown
/// above its starter code.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CommentStyle {
    /// `/** ... */` with ` * ` before each line.
    Block,
    /// The given marker (`//`, `#`) before each line.
    Line(&'static str),
}

/// The list and tree definitions a signature uses, commented out, as
/// LeetCode shows them above the code to complete.
pub(crate) fn definitions_comment(
    signature: &Signature,
    list_def: &str,
    tree_def: &str,
    style: CommentStyle,
) -> String {
    let mut out = String::new();
    for (ty, title, def) in [
        (Type::ListNode, "Definition for singly-linked list.", list_def),
        (Type::TreeNode, "Definition for a binary tree node.", tree_def),
    ] {
        if !uses(signature, &ty) {
            continue;
        }
        match style {
            CommentStyle::Block => {
                out.push_str(&format!("/**\n * {title}\n"));
                for line in def.lines() {
                    out.push_str(&format!(" * {line}\n"));
                }
                out.push_str(" */\n");
            }
            CommentStyle::Line(marker) => {
                out.push_str(&format!("{marker} {title}\n"));
                for line in def.lines() {
                    if line.is_empty() {
                        out.push_str(&format!("{marker}\n"));
                    } else {
                        out.push_str(&format!("{marker} {line}\n"));
                    }
                }
            }
        }
    }
    out
}

pub(crate) fn uses(signature: &Signature, wanted: &Type) -> bool {
    fn contains(ty: &Type, wanted: &Type) -> bool {
        ty == wanted || matches!(ty, Type::Array(inner) if contains(inner, wanted))
    }
    signature.params.iter().any(|p| contains(&p.ty, wanted)) || contains(&signature.returns, wanted)
}

/// A string literal that every target language reads the same way
/// (`"` `\` and control characters escaped, the rest ASCII-escaped by the
/// caller where needed). Used for parameter names in harness messages.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_ascii_graphic() || c == ' ' => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_follows_leetcode_rust_names() {
        for (camel, snake) in [
            ("mergeTwoLists", "merge_two_lists"),
            ("buildTree", "build_tree"),
            ("sortArray", "sort_array"),
            ("longestPalindrome", "longest_palindrome"),
            ("getIntersectionNode", "get_intersection_node"),
            ("parseURLPath", "parse_url_path"),
            ("nums", "nums"),
            ("list1", "list1"),
        ] {
            assert_eq!(snake_case(camel), snake);
        }
    }

    #[test]
    fn python_compile_messages_name_the_users_lines() {
        let message = "  File \"main.py\", line 3\n    def f(:\nSyntaxError: invalid syntax";
        assert_eq!(
            map_compile_message("python", message),
            "  File \"main.py\", line 2\n    def f(:\nSyntaxError: invalid syntax"
        );
        assert_eq!(map_compile_message("java", "Main.java:3: error"), "Main.java:3: error");
    }

    #[test]
    fn all_types_lists_inner_types_first() {
        let ty: Type = "int[][]".parse().expect("type");
        let names: Vec<String> = all_types([&ty, &Type::Int]).iter().map(|t| t.to_string()).collect();
        assert_eq!(names, ["int", "int[]", "int[][]"]);
    }

    #[test]
    fn every_harness_uses_the_one_exit_status_and_the_flags() {
        let sig = Signature {
            function: "f".into(),
            params: vec![oaj_spec::Param { name: "x".into(), ty: Type::Int }],
            returns: Type::Int,
            class: "Solution".into(),
        };
        let status = HARNESS_DATA_ERROR_EXIT.to_string();
        for language in LANGUAGES {
            let files = program_files(&sig, language, "").expect("program");
            let main = &files[0].1;
            for placeholder in ["@DATA_ERROR_EXIT@", "@BATCH_FLAG@", "@ECHO_FLAG@"] {
                assert!(!main.contains(placeholder), "{language}: {placeholder} left");
            }
            for flag in [BATCH_FLAG, ECHO_FLAG] {
                assert!(main.contains(&format!("\"{flag}\"")), "{language}: does not look for {flag}");
            }
            let exits = main.matches(&format!("({status})")).count();
            assert!(exits >= 1, "{language}: no exit with status {status}");
        }
    }

    #[test]
    fn unknown_languages_are_refused_with_the_supported_list() {
        let sig = Signature { function: "f".into(), params: vec![], returns: Type::Int, class: "Solution".into() };
        let err = starter_code(&sig, "cobol").expect_err("cobol");
        assert!(err.to_string().contains("python, cpp, java"), "{err}");
    }
}
