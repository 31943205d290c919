//! Test data of `kind = "function"` problems: one JSON value per parameter
//! per line in `NAME.in`, one JSON value in `NAME.ans`, each matching the
//! type the `[signature]` gives it.
//!
//! The generated harnesses trust this shape (they still exit with status 86
//! when it is violated), so checking it when the problem loads turns a
//! judge error during an OA into a clear message for the problem setter.

use std::path::Path;

use serde_json::Value;

use crate::error::Diagnostics;
use crate::signature::{Signature, Type};
use crate::TestCase;

/// Checks that `value` is a valid `ty`; on failure says what was found where.
/// `at` is the path inside the value (`[2][0]`), empty at the top.
pub fn check_value(ty: &Type, value: &Value) -> Result<(), String> {
    check_at(ty, value, &mut String::new())
}

fn check_at(ty: &Type, value: &Value, at: &mut String) -> Result<(), String> {
    let fail = |at: &str, what: &str| {
        let place = if at.is_empty() { String::new() } else { format!(" at {at}") };
        Err(format!("expected {what}{place}, found {}", preview(value)))
    };
    match ty {
        Type::Int => match value.as_i64() {
            Some(n) if i32::try_from(n).is_ok() => Ok(()),
            _ => fail(at, "int (a whole number from -2^31 to 2^31-1)"),
        },
        Type::Long => match value.as_i64() {
            Some(_) => Ok(()),
            None => fail(at, "long (a whole number from -2^63 to 2^63-1)"),
        },
        Type::Double => match value.as_f64() {
            Some(x) if x.is_finite() => Ok(()),
            _ => fail(at, "double (a finite number)"),
        },
        Type::Bool => match value {
            Value::Bool(_) => Ok(()),
            _ => fail(at, "bool (true or false)"),
        },
        // One ASCII character, so that C++'s `char`, Java's `char` and the
        // one-letter strings of Python/JS/Go agree on what the value is.
        Type::Char => match value.as_str() {
            Some(s) if s.len() == 1 && s.is_ascii() => Ok(()),
            _ => fail(at, "char (a string of exactly one ASCII character)"),
        },
        Type::String => match value {
            Value::String(_) => Ok(()),
            _ => fail(at, "string"),
        },
        Type::ListNode => {
            let Some(items) = value.as_array() else {
                return fail(at, "ListNode (an array of ints, [] for an empty list)");
            };
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                check_at(&Type::Int, item, at)?;
                at.truncate(len);
            }
            Ok(())
        }
        Type::TreeNode => check_tree(value, at),
        Type::Array(inner) => {
            let Some(items) = value.as_array() else {
                return fail(at, &format!("{ty} (an array)"));
            };
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                check_at(inner, item, at)?;
                at.truncate(len);
            }
            Ok(())
        }
    }
}

/// A tree in level order: `[1,null,2,3]`. Only present nodes have child
/// slots, so every entry must have a parent slot to fill.
fn check_tree(value: &Value, at: &str) -> Result<(), String> {
    let place = if at.is_empty() { String::new() } else { format!(" at {at}") };
    let Some(items) = value.as_array() else {
        return Err(format!(
            "expected TreeNode (level order such as [1,null,2], [] for an empty tree){place}, found {}",
            preview(value)
        ));
    };
    if items.first().is_some_and(Value::is_null) {
        return Err(format!("TreeNode{place}: the root is null; write an empty tree as []"));
    }
    // Number of child slots opened by the nodes seen so far, minus those used.
    let mut free_slots: usize = 1;
    for (i, item) in items.iter().enumerate() {
        if free_slots == 0 {
            return Err(format!(
                "TreeNode{place}: entry [{i}] has no parent (every earlier node's children are already given)"
            ));
        }
        free_slots -= 1;
        match item {
            Value::Null => {}
            other => match other.as_i64() {
                Some(n) if i32::try_from(n).is_ok() => free_slots += 2,
                _ => {
                    return Err(format!(
                        "TreeNode{place}: entry [{i}] must be an int or null, found {}",
                        preview(other)
                    ))
                }
            },
        }
    }
    Ok(())
}

