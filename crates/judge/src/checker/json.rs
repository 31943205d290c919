//! Comparing a function's returned value with the expected one, as parsed
//! JSON values rather than text: `1e-09`, `1.0E-9` and `1e-9` are the same
//! double whichever language printed it.

use std::cmp::Ordering;

use oaj_spec::{Checker, Visibility};
use serde_json::Value;

use super::CheckOutcome;

/// The outcome of comparing one case's output with its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison {
    Accepted,
    /// The message says where the values first differ.
    WrongAnswer(String),
    /// The problem's answer is broken, or the checker cannot be applied
    /// here; never the user's fault.
    JudgeError(String),
}

/// Compares `output_json` (what the harness printed) with `answer_json` (the
/// case's `.ans`) under `checker`:
/// - `exact`, `tokens`: equal JSON values (numbers by value);
/// - `float`: numbers anywhere in the value may differ within either tolerance;
/// - `unordered`: the returned array is a multiset;
/// - `any_order_nested`: every array, at every depth, is a multiset;
/// - `custom`: not handled here; run the checker on [`canonical_json`] output.
pub fn compare(checker: &Checker, answer_json: &str, output_json: &str) -> Comparison {
    compare_with(checker, answer_json, output_json, true)
}

/// [`compare`] for hidden cases: a wrong answer says where the values
/// differ but quotes neither, so hidden test data stays hidden.
pub fn compare_hidden(checker: &Checker, answer_json: &str, output_json: &str) -> Comparison {
    compare_with(checker, answer_json, output_json, false)
}

/// A function problem's built-in check of one case: [`compare`] on samples,
/// [`compare_hidden`] on hidden cases.
pub(crate) fn check_function_result(
    checker: &Checker,
    answer: &[u8],
    output: &[u8],
    visibility: Visibility,
) -> CheckOutcome {
    let compare = match visibility {
        Visibility::Sample => compare,
        Visibility::Hidden => compare_hidden,
    };
    match compare(checker, &String::from_utf8_lossy(answer), &String::from_utf8_lossy(output)) {
        Comparison::Accepted => CheckOutcome::accepted(),
        Comparison::WrongAnswer(message) => CheckOutcome::wrong(message),
        Comparison::JudgeError(message) => CheckOutcome::judge_error(message),
    }
}

fn compare_with(checker: &Checker, answer_json: &str, output_json: &str, quote: bool) -> Comparison {
    let answer = match serde_json::from_str::<Value>(answer_json.trim()) {
        Ok(value) => value,
        Err(e) => return Comparison::JudgeError(format!("the answer file is not one JSON value: {e}")),
    };
    let output = match serde_json::from_str::<Value>(output_json.trim()) {
        Ok(value) => value,
        Err(e) => {
            let shown = if quote { format!(": {}", preview(output_json.trim())) } else { String::new() };
            return Comparison::WrongAnswer(format!("the output is not one JSON value ({e}){shown}"));
        }
    };
    let tolerance = match checker {
        Checker::Float { abs_tol, rel_tol } => Some((*abs_tol, *rel_tol)),
        // Only Kattis packages (stdio problems) carry this checker; on a
        // function result it means equality, within its float tolerances.
        Checker::KattisDefault { float_abs_tol, float_rel_tol, .. }
            if float_abs_tol.is_some() || float_rel_tol.is_some() =>
        {
            Some((float_abs_tol.unwrap_or(0.0), float_rel_tol.unwrap_or(0.0)))
        }
        _ => None,
    };
    let (answer, output) = match checker {
        Checker::Unordered => match (&answer, &output) {
            (Value::Array(_), Value::Array(_)) => (sorted_top(answer), sorted_top(output)),
            (Value::Array(_), _) => return Comparison::WrongAnswer("expected an array".into()),
            _ => return Comparison::JudgeError("checker `unordered` needs an answer that is an array".into()),
        },
        Checker::AnyOrderNested => (sorted_deep(answer), sorted_deep(output)),
        Checker::Custom(_) => {
            return Comparison::JudgeError(
                "a custom checker compares function results itself; give it canonical_json(output)".into(),
            )
        }
        Checker::Exact | Checker::Tokens | Checker::Float { .. } | Checker::KattisDefault { .. } => (answer, output),
    };
    let mut at = String::new();
    match first_difference(&answer, &output, tolerance, &mut at) {
        None => Comparison::Accepted,
        Some(message) if quote => Comparison::WrongAnswer(message),
        Some(_) if at.is_empty() => Comparison::WrongAnswer("the returned value differs from the expected one".into()),
        Some(_) => Comparison::WrongAnswer(format!("the returned value differs at {at}")),
    }
}

