//! Real runs through the isolated sandbox: the toolchains the judge uses
//! compile and run inside it, and what it measures is plausible.

mod sandbox_support;

use std::os::unix::fs::MetadataExt;
use std::time::Duration;

use oaj_sandbox::{LimitHit, SandboxError, Stdin, Termination};
use sandbox_support::*;

const ECHO_C: &str = r#"
#include <stdio.h>
int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 3;
    printf("%lld\n", a + b);
    fprintf(stderr, "uid=%d\n", (int)getuid());
    return 0;
}
"#;

#[test]
fn c_compiles_and_runs_with_stdin_bytes_and_file() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let owner_before = std::fs::metadata(dir.path()).expect("meta").uid();
    let compiled = compile_c(
        &sandbox,
        dir.path(),
        &ECHO_C.replace("#include <stdio.h>", "#include <stdio.h>\n#include <unistd.h>"),
        &[],
    );
    assert!(compiled.success(), "gcc failed: {}", String::from_utf8_lossy(&compiled.stderr));
    assert!(dir.path().join("main").is_file(), "the binary lands in the work dir");

    let mut run = spec(dir.path(), "./main", &[], limits(1000, 64));
    run.stdin = Stdin::Bytes(b"2 40\n".to_vec());
    let outcome = sandbox.run(&run).expect("run");
    assert_eq!(outcome.termination, Termination::Exited(0));
    assert_eq!(outcome.stdout, b"42\n");
    assert_eq!(outcome.stderr, b"uid=65534\n", "runs as the unprivileged uid");
    assert_eq!(outcome.limit_hit, None);
    assert!(outcome.peak_memory_bytes > 0 && outcome.peak_memory_bytes < 64 << 20);
    assert!(outcome.wall_time < Duration::from_secs(1));

    let input = tempfile::NamedTempFile::new().expect("input file");
    std::fs::write(input.path(), "100 -1\n").expect("write input");
    run.stdin = Stdin::File(input.path().to_path_buf());
    let outcome = sandbox.run(&run).expect("run");
    assert_eq!(outcome.stdout, b"99\n");

    assert_eq!(
        std::fs::metadata(dir.path()).expect("meta").uid(),
        owner_before,
        "the work dir is given back to its owner"
    );
}

#[test]
fn missing_program_is_a_spawn_error() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    for program in ["no-such-compiler", "./no-such-binary"] {
        match sandbox.run(&spec(dir.path(), program, &[], limits(1000, 64))) {
            Err(SandboxError::Spawn { program: p, .. }) => assert_eq!(p, program),
            other => panic!("{program}: expected a spawn error, got {other:?}"),
        }
    }
}

#[test]
fn python_compiles_and_runs() {
    if !have("python3") {
        return;
    }
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.py"), "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n")
        .expect("write");
    let mut check = spec(
        dir.path(),
        "python3",
        &["-c", "import py_compile,sys; py_compile.compile('main.py', doraise=True)"],
        limits(10_000, 256),
    );
    check.env.push(("PYTHONDONTWRITEBYTECODE".into(), "1".into()));
    let outcome = sandbox.run(&check).expect("py_compile");
    assert!(outcome.success(), "py_compile: {}", String::from_utf8_lossy(&outcome.stderr));

    let mut run = spec(dir.path(), "python3", &["-S", "main.py"], limits(3000, 256));
    run.stdin = Stdin::Bytes(b"1 2 3\n".to_vec());
    let outcome = sandbox.run(&run).expect("python");
    assert!(outcome.success(), "python: {}", String::from_utf8_lossy(&outcome.stderr));
    assert_eq!(outcome.stdout, b"6\n");
}