fn preview(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let head: String = text.chars().take(57).collect();
        format!("{head}...")
    } else {
        text
    }
}

/// Case files up to this size are checked value by value whenever a
/// problem loads; larger ones (the maximum-size cases) only by their line
/// count there, and fully by [`check_test_data`] (`oaj validate`), so that
/// loading a problem stays fast.
pub const LOAD_CHECK_MAX_BYTES: u64 = 64 * 1024;

/// Checks every case of a function problem value by value, whatever its
/// size. Stdio problems have nothing to check.
pub fn check_test_data(problem: &crate::Problem) -> Result<(), crate::ProblemError> {
    let mut diags = Diagnostics::default();
    if let Some(signature) = &problem.signature {
        for case in problem.all_cases() {
            check_case(signature, case, &mut diags, true);
        }
    }
    diags.into_result(())
}

/// Checks one case's files against `signature`, reporting each mistake with
/// the file, the line and the parameter. Without `full`, large files are
/// only checked for their number of lines.
pub(crate) fn check_case(signature: &Signature, case: &TestCase, diags: &mut Diagnostics, full: bool) {
    check_input(signature, &case.input, diags, full);
    check_answer(signature, &case.answer, diags, full);
}

fn small(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() <= LOAD_CHECK_MAX_BYTES)
}

fn check_input(signature: &Signature, path: &Path, diags: &mut Diagnostics, full: bool) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return; // Unreadable files are reported by the case reader.
    };
    let full = full || small(path);
    for (line, message) in input_mistakes(signature, &text, full) {
        diags.push_at(path, line, message);
    }
}

/// Checks input a user typed for a function problem ("run on custom
/// input") as test data is checked: one JSON value per parameter per line.
/// The error names the line and the parameter, and says what the input
/// must look like.
pub fn check_function_input(signature: &Signature, text: &str) -> Result<(), String> {
    let mistakes = input_mistakes(signature, text, true);
    if mistakes.is_empty() {
        return Ok(());
    }
    let params: Vec<String> = signature.params.iter().map(|p| format!("{}: {}", p.name, p.ty)).collect();
    let listed: Vec<String> = mistakes
        .into_iter()
        .map(|(line, message)| match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        })
        .collect();
    Err(format!(
        "your input does not fit the function's parameters ({}): {}. Write one JSON value per line, one line \
         per parameter in order, like the samples",
        params.join(", "),
        listed.join("; ")
    ))
}

/// The mistakes of a function problem's input text, each with its line
/// (1-based) when it has one. Without `full`, only the number of lines.
fn input_mistakes(signature: &Signature, text: &str, full: bool) -> Vec<(Option<usize>, String)> {
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i + 1, l)).collect();
    if lines.len() != signature.params.len() {
        let names: Vec<&str> = signature.params.iter().map(|p| p.name.as_str()).collect();
        let message = format!(
            "expected {} line(s), one JSON value per parameter ({}), found {} non-empty line(s)",
            signature.params.len(),
            names.join(", "),
            lines.len()
        );
        return vec![(None, message)];
    }
    if !full {
        return Vec::new();
    }
    let mut mistakes = Vec::new();
    for ((line_no, line), param) in lines.iter().zip(&signature.params) {
        let outcome = serde_json::from_str::<Value>(line)
            .map_err(|e| format!("not valid JSON ({e})"))
            .and_then(|value| check_value(&param.ty, &value));
        if let Err(message) = outcome {
            mistakes.push((Some(*line_no), format!("parameter `{}` ({}): {message}", param.name, param.ty)));
        }
    }
    mistakes
}

