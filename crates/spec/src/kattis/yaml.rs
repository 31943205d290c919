//! Reading the YAML files of a package (`problem.yaml`, `testdata.yaml`,
//! `test_group.yaml`, `submissions.yaml`) as untyped values, so every
//! mistake can be reported with the file and the dotted field name rather
//! than as a deserializer's type error.

use std::path::Path;

use serde_norway::{Mapping, Value};

use crate::error::Diagnostics;

/// Reads `path` as a YAML mapping. A missing file is `Ok(None)`; an empty
/// file is an empty mapping; anything else that is not a mapping is reported.
pub(crate) fn read_mapping(path: &Path, diags: &mut Diagnostics) -> Option<Mapping> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            diags.push(path, format!("cannot read: {e}"));
            return None;
        }
    };
    if text.trim().is_empty() {
        return Some(Mapping::new());
    }
    match serde_norway::from_str::<Value>(&text) {
        Ok(Value::Mapping(map)) => Some(map),
        Ok(Value::Null) => Some(Mapping::new()),
        Ok(other) => {
            diags.push(path, format!("expected a YAML mapping of keys to values, found {}", kind(&other)));
            None
        }
        Err(e) => {
            let line = e.location().map(|l| l.line());
            diags.push_at(path, line, format!("invalid YAML: {}", strip_location(&e.to_string())));
            None
        }
    }
}

/// serde_norway appends " at line L column C"; the line is already in the
/// diagnostic.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Shows a value the way it was probably written, for messages.
pub(crate) fn show(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        other => kind(other).to_string(),
    }
}

pub(crate) fn get<'a>(map: &'a Mapping, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

pub(crate) fn keys(map: &Mapping) -> impl Iterator<Item = String> + '_ {
    map.keys().map(|k| match k {
        Value::String(s) => s.clone(),
        other => show(other),
    })
}

pub(crate) fn as_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        // Quoted numbers are common in hand-written packages.
        Value::String(s) => s.trim().parse().ok().filter(|v: &f64| v.is_finite()),
        _ => None,
    }
}

/// A string field; numbers and booleans are accepted and shown as written.
pub(crate) fn string(map: &Mapping, key: &str, field: &str, path: &Path, diags: &mut Diagnostics) -> Option<String> {
    match get(map, key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        other => {
            diags.push(path, format!("`{field}` is {}, expected a string", kind(other)));
            None
        }
    }
}

/// A positive number (`limits.time_limit`, `limits.memory`, ...).
pub(crate) fn positive_number(
    map: &Mapping,
    key: &str,
    field: &str,
    unit: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let value = get(map, key)?;
    match as_f64(value) {
        Some(v) if v > 0.0 => Some(v),
        _ => {
            diags.push(path, format!("`{field}` is {}, expected a number > 0 ({unit})", show(value)));
            None
        }
    }
}

/// Arguments given either as a list of strings or as one space-separated
/// string (the legacy `*_flags` form).
pub(crate) fn args(value: &Value, field: &str, path: &Path, diags: &mut Diagnostics) -> Vec<String> {
    match value {
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        Value::Sequence(items) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                other => {
                    diags.push(path, format!("`{field}` holds {}, expected strings", kind(other)));
                    None
                }
            })
            .collect(),
        Value::Null => Vec::new(),
        other => {
            diags.push(path, format!("`{field}` is {}, expected a list of strings", kind(other)));
            Vec::new()
        }
    }
}

/// A string or a list of strings (`type`, `languages`, `permitted`, ...).
pub(crate) fn string_list(value: &Value, field: &str, path: &Path, diags: &mut Diagnostics) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Sequence(_) => args(value, field, path, diags),
        other => {
            diags.push(path, format!("`{field}` is {}, expected a string or a list of strings", kind(other)));
            Vec::new()
        }
    }
}
