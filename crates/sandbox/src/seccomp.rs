//! The seccomp deny-list. Denied calls fail with EPERM instead of killing the
//! process, so runtimes that merely probe for a feature (the JVM, Go, Node)
//! keep working; everything not listed is allowed.

use std::collections::BTreeMap;

use seccompiler::{sock_filter, BpfProgram};
#[cfg(test)]
use seccompiler::{SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule};

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

/// The `clone` flags that make a new namespace: refused.
const NAMESPACE_FLAGS: [libc::c_int; 7] = [
    libc::CLONE_NEWNS,
    libc::CLONE_NEWUSER,
    libc::CLONE_NEWPID,
    libc::CLONE_NEWNET,
    libc::CLONE_NEWIPC,
    libc::CLONE_NEWUTS,
    libc::CLONE_NEWCGROUP,
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

#[cfg(test)]
fn condition(arg: u8, op: SeccompCmpOp, value: u64) -> Result<SeccompCondition, String> {
    SeccompCondition::new(arg, SeccompCmpArgLen::Dword, op, value).map_err(|e| e.to_string())
}

#[cfg(test)]
fn rule(conditions: Vec<SeccompCondition>) -> Result<SeccompRule, String> {
    SeccompRule::new(conditions).map_err(|e| e.to_string())
}

#[cfg(test)]
fn target_arch() -> Result<seccompiler::TargetArch, String> {
    std::env::consts::ARCH.try_into().map_err(|e: seccompiler::BackendError| format!("seccomp: {e}"))
}

/// The compiled filters, built once per process: they depend on nothing but
/// the architecture, and compiling them took a measurable part of each
/// program's start. Each run still installs them itself.
static COMPILED: std::sync::OnceLock<Result<Vec<BpfProgram>, String>> = std::sync::OnceLock::new();

/// The filters to install (in order) just before `execve`, compiled on the
/// first call and copied after that: one program, see [`search`].
pub fn build_filters() -> Result<Vec<BpfProgram>, String> {
    COMPILED.get_or_init(compile_filters).clone()
}

/// Compiles the rules into the one program installed.
fn compile_filters() -> Result<Vec<BpfProgram>, String> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => AUDIT_ARCH_X86_64,
        "aarch64" => AUDIT_ARCH_AARCH64,
        other => return Err(format!("seccomp: no filter for the {other} architecture")),
    };
    let mut program =
        vec![load(ARCH_OFFSET), jump(JEQ, arch, 1, 0), ret(libc::SECCOMP_RET_KILL_PROCESS), load(NR_OFFSET)];
    let mut intervals = intervals(&answers());
    if arch == AUDIT_ARCH_X86_64 {
        // x32 calls (the number with bit 30 set) have the native
        // architecture's tag and would pass the checks under other
        // numbers: answered as by a kernel without x32.
        intervals.push((X32_SYSCALL_BIT, Some(Answer::Always(errno(libc::ENOSYS)))));
    }
    program.extend(search(&intervals));
    if program.len() > BPF_MAXINSNS {
        return Err(format!("seccomp filter: {} instructions, over the kernel's {BPF_MAXINSNS}", program.len()));
    }
    Ok(vec![program])
}

/// What the filter answers to one system call that it does not simply allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// Always this action.
    Always(u32),
    /// `ioctl`: EPERM for TIOCSTI and TIOCLINUX, which push bytes into a
    /// terminal's input queue.
    Ioctl,
    /// `personality`: queries (0xffffffff) and the default (0) only;
    /// changes (e.g. disabling ASLR) get EPERM.
    Personality,
    /// `clone`: EPERM with any namespace flag; plain fork and threads pass.
    Clone,
    /// `socket`, `socketpair`: EAFNOSUPPORT outside the allowed families.
    SocketFamily,
}