fn check_answer(signature: &Signature, path: &Path, diags: &mut Diagnostics, full: bool) {
    if !full && !small(path) {
        return;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let outcome = serde_json::from_str::<Value>(text.trim())
        .map_err(|e| format!("not one valid JSON value ({e})"))
        .and_then(|value| check_value(&signature.returns, &value));
    if let Err(message) = outcome {
        diags.push(path, format!("return value ({}): {message}", signature.returns));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (type, JSON, expected error fragment or "" for valid)
    const CASES: &[(&str, &str, &str)] = &[
        ("int", "5", ""),
        ("int", "-2147483648", ""),
        ("int", "2147483648", "expected int"),
        ("int", "1.5", "expected int"),
        ("long", "-9223372036854775808", ""),
        ("long", "9223372036854775807", ""),
        ("long", "9223372036854775808", "expected long"),
        ("double", "1e-9", ""),
        ("double", "3", ""),
        ("double", "\"x\"", "expected double"),
        ("bool", "true", ""),
        ("bool", "1", "expected bool"),
        ("char", "\"a\"", ""),
        ("char", "\"ab\"", "expected char"),
        ("char", "\"é\"", "expected char"),
        ("string", "\"a\\\"b\\\\é\"", ""),
        ("string", "null", "expected string"),
        ("ListNode", "[]", ""),
        ("ListNode", "[1,2,3]", ""),
        ("ListNode", "[1,null]", "at [1]"),
        ("TreeNode", "[]", ""),
        ("TreeNode", "[1,null,2,3]", ""),
        ("TreeNode", "[null]", "root is null"),
        ("TreeNode", "[1,null,null,2]", "entry [3] has no parent"),
        ("TreeNode", "[1,\"a\"]", "entry [1] must be an int"),
        ("int[][]", "[[1],[],[2,3]]", ""),
        ("int[][]", "[[1],[2,\"x\"]]", "at [1][1]"),
        ("string[]", "[]", ""),
        ("TreeNode[]", "[[1,2],[]]", ""),
    ];

    #[test]
    fn case_files_are_reported_with_file_line_and_parameter() {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = temp.path();
        std::fs::write(
            dir.join("problem.toml"),
            "title = \"T\"\ndifficulty = \"easy\"\nkind = \"function\"\ntime_limit_ms = 1000\nmemory_limit_mb = 256\n\
             [signature]\nfunction = \"f\"\nparams = [{ name = \"nums\", type = \"int[]\" }, { name = \"k\", type = \"int\" }]\nreturns = \"bool\"\n",
        )
        .expect("toml");
        std::fs::write(dir.join("statement.md"), "# T\n").expect("statement");
        let hidden = dir.join("tests/hidden");
        std::fs::create_dir_all(&hidden).expect("dirs");
        // (name, .in, .ans, expected diagnostic or "" for a valid case)
        let cases = [
            ("good", "[1,2]\n3\n", "true\n", ""),
            ("wrong-type", "[1,\"x\"]\n3\n", "true\n", "wrong-type.in:1: parameter `nums` (int[]): expected int"),
            ("missing-line", "[1]\n", "false\n", "wrong number of lines"),
            ("bad-json", "[1]\n3 4\n", "false\n", "bad-json.in:2: parameter `k` (int): not valid JSON"),
            ("bad-answer", "[1]\n3\n", "\"yes\"\n", "bad-answer.ans: return value (bool): expected bool"),
        ];
        for (name, input, answer, _) in &cases {
            std::fs::write(hidden.join(format!("{name}.in")), input).expect("in");
            std::fs::write(hidden.join(format!("{name}.ans")), answer).expect("ans");
        }
        let err = crate::load(dir).expect_err("bad data must not load");
        let text = err.relative_to(&hidden);
        for (name, _, _, expected) in &cases {
            if expected.is_empty() {
                assert!(!text.contains(&format!("{name}.")), "{name} is valid but reported:\n{text}");
            } else if *expected == "wrong number of lines" {
                assert!(
                    text.contains(
                        "missing-line.in: expected 2 line(s), one JSON value per parameter (nums, k), found 1"
                    ),
                    "{text}"
                );
            } else {
                assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
            }
        }
    }

    #[test]
    fn values_are_checked_against_types() {
        for (ty, json, expected) in CASES {
            let ty: Type = ty.parse().expect("type");
            let value: Value = serde_json::from_str(json).expect(json);
            match check_value(&ty, &value) {
                Ok(()) => assert!(expected.is_empty(), "{ty} {json}: accepted, expected error `{expected}`"),
                Err(e) => assert!(
                    !expected.is_empty() && e.contains(expected),
                    "{ty} {json}: error `{e}`, expected `{expected}`"
                ),
            }
        }
    }
}
