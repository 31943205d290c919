//! Checks the bundled `sandbox/languages.toml` (compiled into the binary)
//! against every rule of `src/language_rules.rs` while building, so a broken
//! bundled file fails the build with the list of what is wrong instead of
//! panicking when a judge starts.

#[path = "src/language_rules.rs"]
#[allow(dead_code)]
mod language_rules;

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../sandbox/languages.toml");
    println!("cargo:rerun-if-changed={path}");
    println!("cargo:rerun-if-changed=src/language_rules.rs");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: cannot read: {e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let problems = language_rules::problems(&doc);
    if !problems.is_empty() {
        panic!("{path} breaks the rules of languages.toml:\n  {}", problems.join("\n  "));
    }
}