/// Every system call the filter does not simply allow, by number.
fn answers() -> BTreeMap<u32, Answer> {
    let mut answers: BTreeMap<u32, Answer> =
        DENIED.iter().map(|(_, nr)| (*nr as u32, Answer::Always(errno(libc::EPERM)))).collect();
    answers.insert(libc::SYS_ioctl as u32, Answer::Ioctl);
    answers.insert(libc::SYS_personality as u32, Answer::Personality);
    answers.insert(libc::SYS_clone as u32, Answer::Clone);
    // clone3 passes its flags in memory, out of the filter's sight: ENOSYS
    // makes libc fall back to clone, whose flags are checked.
    answers.insert(libc::SYS_clone3 as u32, Answer::Always(errno(libc::ENOSYS)));
    // Runtimes that probe (for IPv6, say) already handle an unsupported
    // family.
    answers.insert(libc::SYS_socket as u32, Answer::SocketFamily);
    answers.insert(libc::SYS_socketpair as u32, Answer::SocketFamily);
    answers
}

// Classic BPF, as seccomp runs it (linux/filter.h, linux/seccomp.h).
const LD_W_ABS: u16 = 0x20;
const JA: u16 = 0x05;
const JEQ: u16 = 0x15;
const JGE: u16 = 0x35;
const JSET: u16 = 0x45;
const RET: u16 = 0x06;
const BPF_MAXINSNS: usize = 4096;
const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
const AUDIT_ARCH_AARCH64: u32 = 0xc000_00b7;
const X32_SYSCALL_BIT: u32 = 0x4000_0000;
/// Offsets in `struct seccomp_data`: the call's number, its architecture,
/// then six 64-bit arguments after the instruction pointer.
const NR_OFFSET: u32 = 0;
const ARCH_OFFSET: u32 = 4;

/// The offset of argument `index`'s low 32 bits (the filter compares
/// those: the flags, commands and families it checks are 32-bit values).
fn arg_low(index: u32) -> u32 {
    16 + 8 * index + if cfg!(target_endian = "big") { 4 } else { 0 }
}

fn load(offset: u32) -> sock_filter {
    sock_filter { code: LD_W_ABS, jt: 0, jf: 0, k: offset }
}

fn jump(code: u16, k: u32, jt: u8, jf: u8) -> sock_filter {
    sock_filter { code, jt, jf, k }
}

fn ret(action: u32) -> sock_filter {
    sock_filter { code: RET, jt: 0, jf: 0, k: action }
}

fn errno(error: i32) -> u32 {
    libc::SECCOMP_RET_ERRNO | (error as u32 & libc::SECCOMP_RET_DATA)
}

/// The instructions deciding one call once its number matched (each ends
/// in a return; its jumps stay inside it).
fn handler(answer: Answer) -> Vec<sock_filter> {
    let allow = libc::SECCOMP_RET_ALLOW;
    let eperm = errno(libc::EPERM);
    match answer {
        Answer::Always(action) => vec![ret(action)],
        Answer::Ioctl => vec![
            load(arg_low(1)),
            jump(JEQ, libc::TIOCSTI as u32, 2, 0),
            jump(JEQ, libc::TIOCLINUX as u32, 1, 0),
            ret(allow),
            ret(eperm),
        ],
        Answer::Personality => {
            vec![load(arg_low(0)), jump(JEQ, 0xffff_ffff, 2, 0), jump(JEQ, 0, 1, 0), ret(eperm), ret(allow)]
        }
        Answer::Clone => {
            let namespaces = NAMESPACE_FLAGS.iter().fold(0u32, |mask, flag| mask | *flag as u32);
            vec![load(arg_low(0)), jump(JSET, namespaces, 0, 1), ret(eperm), ret(allow)]
        }
        Answer::SocketFamily => {
            let mut code = vec![load(arg_low(0))];
            let families = ALLOWED_SOCKET_FAMILIES.len();
            for (i, (_, family)) in ALLOWED_SOCKET_FAMILIES.iter().enumerate() {
                // To the final "allow", past the remaining checks and the refusal.
                code.push(jump(JEQ, *family as u32, (families - i) as u8, 0));
            }
            code.push(ret(errno(libc::EAFNOSUPPORT)));
            code.push(ret(allow));
            code
        }
    }
}

