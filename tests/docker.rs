#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The container files: docker-compose.yml grants exactly the rights
//! docs/hosting.md justifies, the image installs what
//! scripts/install-toolchains installs, the container's settings use only
//! documented keys, and `docker compose config -q` accepts the file where
//! docker compose is installed (a loud skip elsewhere). The scale set-up,
//! docker-compose.scale.yml (PostgreSQL, a server that judges nothing,
//! workers), is checked the same way: by its contents, as nothing can be
//! run here.

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

/// `service` (named `name`) has exactly the sandbox's rights, and no more.
fn assert_sandbox_rights(name: &str, service: &serde_json::Value) {
    assert!(service.is_object(), "no service {name}");
    assert_ne!(service["privileged"], serde_json::Value::Bool(true), "{name}: never privileged");
    assert_eq!(strings(&service["cap_drop"]), set(&["ALL"]), "{name}");
    let caps: Vec<&str> = RIGHTS.iter().map(|(r, _)| *r).filter(|r| !r.contains('=')).collect();
    assert_eq!(strings(&service["cap_add"]), set(&caps), "{name}");
    let options: Vec<&str> = RIGHTS.iter().map(|(r, _)| *r).filter(|r| r.contains('=')).collect();
    assert_eq!(strings(&service["security_opt"]), set(&options), "{name}");
    assert_eq!(service["cgroup"], "private", "{name}");
    assert_eq!(service["init"], true, "{name}");
    for never in ["pid", "ipc", "network_mode", "devices", "userns_mode"] {
        assert!(service[never].is_null(), "{name}: {never} is not granted: {service}");
    }
}

/// The single-machine set-up.
const COMPOSE: &str = "docker-compose.yml";
/// The set-up on PostgreSQL with workers, a compose project of its own.
const COMPOSE_SCALE: &str = "docker-compose.scale.yml";

fn compose() -> serde_json::Value {
    serde_norway::from_str(&read(COMPOSE)).unwrap()
}

fn compose_scale() -> serde_json::Value {
    serde_norway::from_str(&read(COMPOSE_SCALE)).unwrap()
}

