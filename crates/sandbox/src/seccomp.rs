//! The seccomp deny-list. Denied calls fail with EPERM instead of killing the
//! process, so runtimes that merely probe for a feature (the JVM, Go, Node)
//! keep working; everything not listed is allowed.

use std::collections::BTreeMap;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule,
};

/// System calls no judged program needs and that could reach the kernel or
/// other processes: tracing, mounting, module loading, rebooting, keyrings,
/// new namespaces, and the like.
const DENIED: &[(&str, i64)] = &[
    ("ptrace", libc::SYS_ptrace),
    ("process_vm_readv", libc::SYS_process_vm_readv),
    ("process_vm_writev", libc::SYS_process_vm_writev),
    ("mount", libc::SYS_mount),
    ("umount2", libc::SYS_umount2),
    ("pivot_root", libc::SYS_pivot_root),
    ("chroot", libc::SYS_chroot),
    ("move_mount", libc::SYS_move_mount),
    ("open_tree", libc::SYS_open_tree),
    ("fsopen", libc::SYS_fsopen),
    ("fsconfig", libc::SYS_fsconfig),
    ("fsmount", libc::SYS_fsmount),
    ("fspick", libc::SYS_fspick),
    ("mount_setattr", libc::SYS_mount_setattr),
    ("reboot", libc::SYS_reboot),
    ("kexec_load", libc::SYS_kexec_load),
    ("kexec_file_load", libc::SYS_kexec_file_load),
    ("init_module", libc::SYS_init_module),
    ("finit_module", libc::SYS_finit_module),
    ("delete_module", libc::SYS_delete_module),
    ("bpf", libc::SYS_bpf),
    ("perf_event_open", libc::SYS_perf_event_open),
    ("keyctl", libc::SYS_keyctl),
    ("add_key", libc::SYS_add_key),
    ("request_key", libc::SYS_request_key),
    ("unshare", libc::SYS_unshare),
    ("setns", libc::SYS_setns),
    ("swapon", libc::SYS_swapon),
    ("swapoff", libc::SYS_swapoff),
    ("acct", libc::SYS_acct),
    ("settimeofday", libc::SYS_settimeofday),
    ("clock_settime", libc::SYS_clock_settime),
    ("clock_adjtime", libc::SYS_clock_adjtime),
    ("adjtimex", libc::SYS_adjtimex),
    ("syslog", libc::SYS_syslog),
    ("quotactl", libc::SYS_quotactl),
    ("open_by_handle_at", libc::SYS_open_by_handle_at),
    ("name_to_handle_at", libc::SYS_name_to_handle_at),
    ("userfaultfd", libc::SYS_userfaultfd),
    ("lookup_dcookie", libc::SYS_lookup_dcookie),
    ("iopl", libc::SYS_iopl),
    ("ioperm", libc::SYS_ioperm),
    ("vhangup", libc::SYS_vhangup),
    ("kcmp", libc::SYS_kcmp),
    ("sethostname", libc::SYS_sethostname),
    ("setdomainname", libc::SYS_setdomainname),
    // io_uring: a large kernel surface of its own (blocked by Docker's
    // default profile too), and its requests bypass this filter.
    ("io_uring_setup", libc::SYS_io_uring_setup),
    ("io_uring_enter", libc::SYS_io_uring_enter),
    ("io_uring_register", libc::SYS_io_uring_register),
];

/// Socket families a program may create. Unix sockets stay within the run
/// (abstract names are scoped per network namespace or by Landlock); inet
/// sockets are harmless in the empty network namespace (no interface but a
/// down loopback) and some runtimes insist on creating one. Every other
/// family is refused: netlink (`NETLINK_USERSOCK` is shared across runs that
/// share a network namespace), vsock (ignores network namespaces), packet,
/// and the rest of the kernel's protocol zoo.
const ALLOWED_SOCKET_FAMILIES: &[(&str, libc::c_int)] =
    &[("AF_UNIX", libc::AF_UNIX), ("AF_INET", libc::AF_INET), ("AF_INET6", libc::AF_INET6)];

/// Names of the denied calls, for the protections report and docs.
pub fn denied_names() -> Vec<String> {
    let mut names: Vec<String> = DENIED.iter().map(|(name, _)| name.to_string()).collect();
    names.extend(
        ["personality (except queries)", "ioctl TIOCSTI/TIOCLINUX", "clone with namespace flags", "clone3 (ENOSYS)"]
            .map(String::from),
    );
    let families: Vec<&str> = ALLOWED_SOCKET_FAMILIES.iter().map(|(name, _)| *name).collect();
    names.push(format!("socket/socketpair of families other than {} (EAFNOSUPPORT)", families.join(", ")));
    names
}

fn condition(arg: u8, op: SeccompCmpOp, value: u64) -> Result<SeccompCondition, String> {
    SeccompCondition::new(arg, SeccompCmpArgLen::Dword, op, value).map_err(|e| e.to_string())
}