/// `json` re-printed compactly with numbers normalized (`3.0` -> `3`), the
/// form a custom checker is given.
pub fn canonical_json(json: &str) -> Result<String, String> {
    let value: Value = serde_json::from_str(json.trim()).map_err(|e| format!("not one JSON value: {e}"))?;
    Ok(normalized(value).to_string())
}

/// Integral doubles become integers so `3.0` equals `3` everywhere,
/// including inside sorting keys.
fn normalized(value: Value) -> Value {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 9.2e18 => Value::from(x as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        other => other,
    }
}

fn sorted_top(value: Value) -> Value {
    match normalized(value) {
        Value::Array(mut items) => {
            items.sort_by(order);
            Value::Array(items)
        }
        other => other,
    }
}

fn sorted_deep(value: Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.into_iter().map(sorted_deep).collect();
            items.sort_by(order);
            Value::Array(items)
        }
        other => normalized(other),
    }
}

/// A total order on normalized values: by kind, then numbers by value,
/// others by their JSON text.
fn order(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) => 4,
            Value::Object(_) => 5,
        }
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => x.as_f64().unwrap_or(0.0).total_cmp(&y.as_f64().unwrap_or(0.0)),
        },
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                let o = order(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => rank(a).cmp(&rank(b)).then_with(|| a.to_string().cmp(&b.to_string())),
    }
}

fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number, tolerance: Option<(f64, f64)>) -> bool {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        if tolerance.is_none() || x == y {
            return x == y;
        }
    }
    let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) else {
        return false;
    };
    match tolerance {
        None => x == y,
        Some((abs_tol, rel_tol)) => {
            let diff = (x - y).abs();
            diff <= abs_tol || diff <= rel_tol * x.abs()
        }
    }
}

fn first_difference(expected: &Value, got: &Value, tolerance: Option<(f64, f64)>, at: &mut String) -> Option<String> {
    let place = |at: &str| {
        if at.is_empty() {
            String::new()
        } else {
            format!("at {at}: ")
        }
    };
    match (expected, got) {
        (Value::Number(x), Value::Number(y)) => {
            if numbers_equal(x, y, tolerance) {
                None
            } else {
                Some(format!("{}expected {x}, got {y}", place(at)))
            }
        }
        (Value::Array(xs), Value::Array(ys)) => {
            for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                if let Some(message) = first_difference(x, y, tolerance, at) {
                    return Some(message);
                }
                at.truncate(len);
            }
            if xs.len() != ys.len() {
                Some(format!(
                    "{}expected {} element(s), got {}: expected {}, got {}",
                    place(at),
                    xs.len(),
                    ys.len(),
                    preview_value(expected),
                    preview_value(got)
                ))
            } else {
                None
            }
        }
        _ if expected == got => None,
        _ => Some(format!("{}expected {}, got {}", place(at), preview_value(expected), preview_value(got))),
    }
}

fn preview_value(value: &Value) -> String {
    preview(&value.to_string())
}