#[test]
fn rust_compiles_with_its_sysroot_read_only() {
    let Some(sysroot) = rustc_sysroot() else { return };
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.rs"), "fn main() { println!(\"hi\"); }\n").expect("write");
    let rustc = sysroot.join("bin/rustc");
    let mut compile = spec(
        dir.path(),
        &rustc.to_string_lossy(),
        &["--edition", "2021", "-O", "-C", "debuginfo=0", "-o", "main", "main.rs"],
        limits(30_000, 1024),
    );
    compile.read_only_paths = vec![sysroot];
    compile.limits.processes = 64;
    let outcome = sandbox.run(&compile).expect("rustc");
    assert!(outcome.success(), "rustc: {}", String::from_utf8_lossy(&outcome.stderr));
    let outcome = sandbox.run(&spec(dir.path(), "./main", &[], limits(1000, 64))).expect("run");
    assert_eq!(outcome.stdout, b"hi\n");
}

#[test]
fn java_is_not_mle_at_256_mb() {
    if !have("javac") {
        return;
    }
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    // Touches a 120 MB array in a 256 MB heap: a normal "big array" solution.
    std::fs::write(
        dir.path().join("Main.java"),
        "public class Main { public static void main(String[] a) { \
           int[] big = new int[30_000_000]; for (int i = 0; i < big.length; i += 1024) big[i] = i; \
           System.out.println(big[1024]); } }\n",
    )
    .expect("write");
    let mut compile = spec(
        dir.path(),
        "javac",
        &["-encoding", "UTF-8", "-J-Xmx512m", "-J-XX:+UseSerialGC", "Main.java"],
        limits(30_000, 1024),
    );
    compile.limits.processes = 128;
    let outcome = sandbox.run(&compile).expect("javac");
    assert!(outcome.success(), "javac: {}", String::from_utf8_lossy(&outcome.stderr));
    let mut run = spec(
        dir.path(),
        "java",
        &["-Xmx256m", "-Xss64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4", "-Xshare:auto", "-cp", ".", "Main"],
        limits(4000, 256 + 160),
    );
    run.limits.processes = 128;
    let outcome = sandbox.run(&run).expect("java");
    assert!(outcome.success(), "java: {outcome:?} {}", String::from_utf8_lossy(&outcome.stderr));
    assert_eq!(outcome.stdout, b"1024\n");
}

#[test]
fn node_checks_and_runs() {
    if !have("node") {
        return;
    }
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.js"), "console.log([1,2,3].reduce((a,b)=>a+b));\n").expect("write");
    let mut check = spec(dir.path(), "node", &["--check", "main.js"], limits(10_000, 512));
    check.limits.processes = 32;
    let outcome = sandbox.run(&check).expect("node --check");
    assert!(outcome.success(), "node --check: {outcome:?} {}", String::from_utf8_lossy(&outcome.stderr));
    let mut run = spec(dir.path(), "node", &["--stack-size=65500", "main.js"], limits(3000, 256 + 64));
    run.limits.processes = 32;
    let outcome = sandbox.run(&run).expect("node");
    assert!(outcome.success(), "node: {}", String::from_utf8_lossy(&outcome.stderr));
    assert_eq!(outcome.stdout, b"6\n");
}

#[test]
fn concurrent_runs_are_independent() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let compiled = compile_c(
        &sandbox,
        dir.path(),
        "#include <stdio.h>\nint main(void){int x; if(scanf(\"%d\",&x)!=1) return 2; printf(\"%d\\n\", x*2); return 0;}\n",
        &[],
    );
    assert!(compiled.success());
    let leaks_before = leftover_cgroups();
    let handles: Vec<_> = (0..6)
        .map(|i| {
            let sandbox = sandbox.clone();
            let work = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut run = spec(&work, "./main", &[], limits(1000, 64));
                run.stdin = Stdin::Bytes(format!("{i}\n").into_bytes());
                // As the judge runs cases: nothing copied back. Keeping
                // everything would have each run rewrite `main` in the
                // shared work dir while the others copy it in.
                run.keep = oaj_sandbox::Keep::Nothing;
                (i, sandbox.run(&run).expect("run"))
            })
        })
        .collect();
    for handle in handles {
        let (i, outcome) = handle.join().expect("thread");
        assert_eq!(outcome.stdout, format!("{}\n", i * 2).into_bytes());
    }
    let mut leaks = Vec::new();
    for _ in 0..30 {
        leaks = leftover_cgroups().into_iter().filter(|c| !leaks_before.contains(c)).collect();
        if leaks.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(leaks.is_empty(), "run cgroups left behind: {leaks:?}");

    // The check itself can fail: a run cgroup of no living process, planted
    // where the sandbox puts its own, is found (on v1 and on pure v2 alike).
    // Its name is one the sandbox's sweep of stale cgroups leaves alone.
    if sandbox.protections().is_active(oaj_sandbox::ProtectionKind::Cgroups) {
        let base = oaj_sandbox::own_cgroup_dirs().into_iter().next().expect("a cgroup directory of our own");
        let planted = base.join(format!("oaj-run-leakcheck-{}", std::process::id()));
        std::fs::create_dir(&planted).expect("plant a cgroup");
        let found = leftover_cgroups().contains(&planted);
        std::fs::remove_dir(&planted).expect("remove the planted cgroup");
        assert!(found, "the leak check misses {}", planted.display());
    }
}

