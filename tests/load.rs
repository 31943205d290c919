#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The short load test of CI: `oaj bench --server --members 5` for 20 s on
//! a loopback port. Every member takes at least one whole OA (pages,
//! autosaves, a run, a wrong and a right submission per problem, finish,
//! report) with the verdicts it expects, and nothing fails. The full run
//! (30 members, three minutes) is recorded in docs/performance.md.

mod support;

use support::{toolchain_available, TestDir};

#[test]
fn five_members_take_oas_for_twenty_seconds_without_an_error() {
    if !toolchain_available("python") {
        return;
    }
    let t = TestDir::new();
    let output = t
        .oaj()
        .args(["bench", "--server", "--members", "5", "--duration", "20", "--think-ms", "300"])
        .args(["--cases", "5", "--langs", "python"])
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("errors: 0"), "{stdout}");
    let count = |label: &str| -> usize {
        let line = stdout.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label}: {stdout}"));
        line[label.len()..].split_whitespace().next().unwrap().parse().unwrap()
    };
    let finished: usize =
        stdout.split(" OAs finished").next().unwrap().split_whitespace().last().unwrap().parse().unwrap();
    assert!(finished >= 5, "every member finished an OA: {stdout}");
    // Per OA: home, two editor pages and the report; two runs; four submissions.
    assert!(count("page loads") >= 4 * finished, "{stdout}");
    assert!(count("run to result") >= 2 * finished, "{stdout}");
    assert!(count("submit to verdict") >= 4 * finished, "{stdout}");
    assert!(count("autosaves") >= 6 * finished, "{stdout}");
}
