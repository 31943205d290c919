//! Every rule a `languages.toml` must keep, checked on the parsed TOML
//! before any field is used: the same code checks the bundled file when
//! `oaj-judge` is built (`build.rs` includes this file) and any file given
//! at run time (`Languages::parse`). It depends on `toml` and `std` only,
//! for that reason.

use std::collections::BTreeMap;

/// The keys of one `[languages.<id>]` table and what each must hold.
const KEYS: &[(&str, Kind, bool)] = &[
    ("name", Kind::Text, true),
    ("extensions", Kind::Names, true),
    ("source", Kind::FileName, true),
    ("compile", Kind::Command, false),
    ("run", Kind::Command, true),
    ("version", Kind::Command, true),
    ("package", Kind::Text, true),
    ("time_multiplier", Kind::Multiplier, true),
    ("memory_overhead_mb", Kind::Count { min: 0 }, false),
    ("processes", Kind::Count { min: 1 }, false),
    ("env", Kind::Env, false),
    ("sysroot", Kind::Command, false),
    ("artifacts", Kind::Globs, false),
    ("memory_error_patterns", Kind::Texts, false),
    ("source_naming", Kind::OneOf(&["java-class"]), false),
    ("precompiled_header", Kind::Header, false),
    ("precompile", Kind::Command, false),
    ("build_cache_env", Kind::EnvName, false),
    ("warm_build_cache", Kind::Command, false),
];

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A non-empty string.
    Text,
    /// Non-empty strings, at least one.
    Texts,
    /// File extensions: at least one, lowercase, no dot.
    Names,
    /// A plain file name.
    FileName,
    /// A program and its arguments: at least the program, non-empty.
    Command,
    /// A number in (0, 20].
    Multiplier,
    Count {
        min: i64,
    },
    /// A table of environment variables (string values).
    Env,
    /// Relative paths or globs inside the build directory.
    Globs,
    OneOf(&'static [&'static str]),
    /// A header as an `#include <...>` names it: a relative path.
    Header,
    /// The name of an environment variable.
    EnvName,
}

/// What is wrong with a parsed `languages.toml`, one message per problem,
/// each naming the key (`languages.cpp.compile is empty`). Empty when valid.
pub fn problems(doc: &toml::Table) -> Vec<String> {
    let mut out = Vec::new();
    for key in doc.keys().filter(|k| *k != "languages") {
        out.push(format!("unknown top-level key `{key}` (only [languages.<id>] tables belong here)"));
    }
    let Some(languages) = doc.get("languages") else {
        out.push("no [languages.<id>] tables".to_string());
        return out;
    };
    let Some(languages) = languages.as_table() else {
        out.push("`languages` must be a table of [languages.<id>] tables".to_string());
        return out;
    };
    if languages.is_empty() {
        out.push("no [languages.<id>] tables".to_string());
    }
    let mut extension_owner: BTreeMap<String, String> = BTreeMap::new();
    for (id, table) in languages {
        let at = format!("languages.{id}");
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-') {
            out.push(format!("{at}: a language id is lowercase letters, digits, `-` and `_`"));
        }
        let Some(table) = table.as_table() else {
            out.push(format!("{at} must be a table"));
            continue;
        };
        for key in table.keys() {
            if !KEYS.iter().any(|(known, _, _)| known == key) {
                let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
                out.push(format!("{at}.{key} is not a known key (known: {})", known.join(", ")));
            }
        }
        for (key, kind, required) in KEYS {
            match table.get(*key) {
                None if *required => out.push(format!("{at}.{key} is missing")),
                None => {}
                Some(value) => {
                    if let Err(problem) = check(*kind, value) {
                        out.push(format!("{at}.{key} {problem}"));
                    }
                }
            }
        }
        // A header is precompiled by its command and used by the compile
        // command: one without the others does nothing.
        let has = |key: &str| table.contains_key(key);
        if has("precompiled_header") != has("precompile") {
            out.push(format!("{at}: precompiled_header and precompile go together (the header and its command)"));
        } else if has("precompile") && !has("compile") {
            out.push(format!("{at}.precompile needs a compile command to use the header"));
        }
        // Likewise a warmed build cache: filled by its command, named to the
        // compile command by its variable.
        if has("build_cache_env") != has("warm_build_cache") {
            out.push(format!(
                "{at}: build_cache_env and warm_build_cache go together (the cache's variable and its command)"
            ));
        } else if has("warm_build_cache") && !has("compile") {
            out.push(format!("{at}.warm_build_cache needs a compile command to use the cache"));
        }
        if let Some(extensions) = table.get("extensions").and_then(|e| e.as_array()) {
            for ext in extensions.iter().filter_map(|e| e.as_str()) {
                if let Some(owner) = extension_owner.insert(ext.to_string(), id.clone()) {
                    out.push(format!("{at}.extensions: `{ext}` is also an extension of languages.{owner}"));
                }
            }
        }
    }
    out
}