#[test]
fn memory_limit_is_mle_and_segfault_is_re() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let source = r#"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
int main(int argc, char **argv) {
    if (argv[1][0] == 's') { volatile int *p = 0; *p = 1; }
    size_t n = 0;
    for (;;) { char *p = malloc(1 << 20); if (!p) return 1; memset(p, 1, 1 << 20); n++; }
}
"#;
    assert!(compile_c(&sandbox, dir.path(), source, &[]).success());
    let outcome = sandbox.run(&spec(dir.path(), "./main", &["mem"], limits(5000, 64))).expect("run");
    assert_eq!(outcome.limit_hit, Some(LimitHit::Memory), "{outcome:?}");
    assert!(outcome.peak_memory_bytes >= 60 << 20, "peak {}", outcome.peak_memory_bytes);
    let outcome = sandbox.run(&spec(dir.path(), "./main", &["segv"], limits(5000, 64))).expect("run");
    assert_eq!(outcome.termination, Termination::Signaled(libc_sigsegv()));
    assert_eq!(outcome.limit_hit, None);
}

fn libc_sigsegv() -> i32 {
    11
}

/// The sandbox uses cgroup v2 wherever the host's v2 hierarchy has the
/// memory and pids controllers, else v1: so on a v2 host every run of these
/// suites goes through the v2 path.
#[test]
fn cgroup_version_follows_the_host() {
    let sandbox = sandbox();
    let protections = sandbox.protections();
    let cgroup = protections.get(oaj_sandbox::ProtectionKind::Cgroups).expect("a cgroups entry");
    let v2_controllers = ["/sys/fs/cgroup/cgroup.controllers", "/sys/fs/cgroup/unified/cgroup.controllers"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .any(|c| {
            let c: Vec<&str> = c.split_whitespace().collect();
            c.contains(&"memory") && c.contains(&"pids")
        });
    if !cgroup.active {
        // No delegated cgroup here (a container, a normal user): nothing to
        // compare; the warning path is covered by `oaj doctor`.
        return;
    }
    if v2_controllers {
        assert!(cgroup.detail.starts_with("cgroup v2"), "{}", cgroup.detail);
    } else {
        assert!(cgroup.detail.starts_with("cgroup v1"), "{}", cgroup.detail);
    }
}

/// Listens on, or connects to, an abstract Unix socket (argv[2]); "self"
/// does both within one run.
const ABSTRACT_SOCKET_C: &str = r#"
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
static socklen_t address(struct sockaddr_un *a, const char *name) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strncpy(a->sun_path + 1, name, sizeof a->sun_path - 2);
    return (socklen_t)(sizeof(sa_family_t) + 1 + strlen(name));
}
static int listener(const char *name) {
    struct sockaddr_un a; socklen_t len = address(&a, name);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&a, len) != 0 || listen(s, 4) != 0) return -1;
    return s;
}
static int try_connect(const char *name) {
    struct sockaddr_un a; socklen_t len = address(&a, name);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    return c >= 0 && connect(c, (struct sockaddr *)&a, len) == 0;
}
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    if (!strcmp(argv[1], "listen")) {
        if (listener(argv[2]) < 0) { puts("bind failed"); return 1; }
        sleep(argc > 3 ? atoi(argv[3]) : 2);
        puts("listened");
        return 0;
    }
    if (!strcmp(argv[1], "self")) {
        if (listener(argv[2]) < 0) { puts("bind failed"); return 1; }
        puts(try_connect(argv[2]) ? "connected" : "refused");
        return 0;
    }
    for (int i = 0; i < 30; i++) {
        if (try_connect(argv[2])) { puts("connected"); return 0; }
        usleep(50000);
    }
    puts("refused");
    return 0;
}
"#;

