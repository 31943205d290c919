//! Finding out, once per configuration, which protections this host allows,
//! and reporting them (`oaj doctor`).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, Once, OnceLock};

use serde::{Deserialize, Serialize};

use crate::helper::ProbeReport;
use crate::isolate::IsolationSettings;
use crate::{IsolationMode, SandboxConfig};

/// The protections a run may have; [`Protections`] says which are active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProtectionKind {
    Namespaces,
    ReadOnlyRoot,
    Cgroups,
    Seccomp,
    NoNewPrivs,
    UnprivilegedUid,
    Network,
    Rlimits,
    WallLimit,
    OutputCaps,
}

impl ProtectionKind {
    /// The name shown to people (`oaj doctor`).
    pub fn name(self) -> &'static str {
        match self {
            ProtectionKind::Namespaces => "namespaces",
            ProtectionKind::ReadOnlyRoot => "read-only root",
            ProtectionKind::Cgroups => "cgroups",
            ProtectionKind::Seccomp => "seccomp",
            ProtectionKind::NoNewPrivs => "no_new_privs",
            ProtectionKind::UnprivilegedUid => "unprivileged uid",
            ProtectionKind::Network => "network",
            ProtectionKind::Rlimits => "rlimits",
            ProtectionKind::WallLimit => "wall limit",
            ProtectionKind::OutputCaps => "output caps",
        }
    }
}

impl fmt::Display for ProtectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One protection and whether runs have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protection {
    pub kind: ProtectionKind,
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
    pub fn is_active(&self, kind: ProtectionKind) -> bool {
        self.items.iter().any(|p| p.kind == kind && p.active)
    }

    /// The entry for `kind`; every kind has one.
    pub fn get(&self, kind: ProtectionKind) -> Option<&Protection> {
        self.items.iter().find(|p| p.kind == kind)
    }
}

impl fmt::Display for Protections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "  [{}] {:<16} {}", if item.active { "on " } else { "off" }, item.kind.name(), item.detail)?;
        }
        for warning in &self.warnings {
            writeln!(f, "  warning: {warning}")?;
        }
        Ok(())
    }
}

fn item(kind: ProtectionKind, active: bool, detail: impl Into<String>) -> Protection {
    Protection { kind, active, detail: detail.into() }
}

/// What the probe established: the isolated runner's settings (None: runs
/// with rlimits only), whether runs share one empty network namespace held
/// by the sandbox server, and the protections that gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Established {
    pub isolation: Option<IsolationSettings>,
    pub share_netns: bool,
    pub protections: Protections,
}

/// Where an [`Established`] came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeSource {
    /// This process probed the host.
    Probed,
    /// Read from the probe cache at this path (see [`crate::ProbeCache`]).
    Cached(std::path::PathBuf),
}

/// Probes once per distinct configuration and process (and, through the
/// probe cache, once per boot and binary); later sandboxes with the same
/// configuration reuse the answer.
pub(crate) fn establish(config: &SandboxConfig) -> (Established, ProbeSource) {
    static CACHE: OnceLock<Mutex<HashMap<String, (Established, ProbeSource)>>> = OnceLock::new();
    let key = serde_json::to_string(config).unwrap_or_default();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    let result = establish_uncached(config);
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, result.clone());
    }
    result
}

/// [`establish`] without the in-process memo: the probe cache's answer
/// when it has one for this host, binary and configuration, else a probe
/// (whose answer is stored there when it is worth keeping).
fn establish_uncached(config: &SandboxConfig) -> (Established, ProbeSource) {
    let (path, read) = match &config.probe_cache {
        crate::ProbeCache::Off => (None, false),
        crate::ProbeCache::Use(path) => (Some(path), true),
        crate::ProbeCache::Refresh(path) => (Some(path), false),
    };
    if let (Some(path), true) = (path, read) {
        match crate::probe_cache::ProbeKey::current(config) {
            Ok(key) => match crate::probe_cache::load(path, &key) {
                Ok(established) => {
                    tracing::debug!("sandbox: using the probe result cached in {}", path.display());
                    return (established, ProbeSource::Cached(path.clone()));
                }
                Err(why) => tracing::debug!("sandbox: probing ({why})"),
            },
            Err(why) => tracing::debug!("sandbox: probing, no probe cache key ({why})"),
        }
    }
    let established = probe(config);
    if let Some(path) = path {
        // The key is taken after the probe: on cgroup v2 the probe may have
        // moved the judge into its `oaj-judge` leaf, where later starts begin.
        if crate::probe_cache::worth_keeping(config, &established) {
            match crate::probe_cache::ProbeKey::current(config) {
                Ok(key) => {
                    if let Err(e) = crate::probe_cache::store(path, &key, &established) {
                        tracing::debug!("sandbox: cannot keep the probe result in {}: {e}", path.display());
                    }
                }
                Err(why) => tracing::debug!("sandbox: the probe result is not kept ({why})"),
            }
        }
    }
    (established, ProbeSource::Probed)
}