fn preview(text: &str) -> String {
    if text.chars().count() > 80 {
        let head: String = text.chars().take(77).collect();
        format!("{head}...")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(checker: &Checker, answer: &str, output: &str) -> &'static str {
        match compare(checker, answer, output) {
            Comparison::Accepted => "AC",
            Comparison::WrongAnswer(_) => "WA",
            Comparison::JudgeError(_) => "IE",
        }
    }

    #[test]
    fn comparisons_follow_the_checker() {
        let float = Checker::Float { abs_tol: 1e-6, rel_tol: 1e-6 };
        let table: &[(&Checker, &str, &str, &str)] = &[
            (&Checker::Tokens, "[1,2,3]", "[1,2,3]", "AC"),
            (&Checker::Tokens, "[1,2,3]", " [1, 2, 3]\n", "AC"),
            (&Checker::Exact, "[1,2,3]", "[1,3,2]", "WA"),
            (&Checker::Exact, "1e-9", "1.0E-9", "AC"),
            (&Checker::Exact, "1e18", "1000000000000000000", "AC"),
            (&Checker::Exact, "3", "3.0", "AC"),
            (&Checker::Exact, "9223372036854775807", "9223372036854775806", "WA"),
            (&Checker::Exact, "\"a\\\"b\"", "\"a\\u0022b\"", "AC"),
            (&Checker::Exact, "[]", "null", "WA"),
            (&Checker::Exact, "true", "1", "WA"),
            (&Checker::Exact, "[1]", "[1] garbage", "WA"),
            (&Checker::Exact, "not json", "1", "IE"),
            (&float, "0.3333333", "0.33333333333", "AC"),
            (&float, "1000000", "1000000.5", "AC"),
            (&float, "1", "1.001", "WA"),
            (&float, "[1.0,[2.0]]", "[1.0000001,[1.9999999]]", "AC"),
            (&Checker::Unordered, "[1,2,2,3]", "[2,3,1,2]", "AC"),
            (&Checker::Unordered, "[1,2,2,3]", "[2,3,1,3]", "WA"),
            (&Checker::Unordered, "[[1,2],[3]]", "[[3],[1,2]]", "AC"),
            (&Checker::Unordered, "[[1,2],[3]]", "[[3],[2,1]]", "WA"),
            (&Checker::Unordered, "[1]", "1", "WA"),
            (&Checker::AnyOrderNested, "[[\"eat\",\"tea\"],[\"bat\"]]", "[[\"bat\"],[\"tea\",\"eat\"]]", "AC"),
            (&Checker::AnyOrderNested, "[[\"eat\",\"tea\"],[\"bat\"]]", "[[\"bat\",\"tea\"],[\"eat\"]]", "WA"),
        ];
        for (checker, answer, output, expected) in table {
            assert_eq!(verdict(checker, answer, output), *expected, "{checker:?} answer {answer} output {output}");
        }
    }

    #[test]
    fn wrong_answers_say_where() {
        let Comparison::WrongAnswer(message) = compare(&Checker::Exact, "[[1,2],[3,4]]", "[[1,2],[3,5]]") else {
            panic!("expected WA");
        };
        assert_eq!(message, "at [1][1]: expected 4, got 5");
    }

    #[test]
    fn hidden_cases_are_not_quoted() {
        let Comparison::WrongAnswer(message) = compare_hidden(&Checker::Exact, "[[1,2],[3,4]]", "[[1,2],[3,5]]") else {
            panic!("expected WA");
        };
        assert_eq!(message, "the returned value differs at [1][1]");
        let Comparison::WrongAnswer(message) = compare_hidden(&Checker::Exact, "[7,8]", "[7]") else {
            panic!("expected WA");
        };
        assert!(!message.contains('7') && !message.contains('8'), "{message}");
    }

    #[test]
    fn canonical_json_is_compact_and_normalized() {
        assert_eq!(canonical_json(" [1.0, \"x\", [true, null]] ").as_deref(), Ok("[1,\"x\",[true,null]]"));
    }
}