/// Runs may share one network namespace (see docs/sandbox.md), whose
/// abstract Unix socket names are common to all: a run must still not reach
/// another run's socket, while its own processes can.
#[test]
fn concurrent_runs_cannot_reach_each_others_abstract_sockets() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let compiled = compile_c(&sandbox, dir.path(), ABSTRACT_SOCKET_C, &[]);
    assert!(compiled.success(), "gcc failed: {}", String::from_utf8_lossy(&compiled.stderr));
    let name = format!("oaj-test-{}", std::process::id());

    let own = sandbox.run(&spec(dir.path(), "./main", &["self", &name], limits(1000, 64))).expect("run");
    assert_eq!(own.stdout, b"connected\n", "within one run abstract sockets work");

    // The listener listens for 6 s; the connector starts once the socket is
    // bound (seen in the listener's own network namespace) and retries for
    // 1.5 s, well inside those 6 s however slow the machine is.
    let listening = {
        let sandbox = sandbox.clone();
        let work = dir.path().to_path_buf();
        let name = name.clone();
        std::thread::spawn(move || {
            let mut listen = spec(&work, "./main", &["listen", &name, "6"], limits(1000, 64));
            listen.limits.wall_time = Duration::from_secs(20);
            sandbox.run(&listen).expect("listener run")
        })
    };
    let bound = format!("@{name}");
    wait_until("the listener has bound its socket", Duration::from_secs(30), || {
        listening.is_finished()
            || pids_mentioning(&format!("listen {name}"))
                .into_iter()
                .any(|pid| net_table_of_process_mentions(pid, "unix", &bound))
    });
    let connector =
        sandbox.run(&spec(dir.path(), "./main", &["connect", &name], limits(1000, 64))).expect("connector run");
    assert!(!listening.is_finished(), "the listener ended before the connector did: the runs did not overlap");
    let listener = listening.join().expect("listener thread");
    assert_eq!(listener.stdout, b"listened\n", "the listener was listening all along");
    assert_eq!(connector.stdout, b"refused\n", "a run reached another run's abstract socket");
}

/// Receives on, or sends to, NETLINK_USERSOCK port argv[2]; prints what
/// happened. Runs that share a network namespace share netlink ports.
const NETLINK_C: &str = r#"
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
    if (fd < 0) { printf("no netlink\n"); return 0; }
    unsigned port = (unsigned)atoi(argv[2]);
    char buf[256];
    if (strcmp(argv[1], "receive") == 0) {
        struct sockaddr_nl me = {.nl_family = AF_NETLINK, .nl_pid = port};
        if (bind(fd, (struct sockaddr *)&me, sizeof me) != 0) { printf("bind failed\n"); return 0; }
        struct timeval tv = {.tv_sec = 6};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        printf(n > 0 ? "received\n" : "nothing\n");
        return 0;
    }
    struct sockaddr_nl to = {.nl_family = AF_NETLINK, .nl_pid = port};
    struct nlmsghdr msg = {.nlmsg_len = sizeof msg, .nlmsg_type = NLMSG_NOOP};
    int sent = 0;
    for (int i = 0; i < 15 && !sent; i++) {
        sent = sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&to, sizeof to) > 0;
        if (!sent) usleep(100000);
    }
    printf(sent ? "sent\n" : "unsent\n");
    return 0;
}
"#;

/// Two runs at the same time must not exchange a netlink message (they
/// would share NETLINK_USERSOCK ports in the shared network namespace).
#[test]
fn concurrent_runs_cannot_exchange_netlink_messages() {
    let sandbox = sandbox();
    let dir = tempfile::tempdir().expect("tempdir");
    let compiled = compile_c(&sandbox, dir.path(), NETLINK_C, &[]);
    assert!(compiled.success(), "gcc failed: {}", String::from_utf8_lossy(&compiled.stderr));
    let port = (std::process::id() % 100_000 + 100_000).to_string();
    let receiving = {
        let sandbox = sandbox.clone();
        let work = dir.path().to_path_buf();
        let port = port.clone();
        std::thread::spawn(move || {
            let mut receive = spec(&work, "./main", &["receive", &port], limits(1000, 64));
            receive.limits.wall_time = Duration::from_secs(20);
            sandbox.run(&receive).expect("receiver run")
        })
    };
    // The sender starts once the receiver is bound to its port (or has
    // ended: netlink refused), not after a guessed delay.
    let receiver_pid = || pids_mentioning(&format!("receive {port}"));
    wait_until("the receiver has bound its netlink port or ended", Duration::from_secs(30), || {
        receiving.is_finished()
            || receiver_pid().into_iter().any(|pid| {
                // /proc/net/netlink lists the port (decimal) in its third column.
                std::fs::read_to_string(format!("/proc/{pid}/net/netlink"))
                    .is_ok_and(|table| table.lines().any(|line| line.split_whitespace().nth(2) == Some(port.as_str())))
            })
    });
    let sender = sandbox.run(&spec(dir.path(), "./main", &["send", &port], limits(1000, 64))).expect("sender run");
    let receiver = receiving.join().expect("receiver thread");
    let (sent, received) = (String::from_utf8_lossy(&sender.stdout), String::from_utf8_lossy(&receiver.stdout));
    assert_ne!(received.trim(), "received", "a run received another run's netlink message (sender: {sent})");
    assert_eq!((sent.trim(), received.trim()), ("no netlink", "no netlink"), "netlink sockets must be refused");
}