/// The call numbers cut into intervals of one answer each, as (first
/// number, answer; `None` allows), in order from 0: neighbouring numbers
/// with the same answer (mount, umount2, swapon, ... on x86_64) share one.
fn intervals(answers: &BTreeMap<u32, Answer>) -> Vec<(u32, Option<Answer>)> {
    let mut intervals: Vec<(u32, Option<Answer>)> = Vec::new();
    let mut push = |start: u32, answer: Option<Answer>| {
        if intervals.last().is_none_or(|(_, last)| *last != answer) {
            intervals.push((start, answer));
        }
    };
    let mut next = 0;
    for (&nr, &answer) in answers {
        if nr > next {
            push(next, None);
        }
        push(nr, Some(answer));
        next = nr + 1;
    }
    push(next, None);
    intervals
}

/// A binary search over `intervals` (the call's number in the
/// accumulator): each call is decided after about log2(n) comparisons
/// instead of one per listed call, and the program is about a comparison
/// and an answer per interval. That is what makes the filter cheap to
/// install: the kernel converts and JIT-compiles every instruction, and
/// emulates the program for every call number when it is attached (to
/// find the calls it may allow without running it).
fn search(intervals: &[(u32, Option<Answer>)]) -> Vec<sock_filter> {
    match intervals {
        [] | [(_, None)] => vec![ret(libc::SECCOMP_RET_ALLOW)],
        [(_, Some(answer))] => handler(*answer),
        _ => {
            let (below, from) = intervals.split_at(intervals.len() / 2);
            let (left, right) = (search(below), search(from));
            let pivot = from[0].0;
            // At or above the pivot: over the lower half, with the
            // conditional jump itself when it reaches (8 bits), else with
            // an unconditional one (32 bits).
            let mut code = match u8::try_from(left.len()) {
                Ok(over) => vec![jump(JGE, pivot, over, 0)],
                Err(_) => vec![jump(JGE, pivot, 0, 1), sock_filter { code: JA, jt: 0, jf: 0, k: left.len() as u32 }],
            };
            code.extend(left);
            code.extend(right);
            code
        }
    }
}