fn rlimits_only(reason: String, warn: bool) -> Established {
    let off = |kind| item(kind, false, "unavailable: running with rlimits only");
    let mut items = vec![
        item(ProtectionKind::Rlimits, true, "CPU, file size, open files, stack, data, no core dumps"),
        item(ProtectionKind::WallLimit, true, "enforced from outside; the process group is killed"),
        item(ProtectionKind::OutputCaps, true, "stdout and stderr read through pipes with caps"),
    ];
    use ProtectionKind::*;
    for kind in [Namespaces, ReadOnlyRoot, Cgroups, Seccomp, NoNewPrivs, UnprivilegedUid, Network] {
        items.push(off(kind));
    }
    let warnings = if warn { vec![reason] } else { Vec::new() };
    Established { isolation: None, share_netns: false, protections: Protections { items, warnings } }
}

fn probe(config: &SandboxConfig) -> Established {
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
        shared_netns: None,
    };
    // Where a shared network namespace is possible (as root, with Landlock
    // ABI 6: both known here, without asking the helper), the one probe
    // tries isolation in one first (its holder forked by the probe), and
    // only if that fails without it.
    let share_netns =
        nix::unistd::geteuid().is_root() && crate::netns::landlock_abi() >= crate::netns::LANDLOCK_SCOPE_ABI;
    let report = match helper.probe(&settings, share_netns) {
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
            item(ProtectionKind::Cgroups, true, layout.describe())
        }
        (Ok(_), false) => {
            warnings.push("cgroups are disabled by configuration: memory is measured by rusage and limited by rlimits, processes by RLIMIT_NPROC".to_string());
            item(ProtectionKind::Cgroups, false, "disabled by configuration")
        }
        (Err(e), _) => {
            warnings.push(format!(
                "no usable cgroup ({e}): memory is measured by rusage and limited by rlimits, \
                 processes by RLIMIT_NPROC; delegate a cgroup to the judge to fix this"
            ));
            item(ProtectionKind::Cgroups, false, e.clone())
        }
    };
    let shared = matches!(report.shared_netns, Some(Ok(()))) && !user_ns;
    let network = network_detail(&report);
    let net = if shared { "net (shared, see network)" } else { "net" };
    let namespaces = if user_ns {
        format!("user, mount, pid, {net}, ipc, uts")
    } else {
        format!("mount, pid, {net}, ipc, uts (running as root: no user namespace needed)")
    };
    let items = vec![
        item(ProtectionKind::Namespaces, true, namespaces),
        item(
            ProtectionKind::ReadOnlyRoot,
            true,
            format!(
                "pivot_root into /usr /etc /bin /lib* read-only, credentials masked, work dir at {}, private /tmp of {} MiB, new /proc, minimal /dev",
                crate::BOX_DIR,
                config.tmp_size_bytes >> 20
            ),
        ),
        cgroup_item,
        item(ProtectionKind::Seccomp, true, format!("EPERM for: {}", crate::seccomp::denied_names().join(", "))),
        item(ProtectionKind::NoNewPrivs, true, "set before exec"),
        item(
            ProtectionKind::UnprivilegedUid,
            true,
            format!("uid {} gid {}{}", config.uid, config.gid, if user_ns { " inside a user namespace" } else { "" }),
        ),
        item(ProtectionKind::Network, true, network),
        item(ProtectionKind::Rlimits, true, "CPU, file size, open files, stack, data, no core dumps"),
        item(ProtectionKind::WallLimit, true, "enforced by the exec helper; the whole pid namespace is killed"),
        item(ProtectionKind::OutputCaps, true, "stdout and stderr read through pipes with caps"),
    ];
    Established { isolation: Some(settings), share_netns: shared, protections: Protections { items, warnings } }
}

/// Says which network isolation runs get: one shared empty network
/// namespace (held by a process the sandbox server forks) where the probe's
/// trial in one worked, else a new one per run.
fn network_detail(report: &ProbeReport) -> String {
    let own = "a new empty network namespace per run (loopback down)";
    if report.euid != 0 {
        return own.to_string();
    }
    if report.landlock_abi < crate::netns::LANDLOCK_SCOPE_ABI {
        return format!("{own}; a shared one needs Landlock ABI 6 (Linux 6.12)");
    }
    match &report.shared_netns {
        Some(Ok(())) => "one shared empty network namespace (loopback down, held by a process the sandbox \
                         server forks); abstract Unix sockets confined to each run by Landlock"
            .to_string(),
        Some(Err(e)) => format!("{own} ({e})"),
        None => format!("{own} (no shared one was tried)"),
    }
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
