#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The container files: docker-compose.yml grants exactly the rights
//! docs/hosting.md justifies, the image installs what
//! scripts/install-toolchains installs, the container's settings use only
//! documented keys, and `docker compose config -q` accepts the file where
//! docker compose is installed (a loud skip elsewhere).

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

fn strings(value: &serde_json::Value) -> BTreeSet<String> {
    value.as_array().unwrap_or(&Vec::new()).iter().filter_map(|v| v.as_str().map(String::from)).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// (capability or option, why the sandbox needs it — a phrase that
/// docs/hosting.md must contain beside it).
const RIGHTS: &[(&str, &str)] = &[
    ("SYS_ADMIN", "namespaces"),
    ("SETUID", "65534"),
    ("SETGID", "65534"),
    ("DAC_OVERRIDE", "does not own"),
    ("seccomp=unconfined", "pivot_root"),
    ("apparmor=unconfined", "mount"),
];

#[test]
fn compose_grants_exactly_the_documented_rights() {
    let compose: serde_json::Value = serde_norway::from_str(&read("docker-compose.yml")).unwrap();
    let oaj = &compose["services"]["oaj"];
    assert!(oaj.is_object(), "service oaj: {compose}");
    assert_ne!(oaj["privileged"], serde_json::Value::Bool(true), "never privileged");
    assert_eq!(strings(&oaj["cap_drop"]), set(&["ALL"]));
    let caps: Vec<&str> = RIGHTS.iter().map(|(r, _)| *r).filter(|r| !r.contains('=')).collect();
    assert_eq!(strings(&oaj["cap_add"]), set(&caps));
    let options: Vec<&str> = RIGHTS.iter().map(|(r, _)| *r).filter(|r| r.contains('=')).collect();
    assert_eq!(strings(&oaj["security_opt"]), set(&options));
    assert_eq!(oaj["cgroup"], "private");
    assert_eq!(oaj["init"], true);
    assert!(strings(&oaj["volumes"]).iter().any(|v| v.ends_with(":/var/lib/oaj")), "{oaj}");
    assert!(strings(&oaj["ports"]).iter().any(|p| p.ends_with(":8080")), "{oaj}");
    let health = oaj["healthcheck"]["test"].to_string();
    assert!(health.contains("/healthz"), "{health}");

    let hosting = read("docs/hosting.md");
    for (right, why) in RIGHTS {
        let line = hosting.lines().find(|l| l.contains(&format!("`{right}`")));
        let line = line.unwrap_or_else(|| panic!("docs/hosting.md does not justify `{right}`"));
        assert!(line.contains(why), "docs/hosting.md's line on `{right}` should say why ({why:?}): {line}");
    }
}

#[test]
fn the_image_installs_what_install_toolchains_installs() {
    let script = read("scripts/install-toolchains");
    let dockerfile = read("Dockerfile");
    let needed: Vec<&str> = script
        .lines()
        .filter_map(|l| l.split("need ").nth(1))
        .map(|rest| rest.split_whitespace().next().unwrap_or(""))
        .filter(|p| !p.is_empty() && !p.starts_with('"'))
        .collect();
    assert!(needed.len() >= 7, "{needed:?}");
    let installed: BTreeSet<&str> = dockerfile
        .lines()
        .skip_while(|l| !l.contains("apt-get install"))
        .take_while(|l| l.trim_end().ends_with('\\') || l.contains("apt-get install"))
        .flat_map(str::split_whitespace)
        .collect();
    for package in needed {
        assert!(installed.contains(package), "the Dockerfile does not install {package}");
    }
    assert!(dockerfile.contains("bookworm-backports"), "golang-1.23-go comes from bookworm-backports");
    assert!(dockerfile.contains("/usr/local/rustup"), "rustc (rustup) is in the image");
}

#[test]
fn the_container_settings_use_documented_keys_only() {
    let keys = |text: &str| -> BTreeSet<String> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let mut out = BTreeSet::new();
        for (key, value) in &table {
            match value.as_table() {
                Some(inner) => out.extend(inner.keys().map(|k| format!("{key}.{k}"))),
                None => {
                    out.insert(key.clone());
                }
            }
        }
        out
    };
    let documented = keys(&read("oaj.example.toml"));
    let used = keys(&read("docker/oaj.toml"));
    let unknown: Vec<_> = used.difference(&documented).collect();
    assert!(unknown.is_empty(), "docker/oaj.toml uses undocumented keys {unknown:?}");
    assert!(used.contains("data") && used.contains("addr"), "{used:?}");
}

#[test]
fn docker_compose_config_accepts_the_file() {
    let root = env!("CARGO_MANIFEST_DIR");
    let available =
        std::process::Command::new("docker").args(["compose", "version"]).output().is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("\n!!! SKIPPING `docker compose config -q`: docker compose is not installed here !!!\n");
        return;
    }
    let output =
        std::process::Command::new("docker").args(["compose", "config", "-q"]).current_dir(root).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