/// The same rules compiled by `seccompiler` into three filters (one per
/// answer), as they were once installed: the reference that
/// [`compile_filters`]'s program must decide every call like.
#[cfg(test)]
fn compile_separately() -> Result<Vec<BpfProgram>, String> {
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
    let mut clone_rules = Vec::new();
    for flag in NAMESPACE_FLAGS {
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
    fn filters_compile_into_one_program() {
        let programs = build_filters().expect("filters build");
        assert_eq!(programs.len(), 1, "one filter to install");
        assert!(programs[0].len() > DENIED.len(), "every denied call has a jump");
    }

    /// Runs a classic BPF seccomp program on one call, as the kernel does:
    /// the action it returns.
    fn decide(program: &[sock_filter], nr: i64, args: [u64; 6]) -> u32 {
        run(program, nr, args).0
    }

    /// The action, and how many instructions ran to reach it.
    fn run(program: &[sock_filter], nr: i64, args: [u64; 6]) -> (u32, usize) {
        let arch: u32 = if cfg!(target_arch = "x86_64") { 0xc000_003e } else { 0xc000_00b7 };
        // struct seccomp_data: nr, arch, instruction pointer, args.
        let mut data = [0u8; 64];
        data[0..4].copy_from_slice(&(nr as u32).to_ne_bytes());
        data[4..8].copy_from_slice(&arch.to_ne_bytes());
        for (i, arg) in args.iter().enumerate() {
            data[16 + 8 * i..24 + 8 * i].copy_from_slice(&arg.to_ne_bytes());
        }
        let word =
            |offset: u32| u32::from_ne_bytes(data[offset as usize..offset as usize + 4].try_into().expect("4 bytes"));
        let (mut acc, mut pc, mut steps) = (0u32, 0usize, 0usize);
        loop {
            let i = &program[pc];
            steps += 1;
            let class = i.code & 0x07;
            match class {
                0x00 => acc = word(i.k),                     // BPF_LD | BPF_W | BPF_ABS
                0x04 if i.code & 0xf0 == 0x50 => acc &= i.k, // BPF_ALU | BPF_AND | BPF_K
                0x05 => {
                    let taken = match i.code & 0xf0 {
                        0x00 => {
                            pc += 1 + i.k as usize;
                            continue;
                        }
                        0x10 => acc == i.k,
                        0x20 => acc > i.k,
                        0x30 => acc >= i.k,
                        0x40 => acc & i.k != 0,
                        op => panic!("jump {op:#x} not modelled"),
                    };
                    let offset = if taken { i.jt } else { i.jf };
                    pc += 1 + usize::from(offset);
                    continue;
                }
                0x06 => return (i.k, steps),
                _ => panic!("instruction {:#x} not modelled", i.code),
            }
            pc += 1;
        }
    }

    /// What the kernel answers with several filters installed: the most
    /// restrictive of their answers (the lowest action, signed).
    fn stacked(programs: &[BpfProgram], nr: i64, args: [u64; 6]) -> u32 {
        programs.iter().map(|p| decide(p, nr, args)).min_by_key(|ret| (ret & 0xffff_0000) as i32).expect("a filter")
    }

    /// The program decides every call as the three filters `seccompiler`
    /// compiles from the same rules would, stacked: for every system call
    /// number, with the arguments that matter.
    #[test]
    fn the_program_decides_as_the_reference_filters() {
        let reference = compile_separately().expect("the reference filters compile");
        let program = &compile_filters().expect("the program compiles")[0];
        let values = [0, 1, 2, libc::AF_NETLINK as u64, libc::TIOCSTI, libc::TIOCLINUX, 0xffff_ffff]
            .into_iter()
            .chain([libc::CLONE_NEWNET as u64, libc::CLONE_NEWUSER as u64, 0x003d_0f00, 0x0040_0000]);
        let values: Vec<u64> = values.collect();
        for nr in 0..=460 {
            for &first in &values {
                for &second in &values {
                    let args = [first, second, 0, 0, 0, 0];
                    assert_eq!(decide(program, nr, args), stacked(&reference, nr, args), "call {nr}, {args:?}");
                }
            }
        }
    }

    /// The point of the search: short enough to install cheaply (the
    /// kernel converts, compiles and emulates it at every program's start),
    /// and no call runs through more than a few comparisons.
    #[test]
    fn the_program_is_short_and_every_path_is_too() {
        let program = &compile_filters().expect("the program compiles")[0];
        assert!(program.len() < 200, "{} instructions", program.len());
        let longest = (0..=460).map(|nr| run(program, nr, [0; 6]).1).max().expect("calls");
        assert!(longest <= 20, "a call runs {longest} instructions");
    }

    /// The answers meant, one by one.
    #[test]
    fn the_program_answers_as_documented() {
        let program = &compile_filters().expect("the program compiles")[0];
        let errno = |e: i32| 0x0005_0000 | e as u32;
        let allow = libc::SECCOMP_RET_ALLOW;
        let namespace = libc::CLONE_NEWNET as u64;
        #[rustfmt::skip]
        let cases: &[(&str, i64, [u64; 6], u32)] = &[
            ("read", libc::SYS_read, [0; 6], allow),
            ("ptrace", libc::SYS_ptrace, [0; 6], errno(libc::EPERM)),
            ("mount", libc::SYS_mount, [0; 6], errno(libc::EPERM)),
            ("io_uring_setup", libc::SYS_io_uring_setup, [0; 6], errno(libc::EPERM)),
            ("ioctl TCGETS", libc::SYS_ioctl, [1, libc::TCGETS, 0, 0, 0, 0], allow),
            ("ioctl TIOCSTI", libc::SYS_ioctl, [1, libc::TIOCSTI, 0, 0, 0, 0], errno(libc::EPERM)),
            ("personality query", libc::SYS_personality, [0xffff_ffff, 0, 0, 0, 0, 0], allow),
            ("personality change", libc::SYS_personality, [0x0040_0000, 0, 0, 0, 0, 0], errno(libc::EPERM)),
            ("clone, a thread", libc::SYS_clone, [0x003d_0f00, 0, 0, 0, 0, 0], allow),
            ("clone, a namespace", libc::SYS_clone, [namespace, 0, 0, 0, 0, 0], errno(libc::EPERM)),
            ("clone3", libc::SYS_clone3, [0; 6], errno(libc::ENOSYS)),
            ("socket AF_UNIX", libc::SYS_socket, [libc::AF_UNIX as u64, 1, 0, 0, 0, 0], allow),
            ("socket AF_INET6", libc::SYS_socket, [libc::AF_INET6 as u64, 1, 0, 0, 0, 0], allow),
            ("socket AF_NETLINK", libc::SYS_socket, [libc::AF_NETLINK as u64, 3, 0, 0, 0, 0], errno(libc::EAFNOSUPPORT)),
            ("socketpair AF_PACKET", libc::SYS_socketpair, [libc::AF_PACKET as u64, 3, 0, 0, 0, 0], errno(libc::EAFNOSUPPORT)),
            ("a number past every call", 100_000, [0; 6], allow),
        ];
        for (what, nr, args, expected) in cases {
            assert_eq!(decide(program, *nr, *args), *expected, "{what}");
        }
        if cfg!(target_arch = "x86_64") {
            let x32 = 0x4000_0000 | libc::SYS_ptrace;
            assert_eq!(decide(program, x32, [0; 6]), errno(libc::ENOSYS), "x32 ptrace");
            let x32_read = 0x4000_0000 | libc::SYS_read;
            assert_eq!(decide(program, x32_read, [0; 6]), errno(libc::ENOSYS), "x32 read");
        }
        let mut other_arch = program.clone();
        // The architecture check: the first jump, to the kill when it fails.
        other_arch[1].k ^= 1;
        assert_eq!(decide(&other_arch, libc::SYS_read, [0; 6]), libc::SECCOMP_RET_KILL_PROCESS, "another architecture");
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

/// What installing the filter costs each program's start, against the
/// `seccompiler` reference filters and a one-instruction filter measured
/// in the same run. A micro-benchmark, not a check:
/// `cargo test -p oaj-sandbox --lib seccomp::install_cost -- --ignored --nocapture`.
#[cfg(test)]
mod install_cost {
    use super::*;

    /// The median time, in a forked child, of installing `programs` (µs).
    fn install_median(programs: &[BpfProgram], rounds: usize) -> f64 {
        let mut times = Vec::new();
        for _ in 0..rounds {
            let mut fds = [0; 2];
            // SAFETY: plain system calls; the child only measures and exits.
            unsafe {
                assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
                let pid = libc::fork();
                if pid == 0 {
                    libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                    let start = std::time::Instant::now();
                    let ok = install(programs).is_ok();
                    let ns = start.elapsed().as_nanos() as u64;
                    libc::write(fds[1], ns.to_ne_bytes().as_ptr().cast(), 8);
                    libc::_exit(if ok { 0 } else { 1 });
                }
                let mut buf = [0u8; 8];
                libc::read(fds[0], buf.as_mut_ptr().cast(), 8);
                libc::close(fds[0]);
                libc::close(fds[1]);
                let mut status = 0;
                libc::waitpid(pid, &mut status, 0);
                assert_eq!(status, 0, "the filter did not install");
                times.push(u64::from_ne_bytes(buf) as f64 / 1000.0);
            }
        }
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    }

    #[test]
    #[ignore = "a micro-benchmark; run it with --ignored --nocapture"]
    fn measure() {
        let program = compile_filters().expect("the program compiles");
        let reference = compile_separately().expect("the reference filters compile");
        let trivial = vec![vec![ret(libc::SECCOMP_RET_ALLOW)]];
        let lengths: Vec<usize> = reference.iter().map(Vec::len).collect();
        eprintln!("instructions: the program {}, the reference filters {lengths:?}", program[0].len());
        for _ in 0..3 {
            let (one, reference, program) =
                (install_median(&trivial, 1000), install_median(&reference, 1000), install_median(&program, 1000));
            eprintln!(
                "median install: one instruction {one:.0} µs, reference {reference:.0} µs ({:.1}x), program {program:.0} µs ({:.1}x)",
                reference / one,
                program / one
            );
        }
    }
}
