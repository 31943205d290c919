//! Finding out, once per configuration, which protections this host allows,
//! and reporting them (`oaj doctor`).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, Once, OnceLock};

use serde::{Deserialize, Serialize};

use crate::helper::ProbeReport;
use crate::isolate::IsolationSettings;
use crate::{IsolationMode, SandboxConfig};

/// One protection and whether runs have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protection {
    pub name: String,
    pub active: bool,
    pub detail: String,
}

/// The protections active for runs, and why any is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protections {
    pub items: Vec<Protection>,
    /// Each missing protection, said once and clearly.
    pub warnings: Vec<String>,
}

impl Protections {
    pub fn is_active(&self, name: &str) -> bool {
        self.items.iter().any(|p| p.name == name && p.active)
    }
}

impl fmt::Display for Protections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(
                f,
                "  [{}] {:<16} {}",
                if item.active { "on " } else { "off" },
                item.name,
                item.detail
            )?;
        }
        for warning in &self.warnings {
            writeln!(f, "  warning: {warning}")?;
        }
        Ok(())
    }
}

fn item(name: &str, active: bool, detail: impl Into<String>) -> Protection {
    Protection {
        name: name.to_string(),
        active,
        detail: detail.into(),
    }
}

/// Probes once per distinct configuration and process; later sandboxes
/// with the same configuration reuse the answer.
type Established = (Option<IsolationSettings>, Protections);

pub(crate) fn establish(config: &SandboxConfig) -> Established {
    static CACHE: OnceLock<Mutex<HashMap<String, Established>>> = OnceLock::new();
    let key = serde_json::to_string(config).unwrap_or_default();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    let result = probe(config);
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, result.clone());
    }
    result
}

fn rlimits_only(reason: String, warn: bool) -> (Option<IsolationSettings>, Protections) {
    let off = |name: &str| item(name, false, "unavailable: running with rlimits only");
    let mut items = vec![
        item("rlimits", true, "CPU, file size, open files, stack, data, no core dumps"),
        item("wall limit", true, "enforced from outside; the process group is killed"),
        item("output caps", true, "stdout and stderr read through pipes with caps"),
    ];
    for name in [
        "namespaces",
        "read-only root",
        "cgroups",
        "seccomp",
        "no_new_privs",
        "unprivileged uid",
        "network",
    ] {
        items.push(off(name));
    }
    let warnings = if warn { vec![reason] } else { Vec::new() };
    (None, Protections { items, warnings })
}

fn probe(config: &SandboxConfig) -> (Option<IsolationSettings>, Protections) {
    if config.mode == IsolationMode::Disabled {
        return rlimits_only(
            "the sandbox is disabled by configuration: programs run with rlimits only, \
             unisolated; use this only for your own code"
                .into(),
            true,
        );
    }
    let Some(helper) = &config.helper else {
        return rlimits_only(
            "no sandbox exec helper is configured (the `oaj` binary provides it; set \
             OAJ_SANDBOX_HELPER to its path): programs run with rlimits only, unisolated"
                .into(),
            true,
        );
    };
    let mut settings = IsolationSettings {
        root_dir: config.root_dir.clone(),
        tmp_size_bytes: config.tmp_size_bytes,
        uid: config.uid,
        gid: config.gid,
        cgroups: None,
    };
    let report: ProbeReport = match helper.probe(&settings) {
        Ok(report) => report,
        Err(e) => return rlimits_only(format!("sandbox unavailable: {e}; running with rlimits only"), true),
    };
    if let Err(e) = &report.isolation {
        return rlimits_only(
            format!(
                "sandbox unavailable on this host ({e}); run as root or enable unprivileged \
                 user namespaces (sysctl kernel.unprivileged_userns_clone=1, \
                 user.max_user_namespaces > 0); running with rlimits only"
            ),
            true,
        );
    }
    let user_ns = report.euid != 0;
    let mut warnings = Vec::new();
    let cgroup_item = match (&report.cgroups, config.use_cgroups) {
        (Ok(layout), true) => {
            settings.cgroups = Some(layout.clone());
            item("cgroups", true, layout.describe())
        }
        (Ok(_), false) => {
            warnings.push("cgroups are disabled by configuration: memory is measured by rusage and limited by rlimits, processes by RLIMIT_NPROC".to_string());
            item("cgroups", false, "disabled by configuration")
        }
        (Err(e), _) => {
            warnings.push(format!(
                "no usable cgroup ({e}): memory is measured by rusage and limited by rlimits, \
                 processes by RLIMIT_NPROC; delegate a cgroup to the judge to fix this"
            ));
            item("cgroups", false, e.clone())
        }
    };
    let namespaces = if user_ns {
        "user, mount, pid, net, ipc, uts"
    } else {
        "mount, pid, net, ipc, uts (running as root: no user namespace needed)"
    };
    let items = vec![
        item("namespaces", true, namespaces),
        item(
            "read-only root",
            true,
            format!(
                "pivot_root into /usr /etc /bin /lib* read-only, credentials masked, work dir at {}, private /tmp of {} MiB, new /proc, minimal /dev",
                crate::BOX_DIR,
                config.tmp_size_bytes >> 20
            ),
        ),
        cgroup_item,
        item("seccomp", true, format!("EPERM for: {}", crate::seccomp::denied_names().join(", "))),
        item("no_new_privs", true, "set before exec"),
        item(
            "unprivileged uid",
            true,
            format!("uid {} gid {}{}", config.uid, config.gid, if user_ns { " inside a user namespace" } else { "" }),
        ),
        item("network", true, "empty network namespace (loopback down)"),
        item("rlimits", true, "CPU, file size, open files, stack, data, no core dumps"),
        item("wall limit", true, "enforced by the exec helper; the whole pid namespace is killed"),
        item("output caps", true, "stdout and stderr read through pipes with caps"),
    ];
    (Some(settings), Protections { items, warnings })
}

/// Prints the warnings once per process: a missing protection must be seen,
/// not buried in logs.
pub(crate) fn warn_once(warnings: &[String]) {
    static WARNED: Once = Once::new();
    WARNED.call_once(|| {
        for warning in warnings {
            if tracing::dispatcher::has_been_set() {
                tracing::warn!("{warning}");
            } else {
                eprintln!("oaj: warning: {warning}");
            }
        }
    });
}