fn valid_env_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('=') && !name.contains('\0')
}

fn strings(value: &toml::Value) -> Result<Vec<&str>, String> {
    let array = value.as_array().ok_or("must be an array of strings")?;
    array.iter().map(|v| v.as_str().ok_or_else(|| "must be an array of strings".to_string())).collect()
}

fn check(kind: Kind, value: &toml::Value) -> Result<(), String> {
    match kind {
        Kind::Text => match value.as_str() {
            Some(text) if !text.trim().is_empty() => Ok(()),
            Some(_) => Err("is empty".into()),
            None => Err("must be a string".into()),
        },
        Kind::Texts => {
            let items = strings(value)?;
            if items.iter().any(|s| s.is_empty()) {
                // An empty pattern matches every stderr.
                return Err("holds an empty string".into());
            }
            Ok(())
        }
        Kind::Names => {
            let items = strings(value)?;
            if items.is_empty() {
                return Err("is empty (a language needs at least one extension)".into());
            }
            match items.iter().find(|e| e.is_empty() || e.contains('.') || e.contains('/') || e.to_lowercase() != **e) {
                Some(bad) => Err(format!("holds `{bad}`: an extension is lowercase, without a dot")),
                None => Ok(()),
            }
        }
        Kind::FileName => match value.as_str() {
            Some(name) if !name.is_empty() && !name.contains('/') && name != "." && name != ".." => Ok(()),
            Some(name) => Err(format!("must be a plain file name, not `{name}`")),
            None => Err("must be a string".into()),
        },
        Kind::Command => {
            let items = strings(value)?;
            match items.first() {
                None => Err("is empty (a command needs at least the program)".into()),
                Some(program) if program.trim().is_empty() => Err("names an empty program".into()),
                Some(_) => Ok(()),
            }
        }
        Kind::Multiplier => {
            let number = value.as_float().or_else(|| value.as_integer().map(|i| i as f64));
            match number {
                Some(x) if x > 0.0 && x <= 20.0 => Ok(()),
                Some(x) => Err(format!("must be in (0, 20], not {x}")),
                None => Err("must be a number".into()),
            }
        }
        Kind::Count { min } => match value.as_integer() {
            Some(n) if n >= min && n <= u32::MAX as i64 => Ok(()),
            Some(n) => Err(format!("must be a whole number of at least {min}, not {n}")),
            None => Err("must be a whole number".into()),
        },
        Kind::Env => {
            let table = value.as_table().ok_or("must be a table of strings")?;
            for (name, v) in table {
                if !valid_env_name(name) {
                    return Err(format!("has an invalid variable name `{name}`"));
                }
                if !v.is_str() {
                    return Err(format!("{name} must be a string"));
                }
            }
            Ok(())
        }
        Kind::Globs => {
            let items = strings(value)?;
            match items.iter().find(|g| g.is_empty() || g.starts_with('/') || g.split('/').any(|part| part == "..")) {
                Some(bad) => Err(format!("holds `{bad}`: artifacts are paths inside the build directory")),
                None => Ok(()),
            }
        }
        Kind::EnvName => match value.as_str() {
            Some(name) if valid_env_name(name) => Ok(()),
            Some(name) => Err(format!("must be an environment variable's name, not `{name}`")),
            None => Err("must be a string".into()),
        },
        Kind::Header => match value.as_str() {
            Some(name)
                if !name.is_empty()
                    && !name.starts_with('/')
                    && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..") =>
            {
                Ok(())
            }
            Some(name) => Err(format!("must name a header as #include <...> does (bits/stdc++.h), not `{name}`")),
            None => Err("must be a string".into()),
        },
        Kind::OneOf(allowed) => match value.as_str() {
            Some(v) if allowed.contains(&v) => Ok(()),
            _ => Err(format!("must be one of: {}", allowed.join(", "))),
        },
    }
}