/// The names of a compose file's services.
fn service_names(compose: &serde_json::Value) -> BTreeSet<String> {
    compose["services"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn compose_grants_exactly_the_documented_rights() {
    let compose = compose();
    // `docker compose up` starts the single-machine server and nothing else.
    assert_eq!(service_names(&compose), set(&["oaj"]));
    let oaj = &compose["services"]["oaj"];
    assert_sandbox_rights("oaj", oaj);
    assert!(oaj["profiles"].is_null(), "the default service runs without a profile: {oaj}");
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

/// The value after `flag` in a service's command.
fn arg<'a>(command: &'a [String], flag: &str) -> Option<&'a str> {
    command.iter().position(|a| a == flag).and_then(|i| command.get(i + 1)).map(String::as_str)
}

fn command(service: &serde_json::Value) -> Vec<String> {
    service["command"].as_array().unwrap_or(&Vec::new()).iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_scale_file_runs_exactly_postgres_a_server_and_workers() {
    let compose = compose_scale();
    // `docker compose -f docker-compose.scale.yml up` starts exactly these:
    // no profile keeps one back, and the single-machine service is not here.
    assert_eq!(service_names(&compose), set(&["postgres", "oaj-scale", "worker"]));
    for (name, service) in compose["services"].as_object().unwrap() {
        assert!(service["profiles"].is_null(), "{name} starts with the others: {service}");
    }
    // A project of its own: its containers and volumes are apart from the
    // single-machine ones, and neither file's `down` touches the other's.
    assert_eq!(compose["name"], "oaj-scale");
    assert!(compose_scale()["volumes"].get("oaj-data").is_none(), "the single-machine data volume stays apart");

    // PostgreSQL: the official image, a named volume, pg_isready, and a
    // password from a secret file (no default anywhere in the file).
    let postgres = &compose["services"]["postgres"];
    assert!(postgres["image"].as_str().unwrap().starts_with("postgres:"), "{postgres}");
    let data = strings(&postgres["volumes"]);
    let volume = data.iter().find_map(|v| v.strip_suffix(":/var/lib/postgresql/data")).expect("a data volume");
    assert!(compose["volumes"].get(volume).is_some(), "{volume} is a named volume");
    let health = postgres["healthcheck"]["test"].to_string();
    assert!(health.contains("pg_isready"), "{health}");
    assert!(postgres["ports"].is_null(), "the database is not published: {postgres}");
    let environment = &postgres["environment"];
    assert!(environment["POSTGRES_PASSWORD"].is_null(), "no password in the file: {environment}");
    assert!(environment["POSTGRES_HOST_AUTH_METHOD"].is_null(), "no trust authentication: {environment}");
    let secret = environment["POSTGRES_PASSWORD_FILE"].as_str().unwrap().strip_prefix("/run/secrets/").unwrap();
    let file = compose["secrets"][secret]["file"].as_str().unwrap_or_else(|| panic!("secret {secret} is a file"));
    assert!(read(".gitignore").contains(&format!("/{}/", file.trim_start_matches("./").split('/').next().unwrap())));
    assert!(read(".dockerignore").contains("secrets/"), "the password stays out of the build context");

    // The server and the workers: the same store, the password from the
    // same secret, started once PostgreSQL is healthy.
    let server = &compose["services"]["oaj-scale"];
    let worker = &compose["services"]["worker"];
    let server_command = command(server);
    let worker_command = command(worker);
    assert_eq!(server_command.first().map(String::as_str), Some("serve"), "{server_command:?}");
    assert_eq!(worker_command.first().map(String::as_str), Some("worker"), "{worker_command:?}");
    let url = arg(&server_command, "--database").expect("the server's --database");
    assert!(url.starts_with("postgres://oaj@postgres"), "the user only, never a password: {url}");
    assert_eq!(arg(&worker_command, "--database"), Some(url), "one store");
    assert_eq!(arg(&server_command, "--judge-parallel"), Some("0"), "the server judges nothing itself");
    let slots: u32 = arg(&worker_command, "--slots").expect("--slots").parse().unwrap();
    assert!(slots >= 1);
    assert!(arg(&worker_command, "--problems-dir").is_some(), "{worker_command:?}");
    for (name, service) in [("oaj-scale", server), ("worker", worker)] {
        assert_sandbox_rights(name, service);
        assert_eq!(service["depends_on"]["postgres"]["condition"], "service_healthy", "{name}");
        assert_eq!(service["environment"]["OAJ_PGPASSWORD_FILE"], format!("/run/secrets/{secret}"), "{name}");
        assert!(strings(&service["secrets"]).contains(secret), "{name}");
        // Built here, never pulled: `oaj:latest` on a registry is not ours.
        assert_eq!(service["build"], ".", "{name}");
    }
    let health = server["healthcheck"]["test"].to_string();
    assert!(health.contains("/healthz"), "{health}");
    assert!(strings(&server["ports"]).iter().all(|p| p.starts_with("127.0.0.1:")), "{server}");
    // Workers are scaled (`--scale worker=N`): no fixed name, no port.
    assert!(worker["container_name"].is_null() && worker["ports"].is_null(), "{worker}");
    assert!(worker["deploy"]["replicas"].as_u64() >= Some(2), "two workers by default: {worker}");

    let hosting = read("docs/hosting.md");
    for needed in [
        "docker compose -f docker-compose.scale.yml up",
        "--scale worker=",
        "secrets/oaj-db-password",
        "pg_hba.conf",
        "oaj worker",
    ] {
        assert!(hosting.contains(needed), "docs/hosting.md should explain {needed:?}");
    }
}

/// The entrypoint exports the secret file's password as PGPASSWORD, and
/// refuses to start without the file (no silent empty password).
#[test]
fn the_entrypoint_reads_the_database_password_from_its_file() {
    let dir = tempfile::tempdir().unwrap();
    // The script, running `env` instead of the installed oaj.
    let script = read("docker/entrypoint.sh").replace("exec /usr/local/bin/oaj \"$@\"", "exec env \"$@\"");
    assert!(script.contains("exec env"), "the entrypoint ends by running oaj");
    let path = dir.path().join("entrypoint.sh");
    std::fs::write(&path, script).unwrap();
    let secret = dir.path().join("password");
    std::fs::write(&secret, "s3cret-from-file\n").unwrap();
    let run = |file: &std::path::Path| {
        std::process::Command::new("sh")
            .arg(&path)
            .args(["printenv", "PGPASSWORD"])
            .env("OAJ_PGPASSWORD_FILE", file)
            .env_remove("PGPASSWORD")
            .output()
            .unwrap()
    };
    let ok = run(&secret);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(String::from_utf8_lossy(&ok.stdout), "s3cret-from-file\n");
    let missing = run(&dir.path().join("absent"));
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not a non-empty file"));
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
fn docker_compose_config_accepts_both_files() {
    let root = env!("CARGO_MANIFEST_DIR");
    let available =
        std::process::Command::new("docker").args(["compose", "version"]).output().is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("\n!!! SKIPPING `docker compose config -q`: docker compose is not installed here !!!\n");
        return;
    }
    for file in [COMPOSE, COMPOSE_SCALE] {
        let output = std::process::Command::new("docker")
            .args(["compose", "-f", file, "config", "-q"])
            .current_dir(root)
            .output()
            .unwrap();
        assert!(output.status.success(), "{file}: {}", String::from_utf8_lossy(&output.stderr));
    }
}