fn rule(conditions: Vec<SeccompCondition>) -> Result<SeccompRule, String> {
    SeccompRule::new(conditions).map_err(|e| e.to_string())
}

fn target_arch() -> Result<seccompiler::TargetArch, String> {
    std::env::consts::ARCH.try_into().map_err(|e: seccompiler::BackendError| format!("seccomp: {e}"))
}

/// The compiled filters, built once per process: they depend on nothing but
/// the architecture, and compiling them took a measurable part of each
/// program's start. Each run still installs them itself.
static COMPILED: std::sync::OnceLock<Result<Vec<BpfProgram>, String>> = std::sync::OnceLock::new();

/// The filters to install (in order) just before `execve`, compiled on the
/// first call and copied after that.
pub fn build_filters() -> Result<Vec<BpfProgram>, String> {
    COMPILED.get_or_init(compile_filters).clone()
}

/// Compiles the filters.
fn compile_filters() -> Result<Vec<BpfProgram>, String> {
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
    for (_, nr) in DENIED {
        rules.insert(*nr, Vec::new());
    }
    // TIOCSTI pushes bytes into a terminal's input queue; TIOCLINUX can too.
    rules.insert(
        libc::SYS_ioctl,
        vec![
            rule(vec![condition(1, SeccompCmpOp::Eq, libc::TIOCSTI)?])?,
            rule(vec![condition(1, SeccompCmpOp::Eq, libc::TIOCLINUX)?])?,
        ],
    );
    // personality(0xffffffff) only queries; changing it (e.g. disabling
    // ASLR) is denied.
    rules.insert(
        libc::SYS_personality,
        vec![rule(vec![condition(0, SeccompCmpOp::Ne, 0xffff_ffff)?, condition(0, SeccompCmpOp::Ne, 0)?])?],
    );
    // clone with any namespace flag; plain fork and threads stay allowed.
    let namespace_flags = [
        libc::CLONE_NEWNS,
        libc::CLONE_NEWUSER,
        libc::CLONE_NEWPID,
        libc::CLONE_NEWNET,
        libc::CLONE_NEWIPC,
        libc::CLONE_NEWUTS,
        libc::CLONE_NEWCGROUP,
    ];
    let mut clone_rules = Vec::new();
    for flag in namespace_flags {
        let flag = flag as u32 as u64;
        clone_rules.push(rule(vec![condition(0, SeccompCmpOp::MaskedEq(flag), flag)?])?);
    }
    rules.insert(libc::SYS_clone, clone_rules);

    let arch = target_arch()?;
    let deny = SeccompFilter::new(rules, SeccompAction::Allow, SeccompAction::Errno(libc::EPERM as u32), arch)
        .map_err(|e| format!("seccomp filter: {e}"))?;
    // clone3 passes its flags in memory, out of the filter's sight: answer
    // ENOSYS so libc falls back to clone, whose flags are checked above.
    let clone3 = SeccompFilter::new(
        [(libc::SYS_clone3, Vec::new())].into_iter().collect(),
        SeccompAction::Allow,
        SeccompAction::Errno(libc::ENOSYS as u32),
        arch,
    )
    .map_err(|e| format!("seccomp filter: {e}"))?;
    // socket(family, ...) and socketpair(family, ...) outside the allowed
    // families fail as an unsupported family would, which runtimes that
    // probe (for IPv6, say) already handle.
    let mut other_family = Vec::new();
    for (_, family) in ALLOWED_SOCKET_FAMILIES {
        other_family.push(condition(0, SeccompCmpOp::Ne, *family as u64)?);
    }
    let families = SeccompFilter::new(
        [(libc::SYS_socket, vec![rule(other_family.clone())?]), (libc::SYS_socketpair, vec![rule(other_family)?])]
            .into_iter()
            .collect(),
        SeccompAction::Allow,
        SeccompAction::Errno(libc::EAFNOSUPPORT as u32),
        arch,
    )
    .map_err(|e| format!("seccomp filter: {e}"))?;
    let mut programs = Vec::new();
    for filter in [deny, clone3, families] {
        programs.push(BpfProgram::try_from(filter).map_err(|e| format!("seccomp compile: {e}"))?);
    }
    Ok(programs)
}

/// Installs the filters on the calling thread. `no_new_privs` must be set.
pub fn install(programs: &[BpfProgram]) -> Result<(), String> {
    for program in programs {
        seccompiler::apply_filter(program).map_err(|e| format!("seccomp install: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_compile() {
        let programs = build_filters().expect("filters build");
        assert_eq!(programs.len(), 3);
        assert!(programs[0].len() > DENIED.len(), "every denied call has a jump");
    }

    #[test]
    fn cached_filters_equal_fresh_ones() {
        let first = build_filters().expect("filters build");
        let again = build_filters().expect("filters build");
        let fresh = compile_filters().expect("filters compile");
        assert_eq!(first, fresh);
        assert_eq!(again, fresh);
    }
}
